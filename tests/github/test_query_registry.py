"""Every GraphQL document the client can send is registered and valid against GitHub's published schema."""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from graphql import parse, validate

import ossmatch.github
from ossmatch.github import queries
from ossmatch.github.query_registry import all_documents
from ossmatch.github.sources.graphql_repos import repo_batch_size


@pytest.mark.parametrize("name", sorted(all_documents()))
def test_query_validates_against_github_schema(github_schema, name: str) -> None:
    errors = validate(github_schema, parse(all_documents()[name]))
    assert errors == [], [e.message for e in errors]


@pytest.mark.parametrize("count", [1, 7, repo_batch_size()])
def test_repo_batches_of_any_size_validate(github_schema, count: int) -> None:
    assert validate(github_schema, parse(queries.repo_batch_query(count))) == []


def test_a_broken_query_is_caught(github_schema) -> None:
    errors = validate(github_schema, parse("query { repository(owner: \"a\", name: \"b\") { stars } }"))
    assert errors and "stars" in errors[0].message


def test_no_query_escapes_the_registry() -> None:
    """Every module-level string of the fetch layer that holds a whole query is a registered document."""
    registered = "\n".join(all_documents().values())
    found = []
    for info in pkgutil.iter_modules(ossmatch.github.__path__):
        module = importlib.import_module(f"ossmatch.github.{info.name}")
        for name, value in vars(module).items():
            if isinstance(value, str) and value.lstrip().startswith("query "):
                found.append(name)
                assert value in registered, f"ossmatch.github.{info.name}.{name} is not registered"
    assert len(found) >= 10, found
