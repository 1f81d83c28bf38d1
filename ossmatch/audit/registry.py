"""The check registry: metadata next to each small pure function, as data the formats can list.

A check takes the snapshot and an explicit ``now`` and returns a ``Finding``; it never does I/O,
so the same snapshot always audits the same way. Each check's weight, thresholds and smallest
trustworthy sample live in its ``@check(...)`` declaration, each with a one-line reason, so the
generated table in docs/audit.md shows exactly what the code uses.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from ossmatch.models import Model
from ossmatch.repo_facts import RepoSnapshot

Outcome = Literal["pass", "warn", "fail", "not_available", "error"]
#: What a check is about: how people are treated, the files a newcomer reads, or labels and issues.
Group = Literal["people", "files", "labels"]
Effort = Literal["low", "medium", "high"]
#: Where a fix is made: a file to add or edit, issues or pull requests to answer, the label settings,
#: or the repository itself (archiving, activity).
FixAt = Literal["file", "issues", "pulls", "labels", "repository"]

#: At most this many evidence items per finding: enough to act on, short enough to read.
MAX_EVIDENCE = 5


class Evidence(Model):
    """One item behind a finding: an issue, pull request, label or file, and why it counts."""

    url: str
    title: str
    why: str


@dataclass(frozen=True)
class Finding:
    """What one check concluded; ``location`` overrides the check's default file when known.

    ``sample`` is how many items the conclusion rests on (None when counting makes no sense);
    below the check's ``min_sample`` the result weighs less and cannot pass.
    """

    outcome: Outcome
    score: float | None
    reason: str
    location: str | None = None
    evidence: tuple[Evidence, ...] = ()
    sample: int | None = None


# The 0-10 scale every check shares. A check with a measure (a share, a median) computes its score;
# these name the scores of findings that have none, so the same situation scores alike everywhere.
#: Everything the check asks for.
FULL = 10
#: Present and doing its main job, one detail missing (a code of conduct without a contact, a
#: beginner label without a description, or GitHub vouching for a document it could not show).
MOSTLY = 6
#: Half there: one of two things (a stale bot sparing beginner issues but not first-timer PRs), an
#: unrecognised license, or some activity but too little.
HALF = 5
#: Where a count falls short of a pass: a warning starts here and each unit adds ``PARTIAL_STEP``.
PARTIAL_BASE = 4
#: Each unit toward a pass of three: one short of it scores 8, still below a pass's 10.
PARTIAL_STEP = 2
#: Missing, but a warning rather than a failure: a sentence to add, and nothing to fix first (no
#: stated AI policy).
LACKING = 3
#: A failure that still leaves something to build on (beginner issues, though long untouched).
TRACE = 1


def partial(units: int) -> float:
    """The score of a warning ``units`` along a count: ``PARTIAL_BASE`` plus ``PARTIAL_STEP`` each."""
    return PARTIAL_BASE + PARTIAL_STEP * units


def passed(reason: str, score: float = FULL, location: str | None = None, *,
           evidence: tuple[Evidence, ...] = (), sample: int | None = None) -> Finding:
    return Finding("pass", score, reason, location, evidence[:MAX_EVIDENCE], sample)


def warned(reason: str, score: float = HALF, location: str | None = None, *,
           evidence: tuple[Evidence, ...] = (), sample: int | None = None) -> Finding:
    return Finding("warn", score, reason, location, evidence[:MAX_EVIDENCE], sample)


def failed(reason: str, score: float = 0, location: str | None = None, *,
           evidence: tuple[Evidence, ...] = (), sample: int | None = None) -> Finding:
    return Finding("fail", score, reason, location, evidence[:MAX_EVIDENCE], sample)


def by_share(share: float, limits: Thresholds, reason: str, score: float, *,
             evidence: tuple[Evidence, ...] = (), sample: int | None = None) -> Finding:
    """Pass at the check's ``pass`` share or above, warn at ``warn`` or above, else fail."""
    outcome = passed if share >= limits["pass"] else warned if share >= limits["warn"] else failed
    return outcome(reason, score, evidence=evidence, sample=sample)


def unavailable(reason: str, *, evidence: tuple[Evidence, ...] = ()) -> Finding:
    return Finding("not_available", None, reason, evidence=evidence[:MAX_EVIDENCE])


@dataclass(frozen=True)
class Threshold:
    """A named number a check compares against, with the reason it has that value."""

    name: str
    value: float
    unit: str
    reason: str

    def describe(self) -> str:
        value = f"{self.value:g}"
        return f"{self.name} {value}{' ' + self.unit if self.unit else ''}"


class Thresholds:
    """A check's thresholds, read by name in the check (``T["fast"]``) and listed in docs/audit.md."""

    def __init__(self, *items: Threshold) -> None:
        self.items = items
        self._by_name = {item.name: item.value for item in items}

    def __getitem__(self, name: str) -> float:
        return self._by_name[name]

    def __iter__(self) -> Iterator[Threshold]:
        return iter(self.items)


NO_THRESHOLDS = Thresholds()

CheckFunc = Callable[[RepoSnapshot, datetime], Finding]


@dataclass(frozen=True)
class CheckSpec:
    id: str
    title: str
    group: Group
    #: Points out of 100 the check carries when every check is scored.
    weight: float
    #: Why the check weighs that much (a study, a metric, or a judgement said as one).
    weight_reason: str
    remediation: str
    effort: Effort
    #: File to create or fix, as a repository-relative path (SARIF location).
    location: str
    fix_at: FixAt
    func: CheckFunc
    thresholds: Thresholds = NO_THRESHOLDS
    #: Fewer items than this make the result tentative: it weighs less and cannot pass.
    min_sample: int = 0

    @property
    def measures(self) -> str:
        """What the check measures: the first line of its docstring."""
        doc = (self.func.__doc__ or "").strip()
        return doc.splitlines()[0] if doc else self.title


_REGISTRY: dict[str, CheckSpec] = {}


def check(
    *, id: str, title: str, group: Group, weight: float, weight_reason: str, remediation: str,
    effort: Effort, location: str, fix_at: FixAt, thresholds: Thresholds = NO_THRESHOLDS,
    min_sample: int = 0,
) -> Callable[[CheckFunc], CheckFunc]:
    """Register ``func`` as a check; ids are unique so exemptions and SARIF rules stay stable."""

    def register(func: CheckFunc) -> CheckFunc:
        if id in _REGISTRY:
            raise ValueError(f"duplicate check id {id!r}")
        _REGISTRY[id] = CheckSpec(id, title, group, weight, weight_reason, remediation, effort,
                                  location, fix_at, func, thresholds, min_sample)
        return func

    return register


def all_checks() -> tuple[CheckSpec, ...]:
    """Every registered check, in registration order (the order reports show)."""
    from ossmatch.audit import checks  # noqa: F401  (importing registers the built-in checks)

    return tuple(_REGISTRY.values())
