"""The shared GraphQL selections: one Issue selection, each caller with its own comment window."""

from __future__ import annotations

from typing import Any

import pytest
from graphql import Visitor, parse, visit
from graphql.language import FieldNode, FragmentDefinitionNode

from ossmatch.audit.checks.policies import POLICY_PATHS
from ossmatch.document_names import AI_POLICY_FILES
from ossmatch.github import fragments, queries, snapshot_graphql, snapshot_rest
from ossmatch.github.query_registry import all_documents
from ossmatch.repo_facts import REPO_FILE_PATHS


def issue_fragments(document: str) -> dict[str, FragmentDefinitionNode]:
    return {d.name.value: d for d in parse(document).definitions
            if isinstance(d, FragmentDefinitionNode) and d.type_condition.name.value == "Issue"}


def comment_window(fragment: FragmentDefinitionNode) -> tuple[str, int] | None:
    """(first|last, count) of the fragment's ``comments`` field, None when it has none."""
    for field in fragment.selection_set.selections:
        if isinstance(field, FieldNode) and field.name.value == "comments":
            (argument,) = field.arguments
            return argument.name.value, int(argument.value.value)
    return None


@pytest.mark.parametrize(("document", "fragment", "window"), [
    (queries.SEARCH_ISSUES, "CandidateIssue", ("last", 10)),
    (queries.issue_batch_query(2), "CandidateIssue", ("last", 10)),
    (snapshot_graphql.SNAPSHOT_QUERY, "SnapshotIssue", ("first", 10)),
    (snapshot_graphql.BEGINNER_ISSUES_QUERY, "SnapshotIssue", ("first", 10)),
])
def test_each_caller_reads_its_own_comment_window(document: str, fragment: str, window: tuple[str, int]) -> None:
    """Suggest reads the newest comments (claims, the latest answer), the audit the first ones
    (time to first response): one selection, two windows."""
    assert comment_window(issue_fragments(document)[fragment]) == window


def test_no_document_spells_the_issue_selection_itself() -> None:
    """Every Issue fragment any query sends is ``issue_fragment``'s selection with its own window
    (plus the caller's extra lines), or builds on one that is."""
    checked = set()
    for name, document in all_documents().items():
        for fragment_name, fragment in issue_fragments(document).items():
            window = comment_window(fragment)
            if window is None:  # an extension such as BeginnerIssue: it spreads an issue fragment
                spreads = [s for s in fragment.selection_set.selections if not isinstance(s, FieldNode)]
                assert spreads, f"{name}: fragment {fragment_name} neither reads comments nor spreads a fragment"
                continue
            end, count = window
            core = fragments.issue_fragment(fragment_name, end, count)
            assert core.removesuffix("}\n") in document, f"{name}: {fragment_name} is not issue_fragment's selection"
            checked.add((fragment_name, window))
    assert checked == {("CandidateIssue", ("last", 10)), ("SnapshotIssue", ("first", 10))}


def test_the_window_is_a_parameter() -> None:
    text = fragments.issue_fragment("Probe", "first", 3, "issueType { name }")
    (fragment,) = issue_fragments(text).values()
    assert comment_window(fragment) == ("first", 3)
    assert text.rstrip().endswith("issueType { name }\n}")


def test_the_ai_policy_files_are_one_list() -> None:
    """Suggest's batch, the audit's GraphQL snapshot and its tokenless REST read all come from
    ``document_names.AI_POLICY_FILES``, and the audit looks for a policy wherever suggest does."""
    assert fragments.POLICY_BLOBS[:len(AI_POLICY_FILES)] == AI_POLICY_FILES
    assert set(fragments.POLICY_BLOBS) <= set(POLICY_PATHS)
    assert set(AI_POLICY_FILES) <= set(REPO_FILE_PATHS)
    assert snapshot_rest._POLICY_TEXTS == ("AI_POLICY.md", "AGENTS.md")


def _logins_without_typename(document: str) -> list[str]:
    """Fields whose selection reads ``login`` but not ``__typename`` (a bot would pass for a person)."""
    found: list[str] = []

    class Logins(Visitor):
        def enter_selection_set(self, node: Any, _key: Any, parent: Any, *_rest: Any) -> None:
            names = {s.name.value for s in node.selections if isinstance(s, FieldNode)}
            if "login" in names and "__typename" not in names and isinstance(parent, FieldNode):
                found.append(parent.name.value)

    visit(parse(document), Logins())
    return found


def test_every_account_is_read_with_the_one_actor_selection() -> None:
    """Authors, reviewers, mergers, triagers and assignees all come as ``ACTOR`` (login and type), so
    ``parse.actor`` recognises a bot wherever one appears; a commit's linked ``user`` is always a User."""
    for name, document in all_documents().items():
        assert [field for field in _logins_without_typename(document) if field != "user"] == [], name
    assert _logins_without_typename("{ repository { mergedBy: owner { login } } }") == ["owner"]
