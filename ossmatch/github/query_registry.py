"""Every GraphQL document ossmatch sends, by name: the one registry the schema test walks.

A new query is added here beside its module's constant; ``tests/github/test_query_registry.py``
validates each against GitHub's published schema and fails for a query constant that is not registered.
"""

from __future__ import annotations

from ossmatch.github import (
    histories,
    history,
    issue_detail,
    merge_history,
    queries,
    repo_documents,
    repo_search,
    snapshot_graphql,
    users,
)
from ossmatch.github.sources.graphql_repos import repo_batch_size


def all_documents() -> dict[str, str]:
    """Each document by a name for the test report; batched ones at one and at their largest size."""
    return {
        "user_history": history.USER_HISTORY,
        "viewer_history": history.VIEWER_HISTORY,
        "rate_limit": histories.RATE_LIMIT,
        "user_histories_1": histories.histories_query(1),
        "user_histories_full": histories.histories_query(histories.HISTORY_BATCH_SIZE),
        "user_repos": users.USER_REPOS,
        "user_own_repos": users.USER_OWN_REPOS,
        "issue_detail": issue_detail.ISSUE_DETAIL,
        "search_issues": queries.SEARCH_ISSUES,
        "multi_search_1": queries.multi_search_query(1),
        "multi_search_3_viewer": queries.multi_search_query(3, "viewer"),
        "multi_search_2_user": queries.multi_search_query(2, "user"),
        "multi_search_history_only": queries.multi_search_query(0, "viewer"),
        "multi_search_2_repos_3": queries.multi_search_query(2, None, 3),
        "multi_search_1_repos_2_trackers_1": queries.multi_search_query(1, "viewer", 2, 1),
        "repo_batch_1": queries.repo_batch_query(1),
        "repo_batch_full": queries.repo_batch_query(repo_batch_size()),
        "repo_batch_trackers": queries.repo_batch_query(2, 2),
        "issue_batch_1": queries.issue_batch_query(1),
        "issue_batch_full": queries.issue_batch_query(queries.ISSUE_BATCH_SIZE),
        "snapshot": snapshot_graphql.SNAPSHOT_QUERY,
        "beginner_issues": snapshot_graphql.BEGINNER_ISSUES_QUERY,
        "merged_pulls": merge_history.MERGED_PULLS_QUERY,
        "documents": repo_documents.documents_query(2, 1),
        "org_documents": repo_documents.documents_query(0, 2),
        "repo_search": repo_search.REPO_SEARCH,
    }
