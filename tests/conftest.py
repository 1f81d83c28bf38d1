"""Shared fixtures: the fake GitHub server and GitHub's GraphQL schema."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator

import pytest
from fakegithub import FakeGitHub, World, load_schema, make_server
from fakegithub.graphql_api import NODE_MODULES, SETUP_HINT
from hypothesis import settings

__all__ = ["make_server"]

# Tests assert behaviour, not timings: hypothesis' 200 ms per-example deadline fails property tests
# on a busy two-core CI machine, so it is off (pytest-timeout still bounds every test).
settings.register_profile("ossmatch", deadline=None)
settings.load_profile("ossmatch")

# A run that forgets OSSMATCH_CACHE_DIR must not read or fill the developer's own cache (a cached
# answer from an earlier run on the same port would make a test pass or fail by chance).
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="ossmatch-test-xdg-")


def _require_schemas() -> None:
    """The pinned API descriptions come from npm; missing ones are a setup error, not a skip."""
    if not NODE_MODULES.is_dir():
        pytest.fail(f"{NODE_MODULES} is missing: {SETUP_HINT}", pytrace=False)


@pytest.fixture(scope="session")
def github_schema():
    """GitHub's GraphQL schema (graphql-core ``GraphQLSchema``), built once per session."""
    _require_schemas()
    return load_schema()


@pytest.fixture
def fake_github() -> Iterator[FakeGitHub]:
    """A running fake over an empty world; token ``test-token`` belongs to user ``tester``."""
    _require_schemas()
    world = World()
    world.add_token("test-token", "tester")
    with make_server(world) as server:
        yield server
