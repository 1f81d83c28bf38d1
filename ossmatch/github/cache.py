"""A persistent response cache (diskcache) that makes re-runs nearly free.

Values are JSON text, never pickles (a pickled PyGithub object would carry the token). Keys hold
the API host and a fingerprint of the token, never the token. GraphQL answers live for a TTL per
kind; REST answers keep their ETag so a revalidation that gets 304 costs no quota. SQLite makes
two processes at once safe; a damaged cache file is moved aside and rebuilt with a warning. A full
disk is not damage: the cache is kept as it is and the run goes on without saving to it.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import diskcache
import platformdirs

from ossmatch.errors import OssmatchError

#: Seconds an answer of each kind stays fresh. REST answers are revalidated by ETag instead.
TTL: dict[str, int] = {
    "search": 3600,
    "repo": 24 * 3600,
    "snapshot": 6 * 3600,
    "user": 24 * 3600,
    "issue": 15 * 60,
    "rest": 30 * 24 * 3600,
}

_DB_FILE = "cache.db"


def default_cache_dir(env: Mapping[str, str] | None = None) -> Path:
    """``OSSMATCH_CACHE_DIR``, else the platform's user cache directory."""
    env = os.environ if env is None else env
    configured = env.get("OSSMATCH_CACHE_DIR", "").strip()
    if configured:
        return Path(configured).expanduser()
    return Path(platformdirs.user_cache_dir("ossmatch", appauthor=False))


def cache_key(kind: str, host: str, identity: str, payload: Any) -> str:
    """A key naming the kind, the host and who asked, with the request hashed."""
    digest = hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()
    return f"{kind}:{host}:{identity}:{digest}"


#: errno values that mean "no room", not "damaged".
_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})


#: Below this many free bytes a "disk I/O error" is taken for a full disk: SQLite says so when it
#: cannot grow its shared-memory file (``cache.db-shm``) on a full file system.
NEARLY_FULL = 1 << 20


def disk_full(error: BaseException, directory: Path | None = None) -> bool:
    """Whether a failure means the disk (or quota) is full rather than a damaged cache."""
    if isinstance(error, OSError) and error.errno in _FULL_ERRNOS:
        return True
    if isinstance(error, sqlite3.OperationalError) and "full" in str(error).lower():
        return True
    io_error = (isinstance(error, sqlite3.OperationalError) and "i/o error" in str(error).lower()) or (
        isinstance(error, OSError) and error.errno == errno.EIO)
    if directory is None or not io_error:
        return False
    try:
        stats = os.statvfs(directory)
    except (OSError, AttributeError):  # no statvfs (Windows) or no directory
        return False
    read_only = bool(stats.f_flag & getattr(os, "ST_RDONLY", 1))  # a read-only mount shows no free space
    return not read_only and stats.f_bavail * stats.f_frsize < NEARLY_FULL


class ResponseCache:
    """JSON values with per-entry expiry, on disk. Failures degrade to a miss, never a crash.

    A cache that cannot be opened or written (read-only directory, a file in its place, a full
    disk) is switched off for the rest of the run with one warning; undecodable values are misses.
    """

    def __init__(self, directory: Path, warn: Callable[[str], None] = lambda _msg: None) -> None:
        self.directory = Path(directory)
        self._warn = warn
        self._cache: diskcache.Cache | None = None
        #: Set when the disk is full: answers are still read, no longer saved.
        self._saving = True
        #: Why the cache was switched off (``the cache in DIR is unusable (...)``); None while it works.
        self.problem: str | None = None
        try:
            self._cache = self._open()
        except (sqlite3.Error, OSError) as error:
            self._disable(error)

    @property
    def usable(self) -> bool:
        return self._cache is not None

    def _disable(self, error: BaseException) -> None:
        """Run without the cache from now on; say so once."""
        if self._cache is not None:
            with contextlib.suppress(Exception):
                self._cache.close()
        self._cache = None
        if disk_full(error, self.directory):
            self.problem = f"the disk holding the cache in {self.directory} is full"
            self._warn(f"{self.problem}; running without the cache this time (it is kept as it is: free some "
                       "space to use it again)")
            return
        reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
        if self.directory.exists() and not self.directory.is_dir():
            reason = "it is not a directory"
        self.problem = f"the cache in {self.directory} is unusable ({reason})"
        self._warn(f"{self.problem}; running without it")

    def _open(self) -> diskcache.Cache:
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            cache = diskcache.Cache(str(self.directory), timeout=30)
            cache.get("ossmatch:probe")  # touches the database so a damaged file is found now
            return cache
        except sqlite3.OperationalError:  # full, locked, read-only, I/O: the file itself may be healthy
            raise
        except sqlite3.DatabaseError as error:  # "malformed", "not a database": damage
            if not os.access(self.directory, os.W_OK):
                raise sqlite3.OperationalError("read-only") from error
            return self._rebuild()

    def _rebuild(self) -> diskcache.Cache:
        db = self.directory / _DB_FILE
        aside = db.with_name(f"{_DB_FILE}.corrupt-{int(time.time())}")
        if db.exists():
            db.replace(aside)
        for suffix in ("-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        self._warn(f"the cache in {self.directory} was damaged; moved it to {aside.name} and started afresh")
        return diskcache.Cache(str(self.directory), timeout=30)

    def get(self, key: str) -> Any | None:
        if self._cache is None:
            return None
        try:
            raw = self._cache.get(key)
        except (sqlite3.Error, OSError) as error:
            self._disable(error)
            return None
        except (ValueError, EOFError, LookupError):  # undecodable value file: a miss
            return None
        if not isinstance(raw, str):
            return None
        try:
            return json.loads(raw)
        except (ValueError, RecursionError):
            return None

    def set(self, key: str, value: Any, ttl: int | None) -> None:
        if self._cache is None or not self._saving:
            return
        try:
            self._cache.set(key, json.dumps(value, separators=(",", ":")), expire=ttl)
        except (sqlite3.Error, OSError) as error:
            if not disk_full(error, self.directory):
                self._disable(error)
                return
            self._saving = False  # what is cached still answers; nothing new is kept
            self._warn(f"the disk holding the cache in {self.directory} is full; new answers are not saved "
                       "this time (the cache is kept as it is)")

    def _required(self) -> diskcache.Cache:
        if self._cache is None:
            raise OssmatchError(f"the cache in {self.directory} is unusable")
        return self._cache

    def info(self) -> dict[str, Any]:
        cache = self._required()
        try:
            return {
                "directory": str(self.directory),
                "entries": len(cache),
                "size_bytes": cache.volume(),
            }
        except (sqlite3.Error, OSError) as error:
            raise OssmatchError(f"cannot read the cache in {self.directory}: {error}") from None

    def clear(self) -> int:
        try:
            return int(self._required().clear())
        except (sqlite3.Error, OSError) as error:
            raise OssmatchError(f"cannot clear the cache in {self.directory}: {error}") from None

    def close(self) -> None:
        if self._cache is not None:
            with contextlib.suppress(sqlite3.Error, OSError):  # nothing to save is lost: never fail here
                self._cache.close()
