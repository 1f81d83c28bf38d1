"""Settings from the environment: token sources, API URLs, limits."""

from __future__ import annotations

import pytest

from ossmatch.errors import UsageProblem
from ossmatch.github import settings as settings_mod
from ossmatch.github.settings import GitHubSettings, Secret, graphql_url_for


@pytest.mark.parametrize(
    ("api_url", "expected"),
    [
        ("https://api.github.com", "https://api.github.com/graphql"),
        ("https://api.github.com/", "https://api.github.com/graphql"),
        ("https://ghe.example.com/api/v3", "https://ghe.example.com/api/graphql"),
        ("https://ghe.example.com:8443/api/v3/", "https://ghe.example.com:8443/api/graphql"),
        ("http://127.0.0.1:9000/api/v3", "http://127.0.0.1:9000/api/graphql"),
        ("https://proxy.example.com/github", "https://proxy.example.com/github/graphql"),
    ],
)
def test_graphql_url_is_derived_from_the_rest_base(api_url: str, expected: str) -> None:
    assert graphql_url_for(api_url) == expected
    assert GitHubSettings(api_url=api_url).graphql_url == expected


@pytest.mark.parametrize(
    ("env", "token"),
    [
        ({"GITHUB_TOKEN": "a", "GH_TOKEN": "b"}, "a"),
        ({"GH_TOKEN": "b"}, "b"),
        ({"GITHUB_TOKEN": "  ", "GH_TOKEN": "b"}, "b"),
        ({}, None),
    ],
)
def test_token_precedence(env: dict[str, str], token: str | None) -> None:
    settings = GitHubSettings.from_env(env, ask_gh=False)
    assert (settings.token.reveal() if settings.token else None) == token


def test_gh_cli_token_is_used_when_no_env_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(settings_mod, "token_from_gh_cli", lambda timeout=5.0: "from-gh")
    settings = GitHubSettings.from_env({})
    assert settings.token is not None and settings.token.reveal() == "from-gh"


def test_explicit_graphql_url_and_enterprise_base() -> None:
    env = {"GITHUB_API_URL": "https://ghe.example.com/api/v3", "GITHUB_GRAPHQL_URL": "https://ghe.example.com/gql"}
    settings = GitHubSettings.from_env(env, ask_gh=False)
    assert settings.api_url == "https://ghe.example.com/api/v3"
    assert settings.graphql_url == "https://ghe.example.com/gql"
    assert settings.host == "ghe.example.com"


@pytest.mark.parametrize("elsewhere", ["https://x.example.com/gql", "http://ghe.example.com/api/graphql",
                                       "https://ghe.example.com:8443/api/graphql"])
def test_graphql_url_on_another_host_is_refused(elsewhere: str) -> None:
    """PyGithub would send it to the API host anyway (it keeps only the path): say so up front."""
    env = {"GITHUB_API_URL": "https://ghe.example.com/api/v3", "GITHUB_GRAPHQL_URL": elsewhere}
    with pytest.raises(UsageProblem, match="same host as GITHUB_API_URL"):
        GitHubSettings.from_env(env, ask_gh=False)


@pytest.mark.parametrize("bad", ["ftp://x", "api.github.com", "https://"])
def test_bad_api_url_is_a_usage_problem(bad: str) -> None:
    with pytest.raises(UsageProblem, match="GITHUB_API_URL"):
        GitHubSettings.from_env({"GITHUB_API_URL": bad}, ask_gh=False)


def test_bad_timeout_is_a_usage_problem() -> None:
    with pytest.raises(UsageProblem, match="OSSMATCH_TIMEOUT"):
        GitHubSettings.from_env({"OSSMATCH_TIMEOUT": "soon"}, ask_gh=False)


def test_token_never_shows_in_reprs() -> None:
    settings = GitHubSettings(token="ghp_secretvalue123")
    assert "ghp_secretvalue123" not in repr(settings)
    assert "ghp_secretvalue123" not in str(settings.token)
    assert "ghp_secretvalue123" not in settings.token.fingerprint()  # type: ignore[union-attr]
    assert Secret("x").fingerprint() != Secret("y").fingerprint()
