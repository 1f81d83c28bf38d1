"""Checks on labels and the supply and quality of beginner issues."""

from __future__ import annotations

import re
from datetime import datetime

from ossmatch.audit.activity import days, human_days, median, percent
from ossmatch.audit.registry import Finding, check, failed, passed, unavailable, warned
from ossmatch.models import Issue
from ossmatch.snapshot import RepoSnapshot
from ossmatch.vocabulary import claim_phrase, is_maintainer

_CODE_REFERENCE = re.compile(r"`[^`]+`|https?://|\b[\w/.-]+\.(py|js|ts|go|rs|java|md|rb|c|h)\b")
_STRUCTURE = re.compile(r"^\s*([-*+]|\d+\.|- \[[ x]\]|#+)\s", re.MULTILINE)
#: A description this long usually states the problem and where to start.
DESCRIPTIVE_BODY = 150


def _is_claimed(issue: Issue) -> bool:
    """Assigned, fixed by an open PR, or someone other than a maintainer asked to take it."""
    if issue.assignees or issue.open_closing_prs:
        return True
    return any(
        claim_phrase(c.body) and not is_maintainer(c.author, c.association)
        for c in issue.comments
    )


def _is_well_described(issue: Issue) -> bool:
    """Two of three: enough words, a pointer into the code, some structure (steps, list)."""
    body = issue.body or ""
    points = (
        len(body.strip()) >= DESCRIPTIVE_BODY,
        bool(_CODE_REFERENCE.search(body)),
        bool(_STRUCTURE.search(body)),
    )
    return sum(points) >= 2


@check(
    id="beginner-label",
    title="Beginner label",
    tier="important",
    remediation='Create a "good first issue" label with a description such as "Good for '
    'newcomers: small, well-described, mentoring available"; GitHub surfaces it on /contribute.',
    effort="low",
    location="CONTRIBUTING.md",
)
def beginner_label(snap: RepoSnapshot, now: datetime) -> Finding:
    """A beginner label (such as "good first issue") exists and has a description."""
    if snap.labels is None:
        return unavailable("The repository's labels could not be read.")
    beginner = [label for label in snap.labels if label.name in snap.beginner_label_names()]
    if not beginner:
        return failed(f"None of the {len(snap.labels)} labels marks issues for beginners.")
    described = [label.name for label in beginner if (label.description or "").strip()]
    names = ", ".join(f'"{label.name}"' for label in beginner)
    if described:
        return passed(f"Beginner label {names} exists and is described.")
    return warned(f"Beginner label {names} exists but has no description.", 6)


@check(
    id="beginner-supply",
    title="Open beginner issues",
    tier="core",
    remediation="Keep at least three open, unassigned beginner issues: when you spot a small, "
    "well-understood fix, describe it and label it instead of doing it yourself.",
    effort="medium",
    location="CONTRIBUTING.md",
)
def beginner_supply(snap: RepoSnapshot, now: datetime) -> Finding:
    """Open beginner issues that nobody is assigned to or fixing yet."""
    if snap.beginner_issues is None:
        return unavailable("The repository's beginner issues could not be read.")
    total = len(snap.beginner_issues)
    free = [i for i in snap.beginner_issues if not i.assignees and not i.open_closing_prs]
    facts = f"{len(free)} of {total} open beginner issues are unassigned and have no open fix."
    if len(free) >= 3:
        return passed(facts)
    if free:
        return warned(facts, 4 + 2 * len(free))
    return failed(facts)


@check(
    id="beginner-freshness",
    title="Fresh beginner issues",
    tier="helpful",
    remediation="Review old beginner issues: close what is obsolete and update the rest so a "
    "newcomer knows they still matter.",
    effort="low",
    location="CONTRIBUTING.md",
)
def beginner_freshness(snap: RepoSnapshot, now: datetime) -> Finding:
    """How recently open beginner issues were updated (median)."""
    if snap.beginner_issues is None:
        return unavailable("The repository's beginner issues could not be read.")
    if not snap.beginner_issues:
        return unavailable("There are no open beginner issues to judge.")
    age = median(days(now - i.updated_at) for i in snap.beginner_issues)
    assert age is not None
    facts = f"Open beginner issues were last updated {human_days(age)} ago (median)."
    if age <= 90:
        return passed(facts)
    if age <= 365:
        return warned(facts, 5)
    return failed(facts, 1)


@check(
    id="beginner-descriptions",
    title="Beginner issue descriptions",
    tier="important",
    remediation="Give each beginner issue a few sentences of context, the files or functions to "
    "look at, and a checklist of what done looks like.",
    effort="medium",
    location="CONTRIBUTING.md",
)
def beginner_descriptions(snap: RepoSnapshot, now: datetime) -> Finding:
    """Share of open beginner issues whose description has context, code pointers and steps."""
    if snap.beginner_issues is None:
        return unavailable("The repository's beginner issues could not be read.")
    if not snap.beginner_issues:
        return unavailable("There are no open beginner issues to judge.")
    good = sum(_is_well_described(i) for i in snap.beginner_issues)
    share = good / len(snap.beginner_issues)
    facts = f"{good} of {len(snap.beginner_issues)} open beginner issues are well described."
    if share >= 0.7:
        return passed(facts, round(share * 10, 1))
    if share >= 0.4:
        return warned(facts, round(share * 10, 1))
    return failed(facts, round(share * 10, 1))


@check(
    id="beginner-claimed",
    title="Unclaimed beginner issues",
    tier="helpful",
    remediation="Unassign stale claims and answer \"can I take this?\" comments, so beginner "
    "issues shown to newcomers are really available.",
    effort="low",
    location="CONTRIBUTING.md",
)
def beginner_claimed(snap: RepoSnapshot, now: datetime) -> Finding:
    """Share of open beginner issues already assigned, being fixed or claimed in a comment."""
    if snap.beginner_issues is None:
        return unavailable("The repository's beginner issues could not be read.")
    if not snap.beginner_issues:
        return unavailable("There are no open beginner issues to judge.")
    claimed = sum(_is_claimed(i) for i in snap.beginner_issues)
    share = claimed / len(snap.beginner_issues)
    facts = (
        f"{claimed} of {len(snap.beginner_issues)} open beginner issues ({percent(share)}) are "
        "assigned, claimed or being fixed."
    )
    score = round((1 - share) * 10, 1)
    if share <= 0.3:
        return passed(facts, score)
    if share <= 0.6:
        return warned(facts, score)
    return failed(facts, score)


@check(
    id="label-descriptions",
    title="Label descriptions",
    tier="helpful",
    remediation="Describe every label in the repository's label settings: newcomers filter by "
    "labels and cannot guess what \"P2\" or \"triage\" means.",
    effort="low",
    location="CONTRIBUTING.md",
)
def label_descriptions(snap: RepoSnapshot, now: datetime) -> Finding:
    """Share of the repository's labels that have a description."""
    if snap.labels is None:
        return unavailable("The repository's labels could not be read.")
    if not snap.labels:
        return unavailable("The repository has no labels.")
    described = sum(bool((label.description or "").strip()) for label in snap.labels)
    share = described / len(snap.labels)
    facts = f"{described} of {len(snap.labels)} labels ({percent(share)}) have a description."
    score = round(share * 10, 1)
    if share >= 0.8:
        return passed(facts, score)
    if share >= 0.5:
        return warned(facts, score)
    return failed(facts, score)
