"""Build ossmatch clients wired to a fake GitHub (shared by the test packages)."""

from __future__ import annotations

from pathlib import Path

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
