"""The client against the fake GitHub: caching, errors and fault modes, with bounded time."""

from __future__ import annotations

import time

import pytest
from clients import make_client

from ossmatch.errors import (
    AuthError,
    GitHubError,
    MalformedResponse,
    NotFoundError,
    RateLimitError,
    UnreachableError,
)
from ossmatch.github import queries
from ossmatch.github.client import GitHubClient

REPO_QUERY = queries.repo_batch_query(1)


def _world(fake) -> None:
    repo = fake.world.add_repo("octo/demo", languages=["Python"], stars=42)
    repo.add_issue("Fix the docs", labels=["good first issue"])


def test_graphql_returns_data_and_counts_cost(fake_github, client: GitHubClient) -> None:
    _world(fake_github)
    result = client.graphql(REPO_QUERY, {"o0": "octo", "n0": "demo"}, kind="repo")
    assert result.data["r0"]["nameWithOwner"] == "octo/demo"
    assert client.stats["graphql_requests"] == 1
    assert fake_github.count("graphql") == 1


def test_missing_repository_is_partial_data_not_a_failure(fake_github, client: GitHubClient) -> None:
    _world(fake_github)
    query = queries.repo_batch_query(2)
    result = client.graphql(query, {"o0": "octo", "n0": "demo", "o1": "octo", "n1": "nope"}, kind="repo")
    assert result.data["r0"]["nameWithOwner"] == "octo/demo"
    assert result.data["r1"] is None
    assert result.missing() == {"r1"}


def test_a_fresh_rest_answer_is_reused_and_a_stale_one_revalidated_by_etag(fake_github, tmp_path,
                                                                          monkeypatch) -> None:
    from ossmatch.github import client as client_module
    from ossmatch.github.client import rest_freshness

    _world(fake_github)
    client = make_client(fake_github, cache_dir=tmp_path)
    first = client.rest("/repos/octo/demo")
    fake_github.clear_log()
    # Within the hour: the cached answer is used without asking GitHub at all.
    assert client.rest("/repos/octo/demo") == first and fake_github.log == []
    assert client.stats["fresh_hits"] == 1
    # An hour later: asked again with its ETag; the 304 costs no quota.
    later = time.time() + rest_freshness("/repos/octo/demo") + 1
    monkeypatch.setattr(client_module.time, "time", lambda: later)
    assert client.rest("/repos/octo/demo") == first
    assert [r.status for r in fake_github.log] == [304]
    assert fake_github.quota_requests() == []
    assert client.stats["not_modified"] == 1
    # A fresh read (re-checking an issue sent earlier) always asks.
    fake_github.clear_log()
    client.rest("/repos/octo/demo", fresh=True)
    assert len(fake_github.log) == 1
    assert rest_freshness("/repos/octo/demo/issues/5") < rest_freshness("/search/issues")


def test_graphql_cache_serves_a_second_run_without_requests(fake_github, tmp_path) -> None:
    _world(fake_github)
    make_client(fake_github, cache_dir=tmp_path).graphql(REPO_QUERY, {"o0": "octo", "n0": "demo"}, kind="repo")
    fake_github.clear_log()
    again = make_client(fake_github, cache_dir=tmp_path)
    result = again.graphql(REPO_QUERY, {"o0": "octo", "n0": "demo"}, kind="repo")
    assert result.cached and result.data["r0"]["stargazerCount"] == 42
    assert fake_github.log == []


def test_cache_keys_and_values_never_hold_the_token(fake_github, tmp_path) -> None:
    _world(fake_github)
    client = make_client(fake_github, cache_dir=tmp_path)
    client.graphql(REPO_QUERY, {"o0": "octo", "n0": "demo"}, kind="repo")
    client.rest("/repos/octo/demo")
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert b"test-token" not in path.read_bytes()
    assert "test-token" not in repr(client)


def test_rest_pagination_follows_link_headers(fake_github, client: GitHubClient) -> None:
    repo = fake_github.world.add_repo("octo/many", languages=["Go"])
    for i in range(230):
        repo.add_issue(f"Issue {i}", labels=["help wanted"])
    pages = client.rest_pages("/search/issues", {"q": "repo:octo/many is:issue"}, max_pages=5)
    assert [len(p["items"]) for p in pages] == [100, 100, 30]


@pytest.mark.parametrize(
    ("token", "error", "message"),
    [
        ("wrong", AuthError, "GitHub rejected the token (401 Bad credentials): check GITHUB_TOKEN or GH_TOKEN"),
        (None, AuthError, "GitHub's GraphQL API needs a token: set GITHUB_TOKEN or GH_TOKEN"),
    ],
)
def test_bad_or_missing_token(fake_github, token, error, message) -> None:
    client = make_client(fake_github, token=token)
    with pytest.raises(error) as caught:
        client.graphql(REPO_QUERY, {"o0": "octo", "n0": "demo"}, kind="repo")
    assert caught.value.message == message


def test_unknown_repository_over_rest_is_not_found(fake_github, client: GitHubClient) -> None:
    with pytest.raises(NotFoundError, match=r"^not found on GitHub: /repos/octo/none$"):
        client.rest("/repos/octo/none")


def _timed(call):
    start = time.monotonic()
    try:
        call()
    except Exception as error:
        return error, time.monotonic() - start
    return None, time.monotonic() - start


@pytest.mark.parametrize("fault", ["rate_limit_403", "rate_limit_429"])
def test_primary_rate_limit_fails_fast_with_reset_time_within_2s(fake_github, fault) -> None:
    _world(fake_github)
    fake_github.inject(fault, times=None, seconds=3600)
    client = make_client(fake_github, max_wait=5)
    error, elapsed = _timed(lambda: client.rest("/repos/octo/demo"))
    assert isinstance(error, RateLimitError), error
    assert "rate limit" in error.message
    assert elapsed < 2


def test_primary_rate_limit_on_graphql_fails_fast_within_2s(fake_github, client) -> None:
    _world(fake_github)
    fake_github.inject("graphql_rate_limited", times=None)
    error, elapsed = _timed(lambda: client.graphql(REPO_QUERY, {"o0": "octo", "n0": "demo"}, kind="repo"))
    assert isinstance(error, RateLimitError)
    assert elapsed < 2


def test_secondary_rate_limit_short_retry_after_is_retried_within_5s(fake_github, client) -> None:
    _world(fake_github)
    fake_github.inject("secondary", times=1, seconds=1)
    error, elapsed = _timed(lambda: client.rest("/repos/octo/demo"))
    assert error is None
    assert 0.9 <= elapsed < 5


def test_secondary_rate_limit_beyond_the_cap_fails_at_once_within_2s(fake_github) -> None:
    _world(fake_github)
    fake_github.inject("secondary", times=None, seconds=600)
    client = make_client(fake_github, max_wait=5)
    error, elapsed = _timed(lambda: client.rest("/repos/octo/demo"))
    assert isinstance(error, RateLimitError)
    assert "secondary rate limit asks to wait 600s" in error.message
    assert elapsed < 2


def test_one_server_error_is_retried_within_3s(fake_github, client) -> None:
    _world(fake_github)
    fake_github.inject("server_error", times=1)
    error, elapsed = _timed(lambda: client.rest("/repos/octo/demo"))
    assert error is None
    assert elapsed < 3


def test_persistent_server_errors_end_in_one_line_error_within_5s(fake_github, client) -> None:
    _world(fake_github)
    fake_github.inject("server_error", times=None)
    error, elapsed = _timed(lambda: client.rest("/repos/octo/demo"))
    assert isinstance(error, GitHubError)
    assert "\n" not in error.message and "try again later" in error.message
    assert elapsed < 5


def test_slow_response_times_out_within_5s(fake_github) -> None:
    _world(fake_github)
    fake_github.inject("slow", times=None, seconds=3)
    client = make_client(fake_github, timeout=1)
    error, elapsed = _timed(lambda: client.rest("/repos/octo/demo"))
    assert isinstance(error, UnreachableError)
    assert "did not answer within 1s" in error.message
    assert elapsed < 5


def test_truncated_json_is_a_malformed_response(fake_github, client) -> None:
    _world(fake_github)
    fake_github.inject("truncated", times=None)
    with pytest.raises(MalformedResponse, match="not valid JSON"):
        client.rest("/repos/octo/demo")


def test_unreachable_host_is_one_line() -> None:
    from ossmatch.github.settings import GitHubSettings

    client = GitHubClient(GitHubSettings(api_url="http://127.0.0.1:9/api/v3", token="t", timeout=2))
    error, elapsed = _timed(lambda: client.rest("/repos/octo/demo"))
    assert isinstance(error, UnreachableError)
    assert error.message == "cannot reach 127.0.0.1:9: check your network and GITHUB_API_URL"
    assert elapsed < 10


def test_damaged_cache_is_rebuilt_with_a_warning(fake_github, tmp_path) -> None:
    _world(fake_github)
    (tmp_path / "cache.db").write_bytes(b"this is not a database" * 100)
    warnings: list[str] = []
    client = make_client(fake_github, cache_dir=tmp_path, warnings=warnings)
    assert client.rest("/repos/octo/demo")["full_name"] == "octo/demo"
    assert any("damaged" in w for w in warnings)
    assert list(tmp_path.glob("cache.db.corrupt-*"))


def test_pygithub_loads_with_the_first_request_not_with_the_fetch_layer() -> None:
    """A run the cache answers never pays PyGithub's import: only the transport imports it."""
    import subprocess
    import sys

    probe = (
        "import sys, ossmatch.github.client, ossmatch.github.sources, ossmatch.suggest.pipeline, "
        "ossmatch.audit.run, ossmatch.digest.collect\n"
        "print(sorted(m for m in ('github', 'requests', 'urllib3') if m in sys.modules))\n"
        "import ossmatch.github.transport\n"
        "print('github' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.split("\n")[:2] == ["[]", "True"]
