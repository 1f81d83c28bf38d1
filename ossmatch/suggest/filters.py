"""Hard filters: issues that cannot be offered at all (assigned, fixed, archived, excluded...)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import datetime

from ossmatch.models import Candidate
from ossmatch.profile import Profile

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


def exclusion_reason(candidate: Candidate, profile: Profile, now: datetime) -> str | None:
    """Why an issue can't be offered at all (a stable phrase, for counting), or None."""
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


def excluded(candidates: Iterable[Candidate], profile: Profile, now: datetime) -> dict[str, int]:
    """How many candidates each hard filter removed, most common first (for --verbose)."""
    counts = Counter(
        r for c in candidates if (r := exclusion_reason(c, profile, now)) is not None
    )
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))

