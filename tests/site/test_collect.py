"""The portal's query plan: within GitHub's limits, every repository searched under every label."""

from __future__ import annotations

import re

import pytest

from ossmatch.site.collect import plan_queries
from ossmatch.site.config import Community
from ossmatch.suggest.plan import BEGINNER_LABELS, MAX_QUERY_LENGTH, operator_count


@pytest.mark.parametrize(("repos", "orgs"), [(1, 0), (6, 0), (7, 2), (100, 0), (0, 3)])
def test_queries_cover_every_scope_and_label_within_limits(repos: int, orgs: int) -> None:
    community = Community(name="x", repositories=[f"some-org/project-number-{n}" for n in range(repos)],
                          organizations=[f"org{n}" for n in range(orgs)])
    queries = plan_queries(community)
    assert all(len(q) <= MAX_QUERY_LENGTH and operator_count(q) <= 5 for q in queries)
    scopes = [*(f"repo:{r}" for r in community.repositories), *(f"org:{o}" for o in community.organizations)]
    for scope in scopes:
        covering = [q for q in queries if re.search(rf"[( ]?{re.escape(scope)}[ )]", q)]
        labels = {lab.strip('"') for q in covering
                  for lab in re.findall(r'"[^"]*"|[^,]+', q.split(" label:", 1)[1].split(" is:issue")[0])}
        assert labels == set(BEGINNER_LABELS), scope


def test_several_repositories_are_or_ed_in_parentheses() -> None:
    """GitHub's issue search ANDs side-by-side repo: qualifiers since September 2025."""
    query = plan_queries(Community(name="x", repositories=["a/b", "c/d"]))[0]
    assert query.startswith("(repo:a/b OR repo:c/d) label:")


def test_the_community_query_is_its_own_search() -> None:
    queries = plan_queries(Community(name="x", query="org:acme language:go"))
    assert queries and all(q.startswith("org:acme language:go label:") for q in queries)
