"""One assignment for the whole cohort: who is offered which issue this week. Pure: no I/O.

The rules: no issue goes to two people, nobody gets more than their open slots, no project gets
more than ``max_per_project`` people (and one person gets at most one issue per project, so a
project's count of people is exact), and among the assignments that offer the most issues and
spread them most evenly (everybody's first issue before anybody's second), the one with the
largest sum of log-probabilities of a merged pull request. Sum of logs, not of probabilities:
halving one person's chance costs as much as it gains to double another's, so nobody is
sacrificed for a favourite.

The solver is networkx's min-cost maximum flow (``max_flow_min_cost``, network simplex), a
well-kept library implementation; scipy's ``linear_sum_assignment`` solves one-to-one matchings
and cannot express the per-project limit. The flow network:

    source -> project [max_per_project - seats already held]
           -> issue [1]
           -> (person, project) [1]   cost: -log p, scaled to integers
           -> person [1]
           -> person's k-th slot [1]  cost: k * FAIRNESS (a larger k costs more)
           -> sink
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

#: Log-probabilities are scaled to integers (network simplex is exact on integers): 1e-6 in log terms
#: is a 0.0001% change in a chance, far below anything the scores can tell apart.
SCALE = 1_000_000
#: The smallest chance considered: a score of 0 would be an infinite cost.
FLOOR = 1e-9
#: Each person's best options kept in the network (chosen: an optimum reaches past a person's 25th
#: best issue only when 25 better ones went to others; keeps the network linear in people).
OPTIONS_PER_PERSON = 25

Key = tuple[str, int]


@dataclass(frozen=True)
class Option:
    """An issue one person could be offered, with their chance of a merged pull request (0-1)."""

    key: Key
    project: str
    probability: float


@dataclass(frozen=True)
class Seat:
    """A person's place in this week's assignment."""

    login: str
    #: Issues still to offer this week (``per_person`` minus the offers they keep).
    open_slots: int
    #: Offers they keep from earlier weeks: their first slots are taken.
    kept: int = 0
    #: Projects where they already hold an offer (no second issue there).
    projects: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Assignment:
    #: Each person's new issues, best first.
    offers: dict[str, list[Option]] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(len(v) for v in self.offers.values())


def cost(probability: float) -> int:
    """-log p as a non-negative integer."""
    return round(-math.log(min(1.0, max(FLOOR, probability))) * SCALE)


def _best(options: Sequence[Option], keep: int) -> list[Option]:
    """A person's ``keep`` best options, each issue once."""
    seen: set[Key] = set()
    ordered = sorted(options, key=lambda o: (-o.probability, o.key))
    out: list[Option] = []
    for option in ordered:
        if option.key not in seen:
            seen.add(option.key)
            out.append(option)
    return out[:keep]


def assign(
    seats: Sequence[Seat],
    options: Mapping[str, Sequence[Option]],
    *,
    max_per_project: int,
    occupied: Mapping[str, int] | None = None,
    options_per_person: int = OPTIONS_PER_PERSON,
) -> Assignment:
    """The optimal assignment (see the module docstring); ``occupied`` counts people already in a
    project through offers they keep."""
    import networkx as nx

    occupied = occupied or {}
    graph = nx.DiGraph()
    source, sink = ("source",), ("sink",)
    kept: dict[str, list[Option]] = {}
    for seat in seats:
        if seat.open_slots <= 0:
            continue
        usable = [o for o in options.get(seat.login, ()) if o.project not in seat.projects]
        kept[seat.login] = _best(usable, options_per_person)
    most_costly = max((cost(o.probability) for opts in kept.values() for o in opts), default=0)
    slots = sum(max(0, s.open_slots) for s in seats)
    # One more slot for anyone always outweighs every difference in chances: lexicographic order.
    fairness = (most_costly + 1) * (slots + 1)
    for seat in seats:
        if seat.login not in kept or not kept[seat.login]:
            continue
        person = ("person", seat.login)
        for k in range(seat.open_slots):
            slot = ("slot", seat.login, k)
            graph.add_edge(person, slot, capacity=1, weight=(seat.kept + k) * fairness)
            graph.add_edge(slot, sink, capacity=1, weight=0)
        for option in kept[seat.login]:
            room = max_per_project - occupied.get(option.project, 0)
            if room <= 0:
                continue
            project, issue = ("project", option.project), ("issue", option.key)
            pair = ("pair", seat.login, option.project)
            graph.add_edge(source, project, capacity=room, weight=0)
            graph.add_edge(project, issue, capacity=1, weight=0)
            graph.add_edge(issue, pair, capacity=1, weight=cost(option.probability))
            graph.add_edge(pair, person, capacity=1, weight=0)
    if source not in graph or sink not in graph:
        return Assignment({})
    flow = nx.max_flow_min_cost(graph, source, sink)
    offers: dict[str, list[Option]] = {}
    for login, opts in kept.items():
        for option in opts:
            pair = ("pair", login, option.project)
            if flow.get(("issue", option.key), {}).get(pair, 0) > 0:
                offers.setdefault(login, []).append(option)
    return Assignment({login: sorted(v, key=lambda o: (-o.probability, o.key)) for login, v in offers.items()})


def score(assignment: Assignment, seats: Sequence[Seat]) -> tuple[int, int, float]:
    """What the assignment maximises, in order: issues offered, evenness (minus the sum over people
    of k for their k-th slot), and the sum of log-probabilities. For tests and the documentation."""
    kept = {s.login: s.kept for s in seats}
    evenness = 0
    total_log = 0.0
    for login, opts in assignment.offers.items():
        evenness -= sum(kept.get(login, 0) + k for k in range(len(opts)))
        total_log += sum(math.log(max(FLOOR, o.probability)) for o in opts)
    return assignment.total, evenness, total_log
