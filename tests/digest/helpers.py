"""Factories and constants shared by the digest tests (conftest holds the fixtures)."""

from __future__ import annotations

import socket
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from aiosmtpd.smtp import AuthResult, LoginPassword

from ossmatch.digest.smtp import SmtpSettings
from ossmatch.models import Issue, Label, Repo

NOW = datetime(2025, 3, 3, 9, 0, tzinfo=timezone.utc)
USER = "digest-user"
PASSWORD = "s3cret-Pa55word"
EVIL_TITLE = "<script>alert(1)</script> {{ 7*7 }} [x](javascript:alert(1))"


@dataclass(frozen=True)
class Match:
    """A ranked match as the digest reads it (the fields ``RankedIssue`` has)."""

    issue: Issue
    repo: Repo
    score: float = 80.0
    reasons: tuple[str, ...] = ("matches your skill python",)
    flags: frozenset[str] = frozenset()


def make_issue(repo: str = "acme/widgets", number: int = 1, **changes: Any) -> Issue:
    values: dict[str, Any] = {
        "repo": repo,
        "number": number,
        "url": f"https://github.com/{repo}/issues/{number}",
        "title": f"Fix widget {number}",
        "created_at": NOW - timedelta(days=10),
        "updated_at": NOW - timedelta(days=1),
        "labels": (Label(name="good first issue"),),
    }
    values.update(changes)
    return Issue(**values)


def make_match(repo: str = "acme/widgets", number: int = 1, **changes: Any) -> Match:
    score = changes.pop("score", 80.0)
    return Match(
        issue=make_issue(repo, number, **changes),
        repo=Repo(name_with_owner=repo, url=f"https://github.com/{repo}"),
        score=score,
    )


@dataclass
class Inbox:
    """What an SMTP server received."""

    envelopes: list[tuple[str, list[str], bytes]] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 Message accepted"

    def only_message(self) -> EmailMessage:
        assert len(self.envelopes) == 1, f"expected one message, got {len(self.envelopes)}"
        parsed = message_from_bytes(self.envelopes[0][2], policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        return parsed


def authenticate(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> Any:
    ok = isinstance(data, LoginPassword) and data.login == USER.encode() and data.password == PASSWORD.encode()
    return AuthResult(success=ok, handled=False)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class MailServer:
    inbox: Inbox
    port: int
    security: str
    ca_file: Path | None

    def settings(self, **changes: Any) -> SmtpSettings:
        values: dict[str, Any] = {
            "host": "127.0.0.1" if self.security == "none" else "localhost",
            "port": self.port,
            "security": self.security,
            "username": USER,
            "password": PASSWORD,
            "mail_from": "ossmatch <digest@example.org>",
            "mail_to": ("ada@example.org", "Grace <grace@example.net>"),
            "ca_file": self.ca_file,
            "timeout": 5,
        }
        values.update(changes)
        return SmtpSettings.model_validate(values)

    def env(self) -> dict[str, str]:
        """The same settings as ``OSSMATCH_*`` variables, for CLI tests."""
        env = {
            "OSSMATCH_SMTP_HOST": "127.0.0.1" if self.security == "none" else "localhost",
            "OSSMATCH_SMTP_PORT": str(self.port),
            "OSSMATCH_SMTP_SECURITY": self.security,
            "OSSMATCH_SMTP_USERNAME": USER,
            "OSSMATCH_SMTP_PASSWORD": PASSWORD,
            "OSSMATCH_MAIL_FROM": "digest@example.org",
            "OSSMATCH_MAIL_TO": "ada@example.org, grace@example.net",
            "OSSMATCH_SMTP_TIMEOUT": "5",
        }
        if self.ca_file:
            env["OSSMATCH_SMTP_CA_FILE"] = str(self.ca_file)
        return env
