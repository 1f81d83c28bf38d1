"""Issue 14 items 4 and 7: a whole-run time limit, and no secret in any message or cache key."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from click.testing import CliRunner, Result
from suggest_worlds import story_world

from ossmatch.cli import main

NOW = "2026-11-27T12:00:00Z"
TOKEN = "ghp_Zq8vT3secretTOKENvalue0123456789ab"


def run(fake, *args: str, token: str = "test-token", **extra: str) -> Result:
    env = {"GITHUB_API_URL": fake.rest_url, "GITHUB_TOKEN": token, "GH_TOKEN": "", "OSSMATCH_NOW": NOW,
           "OSSMATCH_CACHE_DIR": tempfile.mkdtemp(prefix="ossmatch-cache-"), "PATH": "/nonexistent", **extra}
    return CliRunner().invoke(main, [*args, "--no-cache"], env=env, catch_exceptions=False)


# ------------------------------------------------------------------ a deadline


def test_a_trickling_server_is_cut_off_at_the_deadline_keeping_what_was_finished(fake_github) -> None:
    story_world(fake_github.world)
    # the searches answer; reading the repositories trickles a byte every 0.3 s: no read timeout
    fake_github.inject("trickle", times=None, body="RepoSignals", seconds=0.3)
    started = time.monotonic()
    result = run(fake_github, "suggest", "--skills", "python,rust", "--format", "json",
                 OSSMATCH_DEADLINE="3", OSSMATCH_TIMEOUT="2")
    elapsed = time.monotonic() - started
    assert result.exit_code == 0, result.output
    assert elapsed < 8, elapsed
    assert "Update the load_config docstring" in result.stdout  # found before the limit
    assert "ran past the 3s time limit" in result.stderr and "OSSMATCH_DEADLINE" in result.stderr
    assert "their issues are ranked without activity signals" in result.stderr


def test_nothing_finished_before_the_deadline_is_a_one_line_error(fake_github) -> None:
    story_world(fake_github.world)
    fake_github.inject("trickle", times=None, seconds=0.3)
    result = run(fake_github, "suggest", "--skills", "python", OSSMATCH_DEADLINE="2", OSSMATCH_TIMEOUT="2")
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert lines[-1].startswith("Error: ran past the 2s time limit") and "Traceback" not in result.stderr


def test_deadline_must_be_a_positive_number(fake_github) -> None:
    result = run(fake_github, "suggest", "--skills", "python", OSSMATCH_DEADLINE="soon")
    assert result.exit_code == 2
    assert "OSSMATCH_DEADLINE must be a positive whole number of seconds" in result.stderr


# ------------------------------------------------------------------ secrets


def test_a_server_quoting_the_token_never_shows_it(fake_github) -> None:
    story_world(fake_github.world)
    fake_github.world.add_token(TOKEN, "tester2")
    fake_github.inject("denied", times=None)
    result = run(fake_github, "suggest", "--skills", "python", token=TOKEN)
    assert result.exit_code == 1
    assert TOKEN not in result.output and TOKEN[4:12] not in result.output
    assert "Denied for bearer ***" in result.stderr or "Denied for token ***" in result.stderr


def test_credentials_in_the_api_url_are_refused_without_echoing_them(fake_github) -> None:
    url = fake_github.rest_url.replace("http://", "http://someone:hunter2@")
    result = CliRunner().invoke(main, ["suggest", "--skills", "python", "--no-cache"],
                                env={"GITHUB_API_URL": url, "GITHUB_TOKEN": "", "PATH": "/nonexistent"})
    assert result.exit_code == 2
    assert "hunter2" not in result.output and "someone" not in result.output
    assert result.stderr.strip() == ("Error: GITHUB_API_URL must not contain a user name or password; "
                                     "put the token in GITHUB_TOKEN instead")
    assert fake_github.log == []  # refused before any request


def test_cache_keys_never_hold_url_userinfo(tmp_path: Path) -> None:
    from ossmatch.github.settings import GitHubSettings

    settings = GitHubSettings(api_url="https://ghe.example.com:8443/api/v3")
    assert settings.host == "ghe.example.com:8443"
    import pytest

    from ossmatch.errors import UsageProblem

    with pytest.raises(UsageProblem):
        GitHubSettings(api_url="https://ghp_x@ghe.example.com/api/v3")
