"""How a project treats newcomers, from the recent activity the fetch layer collected.

``RepoSignals`` hold maintainers' answers, reviews and activity and the newcomers' share of merged
work; the project features of the newcomer model (``IssueSignals.repo_*``) come from here too.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from ossmatch.models import Issue, PullRequest, Repo
from ossmatch.repo_facts import merge_history
from ossmatch.vocabulary import (
    ACTIVITY_WINDOW,
    MAINTAINER_ASSOCIATIONS,
    RESPONSE_GRACE,
    acting_maintainers,
    first_merges,
    is_maintainer,
    is_newcomer_pull,
)


def _hours(a: datetime, b: datetime) -> float:
    return (b - a).total_seconds() / 3600.0


def newcomer_pulls(repo: Repo) -> list[PullRequest]:
    """Recent human pull requests written by newcomers, judged by merge history (see
    :func:`ossmatch.vocabulary.is_newcomer_pull`), not by the association GitHub shows today."""
    first = first_merges(merge_history(repo.recent_pulls))
    # People who merge or triage are maintainers whatever their (private) association says.
    known = acting_maintainers((*repo.recent_issues, *repo.closed_issues), repo.recent_pulls)
    return [p for p in repo.recent_pulls
            if is_newcomer_pull(p, first) and (p.author.login or "").lower() not in known]


def newcomer_share(repo: Repo) -> float | None:
    """Share of recently merged human pull requests whose author was a newcomer when it merged
    (their first merge in the project): RecGFI's ``proissnewratio``, the share of resolved work
    done by newcomers. None when unknown."""
    counts = newcomer_share_counts(repo)
    return counts[0] / counts[1] if counts else None


def newcomer_share_counts(repo: Repo) -> tuple[int, int] | None:
    """(by newcomers, all) recently merged human pull requests: the share's sample; None when unknown."""
    if not repo.has_activity:
        return None
    merged = [p for p in repo.recent_pulls if p.merged and not p.author.is_bot and p.author.login is not None]
    if not merged:
        return None
    newcomers = {p.number for p in newcomer_pulls(repo)}
    return sum(p.number in newcomers for p in merged), len(merged)


def median_close_hours(repo: Repo) -> float | None:
    """Median open-to-close time of recently closed issues (None when unknown)."""
    if not repo.has_activity:
        return None
    durations = [
        _hours(i.created_at, i.closed_at)
        for i in repo.closed_issues
        if i.closed_at is not None and i.closed_at >= i.created_at
    ]
    return float(statistics.median(durations)) if durations else None


class RepoSignals(BaseModel):
    """How maintainers treat outsiders; every activity field is None when unknown, never 0."""

    model_config = ConfigDict(frozen=True)

    median_first_response_hours: float | None = None
    #: Share of sampled non-maintainer issues that got a maintainer reply.
    response_rate: float | None = None
    #: Share of decided (merged or closed) newcomer pull requests that were merged.
    newcomer_pr_merge_rate: float | None = None
    newcomer_pr_count: int | None = None
    median_first_review_hours: float | None = None
    maintainer_active_90d: bool | None = None
    last_maintainer_activity: datetime | None = None
    newcomer_share: float | None = None
    median_close_hours: float | None = None
    #: Sample sizes behind the figures above.
    issues_sampled: int = 0
    #: Outsiders' issues old enough to judge (answered, or unanswered past the grace period).
    issues_judged: int = 0
    responded_issues: int = 0
    pulls_sampled: int = 0
    newcomer_prs_decided: int = 0
    closed_sampled: int = 0
    #: (by newcomers, all) recently merged human pull requests behind ``newcomer_share``: read once per
    #: repository for every issue's reasons; not part of the JSON (the share is).
    newcomer_share_counts: tuple[int, int] | None = Field(default=None, exclude=True)




def first_maintainer_response(issue: Issue,
                              maintainers: frozenset[str] = MAINTAINER_ASSOCIATIONS,
                              known: frozenset[str] = frozenset(),
                              ) -> datetime | None:
    """Earliest comment by a maintainer other than the issue's author (bots never count);
    ``known`` adds people seen acting as maintainers (:func:`acting_maintainers`)."""
    times = [
        c.created_at
        for c in issue.comments
        if is_maintainer(c.author, c.association, maintainers, known)
        and c.author.login != issue.author.login
        and c.created_at >= issue.created_at
    ]
    return min(times) if times else None


def _maintainer_activity_times(repo: Repo, known: frozenset[str] = frozenset()) -> Iterable[datetime]:
    for issue in (*repo.recent_issues, *repo.closed_issues):
        if is_maintainer(issue.author, issue.author_association, known=known):
            yield issue.created_at
        for c in issue.comments:
            if is_maintainer(c.author, c.association, known=known):
                yield c.created_at
    for pr in repo.recent_pulls:
        if is_maintainer(pr.author, pr.author_association, known=known):
            yield pr.created_at
        if pr.merged and pr.merged_at is not None and pr.merged_by:
            yield pr.merged_at
        for r in pr.reviews:
            if r.submitted_at is not None and is_maintainer(r.author, r.association, known=known):
                yield r.submitted_at


def tokenless_repo_signals(repo: Repo, now: datetime) -> RepoSignals:
    """What the tokenless path can tell: maintainer answers in the recent comments, and pushes.

    Active when a maintainer commented, or someone pushed, within the activity window; inactive only
    when the comments were read and neither happened. Response times and merge rates stay unknown.
    """
    if repo.comments_since is None:
        return RepoSignals()
    answers = [c.created_at for c in repo.recent_comments
               if is_maintainer(c.author, c.association) and c.created_at <= now]
    pushed = repo.pushed_at if repo.pushed_at is not None and repo.pushed_at <= now else None
    last = max([*answers, *([pushed] if pushed else [])], default=None)
    active = last is not None and now - last <= ACTIVITY_WINDOW
    return RepoSignals(maintainer_active_90d=active, last_maintainer_activity=max(answers, default=None))


def _outsider_issues(repo: Repo, known: frozenset[str], now: datetime) -> list[Issue]:
    """Issues opened by outsiders (not maintainers, not bots), and only in the same recent window the
    activity verdict uses, so "answers in a day" never describes two years ago."""
    return [
        i for i in repo.recent_issues
        if not i.author.is_bot and not is_maintainer(i.author, i.author_association, known=known)
        and now - i.created_at <= ACTIVITY_WINDOW
    ]


def _issue_responses(sample: list[Issue], known: frozenset[str], now: datetime) -> tuple[list[float], int]:
    """(hours to each maintainer's first answer, issues judged): an unanswered issue counts against
    the rate only once its grace period has passed."""
    response_hours: list[float] = []
    judged = 0
    for issue in sample:
        first = first_maintainer_response(issue, known=known)
        if first is not None:
            response_hours.append(_hours(issue.created_at, first))
            judged += 1
        elif now - issue.created_at >= RESPONSE_GRACE:
            judged += 1
    return response_hours, judged


def _review_hours(repo: Repo, known: frozenset[str], now: datetime) -> list[float]:
    """Hours from each recent outsider's pull request to a maintainer's first review (not the author's own)."""
    review_hours: list[float] = []
    for pr in repo.recent_pulls:
        if pr.author.is_bot or is_maintainer(pr.author, pr.author_association, known=known):
            continue
        if now - pr.created_at > ACTIVITY_WINDOW:
            continue
        times = [
            r.submitted_at for r in pr.reviews
            if r.submitted_at is not None and is_maintainer(r.author, r.association, known=known)
            and r.author.login != pr.author.login
        ]
        if times:
            review_hours.append(_hours(pr.created_at, min(times)))
    return review_hours


def _median(hours: list[float]) -> float | None:
    return float(statistics.median(hours)) if hours else None


def repo_signals(repo: Repo, now: datetime) -> RepoSignals:
    """Maintainer responsiveness and newcomer friendliness from the repo's recent activity."""
    if not repo.has_activity:
        return tokenless_repo_signals(repo, now)
    # People who merge or triage are maintainers even when their org membership is private.
    known = acting_maintainers((*repo.recent_issues, *repo.closed_issues), repo.recent_pulls)
    sample = _outsider_issues(repo, known, now)
    response_hours, judged = _issue_responses(sample, known, now)
    # Pull requests by newcomers.
    newcomer_prs = newcomer_pulls(repo)
    decided = [p for p in newcomer_prs if p.state != "OPEN"]
    activity = [t for t in _maintainer_activity_times(repo, known) if t <= now]
    last = max(activity) if activity else None
    has_any = bool(repo.recent_issues or repo.closed_issues or repo.recent_pulls)
    share = newcomer_share_counts(repo)
    return RepoSignals(
        median_first_response_hours=_median(response_hours),
        response_rate=len(response_hours) / judged if judged else None,
        newcomer_pr_merge_rate=sum(p.merged for p in decided) / len(decided) if decided else None,
        newcomer_pr_count=len(newcomer_prs),
        median_first_review_hours=_median(_review_hours(repo, known, now)),
        maintainer_active_90d=(last is not None and now - last <= ACTIVITY_WINDOW) if has_any else None,
        last_maintainer_activity=last,
        newcomer_share=share[0] / share[1] if share else None,
        newcomer_share_counts=share,
        median_close_hours=median_close_hours(repo),
        issues_sampled=len(sample),
        issues_judged=judged,
        responded_issues=len(response_hours),
        pulls_sampled=len(repo.recent_pulls),
        newcomer_prs_decided=len(decided),
        closed_sampled=sum(1 for i in repo.closed_issues if i.closed_at is not None),
    )


