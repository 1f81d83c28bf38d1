"""An inbox-grade digest: why it came and how to stop it, first-run wording, the quality floor,
a readable ``--dry-run`` that needs only the settings it uses, and no "Sent by" in a preview."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from digest.conftest import World
from digest.helpers import NOW, MailServer, make_issue, make_match

from ossmatch.cli import main
from ossmatch.digest.compose import ProfileView, build_context, origin_for
from ossmatch.digest.formats import render_digest
from ossmatch.digest.plan import plan_digest
from ossmatch.digest.state import SentState, with_sent

pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")

ACTIONS = {
    "GITHUB_ACTIONS": "true",
    "GITHUB_WORKFLOW": "Weekly digest",
    "GITHUB_REPOSITORY": "ada/dotfiles",
    "GITHUB_SERVER_URL": "https://github.com",
    "GITHUB_WORKFLOW_REF": "ada/dotfiles/.github/workflows/digest.yml@refs/heads/main",
}
WORKFLOW_URL = "https://github.com/ada/dotfiles/actions/workflows/digest.yml"


def _digest(env: dict[str, str], *args: str) -> Result:
    return CliRunner().invoke(main, ["digest", "--skills", "python", *args], env=env)


def _context(**origin_env: str) -> object:
    plan = plan_digest([make_match(number=1)], SentState(), {}, limit=5)
    return build_context(plan, ProfileView(skills=("python",)), now=NOW, origin=origin_for(origin_env))


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_every_format_says_why_and_how_to_stop_in_actions(fmt: str) -> None:
    text = html.unescape(render_digest(_context(**ACTIONS), fmt))
    assert 'GitHub Actions workflow "Weekly digest" in ada/dotfiles runs ossmatch on a schedule' in text
    assert "To stop it, disable that workflow" in text and "or remove its schedule" in text
    assert WORKFLOW_URL in text


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_every_format_says_why_and_how_to_stop_locally(fmt: str) -> None:
    text = render_digest(_context(), fmt)
    assert "ossmatch digest ran for this profile" in text
    assert "To stop it, stop running ossmatch digest" in text and "crontab" in text


def test_actions_without_a_workflow_ref_links_the_actions_tab() -> None:
    env = {k: v for k, v in ACTIONS.items() if k != "GITHUB_WORKFLOW_REF"}
    assert origin_for(env).stop_url == "https://github.com/ada/dotfiles/actions"


def test_sent_mail_says_sent_and_a_preview_does_not(world: World, plain_server: MailServer) -> None:
    world.ranked = [make_match(number=1)]
    preview = _digest({})
    assert "Sent by ossmatch" not in preview.stdout
    assert "Preview made by ossmatch on" in preview.stdout and "nothing was sent" in preview.stdout

    sent = _digest(plain_server.env(), "--send")
    assert sent.exit_code == 0, sent.output
    body = plain_server.inbox.only_message().get_body(preferencelist=("plain",))
    assert body is not None and "Sent by ossmatch on" in body.get_content()


def test_first_run_with_nothing_does_not_speak_of_a_last_digest(world: World) -> None:
    world.ranked = []
    first = _digest({})
    assert first.exit_code == 0, first.output
    assert "No new matches since the last digest" not in first.stdout
    assert "No open issues match your skills yet" in first.stdout


def test_later_run_with_nothing_new_says_since_the_last_digest(world: World) -> None:
    world.ranked = [make_match(number=1)]
    world.issues = {("acme/widgets", 1): make_issue(number=1)}
    assert _digest({}, "--mark-sent").exit_code == 0
    later = _digest({})
    assert "No new matches since the last digest." in later.stdout


def test_quality_floor_leaves_out_weak_matches(world: World) -> None:
    world.ranked = [make_match(number=1, score=90), make_match(number=2, score=20)]
    result = _digest({}, "--min-score", "50")
    assert "acme/widgets#1" in result.stdout and "acme/widgets#2" not in result.stdout


def test_a_week_below_the_floor_says_nothing_worth_your_time(world: World) -> None:
    world.ranked = [make_match(number=1, score=8), make_match(number=2, score=5)]
    result = _digest({})  # the default floor is 10 (percent chance of a merged pull request)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Nothing new worth your time this week\n")
    floor = "2 new matches scored below a 10% chance of a merged pull request, the quality floor (--min-score)"
    assert floor in result.stdout
    assert "acme/widgets#1" not in result.stdout


def test_a_quiet_week_sends_nothing_by_default(world: World, plain_server: MailServer, tmp_path: Path) -> None:
    world.ranked = [make_match(number=1, score=8)]
    result = _digest(plain_server.env(), "--send")
    assert result.exit_code == 0, result.output
    assert "Nothing new worth your time this week" in result.stderr and "No mail sent." in result.stderr
    assert plain_server.inbox.envelopes == []


def test_a_quiet_week_can_send_a_short_note(world: World, plain_server: MailServer) -> None:
    world.ranked = [make_match(number=1, score=8)]
    result = _digest({**plain_server.env(), "OSSMATCH_DIGEST_QUIET_WEEK": "note"}, "--send")
    assert result.exit_code == 0, result.output
    message = plain_server.inbox.only_message()
    assert message["Subject"] == "Nothing new worth your time this week"


def test_floor_from_the_environment(world: World) -> None:
    world.ranked = [make_match(number=1, score=8)]
    result = _digest({"OSSMATCH_DIGEST_MIN_SCORE": "5"})
    assert "acme/widgets#1" in result.stdout


def test_dry_run_needs_no_server_settings_and_reads_like_mail(world: World) -> None:
    world.ranked = [make_match(number=1)]
    result = _digest({"OSSMATCH_MAIL_FROM": "me@example.org", "OSSMATCH_MAIL_TO": "you@example.org"}, "--dry-run")
    assert result.exit_code == 0, result.output
    head, _, body = result.stdout.partition("\n\n")
    assert head.splitlines()[:3] == [
        "From: me@example.org",
        "To: you@example.org",
        "Subject: 1 new beginner-friendly issue for you",
    ]
    assert body.startswith("1 new beginner-friendly issue for you\n")
    assert "1. Fix widget 1" in body
    assert "=3D" not in body and "=20" not in body and "Content-Type" not in body  # decoded, not MIME
    assert "[and an HTML version of the same digest" in body


def test_dry_run_names_every_missing_setting_at_once(world: World) -> None:
    result = _digest({}, "--dry-run")
    assert result.exit_code == 2
    assert result.stderr == "Error: mail is not configured: set OSSMATCH_MAIL_FROM and OSSMATCH_MAIL_TO\n"


def test_send_names_every_missing_setting_at_once(world: World) -> None:
    result = _digest({"OSSMATCH_MAIL_TO": "you@example.org"}, "--send")
    assert result.exit_code == 2
    assert result.stderr == "Error: mail is not configured: set OSSMATCH_SMTP_HOST and OSSMATCH_MAIL_FROM\n"


def test_empty_smtp_host_is_exit_2(world: World) -> None:
    env = {"OSSMATCH_MAIL_TO": "you@example.org", "OSSMATCH_MAIL_FROM": "me@example.org"}
    result = _digest(env, "--send", "--smtp-host", "")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: invalid OSSMATCH_SMTP_HOST")


def test_with_sent_is_what_a_first_run_means() -> None:
    """First run is decided on the state before the run, not on whether this run sends."""
    plan = plan_digest([], SentState(), {}, limit=5)
    view = ProfileView(skills=("python",))
    first = build_context(plan, view, now=NOW, first_run=True)
    later = build_context(plan, view, now=NOW, first_run=False)
    assert first.empty_note != later.empty_note
    state = with_sent(SentState(), [])
    assert not state.issues
