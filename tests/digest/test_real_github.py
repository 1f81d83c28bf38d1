"""Issue 9 items 4 and 5 end to end: the second digest re-reads earlier issues from GitHub itself."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from suggest_worlds import story_world

from ossmatch.cli import main

pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
LIBRARY_LINES = ("Request POST", "Request GET", "Traceback")


def env_for(fake) -> dict[str, str]:
    return {"GITHUB_API_URL": fake.rest_url, "GITHUB_TOKEN": "test-token", "GH_TOKEN": "",
            "OSSMATCH_NOW": "2026-11-27T12:00:00Z", "PATH": "/nonexistent"}




def test_second_digest_reports_a_deleted_and_a_just_closed_issue(
    fake_github, start_mail_server, tmp_path: Path
) -> None:
    from email import message_from_bytes, policy

    story_world(fake_github.world)
    server = start_mail_server("starttls")
    env = {**server.env(), **env_for(fake_github), "OSSMATCH_CACHE_DIR": str(tmp_path)}

    def send() -> str:
        result = CliRunner().invoke(main, ["digest", "--skills", "python,docs", "--limit", "3", "--send"], env=env)
        assert result.exit_code == 0, result.output
        assert not any(line in result.stderr for line in LIBRARY_LINES), result.stderr
        message = message_from_bytes(server.inbox.envelopes[-1][2], policy=policy.default)
        return message.get_body(("plain",)).get_content()  # type: ignore[union-attr]

    first = send()
    widgets = fake_github.world.repo("acme/widgets")
    numbers = {int(n) for n in re.findall(r"acme/widgets#(\d+)\b", first)}
    sent = [i for i in widgets.issues if i.number in numbers]
    assert len(sent) >= 2
    sent[0].state, sent[0].closed_at = "CLOSED", fake_github.world.now  # closed minutes ago,
    sent[1].deleted = True  # and one deleted; the cached search (an hour) still lists both
    second = send()
    earlier = second.partition("Still open from earlier digests")[2]
    assert f"acme/widgets#{sent[0].number}) was closed." in earlier, second
    assert f"acme/widgets#{sent[1].number}) is no longer available on GitHub" in earlier, second
    refresh = [r for r in fake_github.log if r.query and "RefreshIssues" in r.query]
    assert len(refresh) == 1  # every earlier issue re-read in one request, not from the cache


def test_an_earlier_issue_in_an_organisation_that_now_enforces_saml_is_named_not_called_gone(
    fake_github, start_mail_server, tmp_path: Path
) -> None:
    from email import message_from_bytes, policy

    story_world(fake_github.world)
    server = start_mail_server("starttls")
    env = {**server.env(), **env_for(fake_github), "OSSMATCH_CACHE_DIR": str(tmp_path)}
    args = ["digest", "--skills", "python,docs", "--limit", "3", "--send"]
    assert CliRunner().invoke(main, args, env=env).exit_code == 0
    fake_github.world.forbidden_orgs["acme"] = "saml"  # acme turns on SAML SSO in between
    result = CliRunner().invoke(main, [*args, "--refresh"], env=env)  # a week later: no cached search
    assert result.exit_code == 0, result.output
    assert ("skipped issues from the acme organisation: it enforces SAML single sign-on and this token "
            "is not authorized for it") in result.stderr
    assert len(server.inbox.envelopes) == 2
    message = message_from_bytes(server.inbox.envelopes[-1][2], policy=policy.default)
    text = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "acme/widgets" not in text  # refused is neither "still open" nor "no longer available"
