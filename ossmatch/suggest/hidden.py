"""Issues and repositories a person decided are not for them, kept out of ``suggest`` and ``digest``.

``ossmatch hide OWNER/REPO#N`` (or a whole ``OWNER/REPO``, optionally ``--for 30d``) records the
decision in ``hidden.json`` beside the digest state, through the same locked, atomic state file
(``ossmatch.statefile``), so two runs at once never lose each other's changes and a damaged file
is moved aside with a warning.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from datetime import datetime, timedelta
from pathlib import Path
from typing import Literal, NamedTuple

from pydantic import BaseModel, ConfigDict

from ossmatch.errors import UsageProblem
from ossmatch.github.cache import default_cache_dir
from ossmatch.render.wording import shorten
from ossmatch.statefile import StateFile

HIDDEN_VERSION: Literal[1] = 1

#: ``owner/repo`` or ``owner/repo#N``, GitHub's own spelling of a repository or an issue.
_TARGET = re.compile(r"^(?P<repo>[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100})(?:#(?P<number>[0-9]{1,9}))?$")
#: An issue or repository URL on github.com or an Enterprise host, pasted from a browser.
_URL = re.compile(r"^https?://(?P<host>[^/\s:@]+)(?::[0-9]+)?/(?P<repo>[^/\s]+/[^/\s#?]+)(?:/(?:issues|pull)/(?P<number>[0-9]{1,9}))?/?(?:[?#].*)?$")
#: ``--for`` units: hours, days, weeks; months are 30 days (a duration, not a calendar date).
_UNITS = {"h": timedelta(hours=1), "d": timedelta(days=1), "w": timedelta(weeks=1), "m": timedelta(days=30)}
#: Longest ``--for`` accepted: beyond ten years "for" means "forever", which is the default anyway.
MAX_DURATION = timedelta(days=3650)
#: Digits a ``--for`` number may have before it is surely beyond ``MAX_DURATION`` (87600h).
MAX_DIGITS = 6


class Target(NamedTuple):
    """A repository (``number`` None) or one of its issues."""

    repo: str
    number: int | None = None

    @property
    def key(self) -> str:
        """Case-insensitive key: GitHub treats ``Acme/Widgets`` and ``acme/widgets`` as one repository."""
        return self.repo.lower() if self.number is None else f"{self.repo.lower()}#{self.number}"

    def __str__(self) -> str:
        return self.repo if self.number is None else f"{self.repo}#{self.number}"


def parse_target(text: str, *, issue_only: bool = False, hosts: Collection[str] | None = None) -> Target:
    """``owner/repo``, ``owner/repo#N`` or an issue URL; anything else is a usage error.

    ``hosts``: the web hosts a URL may name (the configured GitHub's); a URL elsewhere is refused
    rather than read as the same owner/repo on GitHub.
    """
    value = text.strip()
    shown = shorten(text)
    found = _TARGET.match(value) or _URL.match(value)
    if found is None:
        wanted = "OWNER/REPO#NUMBER" if issue_only else "OWNER/REPO#NUMBER or OWNER/REPO"
        raise UsageProblem(f"{shown!r} is not an issue or repository: expected {wanted}")
    host = (found.groupdict().get("host") or "").lower()
    if host and hosts is not None and host not in hosts:
        raise UsageProblem(f"{shown!r} is not on {' or '.join(sorted(hosts))}, the GitHub ossmatch is set to use "
                           "(GITHUB_API_URL): give OWNER/REPO#NUMBER or a URL from that host")
    number = int(found["number"]) if found["number"] else None
    if issue_only and number is None:
        raise UsageProblem(f"{shown!r} names a repository, not an issue: expected OWNER/REPO#NUMBER")
    if number == 0:
        raise UsageProblem(f"{shown!r}: issue numbers start at 1")
    return Target(found["repo"].removesuffix(".git"), number)


def parse_duration(text: str) -> timedelta:
    """``12h``, ``30d``, ``2w`` or ``3m`` (30-day months) as a duration; bad input is a usage error."""
    shown = shorten(text)
    found = re.fullmatch(r"\s*([0-9]+)\s*([hdwm])\s*", text.lower())
    digits = found[1].lstrip("0") if found is not None else ""
    if found is not None and not digits:
        raise UsageProblem(f"--for {shown!r} hides nothing: give a duration longer than zero, e.g. 12h, 30d, 2w or 3m")
    if found is None:
        raise UsageProblem(f"--for {shown!r} is not a duration: use a number and a unit, e.g. 12h, 30d, 2w or 3m")
    if len(digits) > MAX_DIGITS or int(digits) * _UNITS[found[2]] > MAX_DURATION:
        raise UsageProblem(f"--for {shown!r} is longer than the limit of ten years (3650 days): "
                           "leave --for out to hide it for good")
    return int(digits) * _UNITS[found[2]]


class HiddenEntry(BaseModel):
    """One hidden issue or repository, and until when (None: until unhidden)."""

    model_config = ConfigDict(frozen=True)

    repo: str
    number: int | None = None
    hidden_at: datetime
    until: datetime | None = None

    @property
    def target(self) -> Target:
        return Target(self.repo, self.number)

    def active(self, now: datetime) -> bool:
        return self.until is None or now < self.until


class HiddenState(BaseModel):
    """Everything hidden, keyed by ``Target.key``."""

    model_config = ConfigDict(frozen=True)

    version: Literal[1] = HIDDEN_VERSION
    entries: dict[str, HiddenEntry] = {}

    def covers(self, repo: str, number: int, now: datetime) -> bool:
        """Whether the issue, or its whole repository, is hidden at ``now``."""
        for key in (Target(repo, number).key, Target(repo).key):
            entry = self.entries.get(key)
            if entry is not None and entry.active(now):
                return True
        return False

    def active(self, now: datetime) -> list[HiddenEntry]:
        """Entries in force, repositories and issues in name order."""
        found = [entry for entry in self.entries.values() if entry.active(now)]
        return sorted(found, key=lambda e: (e.repo.lower(), e.number or 0))


def with_hidden(state: HiddenState, target: Target, now: datetime, duration: timedelta | None) -> HiddenState:
    """``state`` with ``target`` hidden from ``now`` (for ``duration``, or until unhidden); expired entries go."""
    entries = {key: entry for key, entry in state.entries.items() if entry.active(now)}
    until = now + duration if duration is not None else None
    entries[target.key] = HiddenEntry(repo=target.repo, number=target.number, hidden_at=now, until=until)
    return state.model_copy(update={"entries": entries})


def without(state: HiddenState, target: Target) -> HiddenState:
    """``state`` with ``target`` no longer hidden (a no-op when it was not)."""
    entries = {key: entry for key, entry in state.entries.items() if key != target.key}
    return state.model_copy(update={"entries": entries})


def hidden_path(cache_dir: Path) -> Path:
    """Beside the digest's sent state, so the Action persists both together."""
    return cache_dir / "digest" / "hidden.json"


def default_store(warn: Callable[[str], None] = lambda _msg: None) -> HiddenStore:
    """The person's own list (``ossmatch hide``), in the cache directory, for every command and tool."""
    return HiddenStore(hidden_path(default_cache_dir()), warn=warn)


class HiddenStore:
    """The hidden-state file; every change re-reads it under the lock, so concurrent runs all count."""

    def __init__(self, path: Path, warn: Callable[[str], None] = lambda _msg: None) -> None:
        self.path = Path(path)
        self._file = StateFile(self.path, HiddenState, warn=lambda message: warn(f"hidden issues: {message}"))

    def load(self) -> HiddenState:
        """What is hidden; with nothing ever hidden, no file, lock or folder is created (``--no-cache``)."""
        if not self.path.exists():
            return HiddenState()
        return self._file.read()

    def hide(self, target: Target, now: datetime, duration: timedelta | None = None) -> HiddenState:
        return self._file.update(lambda state: with_hidden(state, target, now, duration))

    def unhide(self, target: Target) -> bool:
        """Unhide ``target``; False when it was not hidden."""
        found = False

        def change(state: HiddenState) -> HiddenState:
            nonlocal found
            found = target.key in state.entries
            return without(state, target)

        self._file.update(change)
        return found
