"""Hard filters: issues that cannot be offered at all (assigned, fixed, archived, excluded...)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import NamedTuple

from ossmatch.models import AiPolicy, Candidate, Repo
from ossmatch.profile import Profile
from ossmatch.render.wording import plural

# --------------------------------------------------------------------------- hard filters

REASON_ASSIGNED = "assigned to someone"
REASON_LINKED_PR = "has an open pull request"
REASON_REPO_ARCHIVED = "repository archived"
REASON_REPO_DISABLED = "repository disabled"
REASON_REPO_LOCKED = "repository locked"
REASON_ISSUE_LOCKED = "issue locked"
REASON_ISSUE_CLOSED = "issue closed"
REASON_EXCLUDED_REPO = "repository excluded by profile"
REASON_EXCLUDED_ORG = "organization excluded by profile"
REASON_EXCLUDED_LABEL = "label excluded by profile"
REASON_FEW_STARS = "fewer stars than min_stars"
REASON_TOO_OLD = "older than max_issue_age_days"
# The doors of 2026: a newcomer who follows these finds no way to submit the work.
REASON_PRS_COLLABORATORS = "pull requests limited to collaborators"
REASON_PRS_OFF = "pull requests turned off"
REASON_INTERACTIONS_LIMITED = "interactions limited to collaborators or past contributors"
REASON_BLOCKED = "blocked by an open issue"
REASON_TRACKING = "a tracking issue (its open sub-issues are offered instead)"
REASON_AI_REFUSED = "AI-assisted contributions not accepted (ai_assisted = true)"

#: Permissions that may open pull requests whatever the repository's policy.
WRITE_PERMISSIONS = frozenset({"WRITE", "MAINTAIN", "ADMIN"})


def closed_door(repo: Repo, contributed: bool = False) -> str | None:
    """Why nobody outside the project can open a pull request here, or None when they can.

    ``viewerPermission`` with write access opens every door; a past contributor passes a
    contributors-only interaction limit (a temporary limit GitHub shows as ``interactionAbility``).
    """
    if repo.viewer_permission in WRITE_PERMISSIONS:
        return None
    if repo.pull_requests_enabled is False:
        return REASON_PRS_OFF
    if repo.pr_creation_policy == "COLLABORATORS_ONLY":
        return REASON_PRS_COLLABORATORS
    if repo.interaction_limit == "COLLABORATORS_ONLY" or (
            repo.interaction_limit == "CONTRIBUTORS_ONLY" and not contributed):
        return REASON_INTERACTIONS_LIMITED
    return None


def exclusion_reason(candidate: Candidate, profile: Profile, now: datetime,
                     contributed_to: frozenset[str] = frozenset()) -> str | None:
    """Why an issue can't be offered at all (a stable phrase, for counting), or None.

    ``contributed_to`` holds the repositories (lower case) the person already got work merged in.
    """
    issue, repo = candidate.issue, candidate.repo
    if issue.state != "OPEN":
        return REASON_ISSUE_CLOSED
    if issue.assignees:
        return REASON_ASSIGNED
    if issue.open_closing_prs > 0:
        return REASON_LINKED_PR
    if repo.archived:
        return REASON_REPO_ARCHIVED
    if repo.disabled:
        return REASON_REPO_DISABLED
    if repo.locked:
        return REASON_REPO_LOCKED
    if issue.locked:
        return REASON_ISSUE_LOCKED
    door = closed_door(repo, (repo.name_with_owner or issue.repo).lower() in contributed_to)
    if door is not None:
        return door
    if issue.is_blocked:
        return REASON_BLOCKED
    if issue.open_sub_issues > 0:
        return REASON_TRACKING
    if profile.ai_assisted and repo.ai_policy is not None and repo.ai_policy.stance == "not_accepted":
        return REASON_AI_REFUSED
    name = (repo.name_with_owner or issue.repo).lower()
    if name in {r.lower() for r in profile.exclude_repos}:
        return REASON_EXCLUDED_REPO
    if name.split("/")[0] in {o.lower() for o in profile.exclude_orgs}:
        return REASON_EXCLUDED_ORG
    excluded_labels = {lab.lower() for lab in profile.exclude_labels}
    if any(lab.lower() in excluded_labels for lab in issue.label_names):
        return REASON_EXCLUDED_LABEL
    if repo.stars < profile.min_stars:
        return REASON_FEW_STARS
    if (profile.max_issue_age_days is not None
            and (now - issue.created_at).total_seconds() > profile.max_issue_age_days * 86400):
        return REASON_TOO_OLD
    return None


#: Each candidate with why it cannot be offered (None: it can), in the order found (``triage``).
Triaged = Sequence[tuple[Candidate, str | None]]


def triage(candidates: Iterable[Candidate], profile: Profile, now: datetime,
           contributed_to: frozenset[str] = frozenset()) -> list[tuple[Candidate, str | None]]:
    """Each candidate with ``exclusion_reason``, decided once: the ranking, the counts of what was
    left out and the AI refusals all read this one answer."""
    return [(c, exclusion_reason(c, profile, now, contributed_to)) for c in candidates]


def excluded(candidates: Iterable[Candidate], profile: Profile, now: datetime,
             contributed_to: frozenset[str] = frozenset()) -> dict[str, int]:
    """How many distinct candidates each hard filter removed, most common first."""
    return excluded_counts(triage(candidates, profile, now, contributed_to))


def excluded_counts(triaged: Triaged) -> dict[str, int]:
    """``excluded`` from candidates already triaged."""
    seen: dict[tuple[str, int], str] = {}
    for c, r in triaged:
        key = (c.issue.repo.lower(), c.issue.number)
        if key not in seen and r is not None:
            seen[key] = r
    counts = Counter(seen.values())
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


class AiRefusal(NamedTuple):
    """A project left out because its stated policy refuses AI-assisted work, in its own words."""

    repo: str
    issues: int
    policy: AiPolicy


def ai_refusals(triaged: Triaged) -> list[AiRefusal]:
    """The projects ``REASON_AI_REFUSED`` left out (only with ``ai_assisted = true``), each with how
    many of its issues, counted as ``excluded`` counts them; most issues first."""
    seen: dict[tuple[str, int], Candidate] = {}
    for c, reason in triaged:
        key = (c.issue.repo.lower(), c.issue.number)
        if key not in seen and reason == REASON_AI_REFUSED:
            seen[key] = c
    counts = Counter(c.repo.name_with_owner or c.issue.repo for c in seen.values())
    policies = {c.repo.name_with_owner or c.issue.repo: c.repo.ai_policy for c in seen.values()}
    return [AiRefusal(repo, n, policy) for repo, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
            if (policy := policies[repo]) is not None]


#: How the summary says each explained reason after a count of issues.
LEFT_OUT_WORDS = {
    REASON_PRS_COLLABORATORS: "where pull requests are limited to collaborators",
    REASON_PRS_OFF: "where pull requests are turned off",
    REASON_INTERACTIONS_LIMITED: "where interactions are limited to collaborators or past contributors",
    REASON_BLOCKED: "blocked by an open issue",
    REASON_TRACKING: "tracking {issue} whose open sub-issues are listed instead",
    REASON_AI_REFUSED: "where AI-assisted contributions are not accepted",
}


def left_out_text(counts: dict[str, int]) -> str:
    """"left out 3 issues: 2 where pull requests are limited to collaborators, 1 blocked by an open
    issue": the reasons a person would wonder about; empty when none applied."""
    named = [(r, n) for r, n in counts.items() if r in LEFT_OUT_WORDS and n]
    if not named:
        return ""
    total = sum(n for _, n in named)
    said = [f"{n} {LEFT_OUT_WORDS[r].format(issue='issue' if n == 1 else 'issues')}" for r, n in named]
    return f"left out {plural(total, 'issue')}: " + ", ".join(said)

