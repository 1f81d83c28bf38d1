"""Build ossmatch clients wired to a fake GitHub (shared by the test packages)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from fakegithub import FakeGitHub, World, make_server

from ossmatch.github.cache import ResponseCache
from ossmatch.github.client import GitHubClient
from ossmatch.github.settings import GitHubSettings

TOKEN = "test-token"


def make_client(
    fake,
    *,
    token: str | None = TOKEN,
    cache_dir: Path | None = None,
    timeout: int = 5,
    max_wait: int = 5,
    warnings: list[str] | None = None,
) -> GitHubClient:
    settings = GitHubSettings(api_url=fake.rest_url, token=token, timeout=timeout, max_wait=max_wait)
    sink = warnings if warnings is not None else []
    cache = ResponseCache(cache_dir, sink.append) if cache_dir else None
    return GitHubClient(settings, cache, warn=sink.append)


def cli_env(fake, tmp_path: Path, **extra: str) -> dict[str, str]:
    """Environment for a CLI run against ``fake``: its URLs, the test token, a private cache, no ``gh``."""
    return {
        "GITHUB_API_URL": fake.rest_url,
        "GITHUB_GRAPHQL_URL": "",
        "GITHUB_TOKEN": TOKEN,
        "GH_TOKEN": "",
        "OSSMATCH_NOW": fake.world.now.isoformat(),
        "OSSMATCH_CACHE_DIR": str(tmp_path / "cache"),
        "PATH": "/nonexistent",
        **extra,
    }


@contextmanager
def serving(*builders: Callable[[World], object]) -> Iterator[FakeGitHub]:
    """A fake GitHub over a fresh world the builders fill, ``TOKEN`` belonging to ``tester``: for
    module-scoped fixtures, which cannot use the function-scoped ``fake_github``."""
    world = World()
    world.add_token(TOKEN, "tester")
    for build in builders:
        build(world)
    with make_server(world) as fake:
        yield fake
