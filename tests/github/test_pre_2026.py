"""Servers without GitHub's 2025-26 fields: every query has a legacy form that the pre-2026 schema
accepts, and only "Field 'x' doesn't exist" about a marked field counts as such a server."""

from __future__ import annotations

import pytest
from fakegithub.graphql_api import load_pinned_schema
from graphql import parse, validate

from ossmatch.github import queries
from ossmatch.github.fragments import SINCE_2026, legacy_query
from ossmatch.github.graphql_result import predates_2026
from ossmatch.github.query_registry import all_documents

ALL = all_documents()


@pytest.mark.parametrize("name", sorted(ALL))
def test_every_query_has_a_legacy_form_the_old_schema_accepts(name: str) -> None:
    query = ALL[name]
    legacy = legacy_query(query)
    assert SINCE_2026 not in legacy
    errors = validate(load_pinned_schema(), parse(legacy if "repo_batch_trackers" not in name
                                                  else legacy_query(queries.repo_batch_query(2))))
    assert errors == [], [e.message for e in errors]


def test_the_2026_fields_are_marked_so_the_old_schema_refuses_only_them() -> None:
    errors = validate(load_pinned_schema(), parse(queries.SEARCH_ISSUES))
    fields = {e.message.split("'")[1] for e in errors}
    assert fields == {"assignedActors", "issueDependenciesSummary", "blockedBy", "parent", "subIssuesSummary",
                      "issueType"}


ERROR = [{"message": "Field 'assignedActors' doesn't exist on type 'Issue'"}]


def test_predates_2026_only_for_marked_fields() -> None:
    assert predates_2026(queries.SEARCH_ISSUES, ERROR)
    assert not predates_2026(queries.SEARCH_ISSUES, [{"message": "Field 'stars' doesn't exist on type 'Repository'"}])
    assert not predates_2026(queries.SEARCH_ISSUES, [*ERROR, {"message": "Something else broke"}])
    assert not predates_2026(legacy_query(queries.SEARCH_ISSUES), ERROR)


def test_a_copilot_assignment_seen_only_in_assigned_actors_takes_the_issue() -> None:
    from datetime import datetime, timezone

    from ossmatch.github import parse
    from ossmatch.models import Candidate, Repo
    from ossmatch.profile import Profile
    from ossmatch.suggest.filters import REASON_ASSIGNED, exclusion_reason

    node = {"number": 1, "url": "https://github.com/o/r/issues/1", "title": "t", "state": "OPEN",
            "createdAt": "2026-11-20T00:00:00Z", "repository": {"nameWithOwner": "o/r"},
            "assignees": {"nodes": []},
            "assignedActors": {"nodes": [{"__typename": "Bot", "login": "copilot-swe-agent"}]}}
    issue = parse.issue(node)
    assert issue.assignees == ("copilot-swe-agent",) and issue.assignments[0].is_bot
    candidate = Candidate(issue=issue, repo=Repo(name_with_owner="o/r", url="https://github.com/o/r"))
    now = datetime(2026, 11, 27, tzinfo=timezone.utc)
    assert exclusion_reason(candidate, Profile(), now) == REASON_ASSIGNED
    legacy = parse.issue({k: v for k, v in node.items() if k != "assignedActors"})
    assert legacy.assignees == ()  # a pre-2026 server cannot tell: the assignment stays unseen


def test_a_refused_interaction_limit_is_not_a_refused_repository() -> None:
    from ossmatch.github.graphql_result import GraphQLResult

    result = GraphQLResult({"r0": {"interactionAbility": None}}, [
        {"type": "FORBIDDEN", "path": ["r0", "interactionAbility"], "message": "Must have admin rights"},
        {"type": "FORBIDDEN", "path": ["r1"], "message": "Resource protected by organization SAML enforcement."}])
    assert [e["path"] for e in result.forbidden()] == [["r1"]]
