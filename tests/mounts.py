"""Real small or read-only file systems for tests, without needing root.

``unshare --user --map-root-user --mount`` gives the test its own mount namespace, where it may
mount a tmpfs of a few hundred kilobytes (a disk that really answers ENOSPC) or remount a bind
mount read-only (a directory that really answers EROFS, which chmod cannot give a root user).
Nothing is mounted outside the child process; it works for root and for ordinary users alike.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

#: Where to read why namespaces are needed, if this machine refuses them.
SETUP_HINT = ("these tests need unprivileged user namespaces (util-linux `unshare --user --map-root-user "
              "--mount`); enable them with `sysctl kernel.unprivileged_userns_clone=1`")


def in_namespace(
    script: str, *, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess:
    """Run the shell ``script`` in a private user and mount namespace; its mounts vanish with it."""
    unshare = shutil.which("unshare")
    if unshare is None:
        pytest.fail(f"unshare is missing: {SETUP_HINT}", pytrace=False)
    probe = subprocess.run([unshare, "--user", "--map-root-user", "--mount", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.fail(f"{probe.stderr.decode().strip()}: {SETUP_HINT}", pytrace=False)
    return subprocess.run([unshare, "--user", "--map-root-user", "--mount", "sh", "-ec", script],
                          capture_output=True, text=True, env=env, timeout=timeout)


def mount_tmpfs(directory: Path, size_kib: int) -> str:
    """Shell text mounting a ``size_kib`` tmpfs on ``directory`` (inside ``in_namespace``)."""
    return f"mount -t tmpfs -o size={size_kib}k ossmatch-test {shlex.quote(str(directory))}"


def fill(directory: Path) -> str:
    """Shell text filling the file system of ``directory`` to the last byte."""
    return f"dd if=/dev/zero of={shlex.quote(str(directory / 'filler'))} bs=4k 2>/dev/null || true"


def read_only(directory: Path) -> str:
    """Shell text making ``directory`` a read-only bind mount of itself (as a CI cache may be)."""
    path = shlex.quote(str(directory))
    return f"mount --bind {path} {path} && mount -o remount,bind,ro {path}"
