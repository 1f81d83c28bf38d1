"""Signals computed from one issue and its repository.

``IssueSignals`` mirrors the features of the RecGFI data set (Xiao et al., ICSE 2022) one to one,
so the newcomer model fitted on that data can be applied to live issues.  ``RepoSignals`` describe
how maintainers treat newcomers, from the recent activity the fetch layer collected.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable
from datetime import datetime

from pydantic import BaseModel, ConfigDict, field_serializer

from ossmatch.models import Comment, Issue, PullRequest, Repo
from ossmatch.repo_facts import merge_history
from ossmatch.vocabulary import (
    ACTIVITY_WINDOW,
    MAINTAINER_ASSOCIATIONS,
    NEWCOMER_ASSOCIATIONS,
    RESPONSE_GRACE,
    acting_maintainers,
    first_merges,
    is_maintainer,
    is_newcomer_pull,
)

#: Label categories in RecGFI order (lc0 .. lc11).
LABEL_CATEGORIES: tuple[str, ...] = (
    "gfi", "bug", "test", "build", "docs", "enhancement",
    "coding", "feature", "difficult", "medium", "untriaged", "triaged",
)

_LABEL_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (cat, re.compile(rx))
    for cat, rx in (
        ("gfi", r"good.?first|first.?timers?|first.?contribut|beginner|\beasy\b|starter|"
                r"newcomer|novice|up.?for.?grabs|help.?wanted|low.?hanging|\bhacktoberfest\b|"
                r"\bgfi\b|junior|e-?easy|difficulty.?(low|easy)|complexity.?(low|easy)|\bsmall\b"),
        ("bug", r"\bbugs?\b|defect|crash|regression|\bbroken\b|\berror\b|\bfix\b"),
        ("test", r"\btests?\b|testing|\bci\b|coverage|flaky|\bqa\b"),
        ("build", r"\bbuild|packag|compil|dependenc|\bdeps?\b|install|release|infra"),
        ("docs", r"\bdocs?\b|document|readme|tutorial|typo|website|examples?\b"),
        ("enhancement", r"enhanc|improve|\brefactor|cleanup|clean.?up|polish"),
        ("coding", r"\bcode\b|coding|\bapi\b|implement|\bdev\b|development|\bcore\b"),
        ("feature", r"feature|\brfe\b|proposal|\bidea\b|request"),
        ("difficult", r"\bhard\b|\bdifficult\b|\bcomplex\b|\bmajor\b|challeng|"
                      r"\bexpert\b|advanced|\bhigh\b|critical|\bepic\b"),
        ("medium", r"\bmedium\b|\bmoderate\b|intermediate|\bnormal\b"),
        ("untriaged", r"needs?.?triage|untriaged|un-triaged|to.?triage|awaiting.?triage|"
                      r"\bnew\b|unconfirmed|needs?.?(investigation|confirmation|info)"),
        ("triaged", r"(?<!un)(?<!un-)\btriaged\b|confirmed|accepted|approved|\bready\b"),
    )
)


def categorize_label(name: str) -> set[str]:
    """RecGFI categories a label belongs to ("type: bug" -> {"bug"}); a label may hit several.

    These are the newcomer model's features, with the rules it was fitted on; whether a label is a
    beginner label or an invitation (what suggest, audit and the portal decide and name) is
    ``ossmatch.vocabulary``'s. The ``gfi`` category covers both (``tests/test_vocabulary.py``).
    """
    text = re.sub(r"[\s_\-:/]+", " ", name.lower()).strip()
    cats = {cat for cat, rx in _LABEL_RULES if rx.search(text)}
    if "untriaged" in cats:
        cats.discard("triaged")
    if "gfi" in cats and re.search(r"\b(not|no|non)\b", text):
        cats.discard("gfi")
    return cats


class IssueSignals(BaseModel):
    """Issue features with the exact meaning of the RecGFI columns (see the data README)."""

    model_config = ConfigDict(frozen=True)

    title_words: int
    body_words: int
    url_count: int
    image_count: int
    code_block_count: int
    label_count: int
    label_categories: frozenset[str]
    comment_count: int
    reporter_is_newcomer: bool | None
    reporter_commits: int | None
    repo_newcomer_share: float | None
    repo_open_issues: int | None
    repo_median_close_hours: float | None
    repo_stars: int | None
    repo_contributors: int | None

    @field_serializer("label_categories")
    def _sorted_categories(self, categories: frozenset[str]) -> list[str]:
        """Sorted, so JSON output is the same in every process (set order depends on the hash seed)."""
        return sorted(categories)


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_IMAGE_MD = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_IMAGE_HTML = re.compile(r"<img\b", re.IGNORECASE)
_URL = re.compile(r"https?://[^\s<>()\[\]\"']+", re.IGNORECASE)
_LIST_ITEM = re.compile(r"^\s*([-*+]|\d+[.)])\s")


def split_markdown(body: str) -> tuple[str, int]:
    """Prose without code, plus the number of code blocks (fenced, and indented after a blank
    line outside lists), because logs pasted as code would otherwise dominate word counts."""
    prose: list[str] = []
    blocks = 0
    fence: str | None = None
    prev_blank = True
    in_indented = False
    in_list = False
    for line in body.replace("\r\n", "\n").split("\n"):
        if fence is not None:
            if line.strip().startswith(fence):
                fence = None
                prev_blank = False
            continue
        m = _FENCE.match(line)
        if m:
            fence = m.group(1)[0] * 3
            blocks += 1
            in_indented = False
            continue
        blank = not line.strip()
        if _LIST_ITEM.match(line):
            in_list = True
        elif blank:
            pass
        elif not line.startswith((" ", "\t")):
            in_list = False
        indented = line.startswith(("    ", "\t")) and not blank
        if indented and not in_list and (prev_blank or in_indented):
            if not in_indented:
                blocks += 1
            in_indented = True
            continue
        if not blank:
            in_indented = False
        prose.append(line)
        prev_blank = blank
    return "\n".join(prose), blocks


def count_words(text: str) -> int:
    return len(text.split())


def body_counts(body: str | None) -> tuple[int, int, int, int]:
    """(words, urls, images, code blocks) of a markdown body; None counts as empty."""
    text = body or ""
    prose, blocks = split_markdown(text)
    images = len(_IMAGE_MD.findall(prose)) + len(_IMAGE_HTML.findall(prose))
    without_images = _IMAGE_MD.sub(" ", prose)
    without_images = re.sub(r"<img\b[^>]*>", " ", without_images, flags=re.IGNORECASE)
    urls = len(_URL.findall(without_images))
    return count_words(without_images), urls, images, blocks


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


def issue_signals(issue: Issue, repo: Repo) -> IssueSignals:
    """Features of one issue in its repository, None where the API does not tell us."""
    words, urls, images, blocks = body_counts(issue.body)
    categories: set[str] = set()
    for label in issue.labels:
        categories |= categorize_label(label.name)
    assoc = issue.author_association
    reporter_is_newcomer: bool | None
    reporter_commits: int | None
    if assoc == "MANNEQUIN" or issue.author.login is None:
        reporter_is_newcomer, reporter_commits = None, None
    else:
        reporter_is_newcomer = assoc in NEWCOMER_ASSOCIATIONS
        # Newcomer associations mean no commit landed yet; others say nothing about how many.
        reporter_commits = 0 if reporter_is_newcomer else None
    return IssueSignals(
        title_words=count_words(issue.title),
        body_words=words,
        url_count=urls,
        image_count=images,
        code_block_count=blocks,
        label_count=len(issue.labels),
        label_categories=frozenset(categories),
        comment_count=max(issue.comment_count, len(issue.comments)),
        reporter_is_newcomer=reporter_is_newcomer,
        reporter_commits=reporter_commits,
        repo_newcomer_share=newcomer_share(repo),
        repo_open_issues=repo.open_issue_count,
        repo_median_close_hours=median_close_hours(repo),
        repo_stars=repo.stars,
        repo_contributors=None,
    )


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


def with_repo_comments(issue: Issue, repo: Repo) -> Issue:
    """The issue with the comments the repository's recent-comments listing holds for it (tokenless
    path), so claims, mentoring offers and involvement are found the same way as over GraphQL."""
    mine = [c for c in repo.recent_comments if c.issue_number == issue.number]
    if not mine:
        return issue
    known = {(c.author.login, c.created_at) for c in issue.comments}
    extra = [Comment(author=c.author, association=c.association, created_at=c.created_at, body=c.body)
             for c in mine if (c.author.login, c.created_at) not in known]
    merged = tuple(sorted((*issue.comments, *extra), key=lambda c: c.created_at))
    return issue.model_copy(update={"comments": merged, "comment_count": max(issue.comment_count, len(merged))})


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
    return RepoSignals(
        median_first_response_hours=_median(response_hours),
        response_rate=len(response_hours) / judged if judged else None,
        newcomer_pr_merge_rate=sum(p.merged for p in decided) / len(decided) if decided else None,
        newcomer_pr_count=len(newcomer_prs),
        median_first_review_hours=_median(_review_hours(repo, known, now)),
        maintainer_active_90d=(last is not None and now - last <= ACTIVITY_WINDOW) if has_any else None,
        last_maintainer_activity=last,
        newcomer_share=newcomer_share(repo),
        median_close_hours=median_close_hours(repo),
        issues_sampled=len(sample),
        issues_judged=judged,
        responded_issues=len(response_hours),
        pulls_sampled=len(repo.recent_pulls),
        newcomer_prs_decided=len(decided),
        closed_sampled=sum(1 for i in repo.closed_issues if i.closed_at is not None),
    )


