"""Which issues earlier digests sent, so a digest never repeats itself.

The state is a small JSON file in the cache dir. Writes go through a temporary file and a rename
under an exclusive lock held across load, send and record, so two runs at once cannot send the
same issue, interleave or leave half a file. A file that cannot be read is moved aside (never
deleted) and a fresh state is started, with a warning.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

from ossmatch.statefile import StateFile, StateTransaction

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
    #: Recorded before the SMTP transaction, cleared after the server's 250: a pending entry
    #: found later means the outcome is unknown, and it is treated as sent (at most once).
    pending: bool = False


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
    """The sent-state file at ``path``; ``warn`` receives one-line notes about damaged files.

    The file itself is an ``ossmatch.statefile.StateFile``: locked, atomic, damage moved aside.
    """

    def __init__(self, path: Path, warn: Callable[[str], None] = lambda _msg: None) -> None:
        self.path = Path(path)
        self._file = StateFile(self.path, SentState, warn=lambda message: warn(_digest_note(message)))

    @property
    def lock_path(self) -> Path:
        return self._file.lock_path

    def load(self) -> SentState:
        """Read the state; a missing file is an empty state, a damaged one is moved aside."""
        return self._file.read()

    def peek(self) -> SentState:
        """Read the state without changing anything, a damaged file included: for dry runs."""
        return self._file.read(repair=False)

    def transaction(self) -> contextlib.AbstractContextManager[StateTransaction[SentState]]:
        """Hold the lock across load, send and record, so two runs at once never send the same issue."""
        return self._file.transaction()

    def update(self, change: Callable[[SentState], SentState]) -> SentState:
        """Apply ``change`` to the current file contents under the lock and save the result.

        Re-reading under the lock means a run that finished in the meantime is not overwritten.
        """
        return self._file.update(lambda state: pruned(change(state)))

    def reset(self) -> None:
        """Forget everything sent so far."""
        self._file.remove()


def _digest_note(message: str) -> str:
    return f"digest {message}; earlier issues may be sent again" if "moved it" in message else f"digest {message}"


#: Most issues remembered: about ten years of weekly digests; older ones are forgotten first.
MAX_SENT_ENTRIES = 5000


def pruned(state: SentState, keep: int = MAX_SENT_ENTRIES) -> SentState:
    """``state`` with at most ``keep`` entries, the most recently sent kept."""
    if len(state.issues) <= keep:
        return state
    newest = sorted(state.issues.items(), key=lambda item: item[1].last_sent, reverse=True)[:keep]
    return state.model_copy(update={"issues": dict(newest)})


def pending_issues(state: SentState) -> list[SentIssue]:
    """Issues recorded just before a send whose outcome no run saw (killed, disk full, lost reply)."""
    return [entry for entry in state.issues.values() if entry.pending]


def confirmed(state: SentState) -> SentState:
    """``state`` with every pending record confirmed as sent."""
    issues = {key: entry.model_copy(update={"pending": False}) if entry.pending else entry
              for key, entry in state.issues.items()}
    return state.model_copy(update={"issues": issues})
