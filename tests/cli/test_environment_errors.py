"""Issue 25 items 1 and 9: whatever the environment holds, one line that says what to fix, never a traceback."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from ossmatch.cli import main

#: The console script of this environment (the one users run).
OSSMATCH = Path(sys.executable).with_name("ossmatch")
#: A traceback frame in ossmatch's own code (the generated console script is not a .py file).
OUR_FRAME = re.compile(r'File "[^"]*/ossmatch/[^"]*\.py"')


def run(*args: str, **env: str) -> Result:
    base = {"GITHUB_TOKEN": "test-token", "GH_TOKEN": "", "PATH": "/nonexistent",
            "OSSMATCH_CACHE_DIR": tempfile.mkdtemp(prefix="ossmatch-cache-")}
    return CliRunner().invoke(main, list(args), env={**base, **env}, catch_exceptions=False)


def one_line_error(result: Result, code: int) -> str:
    assert result.exit_code == code, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    return lines[0]


@pytest.mark.parametrize(("url", "says"), [
    ("http://127.0.0.1:99999/api/v3", "its port is not a number from 1 to 65535"),
    ("http://127.0.0.1:abc/api/v3", "its port is not a number from 1 to 65535"),
    ("http://[::1/api/v3", "its host is malformed"),
    ("http://[zz::1]/api/v3", "its host is malformed"),
])
def test_a_malformed_api_url_is_named(url: str, says: str) -> None:
    line = one_line_error(run("suggest", "--skills", "python", GITHUB_API_URL=url), 2)
    assert "GITHUB_API_URL is not a valid URL" in line and says in line


def test_a_graphql_url_that_is_not_http_says_so_not_same_host() -> None:
    line = one_line_error(run("suggest", "--skills", "python", GITHUB_API_URL="http://127.0.0.1:1/api/v3",
                              GITHUB_GRAPHQL_URL="ftp://127.0.0.1:1/graphql"), 2)
    assert line == "Error: GITHUB_GRAPHQL_URL must be an http(s) URL, not 'ftp://127.0.0.1:1/graphql'"


@pytest.mark.parametrize(("token", "says"), [
    ("ghp_abc\u200bdef", "the character U+200B"),
    ("\u201cghp_abcdef\u201d", "the character U+201C"),
    ("ghp_abc\ndef", "a line break"),
    ("ghp abc", "a space"),
])
@pytest.mark.parametrize("command", [("suggest", "--skills", "python"), ("show", "a/b#1"), ("audit", "a/b")])
def test_a_token_no_http_header_can_carry_is_named_in_every_command(token: str, says: str,
                                                                     command: tuple[str, ...]) -> None:
    line = one_line_error(run(*command, GITHUB_API_URL="http://127.0.0.1:1/api/v3", GITHUB_TOKEN=token), 2)
    assert f"the GitHub token contains {says}" in line
    assert "abc" not in line and "def" not in line  # never a piece of the token


def _silent_server() -> socket.socket:
    """A port that accepts connections and never answers: a run waits there until interrupted."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    return server


def test_ctrl_c_at_any_moment_says_interrupted_and_exits_130() -> None:
    """Sweep Ctrl-C from the first millisecond, 6 ms apart, until a dozen have landed in ossmatch:
    while loading, parsing, or waiting on GitHub (a busy machine only makes the sweep longer)."""
    server = _silent_server()
    env = {**os.environ, "GITHUB_API_URL": f"http://127.0.0.1:{server.getsockname()[1]}/api/v3",
           "GITHUB_TOKEN": "test-token", "OSSMATCH_CACHE_DIR": tempfile.mkdtemp(prefix="ossmatch-cache-"),
           "OSSMATCH_TIMEOUT": "30", "PATH": "/nonexistent"}
    outcomes = []
    landed = 0
    try:
        for ms in range(0, 5000, 6):
            child = subprocess.Popen([str(OSSMATCH), "suggest", "--skills", "python"], env=env,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            time.sleep(ms / 1000)
            child.send_signal(signal.SIGINT)
            try:
                _, err = child.communicate(timeout=10)
            except subprocess.TimeoutExpired:
                # the interpreter, still starting, reported and swallowed it ("Exception ignored in
                # ... _get_module_lock", "Failed checking if argv[0] is an import path entry") and
                # went on; a second Ctrl-C then lands in ossmatch
                child.send_signal(signal.SIGINT)
                _, err = child.communicate(timeout=30)
                assert "KeyboardInterrupt" in err and not OUR_FRAME.search(err), (ms, err)
                assert err.rstrip().endswith("Interrupted") and child.returncode == 130, (ms, err)
                continue
            outcomes.append((ms, child.returncode, err))
            landed += child.returncode == 130
            if landed >= LANDED:
                break
    finally:
        server.close()
    for ms, code, err in outcomes:
        assert "Aborted" not in err and not OUR_FRAME.search(err), (ms, err)
        if code == 130:
            assert err.strip() == "Interrupted", (ms, err)
        else:
            # Python itself was still starting (its site module, or the generated console script's
            # own first import), before any line of ossmatch ran: beyond any program's reach. From
            # ossmatch's first line on, no KeyboardInterrupt is raised while loading at all.
            before_ossmatch = err == "" or "KeyboardInterrupt" in err or "Fatal Python error" in err
            assert code in (1, -signal.SIGINT) and before_ossmatch, (ms, code, err)
    assert landed >= LANDED, outcomes[-3:]


#: Interrupts that must land in ossmatch (loading, parsing, then waiting on GitHub) before the sweep ends.
LANDED = 12


def test_a_port_answering_something_else_is_not_called_a_network_problem() -> None:
    import threading

    server = _silent_server()

    def answer_garbage() -> None:
        while True:
            try:
                conn, _ = server.accept()
            except OSError:
                return
            with conn:
                conn.recv(4096)
                conn.sendall(b"SSH-2.0-OpenSSH_9.6\r\n")

    threading.Thread(target=answer_garbage, daemon=True).start()
    try:
        line = one_line_error(run("suggest", "--skills", "python", OSSMATCH_MAX_WAIT="1",
                                  GITHUB_API_URL=f"http://127.0.0.1:{server.getsockname()[1]}/api/v3"), 1)
    finally:
        server.close()
    assert "answered, but not in HTTP" in line and "GITHUB_API_URL" in line
    assert "check your network" not in line


def test_ctrl_c_in_a_running_command_under_python_m_goes_through_python(tmp_path: Path) -> None:
    """Once a command runs, Ctrl-C is a KeyboardInterrupt again (so ``finally`` blocks clean up),
    also when this module is loaded twice, as ``__main__`` and by name."""
    server = _silent_server()
    env = {**os.environ, "GITHUB_API_URL": f"http://127.0.0.1:{server.getsockname()[1]}/api/v3",
           "GITHUB_TOKEN": "test-token", "OSSMATCH_CACHE_DIR": str(tmp_path), "OSSMATCH_TIMEOUT": "30"}
    try:
        child = subprocess.Popen([sys.executable, "-m", "ossmatch", "suggest", "--skills", "python"], env=env,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        conn, _ = server.accept()  # the command is running: it has connected to "GitHub"
        child.send_signal(signal.SIGINT)
        _, err = child.communicate(timeout=30)
        conn.close()
    finally:
        server.close()
    assert child.returncode == 130
    assert err == "Interrupted\n"  # said by the command line's handler, not the loading-time one
