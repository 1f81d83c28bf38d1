"""Checks on upkeep: is anyone maintaining the project, and does automation spare newcomers."""

from __future__ import annotations

import re
from datetime import datetime

from ossmatch.audit import evidence as ev
from ossmatch.audit.activity import WINDOW
from ossmatch.audit.registry import (
    FULL,
    HALF,
    Finding,
    Threshold,
    Thresholds,
    check,
    failed,
    passed,
    unavailable,
    warned,
)
from ossmatch.render.wording import plural
from ossmatch.repo_facts import STALE_CONFIG_PATHS, WORKFLOWS_DIR, RepoFile, RepoSnapshot
from ossmatch.vocabulary import is_maintainer_association, normalise_label

_NEWCOMER_WORDS = ("first", "beginner", "newcomer", "starter", "easy")
_ACTIONS_STALE = re.compile(r"uses:\s*['\"]?actions/stale@", re.IGNORECASE)


def maintainer_activity(snap: RepoSnapshot, now: datetime) -> int | None:
    """Commits plus maintainer comments, reviews and merges in the window; None if unreadable."""
    if snap.commits is None and snap.recent_issues is None and snap.recent_pulls is None:
        return None
    actions = _maintainer_actions(snap, now)
    if snap.commits is not None:
        return snap.commits.count + actions
    # Commits unread (no token): no push in the window means no commits; else we cannot tell.
    pushed_before = snap.pushed_at is not None and now - snap.pushed_at > WINDOW
    return actions if actions or pushed_before else None


def _maintainer_actions(snap: RepoSnapshot, now: datetime) -> int:
    """Maintainer comments on recent issues, reviews and merges within the window."""
    count = 0
    for issue in snap.recent_issues or ():
        count += sum(
            is_maintainer_association(c.association) and not c.author.is_bot and now - c.created_at <= WINDOW
            for c in issue.comments
        )
    for pull in snap.recent_pulls or ():
        count += sum(
            is_maintainer_association(r.association) and r.submitted_at is not None
            and now - r.submitted_at <= WINDOW
            for r in pull.reviews
        )
        count += pull.merged_at is not None and now - pull.merged_at <= WINDOW
    return count


ACTIVITY = Thresholds(
    Threshold("pass", 3, "actions", "OpenSSF Scorecard's Maintained check looks for about one "
              "activity a month over 90 days"),
)


@check(
    id="maintained",
    title="Actively maintained",
    group="people",
    weight=10,
    weight_reason="OpenSSF Scorecard Maintained: nobody answers or merges in a dormant project, "
    "whatever else it offers",
    remediation="If the project is still alive, say so: merge, triage or release something; if it "
    "is finished or abandoned, state it in the README and archive the repository.",
    effort="high",
    location="README.md",
    fix_at="repository",
    thresholds=ACTIVITY,
)
def maintained(snap: RepoSnapshot, now: datetime) -> Finding:
    """Not archived, and maintainers committed, reviewed, merged or answered in the last 90 days."""
    if snap.archived or snap.disabled:
        state = "archived" if snap.archived else "disabled"
        return failed(f"The repository is {state}: it is not accepting contributions.",
                      evidence=(ev.of_repository(snap, f"{state} on GitHub"),))
    if maintainer_activity(snap, now) is None:
        return unavailable("The repository's recent activity could not be read.")
    if snap.commits is None:
        commits_text = "No push" if snap.pushed_at and now - snap.pushed_at > WINDOW else "Commits unread"
        commits = 0
    else:
        commits = snap.commits.count
        commits_text = f"{plural(commits, 'commit')} on the default branch"
    actions = _maintainer_actions(snap, now)
    facts = (f"{commits_text} and "
             f"{plural(actions, 'maintainer comment, review or merge', 'maintainer comments, reviews or merges')} "
             "in the last 90 days.")
    if commits + actions >= ACTIVITY["pass"]:
        return passed(facts)
    if commits + actions:
        return warned(facts, HALF)
    return failed(facts)


def _list_values(text: str, key: str) -> list[str]:
    """Values of ``key`` in YAML written either as ``key: 'a,b'``, ``key: [a, b]`` or a list."""
    values: list[str] = []
    pattern = re.compile(rf"^(\s*){re.escape(key)}\s*:\s*(.*)$", re.MULTILINE)
    for match in pattern.finditer(text):
        inline = match.group(2).strip()
        if inline:
            values.extend(inline.strip("[]").replace('"', "").replace("'", "").split(","))
            continue
        for line in text[match.end():].splitlines()[1:]:
            item = re.match(r"^\s*-\s*(.+)$", line)
            if not item:
                break
            values.append(item.group(1).strip().strip("'\""))
    return [v.strip() for v in values if v.strip()]


def _mentions_newcomers(labels: list[str], beginner: tuple[str, ...]) -> bool:
    wanted = {normalise_label(name) for name in beginner}
    return any(
        normalise_label(label) in wanted or any(w in label.lower() for w in _NEWCOMER_WORDS)
        for label in labels
    )


def _stale_exemptions(text: str, beginner: tuple[str, ...]) -> tuple[bool, bool]:
    """(beginner issues exempt, first-timer PRs exempt) for probot stale or actions/stale."""
    issue_labels = _list_values(text, "exempt-issue-labels") + _list_values(text, "exemptLabels")
    pr_labels = _list_values(text, "exempt-pr-labels") + _list_values(text, "exemptLabels")
    issues = _mentions_newcomers(issue_labels, beginner) or bool(
        re.search(r"days-before-issue-stale:\s*['\"]?-1", text)
    )
    prs = _mentions_newcomers(pr_labels, beginner) or bool(
        re.search(r"days-before-pr-stale:\s*['\"]?-1|^only:\s*issues", text, re.MULTILINE)
    )
    return issues, prs


@check(
    id="stale-bot",
    title="Stale bot spares newcomers",
    group="files",
    weight=2,
    weight_reason="a judgement: it matters only where a stale bot runs, and then it closes "
    "newcomers' work unseen",
    remediation="Exempt beginner issues and first-timer pull requests from the stale bot "
    "(exempt-issue-labels / exempt-pr-labels), so a newcomer's work is not closed while they learn.",
    effort="low",
    location=".github/workflows/stale.yml",
    fix_at="file",
)
def stale_bot(snap: RepoSnapshot, now: datetime) -> Finding:
    """If a stale bot runs, it exempts beginner issues and first-timer pull requests."""
    if snap.files is None or snap.directories is None:
        return unavailable("The repository's files could not be read.")
    configs: list[tuple[str, str]] = []
    item = snap.file(*STALE_CONFIG_PATHS)
    if item is not None and item.source == "repo":
        configs.append((item.path, item.text or ""))
    workflows = snap.directory(WORKFLOWS_DIR)
    for entry in workflows.entries if workflows is not None and workflows.source == "repo" else ():
        if entry.text and _ACTIONS_STALE.search(entry.text):
            configs.append((f"{WORKFLOWS_DIR}/{entry.name}", entry.text))
    if not configs:
        return passed("No stale bot closes issues or pull requests automatically.", score=FULL)
    path, text = configs[0]
    found = (ev.of_file(snap, RepoFile(path=path, text=text), "stale bot configuration"),)
    issues, prs = _stale_exemptions(text, snap.beginner_label_names())
    if issues and prs:
        return passed(f"The stale bot in {path} exempts beginner issues and first-timer PRs.",
                      FULL, path, evidence=found)
    spared = "beginner issues" if issues else "first-timer pull requests" if prs else None
    if spared:
        other = "first-timer pull requests" if issues else "beginner issues"
        return warned(f"The stale bot in {path} exempts {spared} but not {other}.", HALF, path,
                      evidence=found)
    return failed(f"The stale bot in {path} exempts neither beginner issues nor first-timer PRs.",
                  0, path, evidence=found)
