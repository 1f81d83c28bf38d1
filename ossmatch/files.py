"""Writing files the user named: whole files only, nothing of theirs replaced that should be written into.

Rules (also in docs/troubleshooting.md, "Output targets"):

- a regular file or a new path is written atomically (temporary file in the same directory, then a
  rename), so a reader never sees half a file and a failure leaves the old one intact; an existing
  file keeps its permission bits, a new one gets them from the umask like any other program's;
- a symlink is written through: its target (even a dangling one) is what gets written;
- a character device (``/dev/null``, ``/dev/stdout``), a FIFO or a socket is written straight into,
  never replaced by a regular file;
- a regular file without write permission is kept, not replaced: the user made it read-only;
- ``ENOSPC``, ``EPIPE`` and every other ``OSError`` become one-line ``OssmatchError`` messages.

``target_problem`` finds what can be known before any work is done (a name too long for the file
system, a read-only file), so a run does not fetch everything and then fail to write it.

``file_lock`` is the exclusive lock state files (digest, hidden issues) hold across read, act, write.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from collections.abc import Iterator
from pathlib import Path

from ossmatch.errors import OssmatchError

try:  # POSIX; elsewhere the atomic rename alone protects a file.
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

#: Permission bits asked for a new file; the umask takes away from them, as for ``touch``.
NEW_FILE_MODE = 0o666


def _fail(path: Path | str, error: OSError) -> OssmatchError:
    return OssmatchError(f"cannot write {path}: {error.strerror or error}")


#: The longest file name most file systems allow (bytes), when the system cannot say.
DEFAULT_NAME_MAX = 255


def nearest_existing(path: Path) -> Path | None:
    """The closest existing path above ``path``: a folder, or a file where a folder should be."""
    return next((p for p in (path.parent, *path.parent.parents) if p.exists()), None)


def target_problem(path: Path | str) -> str | None:
    """Why ``path`` cannot be written, found before any work is done; None when it looks writable.

    Checks what can be known up front: a name longer than the file system allows, a file where a
    folder should be, a read-only file (kept, never replaced: see docs/troubleshooting.md).
    """
    target = Path(path)
    existing = nearest_existing(target) or Path(".")
    if not existing.is_dir():
        return f"{existing} is a file, not a folder"
    try:
        name_max = os.pathconf(existing, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):  # no pathconf (Windows) or no such limit
        name_max = DEFAULT_NAME_MAX
    for part in target.parts:
        if len(os.fsencode(part)) > name_max:
            return f"the file name {part[:40]}... is longer than the {name_max} bytes its file system allows"
    try:
        info = os.stat(target)
    except OSError:
        return None
    if stat.S_ISREG(info.st_mode) and not info.st_mode & stat.S_IWUSR:
        return "the file is read-only; make it writable (chmod u+w) or choose another name"
    return None


def atomic_write_text(path: Path | str, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` following the rules in the module docstring."""
    try:
        info: os.stat_result | None = os.stat(path)  # follows symlinks, /proc's magic ones included
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise _fail(path, error) from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise _fail(path, IsADirectoryError(errno.EISDIR, "it is a directory"))
    if info is not None and stat.S_ISREG(info.st_mode) and not info.st_mode & stat.S_IWUSR:
        raise _fail(path, PermissionError(errno.EACCES, "it is read-only (chmod u+w to let it be replaced)"))
    if info is not None and not stat.S_ISREG(info.st_mode):
        _write_into(path, text)  # /dev/stdout on a pipe resolves to no real path: open it as named
        return
    target = Path(os.path.realpath(path)) if Path(path).is_symlink() else Path(path)
    _replace(path, target, text, None if info is None else stat.S_IMODE(info.st_mode))


def _write_into(path: Path | str, text: str) -> None:
    """A device, FIFO or socket: write into it as ``>`` in a shell would."""
    try:
        with open(path, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
    except OSError as error:
        raise _fail(path, error) from None


def _replace(shown: Path | str, target: Path, text: str, mode: int | None) -> None:
    directory = target.parent if str(target.parent) else Path(".")
    # short, whatever the target's length: a 250-byte name plus a suffix would pass the 255-byte limit
    tmp = directory / f".ossmatch-{secrets.token_hex(6)}.tmp"
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, NEW_FILE_MODE)
    except OSError as error:
        raise _fail(shown, error) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            if mode is not None:
                os.fchmod(handle.fileno(), mode)
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except OSError as error:
        tmp.unlink(missing_ok=True)
        raise _fail(shown, error) from None


@contextlib.contextmanager
def file_lock(lock_path: Path) -> Iterator[None]:
    """Hold an exclusive advisory lock on ``lock_path`` (created if needed) for the block."""
    if fcntl is None:  # pragma: no cover - Windows
        yield
        return
    try:
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(lock_path, "a")  # noqa: SIM115 - held for the block
    except (FileExistsError, NotADirectoryError):  # mkdir's "File exists": a file where a folder goes
        found = nearest_existing(lock_path)
        blocker = found if found is not None and not found.is_dir() else lock_path.parent
        raise OssmatchError(f"cannot lock {lock_path}: {blocker} is a file, not a folder; move it away") from None
    except OSError as error:
        raise OssmatchError(f"cannot lock {lock_path}: {error.strerror}") from None
    with handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
