"""Digest fixtures: real SMTP servers on 127.0.0.1 (aiosmtpd), plain, STARTTLS and TLS."""

from __future__ import annotations

import contextlib
import os
import socket
import ssl
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import trustme
from aiosmtpd.controller import Controller
from digest.helpers import Inbox, MailServer, Match, authenticate, free_port

import ossmatch.cli.digest as digest_cli
from ossmatch.digest.collect import Collected
from ossmatch.digest.plan import plan_digest
from ossmatch.models import Issue


@pytest.fixture(scope="session")
def tls_ca(tmp_path_factory: pytest.TempPathFactory) -> tuple[trustme.CA, Path]:
    """A throwaway CA; its certificate file is what ``OSSMATCH_SMTP_CA_FILE`` points to."""
    ca = trustme.CA()
    path = tmp_path_factory.mktemp("ca") / "ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return ca, path


def _server_context(ca: trustme.CA) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("localhost", "127.0.0.1").configure_cert(context)
    return context


@pytest.fixture
def start_mail_server(
    tls_ca: tuple[trustme.CA, Path],
) -> Iterator[Callable[[str], MailServer]]:
    """Start an aiosmtpd server in ``none`` (plain), ``starttls`` or ``ssl`` mode, with AUTH."""
    controllers: list[Controller] = []

    def start(security: str) -> MailServer:
        ca, ca_file = tls_ca
        inbox = Inbox()
        port = free_port()
        kwargs: dict[str, Any] = {
            "authenticator": authenticate,
            "auth_required": True,
            "auth_require_tls": security == "starttls",
        }
        if security == "starttls":
            kwargs.update(tls_context=_server_context(ca), require_starttls=True)
        elif security == "ssl":
            kwargs.update(ssl_context=_server_context(ca))
        controller = Controller(inbox, hostname="127.0.0.1", port=port, **kwargs)
        controller.start()
        controllers.append(controller)
        return MailServer(inbox, port, security, None if security == "none" else ca_file)

    yield start
    for controller in controllers:
        controller.stop()


@pytest.fixture(params=["none", "starttls", "ssl"])
def mail_server(request: pytest.FixtureRequest, start_mail_server: Any) -> MailServer:
    server: MailServer = start_mail_server(request.param)
    return server


@pytest.fixture
def plain_server(start_mail_server: Any) -> MailServer:
    server: MailServer = start_mail_server("none")
    return server


def _speak_until_data(conn: socket.socket) -> None:
    conn.sendall(b"220 flaky.example ESMTP\r\n")
    reader = conn.makefile("rb")
    while line := reader.readline():
        verb = line[:4].upper()
        if verb in (b"EHLO", b"HELO"):
            conn.sendall(b"250-flaky.example\r\n250 8BITMIME\r\n")
        elif verb == b"DATA":
            conn.sendall(b"354 go ahead\r\n")
            reader.readline()
            return
        else:
            conn.sendall(b"250 OK\r\n")


@pytest.fixture
def dropping_server() -> Iterator[int]:
    """A server that speaks SMTP until the message body starts arriving, then hangs up."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    port: int = listener.getsockname()[1]

    def serve() -> None:
        try:
            conn, _ = listener.accept()
        except OSError:
            return
        with conn, contextlib.suppress(OSError):  # the client may hang up first
            _speak_until_data(conn)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield port
    if thread.is_alive():  # never connected to: wake accept() so the thread ends
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
            pass
    listener.close()
    thread.join(timeout=5)


@pytest.fixture
def closed_port() -> int:
    """A port nothing listens on, so connecting is refused."""
    return free_port()


@dataclass
class World:
    """What "GitHub" returns: ranked matches and the current state of any issue."""

    ranked: list[Match] = field(default_factory=list)
    issues: dict[tuple[str, int], Issue | None] = field(default_factory=dict)


@pytest.fixture
def world(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[World]:
    world = World()

    def fake_collect(
        client: Any, profile: Any, state: Any, *, now: Any, limit: int, progress: Any, relations: Any = None,
        min_score: float = 0,
    ) -> Collected:
        refreshed = {(e.repo, e.number): world.issues.get((e.repo, e.number)) for e in state.open_issues()}
        plan = plan_digest(world.ranked, state, refreshed, limit=limit, min_score=min_score)
        return Collected(plan=plan, warnings=["test warning"])

    monkeypatch.setattr(digest_cli, "collect_digest", fake_collect)
    monkeypatch.setattr(digest_cli, "open_client", lambda _options: None)
    monkeypatch.setenv("OSSMATCH_CACHE_DIR", str(tmp_path / "cache"))
    for name in list(os.environ):
        if name.startswith(("OSSMATCH_SMTP_", "OSSMATCH_MAIL_")) or name == "GITHUB_ACTIONS":
            monkeypatch.delenv(name)
    yield world
