"""Every GraphQL document the client can send is valid against GitHub's published schema."""

from __future__ import annotations

import pytest
from graphql import parse, validate

from ossmatch.github import queries


@pytest.mark.parametrize("name", sorted(queries.all_queries()))
def test_query_validates_against_github_schema(github_schema, name: str) -> None:
    errors = validate(github_schema, parse(queries.all_queries()[name]))
    assert errors == [], [e.message for e in errors]


@pytest.mark.parametrize("count", [1, 7, queries.REPO_BATCH_SIZE])
def test_repo_batches_of_any_size_validate(github_schema, count: int) -> None:
    assert validate(github_schema, parse(queries.repo_batch_query(count))) == []


def test_a_broken_query_is_caught(github_schema) -> None:
    errors = validate(github_schema, parse("query { repository(owner: \"a\", name: \"b\") { stars } }"))
    assert errors and "stars" in errors[0].message
