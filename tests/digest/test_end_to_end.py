"""The whole digest for real: fake GitHub, ranking, sent state and a STARTTLS mail server."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from digest.helpers import MailServer
from suggest_worlds import story_world

from ossmatch.cli import main

pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")


def _send(fake, server: MailServer, cache: Path, *flags: str) -> tuple[int, str]:
    env = {
        **server.env(),
        "GITHUB_API_URL": fake.rest_url,
        "GITHUB_TOKEN": "test-token",
        "GH_TOKEN": "",
        "OSSMATCH_CACHE_DIR": str(cache),
        "OSSMATCH_NOW": "2026-11-27T12:00:00Z",
    }
    result = CliRunner().invoke(main, ["digest", "--skills", "python,docs", "--limit", "3", "--send", *flags], env=env)
    return result.exit_code, result.stderr


def _text(server: MailServer, index: int) -> str:
    from email import message_from_bytes, policy

    message = message_from_bytes(server.inbox.envelopes[index][2], policy=policy.default)
    return message.get_body(("plain",)).get_content()  # type: ignore[union-attr]


def test_weekly_digest_end_to_end(fake_github, start_mail_server, tmp_path: Path) -> None:
    story_world(fake_github.world)
    server = start_mail_server("starttls")
    code, err = _send(fake_github, server, tmp_path)
    assert code == 0, err
    first = _text(server, 0)
    assert "acme/widgets#13" in first  # the best match leads the first digest

    fake_github.world.repo("acme/widgets").issue(13).state = "CLOSED"  # fixed in between
    fake_github.clear_log()
    code, err = _send(fake_github, server, tmp_path, "--refresh")  # a week later the cached search has expired
    assert code == 0, err
    second = _text(server, 1)
    new_part, _, earlier = second.partition("Still open from earlier digests")
    for number in (13, 14):
        assert f"acme/widgets/issues/{number}" not in new_part  # never sent twice
    assert "acme/widgets#13) was closed." in earlier, second
    assert any(r.kind == "graphql" and "RefreshIssues" in (r.query or "") for r in fake_github.log)
