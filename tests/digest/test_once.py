"""A digest goes out at most once: concurrent runs, a full disk, a lost reply, Ctrl-C, refusals.

The state lock is held across load, send and record; issues are recorded as pending before the
SMTP transaction and confirmed after the 250; only a definite refusal rolls them back.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from digest.conftest import World
from digest.helpers import MailServer, make_issue, make_match
from suggest_worlds import story_world

import ossmatch.cli.digest as digest_cli
import ossmatch.statefile as statefile_module
from ossmatch.cli import main

pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")

_ISSUE_LINE = re.compile(r"^\s*(\S+/\S+#\d+) - score", re.MULTILINE)


def _state_file(tmp_path: Path) -> Path:
    return tmp_path / "cache" / "digest" / "sent.json"


def _digest(env: dict[str, str], *args: str) -> Result:
    return CliRunner().invoke(main, ["digest", "--skills", "python", *args], env=env)


def _entries(tmp_path: Path) -> dict[str, Any]:
    path = _state_file(tmp_path)
    return json.loads(path.read_text())["issues"] if path.exists() else {}


def test_two_concurrent_sends_never_mail_the_same_issue(
    fake_github: Any, plain_server: MailServer, tmp_path: Path
) -> None:
    story_world(fake_github.world)
    fake_github.world.add_token("test-token", "reader")
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("OSSMATCH_", "GITHUB_", "GH_"))},
        **plain_server.env(),
        "GITHUB_API_URL": fake_github.rest_url,
        "GITHUB_TOKEN": "test-token",
        "OSSMATCH_NOW": fake_github.world.now.isoformat(),
        "OSSMATCH_CACHE_DIR": str(tmp_path / "cache"),
        "PATH": os.path.dirname(sys.executable),
    }
    command = [sys.executable, "-m", "ossmatch", "digest", "--skills", "python,docs", "--send",
               "--limit", "2", "--min-score", "0"]
    runs = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs

    mails = [json_free_text(content) for _, _, content in plain_server.inbox.envelopes]
    assert 1 <= len(mails) <= 2
    sent = [set(_ISSUE_LINE.findall(text)) for text in mails]
    assert all(sent), mails
    if len(sent) == 2:
        assert not sent[0] & sent[1], "both runs mailed the same issue"
    recorded = {key for key in _entries(tmp_path)}
    assert {ref.lower() for refs in sent for ref in refs} == recorded


def json_free_text(content: bytes) -> str:
    """The decoded text/plain part of a raw message."""
    from email import message_from_bytes, policy

    message = message_from_bytes(content, policy=policy.default)
    part = message.get_body(preferencelist=("plain",))  # type: ignore[attr-defined]
    return str(part.get_content())


@contextlib.contextmanager
def _full_disk(directory: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A small tmpfs filled to the brim at ``directory`` when this process may mount one;
    else ``ENOSPC`` injected into the atomic write. Yields which it used."""
    directory.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(directory)],
                             capture_output=True, check=False).returncode == 0
    if mounted:
        try:
            (directory / "digest").mkdir()
            (directory / "digest" / "sent.json.lock").touch()
            with contextlib.suppress(OSError), open(directory / "filler", "wb") as filler:
                while True:
                    filler.write(b"x" * 4096)
                    filler.flush()
            yield "tmpfs"
        finally:
            subprocess.run(["umount", str(directory)], check=False)
        return

    def no_space(*_args: Any, **_kwargs: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(statefile_module, "atomic_write_text", no_space)
    yield "injected"


def test_full_disk_means_no_mail_and_says_so(
    world: World, plain_server: MailServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    world.ranked = [make_match(number=1), make_match(number=2)]
    with _full_disk(tmp_path / "cache", monkeypatch):
        result = _digest(plain_server.env(), "--send", "--no-cache")
    assert result.exit_code == 1
    assert "No space left on device" in result.stderr
    assert "not sending, so this digest cannot go out twice" in result.stderr
    assert "Traceback" not in result.output
    assert plain_server.inbox.envelopes == []


def test_state_lost_after_sending_is_reported_and_never_resent(
    world: World, plain_server: MailServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    world.ranked = [make_match(number=1), make_match(number=2)]
    real_write = statefile_module.atomic_write_text
    writes: list[str] = []

    def fail_after_send(path: Any, text: str) -> None:
        writes.append(text)
        if plain_server.inbox.envelopes:  # the mail went out: now the disk fills up
            raise statefile_module.OssmatchError(f"cannot write {path}: No space left on device")
        real_write(path, text)

    monkeypatch.setattr(statefile_module, "atomic_write_text", fail_after_send)
    first = _digest(plain_server.env(), "--send")
    assert first.exit_code == 0, first.output
    assert "the digest was sent, but cannot write" in first.stderr
    assert "the next run treats its issues as sent" in first.stderr
    assert all(entry["pending"] for entry in _entries(tmp_path).values())

    monkeypatch.setattr(statefile_module, "atomic_write_text", real_write)
    world.issues = {("acme/widgets", n): make_issue(number=n) for n in (1, 2)}  # still open
    second = _digest(plain_server.env(), "--send")
    assert second.exit_code == 0, second.output
    assert "treating them as sent so they are never mailed twice" in second.stderr
    assert len(plain_server.inbox.envelopes) == 1
    assert not any(entry["pending"] for entry in _entries(tmp_path).values())


def test_connection_lost_during_data_counts_as_sent(
    world: World, dropping_server: int, tmp_path: Path
) -> None:
    world.ranked = [make_match(number=1)]
    env = {"OSSMATCH_SMTP_HOST": "127.0.0.1", "OSSMATCH_SMTP_PORT": str(dropping_server),
           "OSSMATCH_SMTP_SECURITY": "none", "OSSMATCH_MAIL_FROM": "a@example.org",
           "OSSMATCH_MAIL_TO": "b@example.org", "OSSMATCH_SMTP_TIMEOUT": "5"}
    result = _digest(env, "--send")
    assert result.exit_code == 1
    assert "the issues stay recorded as sent, so they are not mailed twice" in result.stderr
    assert _entries(tmp_path)["acme/widgets#1"]["pending"] is True

    preview = _digest({}, "--mark-sent")
    assert "Note: an earlier run stopped while mailing 1 issue" in preview.stderr
    assert "issues/1" not in preview.stdout


def test_ctrl_c_mid_send_exits_130_and_keeps_the_pending_record(
    world: World, plain_server: MailServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    world.ranked = [make_match(number=1)]

    def interrupted(*_args: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(digest_cli, "send_mail", interrupted)
    result = _digest(plain_server.env(), "--send")
    assert result.exit_code == 130
    assert result.stderr.endswith("Interrupted\n")
    assert "Aborted" not in result.output
    assert _entries(tmp_path)["acme/widgets#1"]["pending"] is True


def test_a_definite_refusal_rolls_back(world: World, plain_server: MailServer, tmp_path: Path) -> None:
    world.ranked = [make_match(number=1)]
    env = {**plain_server.env(), "OSSMATCH_SMTP_PASSWORD": "wrong"}
    result = _digest(env, "--send")
    assert result.exit_code == 1
    assert "rejected the login" in result.stderr
    assert _entries(tmp_path) == {}
    again = _digest(plain_server.env(), "--send")
    assert again.exit_code == 0, again.output
    assert len(plain_server.inbox.envelopes) == 1


def test_dry_run_never_touches_the_state(world: World, tmp_path: Path) -> None:
    world.ranked = [make_match(number=1)]
    assert _digest({}, "--mark-sent").exit_code == 0
    before = _state_file(tmp_path).read_bytes()
    env = {"OSSMATCH_MAIL_FROM": "a@example.org", "OSSMATCH_MAIL_TO": "b@example.org"}

    result = _digest(env, "--reset-state", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "Dry run: would forget the 1 issue earlier digests sent; nothing changed." in result.stderr
    assert "issues/1" in result.stdout  # the dry run shows what a reset would send
    assert _state_file(tmp_path).read_bytes() == before

    _state_file(tmp_path).write_text("{damaged")
    damaged = _digest(env, "--dry-run")
    assert damaged.exit_code == 0, damaged.output
    assert "treating it as empty for now" in damaged.stderr
    assert _state_file(tmp_path).read_text() == "{damaged"
    assert not list(_state_file(tmp_path).parent.glob("*.corrupt-*"))


def test_reset_state_works_alone(world: World, tmp_path: Path) -> None:
    world.ranked = [make_match(number=1)]
    assert _digest({}, "--mark-sent").exit_code == 0
    result = CliRunner().invoke(main, ["digest", "--reset-state"], env={})
    assert result.exit_code == 0, result.output
    assert result.stderr == "Forgot the 1 issue earlier digests sent.\n"
    assert result.stdout == ""
    assert not _state_file(tmp_path).exists()


def test_without_skills_and_without_reset_it_asks_for_skills(world: World) -> None:
    result = CliRunner().invoke(main, ["digest"], env={})
    assert result.exit_code == 2
    assert result.stderr == ("Error: no skills given: use --skills python,docs or --profile PATH "
         "(or `ossmatch profile init` writes ./ossmatch.toml, read by default)\n")


class _SilentAfterData:
    """An SMTP server that takes the whole message, then never sends the 250: the window in
    which a Ctrl-C leaves the outcome unknown."""

    def __init__(self) -> None:
        import socket
        import threading

        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(1)
        self.port: int = self.listener.getsockname()[1]
        self.got_message = threading.Event()
        self.release = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        try:
            conn, _ = self.listener.accept()
        except OSError:
            return
        with conn, contextlib.suppress(OSError):
            conn.sendall(b"220 slow.example ESMTP\r\n")
            reader = conn.makefile("rb")
            in_data = False
            while line := reader.readline():
                if in_data:
                    if line == b".\r\n":
                        self.got_message.set()
                        self.release.wait(30)
                        return
                    continue
                verb = line[:4].upper()
                if verb in (b"EHLO", b"HELO"):
                    conn.sendall(b"250-slow.example\r\n250 8BITMIME\r\n")
                elif verb == b"DATA":
                    conn.sendall(b"354 go ahead\r\n")
                    in_data = True
                else:
                    conn.sendall(b"250 OK\r\n")

    def close(self) -> None:
        self.release.set()
        self.listener.close()
        self.thread.join(timeout=5)


def test_sigint_between_data_and_250_is_never_sent_again(fake_github: Any, tmp_path: Path) -> None:
    import signal

    story_world(fake_github.world)
    fake_github.world.add_token("test-token", "reader")
    server = _SilentAfterData()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("OSSMATCH_", "GITHUB_", "GH_"))},
        "GITHUB_API_URL": fake_github.rest_url,
        "GITHUB_TOKEN": "test-token",
        "OSSMATCH_NOW": fake_github.world.now.isoformat(),
        "OSSMATCH_CACHE_DIR": str(tmp_path / "cache"),
        "OSSMATCH_SMTP_HOST": "127.0.0.1",
        "OSSMATCH_SMTP_PORT": str(server.port),
        "OSSMATCH_SMTP_SECURITY": "none",
        "OSSMATCH_MAIL_FROM": "a@example.org",
        "OSSMATCH_MAIL_TO": "b@example.org",
        "OSSMATCH_SMTP_TIMEOUT": "60",
        "PATH": os.path.dirname(sys.executable),
    }
    try:
        run = subprocess.Popen(
            [sys.executable, "-m", "ossmatch", "digest", "--skills", "python,docs", "--send", "--limit", "2"],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            # a background parent may ignore SIGINT, and children inherit that: restore the default
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
        assert server.got_message.wait(60), "the message never arrived"
        run.send_signal(signal.SIGINT)
        _, stderr = run.communicate(timeout=30)
    finally:
        server.close()
    assert run.returncode == 130, stderr
    assert stderr.endswith("Interrupted\n") and "Traceback" not in stderr
    entries = _entries(tmp_path)
    assert len(entries) == 2 and all(entry["pending"] for entry in entries.values())

    preview = subprocess.run(
        [sys.executable, "-m", "ossmatch", "digest", "--skills", "python,docs", "--limit", "2", "--mark-sent",
         "--format", "text"],
        env=env, capture_output=True, text=True, check=False, timeout=60,
    )
    assert "treating them as sent so they are never mailed twice" in preview.stderr
    mailed_again = set(_ISSUE_LINE.findall(preview.stdout)) & {key for key in entries}
    assert not mailed_again
