"""Output targets: regular files replaced atomically with their mode kept, new files per the umask,
symlinks written through, devices and FIFOs written into, full disks and bad paths as one line."""

from __future__ import annotations

import os
import stat
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from ossmatch.cli import main
from ossmatch.errors import OssmatchError
from ossmatch.files import atomic_write_text


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_file_follows_the_umask(tmp_path: Path, umask_022: None) -> None:
    target = tmp_path / "report.html"
    atomic_write_text(target, "<p>hi</p>\n")
    assert target.read_text() == "<p>hi</p>\n"
    assert _mode(target) == 0o644


def test_new_file_under_a_strict_umask_stays_private(tmp_path: Path) -> None:
    old = os.umask(0o077)
    try:
        atomic_write_text(tmp_path / "private.txt", "x")
    finally:
        os.umask(old)
    assert _mode(tmp_path / "private.txt") == 0o600


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o664])
def test_existing_file_keeps_its_mode(tmp_path: Path, umask_022: None, mode: int) -> None:
    target = tmp_path / "index.html"
    target.write_text("old")
    target.chmod(mode)
    atomic_write_text(target, "new")
    assert target.read_text() == "new"
    assert _mode(target) == mode
    assert not list(tmp_path.glob(".*.tmp"))


def test_symlink_is_written_through(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text("old")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    atomic_write_text(link, "new")
    assert link.is_symlink() and real.read_text() == "new"


def test_dangling_symlink_creates_its_target(tmp_path: Path) -> None:
    link = tmp_path / "link.md"
    link.symlink_to(tmp_path / "sub" / "made.md")
    atomic_write_text(link, "made")
    assert link.is_symlink()
    assert (tmp_path / "sub" / "made.md").read_text() == "made"


def test_fifo_is_written_into_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text()))
    reader.start()
    atomic_write_text(fifo, "through the pipe\n")
    reader.join(timeout=10)
    assert received == ["through the pipe\n"]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def _char_device(tmp_path: Path) -> Path:
    """A private /dev/null twin (root may mknod); else the real /dev/null, which is only written into."""
    node = tmp_path / "null"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        return Path(os.devnull)
    return node


def test_character_device_is_written_into_not_replaced(tmp_path: Path) -> None:
    device = _char_device(tmp_path)
    atomic_write_text(device, "discarded")
    assert stat.S_ISCHR(device.stat().st_mode)


def test_full_device_is_a_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(OssmatchError) as error:
        atomic_write_text("/dev/full", "x" * 100_000)
    assert error.value.message == "cannot write /dev/full: No space left on device"
    assert stat.S_ISCHR(Path("/dev/full").stat().st_mode)


def test_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(OssmatchError, match="it is a directory"):
        atomic_write_text(tmp_path, "x")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "is empty: give a file name, or - for stdout"),
        ("newdir/", "'newdir/' names a directory: give a file name"),
    ],
)
def test_empty_or_directory_output_is_exit_2(tmp_path: Path, value: str, message: str) -> None:
    for command in (["suggest", "--skills", "python"], ["audit", "a/b"], ["digest", "--skills", "python"]):
        result = CliRunner().invoke(main, [*command, "--output", value], env={"OSSMATCH_CACHE_DIR": str(tmp_path)})
        assert result.exit_code == 2, (command, result.output)
        assert result.stderr.count("\n") == 1  # one line, no usage block
        assert result.stderr.startswith("Error: Invalid value for '--output'")
        assert result.stderr.endswith(f": {message} (see ossmatch {command[0]} --help)\n")


def test_stdout_on_a_full_disk_is_one_line_exit_1(tmp_path: Path) -> None:
    import subprocess
    import sys

    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "ossmatch", "digest", "--help"], stdout=full,
                              stderr=subprocess.PIPE, text=True, check=False)
    assert done.returncode == 1
    assert done.stderr == "Error: cannot write output: No space left on device\n"


def test_closed_pipe_exits_quietly(tmp_path: Path) -> None:
    import subprocess
    import sys

    run = subprocess.Popen([sys.executable, "-m", "ossmatch", "profile", "--help"], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE)
    assert run.stdout is not None and run.stderr is not None
    run.stdout.close()  # the reader went away, as with | head -0
    stderr = run.stderr.read().decode()
    run.wait(timeout=30)
    assert "Traceback" not in stderr and "Exception ignored" not in stderr


def test_profile_init_refuses_an_empty_path(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["profile", "init", ""])
    assert result.exit_code == 2
    assert result.stderr.endswith("is empty: give a file name, or - for stdout (see ossmatch profile init --help)\n")


def test_profile_init_follows_the_umask(tmp_path: Path, umask_022: None) -> None:
    target = tmp_path / "me.toml"
    result = CliRunner().invoke(main, ["profile", "init", str(target)])
    assert result.exit_code == 0, result.output
    assert _mode(target) == 0o644


def test_closed_stdout_is_one_line_exit_1(tmp_path: Path) -> None:
    import shlex
    import subprocess
    import sys

    command = f"{shlex.quote(sys.executable)} -m ossmatch profile init - >&-"
    done = subprocess.run(["bash", "-c", command], capture_output=True, text=True, check=False, cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr == "Error: cannot write output: stdout is closed\n"
    assert not (tmp_path / "-").exists()


def test_profile_init_dash_writes_stdout(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["profile", "init", "-"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# ossmatch profile")


def test_dev_stdout_on_a_pipe_is_written_into(tmp_path: Path) -> None:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "ossmatch", "profile", "init", "/dev/stdout", "--force"],
                          capture_output=True, text=True, check=False, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("# ossmatch profile")
