"""What the cohort was offered and what each person declined, so a weekly rerun is stable.

One JSON file per cohort (``ossmatch.statefile``: locked, atomic, damage moved aside). Each
person's mail has its own digest sent-state next to it (``mail/LOGIN.json``), so the digest's
at-most-once rules hold per person.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

from ossmatch.statefile import StateFile

STATE_VERSION: Literal[1] = 1
#: Declines remembered per person: a year of weekly declines is far below this.
MAX_DECLINED = 500


class Offer(BaseModel):
    """An issue offered to one person, and since when."""

    model_config = ConfigDict(frozen=True)

    repo: str
    number: int
    url: str
    title: str
    since: datetime
    score: float = 0.0

    @property
    def key(self) -> tuple[str, int]:
        return (self.repo.lower(), self.number)


class Member(BaseModel):
    model_config = ConfigDict(frozen=True)

    offers: tuple[Offer, ...] = ()
    #: When the person was first offered an issue: their progress is counted from then.
    joined: datetime | None = None
    #: ``owner/repo#N`` (lowercase) the person declined: never offered to them again.
    declined: tuple[str, ...] = ()


class CohortState(BaseModel):
    model_config = ConfigDict(frozen=True)

    version: Literal[1] = STATE_VERSION
    members: dict[str, Member] = {}

    def member(self, login: str) -> Member:
        return self.members.get(login.lower(), Member())

    def offers(self) -> list[tuple[str, Offer]]:
        return [(login, o) for login, m in sorted(self.members.items()) for o in m.offers]


def ref(repo: str, number: int) -> str:
    return f"{repo.lower()}#{number}"


_REF = re.compile(r"^([A-Za-z0-9][A-Za-z0-9-]{0,38}/[A-Za-z0-9._-]{1,100})#([1-9][0-9]{0,9})$")


def parse_ref(text: str) -> tuple[str, int] | None:
    """``owner/repo#12`` -> (``owner/repo``, 12), or None."""
    match = _REF.match(text.strip())
    return (match.group(1), int(match.group(2))) if match else None


def with_offers(state: CohortState, offers: dict[str, Iterable[Offer]], now: datetime) -> CohortState:
    """``state`` with each listed person's offers replaced (people not listed keep theirs)."""
    members = dict(state.members)
    for login, items in offers.items():
        key = login.lower()
        member = members.get(key, Member())
        held = tuple(items)
        joined = member.joined or (now if held else None)
        members[key] = member.model_copy(update={"offers": held, "joined": joined})
    return state.model_copy(update={"members": members})


def only(state: CohortState, logins: Iterable[str]) -> CohortState:
    """``state`` without people no longer in the roster."""
    keep = {login.lower() for login in logins}
    return state.model_copy(update={"members": {k: v for k, v in state.members.items() if k in keep}})


def declined(state: CohortState, login: str, repo: str, number: int) -> CohortState:
    """The person declined the issue: it leaves their offers and is never offered to them again."""
    key = login.lower()
    member = state.member(login)
    said = ref(repo, number)
    offers = tuple(o for o in member.offers if ref(o.repo, o.number) != said)
    refusals = tuple(dict.fromkeys([*member.declined, said]))[-MAX_DECLINED:]
    members = {**state.members, key: member.model_copy(update={"offers": offers, "declined": refusals})}
    return state.model_copy(update={"members": members})


def slug(name: str) -> str:
    """The cohort's folder name: its name in lowercase letters, digits and hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:60] or "cohort"


class CohortStore:
    """The cohort's state folder: ``offers.json`` and one digest sent-state per person in ``mail/``."""

    def __init__(self, folder: Path, warn: Callable[[str], None] = lambda _m: None) -> None:
        self.folder = Path(folder)
        self.warn = warn
        self.file = StateFile(self.folder / "offers.json", CohortState,
                              warn=lambda message: warn(f"cohort {message}"))

    def mail_state(self, login: str) -> Path:
        return self.folder / "mail" / f"{login.lower()}.json"
