"""``ossmatch digest`` end to end against a real SMTP server, with GitHub replaced at the seam."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from digest.conftest import World
from digest.helpers import EVIL_TITLE, PASSWORD, MailServer, make_issue, make_match

from ossmatch.cli import main

pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")


def _state_file(tmp_path: Path) -> Path:
    return tmp_path / "cache" / "digest" / "sent.json"


def _digest(env: dict[str, str], *args: str) -> Any:
    return CliRunner().invoke(main, ["digest", "--skills", "python", *args], env=env)


def test_second_digest_skips_what_the_first_sent_and_reports_closed(
    world: World, plain_server: MailServer, tmp_path: Path
) -> None:
    world.ranked = [make_match(number=1, title=EVIL_TITLE), make_match(number=2)]
    first = _digest(plain_server.env(), "--send")
    assert first.exit_code == 0, first.output
    assert "Sent: 2 new beginner-friendly issues for you" in first.stderr
    assert "Warning: test warning" in first.stderr
    assert "Warning: OSSMATCH_SMTP_SECURITY=none sends the SMTP password to 127.0.0.1" in first.stderr  # issue 25

    world.ranked = [make_match(number=1), make_match(number=2), make_match(number=3)]
    world.issues = {
        ("acme/widgets", 1): make_issue(number=1, state="CLOSED"),
        ("acme/widgets", 2): make_issue(number=2),
    }
    second = _digest(plain_server.env(), "--send")
    assert second.exit_code == 0, second.output

    mails = plain_server.inbox.envelopes
    assert len(mails) == 2
    plain_server.inbox.envelopes = mails[1:]
    message = plain_server.inbox.only_message()
    assert message["Subject"] == "1 new beginner-friendly issue for you"
    text = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    new_part, _, rest = text.partition("Still open from earlier digests")
    assert "issues/3" in new_part and "issues/1" not in new_part and "issues/2" not in new_part
    assert "acme/widgets#2" in rest
    assert "acme/widgets#1) was closed." in rest


@pytest.mark.parametrize("failure", ["password", "refused", "dropped"])
def test_failures_are_one_line_and_keep_the_state(
    failure: str,
    world: World,
    plain_server: MailServer,
    closed_port: int,
    dropping_server: int,
    tmp_path: Path,
) -> None:
    world.ranked = [make_match(number=1)]
    assert _digest(plain_server.env(), "--send").exit_code == 0
    before = _state_file(tmp_path).read_bytes()
    world.ranked = [make_match(number=1), make_match(number=2)]

    env = plain_server.env()
    if failure == "password":
        env["OSSMATCH_SMTP_PASSWORD"] = "wrong"
    else:
        env["OSSMATCH_SMTP_PORT"] = str(closed_port if failure == "refused" else dropping_server)
    result = _digest(env, "--send")

    assert result.exit_code == 1
    error_lines = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    assert len(error_lines) == 1 and result.stderr.rstrip().endswith(error_lines[0])
    assert PASSWORD not in result.output
    assert _state_file(tmp_path).read_bytes() == before


def test_damaged_state_is_reported_and_rebuilt(world: World, plain_server: MailServer, tmp_path: Path) -> None:
    state = _state_file(tmp_path)
    state.parent.mkdir(parents=True)
    state.write_text("{ not json")
    world.ranked = [make_match(number=1)]

    result = _digest(plain_server.env(), "--send")

    assert result.exit_code == 0, result.output
    assert "Warning: digest state" in result.stderr and "damaged" in result.stderr
    assert len(list(state.parent.glob("sent.json.corrupt-*"))) == 1
    assert '"acme/widgets#1"' in state.read_text()


def test_preview_and_dry_run_change_nothing(world: World, plain_server: MailServer, tmp_path: Path) -> None:
    world.ranked = [make_match(number=1, title=EVIL_TITLE)]
    preview = _digest({}, "--format", "markdown")
    assert preview.exit_code == 0, preview.output
    assert "\\<script\\>" in preview.stdout

    dry = _digest(plain_server.env(), "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert dry.stdout.startswith("From: ")
    assert "Subject: 1 new beginner-friendly issue for you\n" in dry.stdout
    assert "Content-Transfer-Encoding" not in dry.stdout and "=3D" not in dry.stdout
    assert "Sent by ossmatch" not in dry.stdout
    assert plain_server.inbox.envelopes == []
    assert not _state_file(tmp_path).exists()


def test_dry_run_shows_the_part_format_names(world: World, plain_server: MailServer) -> None:
    """--format html shows the email's HTML part (not the text part again); markdown is no part of it."""
    world.ranked = [make_match(number=1)]
    text = _digest(plain_server.env(), "--dry-run")
    assert "see it with --format html]" in text.stdout and "<html" not in text.stdout
    html = _digest(plain_server.env(), "--dry-run", "--format", "html")
    assert html.exit_code == 0, html.output
    assert html.stdout.startswith("From: ") and "<html" in html.stdout
    assert "see it with --format html" not in html.stdout and "plain-text version" in html.stdout
    markdown = _digest(plain_server.env(), "--dry-run", "--format", "markdown")
    assert markdown.exit_code == 2 and markdown.stderr.count("\n") == 1 and "--format text or html" in markdown.stderr


def test_mark_sent_records_after_writing(world: World, tmp_path: Path) -> None:
    world.ranked = [make_match(number=1)]
    out = tmp_path / "summary.md"
    result = _digest({}, "--mark-sent", "--format", "markdown", "--output", str(out))
    assert result.exit_code == 0, result.output
    assert "issues/1" in out.read_text()
    assert '"acme/widgets#1"' in _state_file(tmp_path).read_text()
    again = _digest({}, "--format", "text")
    assert "No new matches since the last digest." in again.stdout


def test_reset_state_forgets(world: World, tmp_path: Path) -> None:
    world.ranked = [make_match(number=1)]
    assert _digest({}, "--mark-sent").exit_code == 0
    result = _digest({}, "--reset-state")
    assert "issues/1" in result.stdout
    assert not _state_file(tmp_path).exists()


def test_missing_mail_settings_is_a_usage_error(world: World) -> None:
    result = _digest({}, "--send")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: mail is not configured: set OSSMATCH_SMTP_HOST, OSSMATCH_MAIL_FROM and OSSMATCH_MAIL_TO\n"
    )


def test_footer_names_the_profile_file_it_was_matched_for(world: World, tmp_path: Path) -> None:
    world.ranked = [make_match(number=1)]
    profile = tmp_path / "me.toml"
    profile.write_text('skills = ["python"]\n')
    result = CliRunner().invoke(main, ["digest", "--profile", str(profile)], env={})
    assert result.exit_code == 0, result.output
    assert f"Matched for {profile}:" in result.stdout
    assert f"To change these, edit {profile} or pass --skills." in result.stdout
    plain = _digest({})
    assert "Matched for command-line options:" in plain.stdout
