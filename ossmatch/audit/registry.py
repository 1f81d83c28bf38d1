"""The check registry: metadata next to each small pure function, as data the formats can list.

A check takes the snapshot and an explicit ``now`` and returns a ``Finding``; it never does I/O,
so the same snapshot always audits the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from ossmatch.snapshot import RepoSnapshot

Outcome = Literal["pass", "warn", "fail", "not_available", "error"]
Tier = Literal["core", "important", "helpful"]
Effort = Literal["low", "medium", "high"]

#: How much each tier counts in the overall score.
TIER_WEIGHTS: dict[str, int] = {"core": 3, "important": 2, "helpful": 1}


@dataclass(frozen=True)
class Finding:
    """What one check concluded; ``location`` overrides the check's default file when known."""

    outcome: Outcome
    score: float | None
    reason: str
    location: str | None = None


def passed(reason: str, score: float = 10, location: str | None = None) -> Finding:
    return Finding("pass", score, reason, location)


def warned(reason: str, score: float = 5, location: str | None = None) -> Finding:
    return Finding("warn", score, reason, location)


def failed(reason: str, score: float = 0, location: str | None = None) -> Finding:
    return Finding("fail", score, reason, location)


def unavailable(reason: str) -> Finding:
    return Finding("not_available", None, reason)


CheckFunc = Callable[[RepoSnapshot, datetime], Finding]


@dataclass(frozen=True)
class CheckSpec:
    id: str
    title: str
    tier: Tier
    remediation: str
    effort: Effort
    #: File to create or fix, as a repository-relative path (SARIF location).
    location: str
    func: CheckFunc

    @property
    def weight(self) -> int:
        return TIER_WEIGHTS[self.tier]

    @property
    def measures(self) -> str:
        """What the check measures: the first line of its docstring."""
        doc = (self.func.__doc__ or "").strip()
        return doc.splitlines()[0] if doc else self.title


_REGISTRY: dict[str, CheckSpec] = {}


def check(
    *, id: str, title: str, tier: Tier, remediation: str, effort: Effort, location: str
) -> Callable[[CheckFunc], CheckFunc]:
    """Register ``func`` as a check; ids are unique so exemptions and SARIF rules stay stable."""

    def register(func: CheckFunc) -> CheckFunc:
        if id in _REGISTRY:
            raise ValueError(f"duplicate check id {id!r}")
        _REGISTRY[id] = CheckSpec(id, title, tier, remediation, effort, location, func)
        return func

    return register


def all_checks() -> tuple[CheckSpec, ...]:
    """Every registered check, in registration order (the order reports show)."""
    from ossmatch.audit import checks  # noqa: F401  (importing registers the built-in checks)

    return tuple(_REGISTRY.values())
