"""Checks on how people are treated: answers to issues, newcomer pull requests, who comes back."""

from __future__ import annotations

from datetime import datetime

from ossmatch.audit.activity import (
    WINDOW,
    YEAR,
    covers,
    days,
    first_merges,
    human_days,
    is_newcomer_pull,
    median,
    merge_counts,
    percent,
)
from ossmatch.audit.registry import Finding, check, failed, passed, unavailable, warned
from ossmatch.models import Issue, PullRequest
from ossmatch.snapshot import RepoSnapshot
from ossmatch.vocabulary import acting_maintainers, is_bot, is_maintainer, is_maintainer_association


def _speed_score(median_days: float) -> float:
    """10 within two days, falling to 1 beyond a month."""
    if median_days <= 2:
        return 10
    if median_days <= 7:
        return 7
    if median_days <= 30:
        return 4
    return 1


def _grade(score: float, facts: str) -> Finding:
    score = round(score, 1)
    if score >= 7:
        return passed(facts, score)
    if score >= 4:
        return warned(facts, score)
    return failed(facts, score)


def _first_response_days(issue: Issue, known: frozenset[str] = frozenset()) -> float | None:
    """Days until a maintainer other than the author commented, or None if none did (yet);
    ``known``: people seen merging or triaging, maintainers whatever their association says."""
    for comment in sorted(issue.comments, key=lambda c: c.created_at):
        if is_bot(comment.author) or comment.author.login == issue.author.login:
            continue
        if is_maintainer(comment.author, comment.association, known=known):
            return days(comment.created_at - issue.created_at)
    return None


def _first_review_days(pull: PullRequest) -> float | None:
    times = [
        r.submitted_at
        for r in pull.reviews
        if r.submitted_at is not None and not is_bot(r.author)
        and r.author.login != pull.author.login
    ]
    return days(min(times) - pull.created_at) if times else None


@check(
    id="issue-response",
    title="Issue response time",
    tier="core",
    remediation="Triage new issues within a few days, even with a short \"thanks, we'll look\": "
    "a first answer matters more than a fast fix.",
    effort="medium",
    location="CONTRIBUTING.md",
)
def issue_response(snap: RepoSnapshot, now: datetime) -> Finding:
    """Median time to a maintainer's first answer on issues from the last 90 days, and answer rate."""
    if snap.recent_issues is None:
        return unavailable("The repository's recent issues could not be read.")
    known = acting_maintainers(snap.recent_issues, snap.recent_pulls or ())
    eligible = [
        i for i in snap.recent_issues
        if now - i.created_at <= WINDOW and not is_bot(i.author)
        and not is_maintainer_association(i.author_association)
        and (i.author.login or "").lower() not in known
    ]
    if not eligible:
        return unavailable("Nobody outside the maintainers opened an issue in the last 90 days.")
    answered = [d for d in (_first_response_days(i, known) for i in eligible) if d is not None]
    rate = len(answered) / len(eligible)
    if not answered:
        return failed(f"None of {len(eligible)} issues from the last 90 days got a maintainer answer.")
    typical = median(answered)
    assert typical is not None
    facts = (
        f"Maintainers answered {len(answered)} of {len(eligible)} issues from the last 90 days "
        f"({percent(rate)}), after {human_days(typical)} (median)."
    )
    return _grade((_speed_score(typical) + rate * 10) / 2, facts)


@check(
    id="newcomer-prs",
    title="Newcomer pull requests",
    tier="core",
    remediation="Review first-time contributors' pull requests within a few days and help them to "
    "a merge; say clearly when a change cannot be accepted.",
    effort="medium",
    location="CONTRIBUTING.md",
)
def newcomer_prs(snap: RepoSnapshot, now: datetime) -> Finding:
    """Time to first review and merge rate of first-time contributors' pull requests (90 days)."""
    if snap.recent_pulls is None:
        return unavailable("The repository's recent pull requests could not be read.")
    first = first_merges(snap.merged_pulls or ())
    pulls = [
        p for p in snap.recent_pulls if now - p.created_at <= WINDOW and is_newcomer_pull(p, first)
    ]
    if not pulls:
        return unavailable("No first-time contributor opened a pull request in the last 90 days.")
    reviews = [d for d in map(_first_review_days, pulls) if d is not None]
    decided = [p for p in pulls if p.state != "OPEN"]
    merged = [p for p in decided if p.merged]
    parts: list[float] = []
    facts = [f"{len(pulls)} first-timer pull requests in 90 days"]
    if reviews:
        typical = median(reviews)
        assert typical is not None
        parts.append(_speed_score(typical))
        facts.append(f"first review after {human_days(typical)} (median, {len(reviews)} reviewed)")
    else:
        parts.append(0)
        facts.append("none reviewed")
    if decided:
        rate = len(merged) / len(decided)
        parts.append(rate * 10)
        facts.append(f"{len(merged)} of {len(decided)} decided merged ({percent(rate)})")
    return _grade(sum(parts) / len(parts), "; ".join(facts) + ".")


@check(
    id="new-contributors",
    title="New contributors",
    tier="important",
    remediation="Point newcomers at beginner issues from the README and thank first contributions "
    "publicly (release notes, all-contributors).",
    effort="medium",
    location="README.md",
)
def new_contributors(snap: RepoSnapshot, now: datetime) -> Finding:
    """People whose first pull request was merged in the last 90 days."""
    if snap.merged_pulls is None:
        return unavailable("The repository's merged pull requests could not be read.")
    if not covers(snap.merged_pulls, snap.merged_pulls_truncated, now - WINDOW):
        return unavailable("Too many merges to tell first-timers apart within the fetched history.")
    newcomers = [
        login for login, pull in first_merges(snap.merged_pulls).items()
        if now - pull.merged_at <= WINDOW and not is_maintainer_association(pull.association)
    ]
    facts = f"{len(newcomers)} people had their first pull request merged in the last 90 days."
    if len(newcomers) >= 3:
        return passed(facts)
    if newcomers:
        return warned(facts, round(len(newcomers) * 10 / 3, 1))
    return failed(facts)


@check(
    id="retention",
    title="Contributor retention",
    tier="helpful",
    remediation="Follow up on first contributions: suggest a next issue in the merge comment and "
    "invite regulars to review.",
    effort="high",
    location="CONTRIBUTING.md",
)
def retention(snap: RepoSnapshot, now: datetime) -> Finding:
    """Share of last year's first-time contributors who had a second pull request merged."""
    if snap.merged_pulls is None:
        return unavailable("The repository's merged pull requests could not be read.")
    if not covers(snap.merged_pulls, snap.merged_pulls_truncated, now - YEAR):
        return unavailable("The fetched merge history does not reach back a year.")
    counts = merge_counts(snap.merged_pulls)
    newcomers = [
        login for login, pull in first_merges(snap.merged_pulls).items()
        if now - pull.merged_at <= YEAR and not is_maintainer_association(pull.association)
    ]
    if len(newcomers) < 3:
        return unavailable(f"Only {len(newcomers)} first-time contributors in the last year.")
    returned = sum(counts[login] >= 2 for login in newcomers)
    share = returned / len(newcomers)
    facts = (
        f"{returned} of {len(newcomers)} first-time contributors from the last year "
        f"({percent(share)}) came back for another merged pull request."
    )
    score = min(10.0, round(share / 0.3 * 10, 1))
    if share >= 0.3:
        return passed(facts, score)
    if share >= 0.15:
        return warned(facts, score)
    return failed(facts, score)
