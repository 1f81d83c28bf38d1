"""A persistent response cache (diskcache) that makes re-runs nearly free.

Values are JSON text, never pickles (a pickled PyGithub object would carry the token). Keys hold
the API host and a fingerprint of the token, never the token. GraphQL answers live for a TTL per
kind; REST answers keep their ETag so a revalidation that gets 304 costs no quota. SQLite makes
two processes at once safe; a damaged cache file is moved aside and rebuilt with a warning.
"""

from __future__ import annotations

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


class ResponseCache:
    """JSON values with per-entry expiry, on disk. Failures degrade to a miss, never a crash."""

    def __init__(self, directory: Path, warn: Callable[[str], None] = lambda _msg: None) -> None:
        self.directory = Path(directory)
        self._warn = warn
        self._cache = self._open()

    def _open(self) -> diskcache.Cache:
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            cache = diskcache.Cache(str(self.directory), timeout=30)
            cache.get("ossmatch:probe")  # touches the database so a damaged file is found now
            return cache
        except sqlite3.DatabaseError:
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
        try:
            raw = self._cache.get(key)
        except (sqlite3.DatabaseError, OSError) as error:
            self._warn(f"cache read failed ({error}); fetching instead")
            return None
        if not isinstance(raw, str):
            return None
        try:
            return json.loads(raw)
        except ValueError:
            return None

    def set(self, key: str, value: Any, ttl: int | None) -> None:
        try:
            self._cache.set(key, json.dumps(value, separators=(",", ":")), expire=ttl)
        except (sqlite3.DatabaseError, OSError) as error:
            self._warn(f"cache write failed ({error}); continuing without caching")

    def info(self) -> dict[str, Any]:
        return {
            "directory": str(self.directory),
            "entries": len(self._cache),
            "size_bytes": self._cache.volume(),
        }

    def clear(self) -> int:
        return int(self._cache.clear())

    def close(self) -> None:
        self._cache.close()
