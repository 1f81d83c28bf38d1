"""Decide what a digest says: new matches, issues still open from before, and ones now taken.

Pure functions over the ranked matches, the sent state and fresh looks at earlier issues, so the
"never repeat, report what changed" rules are testable without a network or a mail server.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from ossmatch.digest.state import SentIssue, SentState, Status
from ossmatch.models import Issue, Repo
from ossmatch.suggest.fold import Fold
from ossmatch.suggest.relationships import InProgress


class Match(Protocol):
    """What the digest reads from a ranked match (``ossmatch.suggest.scoring.RankedIssue`` fits)."""

    @property
    def issue(self) -> Issue: ...
    @property
    def repo(self) -> Repo: ...
    @property
    def score(self) -> float: ...
    @property
    def reasons(self) -> tuple[str, ...]: ...
    @property
    def flags(self) -> frozenset[str]: ...


@dataclass(frozen=True)
class Gone:
    """An issue an earlier digest sent that is no longer free to take, and why."""

    sent: SentIssue
    status: Status


@dataclass(frozen=True)
class DigestPlan:
    new: tuple[Match, ...]
    still_open: tuple[SentIssue, ...]
    gone: tuple[Gone, ...]
    #: New issues in projects that merged the reader's work ("Your projects").
    next_steps: tuple[Match, ...] = ()
    #: The reader's open pull requests and whose move it is.
    pulls: tuple[InProgress, ...] = ()
    #: New matches left out because they scored below the quality floor.
    below_floor: int = 0
    #: The floor used (0: none).
    min_score: float = 0
    #: New matches left out because someone asked to take them: never counted as new finds.
    claimed: int = 0
    #: Per repository, the matches the per-repository cap left out of the list (``suggest.fold``).
    folds: Mapping[str, Fold] = field(default_factory=dict)
    #: What the search left out and why (shut doors, blocked, tracking issues), as suggest says it.
    left_out: str = ""

    @property
    def is_empty(self) -> bool:
        """Nothing new and nothing changed: such a digest is not worth an email.

        Open pull requests alone do not count: they would send the same mail every week.
        """
        return not self.new and not self.gone and not self.next_steps

    @property
    def delivered(self) -> tuple[Match, ...]:
        """Every issue this digest offers, to be remembered as sent."""
        return (*self.new, *self.next_steps)


def status_of(issue: Issue | None) -> Status:
    """Whether an earlier issue is still free to take; None means GitHub no longer has it."""
    if issue is None:
        return "missing"
    if issue.state == "CLOSED":
        return "closed"
    if issue.assignees:
        return "assigned"
    if issue.open_closing_prs:
        return "linked_pr"
    return "open"


def plan_digest(
    ranked: Sequence[Match],
    state: SentState,
    refreshed: Mapping[tuple[str, int], Issue | None],
    *,
    limit: int,
    still_open_limit: int = 10,
    next_steps: Sequence[Match] = (),
    pulls: Sequence[InProgress] = (),
    next_step_limit: int = 3,
    min_score: float = 0,
    folds: Mapping[str, Fold] | None = None,
) -> DigestPlan:
    """Next steps first, then new finds, ``limit`` issues in all: never sent before, nobody asked to take
    them, new finds scoring at least ``min_score``, each list in rank order; and classify earlier ones.

    The floor keeps a thin week from being padded with poor matches; next steps are picked without
    it (the reader's own projects) into their own section, at most ``next_step_limit`` of them.
    Earlier issues absent from ``refreshed`` were not re-checked and are left out of both lists.
    """
    def free(m: Match) -> bool:
        return not state.was_sent(m.issue.repo, m.issue.number) and "claimed" not in m.flags

    steps = tuple(m for m in next_steps if free(m))[:min(next_step_limit, limit)]
    unsent = [m for m in ranked if not state.was_sent(m.issue.repo, m.issue.number)]
    claimed = sum("claimed" in m.flags for m in unsent)
    worthy = [m for m in unsent if m.score >= min_score and free(m)]
    new = tuple(worthy[:limit - len(steps)])
    below_floor = sum(m.score < min_score for m in unsent if "claimed" not in m.flags)
    still_open: list[SentIssue] = []
    gone: list[Gone] = []
    for entry in state.open_issues():
        ref = (entry.repo, entry.number)
        if ref not in refreshed:
            continue
        fresh = refreshed[ref]
        status = status_of(fresh)
        if status != "open":
            gone.append(Gone(entry, status))
        elif len(still_open) < still_open_limit:
            title = fresh.title if fresh is not None else entry.title
            still_open.append(entry.model_copy(update={"title": title}))
    return DigestPlan(
        new=new, still_open=tuple(still_open), gone=tuple(gone), next_steps=steps, pulls=tuple(pulls),
        below_floor=below_floor, min_score=min_score, claimed=claimed,
        folds={repo: Fold(repo, rest) for repo, f in (folds or {}).items() if (rest := tuple(filter(free, f.issues)))},
    )


def sent_records(matches: Iterable[Match], now: datetime, *, pending: bool = False) -> list[SentIssue]:
    """State entries for matches a digest delivers; ``pending`` until the server accepted it."""
    return [
        SentIssue(
            repo=m.issue.repo,
            number=m.issue.number,
            url=m.issue.url,
            title=m.issue.title,
            first_sent=now,
            last_sent=now,
            pending=pending,
        )
        for m in matches
    ]


def gone_statuses(plan: DigestPlan) -> dict[tuple[str, int], Status]:
    """The status changes a delivered digest reported, to be recorded so they are told once."""
    return {(g.sent.repo, g.sent.number): g.status for g in plan.gone}
