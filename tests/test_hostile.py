"""Hostile repository text in every output: suggest, digest (text, Markdown, HTML, mail) and audit.

The fake GitHub serves a repository whose titles, labels, description and exemption reasons are
full of terminal escapes, rich markup, bidi overrides and NUL; none of it may reach an output,
and markup must show as literal text, never as styling, a link or a crash.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from clients import cli_env
from digest.conftest import plain_server, start_mail_server, tls_ca  # noqa: F401 - fixtures
from digest.helpers import MailServer
from hostile_worlds import HOSTILE_REPO, MARKUP, add_hostile, assert_inert

from ossmatch.cli import main
from ossmatch.render.text import clean, clean_deep

pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")


@pytest.fixture
def hostile(fake_github: Any) -> Any:
    add_hostile(fake_github.world)
    fake_github.world.add_token("test-token", "reader")
    return fake_github


def _env(fake: Any, tmp_path: Path, **extra: str) -> dict[str, str]:
    return cli_env(fake, tmp_path, GITHUB_ACTIONS="", **extra)


def _run(fake: Any, tmp_path: Path, *args: str, **env: str) -> Result:
    result = CliRunner().invoke(main, list(args), env=_env(fake, tmp_path, **env))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


@pytest.mark.parametrize("fmt", ["table", "json", "markdown", "html"])
def test_suggest_output_is_inert(hostile: Any, tmp_path: Path, fmt: str) -> None:
    result = _run(hostile, tmp_path, "suggest", "--skills", "python,docs", "--format", fmt)
    assert result.exit_code == 0, result.output
    assert HOSTILE_REPO in result.stdout
    assert_inert(result.stdout)
    assert_inert(result.stderr)


def test_suggest_on_a_colour_terminal_is_inert(hostile: Any, tmp_path: Path) -> None:
    result = _run(hostile, tmp_path, "suggest", "--skills", "python,docs", FORCE_COLOR="1", COLUMNS="200")
    assert result.exit_code == 0, result.output
    assert "\x1b[" in result.stdout  # rich's own styling is there ...
    assert_inert(result.stdout)  # ... and nothing of the repository's
    assert "[link=https://evil.example/phish]" in result.stdout


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_digest_preview_is_inert(hostile: Any, tmp_path: Path, fmt: str) -> None:
    result = _run(hostile, tmp_path, "digest", "--skills", "python,docs", "--format", fmt, "--min-score", "0")
    assert result.exit_code == 0, result.output
    assert HOSTILE_REPO in result.stdout
    assert_inert(result.stdout)


def test_digest_mail_is_inert_in_both_parts(
    hostile: Any, tmp_path: Path, plain_server: MailServer,  # noqa: F811 - the fixture imported above
) -> None:
    result = _run(hostile, tmp_path, "digest", "--skills", "python,docs", "--send", "--min-score", "0",
                  **plain_server.env())
    assert result.exit_code == 0, result.output
    message = plain_server.inbox.only_message()
    parts = [part.get_content() for part in message.walk() if part.get_content_maintype() == "text"]
    assert len(parts) == 2 and all(HOSTILE_REPO in part for part in parts)
    for part in parts:
        assert_inert(part)


def test_digest_dry_run_is_inert(hostile: Any, tmp_path: Path) -> None:
    result = _run(hostile, tmp_path, "digest", "--skills", "python,docs", "--dry-run", "--min-score", "0",
                  OSSMATCH_MAIL_FROM="me@example.org", OSSMATCH_MAIL_TO="you@example.org")
    assert result.exit_code == 0, result.output
    assert_inert(result.stdout)


@pytest.mark.parametrize("fmt", ["table", "markdown", "json", "sarif"])
def test_audit_exemption_reasons_are_inert_text(hostile: Any, tmp_path: Path, fmt: str) -> None:
    result = _run(hostile, tmp_path, "audit", HOSTILE_REPO, "--format", fmt, NO_COLOR="1")
    assert result.exit_code == 0, result.output
    assert_inert(result.stdout)
    assert_inert(result.stderr)


def test_audit_markup_in_an_exemption_is_shown_not_obeyed(hostile: Any, tmp_path: Path) -> None:
    result = _run(hostile, tmp_path, "audit", HOSTILE_REPO, NO_COLOR="1", COLUMNS="400")
    assert result.exit_code == 0, result.output
    flat = " ".join(result.stdout.split())
    assert "[/bold]" in flat and "[link=https://evil.example/phish]" in flat and "[blink]" in flat


def test_audit_colour_table_has_no_hostile_link(hostile: Any, tmp_path: Path, monkeypatch: Any) -> None:
    from ossmatch.audit.evaluate import evaluate
    from ossmatch.audit.table import to_table
    from ossmatch.cli.options import GitHubOptions, open_client
    from ossmatch.github.snapshot_graphql import fetch_snapshot

    for name, value in _env(hostile, tmp_path).items():
        monkeypatch.setenv(name, value)
    client = open_client(GitHubOptions(no_cache=True, refresh=False))
    now = hostile.world.now
    result = clean_deep(evaluate(fetch_snapshot(client, HOSTILE_REPO, now), now))
    text = to_table([result], color=True, width=300)
    assert "\x1b[" in text
    assert_inert(text)
    # the only hyperlinks are the repository's own page and its issues: the markup stayed text
    links = {link for link in re.findall(r"\x1b\]8;[^;]*;([^\x1b]*)\x1b\\", text) if link}
    assert links <= {result.url, *(candidate.url for candidate in result.candidates)}, links
    assert MARKUP.split()[2] in text


def test_errors_and_warnings_are_inert(tmp_path: Path) -> None:
    hostile_path = tmp_path / "\x1b]0;pwned\x07\u202eprofile.toml"
    result = CliRunner().invoke(main, ["suggest", "--profile", str(hostile_path)])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ")
    assert_inert(result.stderr)


@pytest.mark.parametrize(
    ("text", "one_line", "multi_line"),
    [
        ("plain", "plain", "plain"),
        ("tab\there", "tab\there", "tab\there"),
        ("two\nlines\r\n", "two lines ", "two\nlines\n"),
        ("\x1b[31mred\x1b[0m", "[31mred[0m", "[31mred[0m"),
        ("a\x00b\x7fc\x85d\x9be", "abcde", "abcde"),
        ("\u202aL\u202bR\u202cP\u202dO\u202eE\u2066I\u2067J\u2068K\u2069", "LRPOEIJK", "LRPOEIJK"),
        ("line\u2028sep", "line sep", "line sep"),
        ("Fix\rtypo", "Fix typo", "Fix typo"),
        ("ünïcödé ✓ 中文", "ünïcödé ✓ 中文", "ünïcödé ✓ 中文"),
    ],
)
def test_clean_table(text: str, one_line: str, multi_line: str) -> None:
    assert clean(text) == one_line
    assert clean(text, newlines=True) == multi_line


def test_clean_deep_keeps_the_shape() -> None:
    value = {"a\x1b": ("x\x00", ["y\u202e"], frozenset({"z\x07"})), "n": 3}
    assert clean_deep(value) == {"a": ("x", ["y"], frozenset({"z"})), "n": 3}


def test_server_message_quoted_in_an_error_is_inert(
    hostile: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hostile_worlds import ESCAPES

    from ossmatch.errors import GitHubError

    def refused(*_args: Any, **_kwargs: Any) -> None:
        raise GitHubError(f"GitHub answered 403 for /graphql: {ESCAPES}")

    monkeypatch.setattr("ossmatch.cli.suggest.find_matches", refused)
    result = _run(hostile, tmp_path, "suggest", "--skills", "python")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: GitHub answered 403 for /graphql: ")
    assert result.stderr.count("\n") == 1
    assert_inert(result.stderr)


def test_output_dash_is_stdout(hostile: Any, tmp_path: Path) -> None:
    result = _run(hostile, tmp_path, "suggest", "--skills", "python,docs", "--format", "json", "--output", "-")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("{") and not (tmp_path / "-").exists()
