"""The shared GraphQL selections: one Issue selection, each caller with its own comment window."""

from __future__ import annotations

import pytest
from graphql import parse
from graphql.language import FieldNode, FragmentDefinitionNode

from ossmatch.audit.checks.policies import POLICY_PATHS
from ossmatch.document_names import AI_POLICY_FILES
from ossmatch.github import fragments, queries, repo_facts, repo_facts_rest
from ossmatch.github.documents import all_documents


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
    (repo_facts.SNAPSHOT_QUERY, "SnapshotIssue", ("first", 10)),
    (repo_facts.BEGINNER_ISSUES_QUERY, "SnapshotIssue", ("first", 10)),
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
    assert set(AI_POLICY_FILES) <= set(repo_facts.REPO_FILE_PATHS)
    assert repo_facts_rest._POLICY_TEXTS == ("AI_POLICY.md", "AGENTS.md")
