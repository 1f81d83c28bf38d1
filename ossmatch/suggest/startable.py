"""Whether a newcomer can start an issue today, said in words: who holds it, what blocks it, what
it is part of, and whether the project takes outside pull requests at all.

Pure: ``show``, the audit and the reports share these phrasings.
"""

from __future__ import annotations

from datetime import datetime

from ossmatch.models import Assignment, Issue, IssueLink, Repo
from ossmatch.render.timefmt import humanize_ago
from ossmatch.suggest.filters import (
    REASON_INTERACTIONS_LIMITED,
    REASON_PRS_COLLABORATORS,
    REASON_PRS_OFF,
    closed_door,
)

#: Logins the Copilot coding agent goes by: ``Copilot`` in REST, ``copilot-swe-agent`` in GraphQL
#: (cli/cli#10992, #11809).
COPILOT_LOGINS = frozenset({"copilot", "copilot-swe-agent", "copilot-swe-agent[bot]"})

#: What each closed door means for the person reading ``show``.
DOOR_WORDS = {
    REASON_PRS_COLLABORATORS: "pull requests here are limited to collaborators: GitHub would not let you "
                              "open one for this issue",
    REASON_PRS_OFF: "pull requests are turned off in this repository: there is no way to submit the work "
                    "on GitHub (see the contributing guide for how patches are sent)",
    REASON_INTERACTIONS_LIMITED: "the repository limits interactions to collaborators or past contributors "
                                 "for now: you could not comment or open a pull request",
}


def assignee_name(assignment: Assignment) -> str:
    """"Copilot (coding agent)", "renovate (bot)" or "@alice"."""
    login = assignment.login
    if login.lower() in COPILOT_LOGINS:
        return "Copilot (coding agent)"
    if assignment.is_bot:
        return f"{login.removesuffix('[bot]')} (bot)"
    return f"@{login}"


def assignment_text(issue: Issue, now: datetime) -> str | None:
    """"assigned to Copilot (coding agent) 1 hour ago", every assignee named; None when free."""
    if issue.assignments:
        parts = []
        for a in issue.assignments:
            when = f" {humanize_ago(max(0.0, (now - a.at).total_seconds() / 3600))}" if a.at else ""
            parts.append(assignee_name(a) + when)
        return "assigned to " + ", ".join(parts)
    if issue.assignees:
        return "assigned to " + ", ".join(f"@{a}" for a in issue.assignees)
    return None


def link_text(link: IssueLink) -> str:
    state = "open" if link.state == "OPEN" else "closed"
    return f"{link.ref} ({state}): {' '.join(link.title.split())}"


def blocked_lines(issue: Issue) -> list[str]:
    """"blocked by owner/repo#5 (open): Design the JSON output"; a closed blocker is said not to block."""
    lines = [f"blocked by {link_text(b)}" for b in issue.blocked_by if b.state == "OPEN"]
    if issue.is_blocked and not lines:
        lines.append("blocked by an open issue (GitHub did not list which)")
    lines += [f"was blocked by {link_text(b)}; closed, so it no longer blocks"
              for b in issue.blocked_by if b.state != "OPEN"]
    return lines


def door_text(repo: Repo, contributed: bool = False) -> str | None:
    """Why nobody outside the project can open a pull request here, in a sentence; None when open."""
    reason = closed_door(repo, contributed)
    return DOOR_WORDS.get(reason) if reason else None
