"""Which issues earlier digests sent, so a digest never repeats itself.

The state is a small JSON file in the cache dir. Writes go through a temporary file and a rename
under an exclusive lock, so two runs at once cannot interleave or leave half a file. A file that
cannot be read is moved aside (never deleted) and a fresh state is started, with a warning.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import datetime, timezone
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from ossmatch.errors import OssmatchError
from ossmatch.files import atomic_write_text

try:  # POSIX; elsewhere the atomic rename alone protects the file.
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

STATE_VERSION: Literal[1] = 1

#: Why an issue sent earlier is no longer worth taking: closed, taken by someone, or vanished.
Status = Literal["open", "closed", "assigned", "linked_pr", "missing"]


class SentIssue(BaseModel):
    """One issue an earlier digest listed, and what became of it."""

    model_config = ConfigDict(frozen=True)

    repo: str
    number: int
    url: str
    title: str
    first_sent: datetime
    last_sent: datetime
    status: Status = "open"
    #: When a digest told the reader the status changed; then it is not reported again.
    status_reported: datetime | None = None


class SentState(BaseModel):
    """Everything digests sent, keyed by ``owner/repo#number``."""

    model_config = ConfigDict(frozen=True)

    version: Literal[1] = STATE_VERSION
    issues: dict[str, SentIssue] = {}

    def was_sent(self, repo: str, number: int) -> bool:
        return issue_key(repo, number) in self.issues

    def open_issues(self) -> list[SentIssue]:
        """Sent issues still believed open, newest first: the ones worth re-checking."""
        found = [entry for entry in self.issues.values() if entry.status == "open"]
        return sorted(found, key=lambda entry: entry.last_sent, reverse=True)


def issue_key(repo: str, number: int) -> str:
    return f"{repo.lower()}#{number}"


def with_sent(state: SentState, sent: Iterable[SentIssue]) -> SentState:
    """Return ``state`` with ``sent`` recorded; an issue sent again keeps its first date."""
    issues = dict(state.issues)
    for entry in sent:
        key = issue_key(entry.repo, entry.number)
        previous = issues.get(key)
        if previous is not None:
            entry = entry.model_copy(update={"first_sent": previous.first_sent})
        issues[key] = entry
    return state.model_copy(update={"issues": issues})


def with_statuses(state: SentState, statuses: Mapping[tuple[str, int], Status], reported: datetime) -> SentState:
    """Return ``state`` with the given issues' new statuses marked as reported."""
    issues = dict(state.issues)
    for (repo, number), status in statuses.items():
        key = issue_key(repo, number)
        if key in issues:
            issues[key] = issues[key].model_copy(update={"status": status, "status_reported": reported})
    return state.model_copy(update={"issues": issues})


class StateStore:
    """The sent-state file at ``path``; ``warn`` receives one-line notes about damaged files."""

    def __init__(self, path: Path, warn: Callable[[str], None] = lambda _msg: None) -> None:
        self.path = Path(path)
        self._warn = warn

    @property
    def lock_path(self) -> Path:
        return self.path.with_name(self.path.name + ".lock")

    def load(self) -> SentState:
        """Read the state; a missing file is an empty state, a damaged one is moved aside."""
        with self._locked():
            return self._read()

    def update(self, change: Callable[[SentState], SentState]) -> SentState:
        """Apply ``change`` to the current file contents under the lock and save the result.

        Re-reading under the lock means a run that finished in the meantime is not overwritten.
        """
        with self._locked():
            state = change(self._read())
            atomic_write_text(self.path, state.model_dump_json(indent=2) + "\n")
            return state

    def reset(self) -> None:
        """Forget everything sent so far."""
        with self._locked():
            try:
                self.path.unlink(missing_ok=True)
            except OSError as error:
                raise OssmatchError(f"cannot remove {self.path}: {error.strerror}") from None

    def _read(self) -> SentState:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return SentState()
        except UnicodeDecodeError:
            return self._quarantine("not UTF-8 text")
        except OSError as error:
            raise OssmatchError(f"cannot read {self.path}: {error.strerror}") from None
        try:
            return SentState.model_validate(json.loads(text))
        except json.JSONDecodeError as error:
            return self._quarantine(f"not JSON ({error.msg} at line {error.lineno})")
        except ValidationError as error:
            return self._quarantine(f"unexpected content ({error.error_count()} problems)")

    def _quarantine(self, reason: str) -> SentState:
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
        aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        try:
            os.replace(self.path, aside)
        except OSError as error:
            raise OssmatchError(
                f"digest state {self.path} is damaged ({reason}) and cannot be moved aside: {error.strerror}"
            ) from None
        self._warn(
            f"digest state {self.path} was damaged ({reason}); moved it to {aside.name} "
            "and started afresh, so earlier issues may be sent again"
        )
        return SentState()

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        if fcntl is None:  # pragma: no cover - Windows
            yield
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle = open(self.lock_path, "a")  # noqa: SIM115 - held for the block
        except OSError as error:
            raise OssmatchError(f"cannot lock {self.lock_path}: {error.strerror}") from None
        with handle:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
