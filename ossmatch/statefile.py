"""A small JSON state file (digest sent-state, hidden issues ...) that two runs at once cannot corrupt.

``StateFile(path, Model)`` reads and writes one pydantic model as JSON. A ``transaction()`` holds an
exclusive lock across read, whatever the caller does, and each ``save``: two runs at once take
turns instead of both acting on the same old state. Saves are atomic (``ossmatch.files``). A file
that cannot be read (not UTF-8, not JSON, the wrong shape, nested too deep, larger than
``MAX_STATE_BYTES``) is moved aside, never deleted, and a fresh state is started with a warning;
``read(repair=False)`` only warns and changes nothing, for previews and dry runs.

The lock is an ``flock`` on ``<path>.lock`` and is not re-entrant: inside a transaction, use
``tx.state`` rather than reading the same file again (that would wait for itself).
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import BaseModel, ValidationError

from ossmatch.errors import OssmatchError
from ossmatch.files import atomic_write_text, file_lock
from ossmatch.render.wording import plural

#: A state file larger than this is not ours (ours stay far below: entries are pruned on save).
MAX_STATE_BYTES = 8 * 1024 * 1024

M = TypeVar("M", bound=BaseModel)


class _Damaged(Exception):
    pass


class StateTransaction(Generic[M]):
    """The state as read under the lock, and ``save`` to replace it while the lock is held."""

    def __init__(self, owner: StateFile[M], state: M) -> None:
        self._owner = owner
        self.state = state

    def save(self, state: M) -> None:
        self._owner._write(state)
        self.state = state


class StateFile(Generic[M]):
    """The JSON file at ``path`` holding one ``model``; ``warn`` gets one-line notes on damage."""

    def __init__(self, path: Path, model: type[M], warn: Callable[[str], None] = lambda _msg: None) -> None:
        self.path = Path(path)
        self.model = model
        self._warn = warn

    @property
    def lock_path(self) -> Path:
        return self.path.with_name(self.path.name + ".lock")

    def read(self, *, repair: bool = True) -> M:
        """The current state; with ``repair`` False a damaged file is only reported, not moved.

        Reading takes no lock: saves are atomic renames, so a reader sees the old file or the new
        one, never half of one, and a read-only directory (a CI cache mounted read-only) can still
        be read. Only moving a damaged file aside takes the lock.
        """
        try:
            return self._parse()
        except _Damaged as problem:
            if not repair:
                return self._damaged(str(problem), repair=False)
        with file_lock(self.lock_path):
            return self._read()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[StateTransaction[M]]:
        """Hold the lock for the block; the block reads ``.state`` and may ``save`` any number of times."""
        with file_lock(self.lock_path):
            yield StateTransaction(self, self._read())

    def update(self, change: Callable[[M], M]) -> M:
        """Apply ``change`` to the current contents under the lock and save the result."""
        with self.transaction() as tx:
            tx.save(change(tx.state))
            return tx.state

    def remove(self) -> None:
        """Forget the state (under the lock)."""
        with file_lock(self.lock_path):
            try:
                self.path.unlink(missing_ok=True)
            except OSError as error:
                raise OssmatchError(f"cannot remove {self.path}: {error.strerror}") from None

    def _write(self, state: M) -> None:
        atomic_write_text(self.path, state.model_dump_json(indent=2) + "\n")

    def _read(self) -> M:
        """The current state, a damaged file moved aside (the caller holds the lock)."""
        try:
            return self._parse()
        except _Damaged as problem:
            return self._damaged(str(problem), repair=True)

    def _parse(self) -> M:
        try:
            size = self.path.stat().st_size
        except FileNotFoundError:
            return self.model()
        except OSError as error:
            raise OssmatchError(f"cannot read {self.path}: {error.strerror}") from None
        if size > MAX_STATE_BYTES:
            raise _Damaged(f"larger than {MAX_STATE_BYTES // (1024 * 1024)} MB")
        try:
            with open(self.path, "rb") as handle:
                text = handle.read(MAX_STATE_BYTES + 1).decode("utf-8")
        except FileNotFoundError:
            return self.model()
        except UnicodeDecodeError:
            raise _Damaged("not UTF-8 text") from None
        except OSError as error:
            raise OssmatchError(f"cannot read {self.path}: {error.strerror}") from None
        try:
            return self.model.model_validate(json.loads(text))
        except json.JSONDecodeError as error:
            # json's own words may end in "at" ("Unterminated string starting at"): no "at at line"
            raise _Damaged(f"not JSON ({error.msg.removesuffix(' at')} at line {error.lineno})") from None
        except RecursionError:
            raise _Damaged("nested too deeply") from None
        except ValidationError as error:
            raise _Damaged(f"unexpected content ({plural(error.error_count(), 'problem')})") from None

    def _damaged(self, reason: str, repair: bool) -> M:
        if not repair:
            self._warn(f"state {self.path} is damaged ({reason}); treating it as empty for now")
            return self.model()
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
        aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        try:
            os.replace(self.path, aside)
        except OSError as error:
            raise OssmatchError(
                f"state {self.path} is damaged ({reason}) and cannot be moved aside: {error.strerror}"
            ) from None
        self._warn(f"state {self.path} was damaged ({reason}); moved it to {aside.name} and started afresh")
        return self.model()
