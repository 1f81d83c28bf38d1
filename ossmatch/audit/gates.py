"""Gates: facts that decide the grade whatever the other checks say.

An archived or disabled repository takes no contributions, so it is graded F; so is one whose pull
requests are turned off or limited to collaborators (GitHub's repository settings of February 2026):
an outsider has no way to submit the work. A repository where no maintainer committed, commented,
reviewed or merged in the last 90 days cannot answer a newcomer, so its grade is capped at D. A
repository without a license is not open source (without one, default copyright applies and nobody
may reuse a contribution: GitHub's "Licensing a repository" docs), so its grade is capped at D too.
Pure functions over the snapshot, like the checks.
"""

from __future__ import annotations

from datetime import datetime

from ossmatch.audit.checks.upkeep import maintainer_activity
from ossmatch.audit.doors import closed_to_outsiders
from ossmatch.models import Model
from ossmatch.repo_facts import LICENSE_PATHS, RepoSnapshot

#: Grade floors on the 0-100 score; F is reserved for repositories that take no contributions.
GRADES: tuple[tuple[float, str], ...] = ((75, "A"), (50, "B"), (25, "C"), (0, "D"))
#: The highest score a grade capped at D may show, so that score and grade agree.
D_CEILING = 24


class Gate(Model):
    """A gate that applied: which, the grade it forces or caps, and why."""

    id: str
    grade: str
    reason: str
    #: What lifts it, when no check's fix does (pull requests closed to outsiders).
    fix: str | None = None


#: The check whose fix lifts each capping gate: that fix comes first among the fixes.
GATE_CHECKS = {"dormant": "maintained", "unlicensed": "license"}

#: What to do when outsiders cannot open pull requests.
OPEN_DOORS = ("Let everyone open pull requests (Settings > General > Pull requests), or, if outside "
              "work should arrive another way, say how in CONTRIBUTING.md; until then newcomers have no "
              "way to contribute here.")


def unlicensed(snapshot: RepoSnapshot) -> bool:
    """No license file and no license GitHub recognises (unknown when the files were not read)."""
    if snapshot.files is None:
        return False
    return snapshot.license in (None, "NONE") and snapshot.file(*LICENSE_PATHS) is None


def grade_for(score: float) -> str:
    return next(letter for floor, letter in GRADES if score >= floor)


def gates_for(snapshot: RepoSnapshot, now: datetime) -> tuple[Gate, ...]:
    """The gates that apply to ``snapshot``; the first one decides."""
    if snapshot.archived or snapshot.disabled:
        state = "archived" if snapshot.archived else "disabled"
        return (Gate(id="closed", grade="F",
                     reason=f"The repository is {state}: it is not accepting contributions."),)
    shut = closed_to_outsiders(snapshot)
    if shut is not None:
        return (Gate(id="outsiders", grade="F", reason=shut, fix=OPEN_DOORS),)
    found = []
    if unlicensed(snapshot):
        found.append(Gate(id="unlicensed", grade="D",
                          reason="No license: nobody may legally reuse a contribution, so the project is not "
                          "open source; the grade is capped at D."))
    activity = maintainer_activity(snapshot, now)
    if activity == 0:
        found.append(Gate(id="dormant", grade="D",
                          reason="No maintainer committed, answered, reviewed or merged in the last 90 days: "
                          "the grade is capped at D."))
    return tuple(found)


def gated(score: int, gates: tuple[Gate, ...]) -> tuple[int, str]:
    """(score, grade) after the gates: F scores 0; a cap at D keeps the score at most 24."""
    for gate in gates:
        if gate.grade == "F":
            return 0, "F"
        if gate.grade == "D":
            return min(score, D_CEILING), "D"
    return score, grade_for(score)
