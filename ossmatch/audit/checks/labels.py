"""Checks on labels and the supply and quality of beginner issues.

In an archived or disabled repository nobody can work on a beginner issue, so none of these
checks passes there: the issues are listed as evidence, but they are no invitation.
"""

from __future__ import annotations

import functools
import re
from datetime import datetime

from ossmatch.audit import evidence as ev
from ossmatch.audit.activity import days, human_days, median, percent
from ossmatch.audit.doors import door_shut
from ossmatch.audit.registry import (
    HALF,
    MOSTLY,
    TRACE,
    CheckFunc,
    Evidence,
    Finding,
    Threshold,
    Thresholds,
    by_share,
    check,
    failed,
    partial,
    passed,
    unavailable,
    warned,
)
from ossmatch.models import Issue
from ossmatch.render.wording import listed, plural
from ossmatch.repo_facts import RepoSnapshot
from ossmatch.suggest.claims import find_claims
from ossmatch.suggest.components import crowding
from ossmatch.suggest.startable import assignment_text
from ossmatch.vocabulary import ACTIVITY_WINDOW, YEAR_WINDOW

#: A pointer into the code: inline code, a link, a file path or a call such as ``read_csv()``.
_CODE_REFERENCE = re.compile(
    r"`[^`]+`|https?://|\b[\w/.-]+\.(py|js|ts|tsx|jsx|go|rs|java|kt|md|rst|rb|c|h|cpp|cs|php|"
    r"swift|yml|yaml|toml|json|html|css)\b|\b\w+\(\)"
)
_STRUCTURE = re.compile(r"^\s*([-*+]|\d+\.|- \[[ x]\]|#+)\s", re.MULTILINE)

DESCRIPTION = Thresholds(
    Threshold("min words", 8, "words", "Tan et al. 2020: good first issues state the problem; "
              "fewer words rarely do"),
    Threshold("long body", 150, "characters", "without a code pointer, this much text with steps "
              "or a list usually says where to start"),
    Threshold("pass", 0.7, "share", "most, not all: a few issues may be self-evident"),
    Threshold("warn", 0.4, "share", "fewer than this leaves newcomers guessing more often than not"),
)


def _of_open(snap: RepoSnapshot) -> str:
    """"4 open beginner issues", or, when GitHub counts more than were read, which ones were judged."""
    read = len(snap.beginner_issues or ())
    total = snap.beginner_issues_total or read
    if total > read:
        return f"the {read} most recently updated of {total} open beginner issues"
    return f"{read} open beginner issues"


def _shut(snap: RepoSnapshot) -> tuple[str, str, Evidence] | None:
    """What keeps newcomers from every beginner issue, or None: (the cause, starting lower case;
    who cannot work on them, when not everyone; the evidence)."""
    if snap.archived or snap.disabled:
        state = "archived" if snap.archived else "disabled"
        return f"the repository is {state}", "", ev.of_repository(snap, f"{state} on GitHub")
    shut = door_shut(snap)
    if shut is not None:
        return (f"{shut[0].lower()}{shut[1:]}", " by newcomers",
                ev.of_repository(snap, "pull request settings on GitHub"))
    return None


def _closed_to_contributions(snap: RepoSnapshot) -> Finding | None:
    """The gate's effect on beginner checks: archived issues are no invitation."""
    closed = _shut(snap)
    if closed is None:
        return None
    cause, who, evidence = closed
    return unavailable(f"{cause[0].upper()}{cause[1:]}: its beginner issues cannot be worked on{who}.",
                       evidence=(evidence,))


def needs_open_beginner_issues(func: CheckFunc) -> CheckFunc:
    """Precondition of the checks that judge open beginner issues: they were read, the repository
    takes contributions, and there is at least one; otherwise the check is not applicable."""

    @functools.wraps(func)
    def judged(snap: RepoSnapshot, now: datetime) -> Finding:
        if snap.beginner_issues is None:
            return unavailable("The repository's beginner issues could not be read.")
        closed = _closed_to_contributions(snap)
        if closed is not None:
            return closed
        if not snap.beginner_issues:
            return unavailable("There are no open beginner issues to judge.")
        return func(snap, now)

    return judged


def _is_claimed(issue: Issue, now: datetime) -> bool:
    """Assigned, fixed by an open PR, or someone other than a maintainer asked to take it."""
    return _claim_reason(issue, now) is not None


def _claim_reason(issue: Issue, now: datetime) -> str | None:
    """Why an issue is taken (assigned to anyone, the Copilot agent included; fixed by an open PR;
    crowded; claimed in a comment), or None. Claims and crowding are suggest's, with its time windows."""
    assigned = assignment_text(issue, now)
    if assigned:
        return assigned
    if issue.open_closing_prs:
        return "an open pull request fixes it"
    claims = find_claims(issue, now)
    crowd = crowding(tuple(claims), issue)
    tries = crowd.open_pulls + crowd.closed_pulls
    if crowd.askers > 1 or tries:
        said = [f"{crowd.askers} people asked to take it in the last week"] if crowd.askers > 1 else []
        if tries:
            said.append(f"{plural(tries, 'pull request')} by others "
                        f"{'was' if tries == 1 else 'were'} tried (open or closed unmerged)")
        return "crowded: " + "; ".join(said)
    if claims:
        return f"claimed in a comment: \u201c{claims[0].phrase}\u201d"
    return None


def _not_startable(issue: Issue) -> str | None:
    """Why a free beginner issue cannot be started yet: "#1 is blocked by #5", "#3 is a tracking issue"."""
    if issue.is_blocked:
        blockers = ", ".join(f"#{b.number}" if b.repo == issue.repo else b.ref for b in issue.open_blocker_links)
        return f"#{issue.number} is blocked by {blockers or 'an open issue'}"
    if issue.open_sub_issues:
        subs = ", ".join(f"#{n}" for n in issue.open_sub_issue_numbers)
        return (f"#{issue.number} is a tracking issue (its sub-issues {subs} are open)" if subs
                else f"#{issue.number} is a tracking issue ({plural(issue.open_sub_issues, 'open sub-issue')})")
    return None


def description_gap(issue: Issue) -> str | None:
    """What a newcomer would miss in the description, or None when it is enough to start from.

    Enough: a few words that point into the code ("`read_csv()` expects `sep` ... raises
    `TypeError`"), or a longer text with steps or a list.
    """
    body = (issue.body or "").strip()
    words = len(body.split())
    if words < DESCRIPTION["min words"]:
        return "no description" if not body else f"only {words} word{'s' if words != 1 else ''}"
    if _CODE_REFERENCE.search(body):
        return None
    if len(body) >= DESCRIPTION["long body"] and _STRUCTURE.search(body):
        return None
    return "no pointer into the code (file, function or link)"


@check(
    id="beginner-label",
    title="Beginner label",
    group="labels",
    weight=3,
    weight_reason="GitHub lists \"good first issue\" on /contribute; Tan et al. 2020 found labelled "
    "issues draw newcomers",
    remediation='Create a "good first issue" label with a description such as "Good for '
    'newcomers: small, well-described, mentoring available"; GitHub surfaces it on /contribute.',
    effort="low",
    location="README.md",
    fix_at="labels",
)
def beginner_label(snap: RepoSnapshot, now: datetime) -> Finding:
    """A beginner label (such as "good first issue") exists and has a description."""
    if snap.labels is None:
        return unavailable("The repository's labels could not be read.")
    beginner = [label for label in snap.labels if label.name in snap.beginner_label_names()]
    total = snap.labels_total if snap.labels_total is not None else len(snap.labels)
    if not beginner:
        labels = {0: "The repository has no labels, so none marks", 1: "The repository's one label does not mark"}
        return failed(f"{labels.get(total, f'None of the {total} labels marks')} issues for beginners.",
                      evidence=(ev.of_labels_page(snap, "no beginner label"),))
    described = [label.name for label in beginner if (label.description or "").strip()]
    bare = [label.name for label in beginner if label.name not in described]
    found = tuple(ev.of_label(snap, label.name, "described" if label.name in described else
                              "no description") for label in beginner)
    if not described:
        return warned(f"{_labels(bare)} {'exists but has' if len(bare) == 1 else 'exist but have'} no description.",
                      MOSTLY, evidence=found)
    said = f"{_labels(described)} {'exists and is' if len(described) == 1 else 'exist and are'} described"
    if bare:
        said += f" ({_quoted(bare)} {'has' if len(bare) == 1 else 'have'} no description)"
    return passed(f"{said}.", evidence=found)


def _quoted(names: list[str]) -> str:
    """"a", "b" and "c"."""
    return listed([f'"{name}"' for name in names])


def _labels(names: list[str]) -> str:
    """Beginner label "a", or Beginner labels "a" and "b"."""
    return f"Beginner label{'' if len(names) == 1 else 's'} {_quoted(names)}"


SUPPLY = Thresholds(
    Threshold("pass", 3, "issues", "Tan et al. 2020: a handful of open choices lets a newcomer "
              "pick one that fits"),
)


@check(
    id="beginner-supply",
    title="Open beginner issues",
    group="labels",
    weight=5,
    weight_reason="Tan et al. 2020: without open beginner issues newcomers have no place to start",
    remediation="Keep at least three open, unassigned beginner issues: when you spot a small, "
    "well-understood fix, describe it and label it instead of doing it yourself.",
    effort="medium",
    location="README.md",
    fix_at="issues",
    thresholds=SUPPLY,
)
def beginner_supply(snap: RepoSnapshot, now: datetime) -> Finding:
    """Open beginner issues that nobody is assigned to or fixing yet."""
    if snap.beginner_issues is None:
        return unavailable("The repository's beginner issues could not be read.")
    read = len(snap.beginner_issues)
    total = max(snap.beginner_issues_total or 0, read)
    unassigned = [i for i in snap.beginner_issues if not i.assignees and not i.open_closing_prs]
    blocked = [(i, _not_startable(i)) for i in unassigned]
    waiting = [(i, why) for i, why in blocked if why]
    free = [i for i, why in blocked if not why]
    closed = _closed_to_newcomers(snap, total)
    if closed is not None:
        return closed
    taken = [(i, _claim_reason(i, now)) for i in snap.beginner_issues]
    evidence = tuple(ev.of_issue(i, why) for i, why in taken if why and (i.assignees or i.open_closing_prs))
    estimate, facts = _free_supply(total, read, len(free))
    if waiting:
        facts += (f" {len(waiting)} of {plural(read, 'beginner issue')} cannot be started: "
                  + "; ".join(why for _, why in waiting) + ".")
        evidence += tuple(ev.of_issue(i, why) for i, why in waiting)
    if not evidence:
        evidence = tuple(ev.of_issue(i, "open, unassigned, no fix yet") for i in free)
    wanted = SUPPLY["pass"]
    if estimate >= wanted:
        return passed(facts, evidence=evidence)
    if estimate:
        return warned(facts, partial(estimate), evidence=evidence)
    return failed(facts, evidence=evidence)


def _closed_to_newcomers(snap: RepoSnapshot, total: int) -> Finding | None:
    """A failure when no beginner issue can be worked on (the repository archived or disabled, or its
    door shut to outside pull requests), else None."""
    closed = _shut(snap)
    if closed is None:
        return None
    cause, who, evidence = closed
    return failed(f"{plural(total, 'open beginner issue')}, but {cause}: none can be worked on{who}.",
                  evidence=(evidence,))


def _free_supply(total: int, read: int, free: int) -> tuple[int, str]:
    """(free beginner issues, estimated from the page read when GitHub counts more; the fact in words)."""
    if total > read:
        # Scale the share seen in the page read to GitHub's total, and say so.
        estimate = round(total * free / read) if read else 0
        return estimate, (f"{total} open beginner issues (GitHub's count); {free} of the {read} most "
                          f"recently updated are free to start (unassigned, not blocked, no open fix).")
    if not total:
        return 0, "No open beginner issues: a newcomer finds nothing marked for them to start on."
    return free, f"{free} of {total} open beginner issues are free to start (unassigned, not blocked, no open fix)."


FRESHNESS = Thresholds(
    Threshold("pass", ACTIVITY_WINDOW.days, "days", "the shared activity window: updated this quarter"),
    Threshold("warn", YEAR_WINDOW.days, "days", "older than a year, an issue has likely moved on or been fixed"),
)


@check(
    id="beginner-freshness",
    title="Fresh beginner issues",
    group="labels",
    weight=2,
    weight_reason="stale beginner issues waste a newcomer's first try (Tan et al. 2020)",
    remediation="Review the old beginner issues listed: close what is obsolete and update the rest "
    "so a newcomer knows they still matter.",
    effort="low",
    location="README.md",
    fix_at="issues",
    thresholds=FRESHNESS,
)
@needs_open_beginner_issues
def beginner_freshness(snap: RepoSnapshot, now: datetime) -> Finding:
    """How recently open beginner issues were updated (median)."""
    issues = snap.beginner_issues or ()  # never empty: see needs_open_beginner_issues
    age = median(days(now - i.updated_at) for i in issues)
    assert age is not None
    oldest = sorted(issues, key=lambda i: i.updated_at)
    evidence = tuple(ev.of_issue(i, f"last updated {human_days(days(now - i.updated_at))} ago")
                     for i in oldest if days(now - i.updated_at) > FRESHNESS["pass"])
    facts = f"Open beginner issues were last updated {human_days(age)} ago (median)."
    if age <= FRESHNESS["pass"]:
        return passed(facts, evidence=evidence)
    if age <= FRESHNESS["warn"]:
        return warned(facts, HALF, evidence=evidence)
    return failed(facts, TRACE, evidence=evidence)


@check(
    id="beginner-descriptions",
    title="Beginner issue descriptions",
    group="labels",
    weight=2,
    weight_reason="Tan et al. 2020 and RecGFI: a described issue with code pointers is resolved "
    "by newcomers more often",
    remediation="Give each beginner issue listed a few sentences of context and the files or "
    "functions to look at; a checklist of what done looks like helps.",
    effort="medium",
    location="README.md",
    fix_at="issues",
    thresholds=DESCRIPTION,
)
@needs_open_beginner_issues
def beginner_descriptions(snap: RepoSnapshot, now: datetime) -> Finding:
    """Share of open beginner issues whose description says what is wrong and where to look."""
    issues = snap.beginner_issues or ()  # never empty: see needs_open_beginner_issues
    gaps = [(i, description_gap(i)) for i in issues]
    lacking = [(i, gap) for i, gap in gaps if gap is not None]
    evidence = tuple(ev.of_issue(i, gap) for i, gap in lacking)
    good = len(gaps) - len(lacking)
    share = good / len(gaps)
    facts = f"{good} of {_of_open(snap)} are well described."
    score = round(share * 10, 1)
    return by_share(share, DESCRIPTION, facts, score, evidence=evidence)


CLAIMED = Thresholds(
    Threshold("pass", 0.3, "share", "a few claims are healthy; more leaves little to pick"),
    Threshold("warn", 0.6, "share", "most of the list is taken: newcomers meet \"already claimed\""),
)


@check(
    id="beginner-claimed",
    title="Unclaimed beginner issues",
    group="labels",
    weight=1,
    weight_reason="a judgement: claims are often stale, and newcomers can ask",
    remediation="Unassign stale claims and answer the \"can I take this?\" comments listed, so "
    "beginner issues shown to newcomers are really available.",
    effort="low",
    location="README.md",
    fix_at="issues",
    thresholds=CLAIMED,
)
@needs_open_beginner_issues
def beginner_claimed(snap: RepoSnapshot, now: datetime) -> Finding:
    """Share of open beginner issues already assigned, being fixed or claimed in a comment."""
    issues = snap.beginner_issues or ()  # never empty: see needs_open_beginner_issues
    taken = [(i, why) for i, why in ((i, _claim_reason(i, now)) for i in issues) if why]
    share = len(taken) / len(issues)
    facts = f"{len(taken)} of {_of_open(snap)} ({percent(share)}) are assigned, claimed or being fixed."
    evidence = tuple(ev.of_issue(i, why) for i, why in taken)
    score = round((1 - share) * 10, 1)
    if share <= CLAIMED["pass"]:
        return passed(facts, score, evidence=evidence)
    if share <= CLAIMED["warn"]:
        return warned(facts, score, evidence=evidence)
    return failed(facts, score, evidence=evidence)


LABELS = Thresholds(
    Threshold("pass", 0.8, "share", "CHAOSS Issue Label Inclusivity: nearly every label explained"),
    Threshold("warn", 0.5, "share", "half unexplained leaves newcomers guessing"),
)


@check(
    id="label-descriptions",
    title="Label descriptions",
    group="labels",
    weight=1,
    weight_reason="CHAOSS Issue Label Inclusivity; helpful, but no one is kept by a label text",
    remediation="Describe the labels listed in the repository's label settings: newcomers filter by "
    "labels and cannot guess what \"P2\" or \"triage\" means.",
    effort="low",
    location="README.md",
    fix_at="labels",
    thresholds=LABELS,
)
def label_descriptions(snap: RepoSnapshot, now: datetime) -> Finding:
    """Share of the repository's labels that have a description."""
    if snap.labels is None:
        return unavailable("The repository's labels could not be read.")
    if not snap.labels:
        return unavailable("The repository has no labels.")
    bare = [label for label in snap.labels if not (label.description or "").strip()]
    described = len(snap.labels) - len(bare)
    share = described / len(snap.labels)
    total = snap.labels_total if snap.labels_total is not None else len(snap.labels)
    of = f"{len(snap.labels)} read of {total}" if total > len(snap.labels) else f"{total}"
    facts = f"{described} of {of} labels ({percent(share)}) have a description."
    evidence = tuple(ev.of_label(snap, label.name, "no description") for label in bare)
    score = round(share * 10, 1)
    return by_share(share, LABELS, facts, score, evidence=evidence)
