"""Fold, don't shuffle: a list in score order with at most ``per_repo`` issues of one repository.

A repository's issues beyond the cap are not moved further down (that would put a worse issue above
a better one) nor dropped: they fold into one line under the repository's last shown issue, with
the option that lists them (``--repo``). Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from ossmatch.models import Issue


class Scored(Protocol):
    @property
    def issue(self) -> Issue: ...
    @property
    def score(self) -> float: ...


T = TypeVar("T", bound=Scored)

#: Where a fold line says to add ``--repo``: the ``suggest`` run that printed it, with its own skills.
THIS_RUN = "this command"
#: ...and where nobody ran ``suggest`` (a digest): the command, with the reader's skills.
SUGGEST_RUN = "`ossmatch suggest` with your skills"


@dataclass(frozen=True)
class Fold(Generic[T]):
    """A repository's issues left out by the cap, best first."""

    repo: str
    issues: tuple[T, ...]

    @property
    def top_score(self) -> float:
        return max(i.score for i in self.issues)

    @property
    def option(self) -> str:
        """What lists them: ``--repo`` added to the run's own command (alone it has no skills)."""
        return f"--repo {self.repo}"

    @property
    def command(self) -> str:
        """``ossmatch suggest`` with the option (JSON's ``command``): it still needs the run's skills or profile."""
        return f"ossmatch suggest {self.option}"

    def parts(self, run: str = THIS_RUN) -> tuple[str, str, str]:
        """The line around its option, for a template to mark the option up: ("+4 more in alpha/pyhelp,
        up to score 66: add", "--repo alpha/pyhelp", "to this command")."""
        count, best = len(self.issues), f"{self.top_score:.0f}"
        return f"+{count} more in {self.repo}, up to score {best}: add", self.option, f"to {run}"

    def text(self, quote: str = "`", run: str = THIS_RUN) -> str:
        """"+4 more in alpha/pyhelp, up to score 66: add `--repo alpha/pyhelp` to this command"; ``run``
        names the command to add it to where the reader ran none (a digest)."""
        lead, option, tail = self.parts(run)
        return f"{lead} {quote}{option}{quote} {tail}"


def fold(ranked: Sequence[T], per_repo: int, limit: int) -> tuple[list[T], dict[str, Fold[T]]]:
    """The first ``limit`` issues of ``ranked`` (already in score order) with at most ``per_repo`` of one
    repository, and, per shown repository, the issues the cap left out; ``per_repo`` 0 means no cap.

    Folds are keyed by the shown issues' repository name (as the issues spell it); issues of a
    repository that has none shown are simply below the list's end.
    """
    shown: list[T] = []
    counts: dict[str, int] = {}
    left: dict[str, list[T]] = {}
    for item in ranked:
        key = item.issue.repo.lower()
        if per_repo and counts.get(key, 0) >= per_repo:
            left.setdefault(key, []).append(item)
            continue
        if len(shown) < limit:
            shown.append(item)
            counts[key] = counts.get(key, 0) + 1
    names = {i.issue.repo.lower(): i.issue.repo for i in shown}
    folds = {names[key]: Fold(names[key], tuple(items)) for key, items in left.items() if key in names}
    return shown, folds


def fold_after(shown: Sequence[Scored], folds: dict[str, Fold]) -> dict[int, Fold]:
    """Which fold goes under which shown issue (by position): each under its repository's last one."""
    last = {item.issue.repo: index for index, item in enumerate(shown)}
    return {last[repo]: f for repo, f in folds.items() if repo in last}
