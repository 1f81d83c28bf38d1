"""Gates: facts that decide the grade whatever the other checks say.

An archived or disabled repository takes no contributions, so it is graded F. A repository where
no maintainer committed, commented, reviewed or merged in the last 90 days cannot answer a
newcomer, so its grade is capped at D. Pure functions over the snapshot, like the checks.
"""

from __future__ import annotations

from datetime import datetime

from ossmatch.audit.checks.upkeep import maintainer_activity
from ossmatch.models import Model
from ossmatch.repo_facts import RepoSnapshot

#: Grade floors on the 0-100 score; F is reserved for repositories that take no contributions.
GRADES: tuple[tuple[float, str], ...] = ((75, "A"), (50, "B"), (25, "C"), (0, "D"))
#: The highest score a grade capped at D may show, so that score and grade agree.
D_CEILING = 24


class Gate(Model):
    """A gate that applied: which, the grade it forces or caps, and why."""

    id: str
    grade: str
    reason: str


def grade_for(score: float) -> str:
    return next(letter for floor, letter in GRADES if score >= floor)


def gates_for(snapshot: RepoSnapshot, now: datetime) -> tuple[Gate, ...]:
    """The gates that apply to ``snapshot``; the first one decides."""
    if snapshot.archived or snapshot.disabled:
        state = "archived" if snapshot.archived else "disabled"
        return (Gate(id="closed", grade="F",
                     reason=f"The repository is {state}: it is not accepting contributions."),)
    activity = maintainer_activity(snapshot, now)
    if activity == 0:
        return (Gate(id="dormant", grade="D",
                     reason="No maintainer committed, answered, reviewed or merged in the last 90 days: "
                     "the grade is capped at D."),)
    return ()


def gated(score: int, gates: tuple[Gate, ...]) -> tuple[int, str]:
    """(score, grade) after the gates: F scores 0; a cap at D keeps the score at most 24."""
    for gate in gates:
        if gate.grade == "F":
            return 0, "F"
        if gate.grade == "D":
            return min(score, D_CEILING), "D"
    return score, grade_for(score)
