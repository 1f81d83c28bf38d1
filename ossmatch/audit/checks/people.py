"""Checks on how people are treated: answers to issues, newcomer pull requests, who comes back.

These carry more than half of the score: what keeps newcomers is an answer and a merged first
contribution (Steinmacher et al. 2015, "Social barriers faced by newcomers"; Zhou & Mockus 2015,
"Who will stay in the FLOSS community?"), measured as CHAOSS defines it.
"""

from __future__ import annotations

from datetime import datetime

from ossmatch.audit import evidence as ev
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
from ossmatch.audit.registry import (
    Evidence,
    Finding,
    Threshold,
    Thresholds,
    by_share,
    check,
    failed,
    passed,
    unavailable,
    warned,
)
from ossmatch.models import Issue, PullRequest
from ossmatch.render.wording import plural
from ossmatch.repo_facts import RepoSnapshot
from ossmatch.vocabulary import (
    RESPONSE_GRACE,
    acting_maintainers,
    is_maintainer,
    is_maintainer_association,
)

#: How fast a first answer or review is, shared by the two response checks.
SPEED = Thresholds(
    Threshold("fast", 2, "days", "CHAOSS Time to First Response: newcomers who wait more than a "
              "couple of days often do not come back (Steinmacher 2015)"),
    Threshold("ok", 7, "days", "a week is the longest wait most contribution guides promise"),
    Threshold("slow", 14, "days", "two weeks: the conversation has gone cold"),
    Threshold("very slow", 30, "days", "a month: the newcomer has moved on"),
)
#: Scores for answering within each speed band (10, 7, 5, 3), else 1.
SPEED_SCORES = ((SPEED["fast"], 10.0), (SPEED["ok"], 7.0), (SPEED["slow"], 5.0),
                (SPEED["very slow"], 3.0))
#: A score at or above this passes; below ``WARN_AT`` fails (the scale every check shares).
PASS_AT = 7
#: Below this a response speed fails: slower than "within two weeks" for most answers.
WARN_AT = 4


def speed_score(median_days: float) -> float:
    """10 within two days, 7 within a week, 5 within two weeks, 3 within a month, else 1."""
    return next((score for limit, score in SPEED_SCORES if median_days <= limit), 1.0)


def _grade(score: float, facts: str, evidence: tuple[Evidence, ...], sample: int) -> Finding:
    score = round(score, 1)
    if score >= PASS_AT:
        return passed(facts, score, evidence=evidence, sample=sample)
    if score >= WARN_AT:
        return warned(facts, score, evidence=evidence, sample=sample)
    return failed(facts, score, evidence=evidence, sample=sample)


#: Fewer items than this in a page means the page held the whole window (pages hold 50 or 100).
PAGE_FLOOR = 50


def _partial_window(items: tuple[Issue, ...] | tuple[PullRequest, ...], now: datetime) -> str:
    """A note when the page read ends inside the window: GitHub has more than was judged."""
    if len(items) >= PAGE_FLOOR and all(now - item.created_at <= WINDOW for item in items):
        return f" (judged on the latest {len(items)} read; the window holds more)"
    return ""


def _first_response_days(issue: Issue, known: frozenset[str] = frozenset()) -> float | None:
    """Days until a maintainer other than the author commented, or None if none did (yet);
    ``known``: people seen merging or triaging, maintainers whatever their association says."""
    for comment in sorted(issue.comments, key=lambda c: c.created_at):
        if comment.author.is_bot or comment.author.login == issue.author.login:
            continue
        if is_maintainer(comment.author, comment.association, known=known):
            return days(comment.created_at - issue.created_at)
    return None


def _first_review_days(pull: PullRequest) -> float | None:
    times = [
        r.submitted_at
        for r in pull.reviews
        if r.submitted_at is not None and not r.author.is_bot
        and r.author.login != pull.author.login
    ]
    return days(min(times) - pull.created_at) if times else None


@check(
    id="issue-response",
    title="Issue response time",
    group="people",
    weight=18,
    weight_reason="CHAOSS Time to First Response; an unanswered first question is the barrier "
    "newcomers name most (Steinmacher 2015)",
    remediation="Answer the issues listed, even with a short \"thanks, we'll look\", and triage new "
    "issues within a few days: a first answer matters more than a fast fix.",
    effort="medium",
    location="README.md",
    fix_at="issues",
    thresholds=SPEED,
    min_sample=5,
)
def issue_response(snap: RepoSnapshot, now: datetime) -> Finding:
    """Median time to a maintainer's first answer on issues from the last 90 days, and answer rate."""
    if snap.recent_issues is None:
        return unavailable("The repository's recent issues could not be read.")
    known = acting_maintainers(snap.recent_issues, snap.recent_pulls or ())
    opened = _outsiders_issues(snap.recent_issues, known, now)
    answers = {i.number: _first_response_days(i, known) for i in opened}
    # An issue younger than the grace period without an answer is too early to count either way.
    eligible = [i for i in opened if answers[i.number] is not None or now - i.created_at > RESPONSE_GRACE]
    if not eligible:
        return unavailable("Nobody outside the maintainers opened an issue in the last 90 days.")
    unanswered = sorted((i for i in eligible if answers[i.number] is None), key=lambda i: i.created_at)
    answered = sorted((i for i in eligible if answers[i.number] is not None),
                      key=lambda i: -(answers[i.number] or 0))
    evidence = _response_evidence(unanswered, answered, answers, now)
    rate = len(answered) / len(eligible)
    partial = _partial_window(snap.recent_issues, now)
    if not answered:
        return failed(f"None of {len(eligible)} issues from the last 90 days{partial} got a maintainer answer.",
                      evidence=evidence, sample=len(eligible))
    typical = median(answers[i.number] or 0 for i in answered)
    assert typical is not None
    facts = (
        f"Maintainers answered {len(answered)} of {len(eligible)} issues from the last 90 days{partial} "
        f"({percent(rate)}), after {human_days(typical)} (median)."
    )
    # Both must be good: a fast answer to half the issues still leaves half unanswered.
    return _grade(min(speed_score(typical), rate * 10), facts, evidence, len(eligible))


def _outsiders_issues(issues: tuple[Issue, ...], known: frozenset[str], now: datetime) -> list[Issue]:
    """Issues opened in the window by people outside the maintainers (and not bots): whose first
    question the project answers or not."""
    return [
        i for i in issues
        if now - i.created_at <= WINDOW and not i.author.is_bot
        and not is_maintainer_association(i.author_association)
        and (i.author.login or "").lower() not in known
    ]


def _response_evidence(unanswered: list[Issue], answered: list[Issue], answers: dict[int, float | None],
                       now: datetime) -> tuple[Evidence, ...]:
    """The unanswered issues, then those answered slower than ``fast``, slowest first."""
    return tuple(
        [ev.of_issue(i, f"no maintainer answer after {human_days(days(now - i.created_at))}")
         for i in unanswered]
        + [ev.of_issue(i, f"first maintainer answer after {human_days(answers[i.number] or 0)}")
           for i in answered if (answers[i.number] or 0) > SPEED["fast"]]
    )


def _review_wait(pull: PullRequest, now: datetime) -> tuple[float, bool]:
    """(days until the first review, reviewed?): an unreviewed pull request has waited so far."""
    reviewed = _first_review_days(pull)
    if reviewed is not None:
        return reviewed, True
    end = pull.merged_at or pull.closed_at or now
    return days(end - pull.created_at), False


@check(
    id="newcomer-prs",
    title="Newcomer pull requests",
    group="people",
    weight=18,
    weight_reason="CHAOSS Change Request Acceptance Ratio; a merged first contribution is the "
    "strongest sign a newcomer stays (Zhou & Mockus 2015)",
    remediation="Review the first-time contributors' pull requests listed, within a few days, and "
    "help them to a merge; say clearly when a change cannot be accepted.",
    effort="medium",
    location="README.md",
    fix_at="pulls",
    thresholds=SPEED,
    min_sample=3,
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
    waits = {p.number: _review_wait(p, now) for p in pulls}
    longest = sorted(pulls, key=lambda p: -waits[p.number][0])
    evidence = tuple(
        ev.of_pull(snap, p, (f"first review after {human_days(waits[p.number][0])}"
                             if waits[p.number][1] else
                             f"{'open' if p.state == 'OPEN' else 'closed'} "
                             f"{human_days(waits[p.number][0])} without a review"))
        for p in longest if waits[p.number][0] > SPEED["fast"] or not waits[p.number][1]
    )
    typical = median(wait for wait, _ in waits.values())
    assert typical is not None
    reviewed = sum(done for _, done in waits.values())
    decided = [p for p in pulls if p.state != "OPEN"]
    merged = [p for p in decided if p.merged]
    facts = [f"{plural(len(pulls), 'first-timer pull request')} in 90 days{_partial_window(snap.recent_pulls, now)}",
             f"{reviewed} reviewed, waiting {human_days(typical)} for a first review (median)" if reviewed else
             f"none reviewed (a median {human_days(typical)} without a review)"]
    score = speed_score(typical) if reviewed else 0.0
    if decided:
        rate = len(merged) / len(decided)
        score = min(score, rate * 10)
        facts.append(f"{len(merged)} of {len(decided)} decided merged ({percent(rate)})")
    return _grade(score, "; ".join(facts) + ".", evidence, len(pulls))


NEWCOMERS = Thresholds(
    Threshold("pass", 3, "people", "CHAOSS New Contributors: about one a month keeps a project "
              "renewing itself"),
)


@check(
    id="new-contributors",
    title="New contributors",
    group="people",
    weight=10,
    weight_reason="CHAOSS New Contributors: the outcome every other check serves",
    remediation="Point newcomers at beginner issues from the README and thank first contributions "
    "publicly (release notes, all-contributors).",
    effort="medium",
    location="README.md",
    fix_at="file",
    thresholds=NEWCOMERS,
)
def new_contributors(snap: RepoSnapshot, now: datetime) -> Finding:
    """People whose first pull request was merged in the last 90 days."""
    if snap.merged_pulls is None:
        return unavailable("The repository's merged pull requests could not be read.")
    if not covers(snap.merged_pulls, snap.merged_pulls_truncated, now - WINDOW):
        return unavailable("Too many merges to tell first-timers apart within the fetched history.")
    firsts = sorted(
        (pull for pull in first_merges(snap.merged_pulls).values()
         if now - pull.merged_at <= WINDOW and not is_maintainer_association(pull.association)),
        key=lambda p: p.merged_at, reverse=True,
    )
    evidence = tuple(
        ev.of_pull_number(snap, p.number, p.author,
                          f"first merged contribution, {human_days(days(now - p.merged_at))} ago")
        for p in firsts
    )
    facts = f"{plural(len(firsts), 'person')} had their first pull request merged in the last 90 days."
    wanted = NEWCOMERS["pass"]
    if len(firsts) >= wanted:
        return passed(facts, evidence=evidence)
    if firsts:
        return warned(facts, round(len(firsts) * 10 / wanted, 1), evidence=evidence)
    return failed(facts)


RETENTION = Thresholds(
    Threshold("pass", 0.3, "share", "Zhou & Mockus 2015: roughly a third of newcomers who get a "
              "first merge become long-term contributors in healthy projects"),
    Threshold("warn", 0.15, "share", "half of that: some follow-up, not yet a habit"),
)


@check(
    id="retention",
    title="Contributor retention",
    group="people",
    weight=4,
    weight_reason="CHAOSS Contributor retention; few projects have enough first-timers to measure "
    "it well, so it counts for little",
    remediation="Follow up on first contributions: suggest a next issue in the merge comment and "
    "invite regulars to review.",
    effort="high",
    location="CONTRIBUTING.md",
    fix_at="pulls",
    thresholds=RETENTION,
    min_sample=5,
)
def retention(snap: RepoSnapshot, now: datetime) -> Finding:
    """Share of last year's first-time contributors who had a second pull request merged."""
    if snap.merged_pulls is None:
        return unavailable("The repository's merged pull requests could not be read.")
    if not covers(snap.merged_pulls, snap.merged_pulls_truncated, now - YEAR):
        return unavailable("The fetched merge history does not reach back a year.")
    counts = merge_counts(snap.merged_pulls)
    firsts = [
        pull for pull in first_merges(snap.merged_pulls).values()
        if now - pull.merged_at <= YEAR and not is_maintainer_association(pull.association)
    ]
    if len(firsts) < 3:
        few = plural(len(firsts), "first-time contributor", zero="No first-time contributors")
        return unavailable(f"{'Only ' if firsts else ''}{few} in the last year: too few to measure.")
    returned = sum(counts[p.author or ""] >= 2 for p in firsts)
    share = returned / len(firsts)
    evidence = tuple(
        ev.of_pull_number(snap, p.number, p.author, "first merge, no second one yet")
        for p in sorted(firsts, key=lambda p: p.merged_at, reverse=True)
        if counts[p.author or ""] < 2
    )
    facts = (
        f"{returned} of {len(firsts)} first-time contributors from the last year "
        f"({percent(share)}) came back for another merged pull request."
    )
    score = min(10.0, round(share / RETENTION["pass"] * 10, 1))
    return by_share(share, RETENTION, facts, score, evidence=evidence, sample=len(firsts))
