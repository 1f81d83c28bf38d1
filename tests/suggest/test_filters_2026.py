"""The hard filters of 2026 as a table: who may open pull requests, blockers, tracking issues, AI policies."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from ossmatch.models import AiPolicy, Candidate, Issue, IssueLink, Repo
from ossmatch.profile import Profile
from ossmatch.suggest import filters as f

NOW = datetime(2026, 11, 27, 12, tzinfo=timezone.utc)
ISSUE = Issue(repo="o/r", number=1, url="https://github.com/o/r/issues/1", title="t", created_at=NOW,
              updated_at=NOW)
REPO = Repo(name_with_owner="o/r", url="https://github.com/o/r")
OPEN_BLOCKER = IssueLink(repo="o/r", number=5, title="Design", state="OPEN")
REFUSAL = AiPolicy(stance="not_accepted", quote="AI-generated PRs will be closed.", source="CONTRIBUTING.md")

# issue changes, repository changes, profile, contributed here?, reason
CASES = [
    ({}, {}, Profile(), False, None),
    ({}, {"pr_creation_policy": "ALL", "pull_requests_enabled": True}, Profile(), False, None),
    ({}, {"pr_creation_policy": "COLLABORATORS_ONLY"}, Profile(), False, f.REASON_PRS_COLLABORATORS),
    ({}, {"pr_creation_policy": "COLLABORATORS_ONLY", "viewer_permission": "WRITE"}, Profile(), False, None),
    ({}, {"pr_creation_policy": "COLLABORATORS_ONLY", "viewer_permission": "READ"}, Profile(), False,
     f.REASON_PRS_COLLABORATORS),
    ({}, {"pull_requests_enabled": False}, Profile(), False, f.REASON_PRS_OFF),
    ({}, {"pull_requests_enabled": False, "viewer_permission": "ADMIN"}, Profile(), False, None),
    ({}, {"interaction_limit": "COLLABORATORS_ONLY"}, Profile(), True, f.REASON_INTERACTIONS_LIMITED),
    ({}, {"interaction_limit": "CONTRIBUTORS_ONLY"}, Profile(), False, f.REASON_INTERACTIONS_LIMITED),
    ({}, {"interaction_limit": "CONTRIBUTORS_ONLY"}, Profile(), True, None),
    ({}, {"interaction_limit": "EXISTING_USERS"}, Profile(), False, None),
    ({"blocked_by": (OPEN_BLOCKER,), "open_blockers": 1}, {}, Profile(), False, f.REASON_BLOCKED),
    ({"blocked_by": (OPEN_BLOCKER.model_copy(update={"state": "CLOSED"}),), "open_blockers": 0}, {}, Profile(),
     False, None),
    ({"blocked_by": (OPEN_BLOCKER,)}, {}, Profile(), False, f.REASON_BLOCKED),  # no summary: the list decides
    ({"sub_issues_total": 3, "sub_issues_done": 1}, {}, Profile(), False, f.REASON_TRACKING),
    ({"sub_issues_total": 3, "sub_issues_done": 3}, {}, Profile(), False, None),  # every task done: itself
    ({}, {"ai_policy": REFUSAL}, Profile(), False, None),
    ({}, {"ai_policy": REFUSAL}, Profile(ai_assisted=True), False, f.REASON_AI_REFUSED),
    ({}, {"ai_policy": REFUSAL.model_copy(update={"stance": "disclosed"})}, Profile(ai_assisted=True), False,
     None),
]


@pytest.mark.parametrize(("issue", "repo", "profile", "contributed", "reason"), CASES)
def test_exclusion_table(issue: dict, repo: dict, profile: Profile, contributed: bool, reason: str | None) -> None:
    candidate = Candidate(issue=ISSUE.model_copy(update=issue), repo=REPO.model_copy(update=repo))
    assert f.exclusion_reason(candidate, profile, NOW, frozenset({"o/r"} if contributed else ())) == reason


def test_left_out_text_counts_each_reason_and_says_nothing_of_the_usual_ones() -> None:
    assert f.left_out_text({f.REASON_ASSIGNED: 4}) == ""
    assert f.left_out_text({f.REASON_TRACKING: 2, f.REASON_PRS_OFF: 1, f.REASON_ASSIGNED: 9}) == (
        "left out 3 issues: 2 tracking issues whose open sub-issues are listed instead, "
        "1 where pull requests are turned off")
