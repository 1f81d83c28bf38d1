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
           -> person
           -> person's k-th slot [1]  cost: k * fairness (a larger k costs more)
           -> sink

People with the same options and nothing kept form one group node whose capacities are multiplied
by its size (see ``_Group``), so a large cohort with shared skills stays a small network.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import networkx as nx

#: Log-probabilities are scaled to integers (network simplex is exact on integers): 1e-6 in log terms
#: is a 0.0001% change in a chance, far below anything the scores can tell apart.
SCALE = 1_000_000
#: The smallest chance considered: a score of 0 would be an infinite cost.
FLOOR = 1e-9
#: Each person's best options first put in the network (chosen: an optimum reaches past a person's
#: 25th best issue only when 25 better ones went to others); anyone then short gets twice as many.
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
    project through offers they keep.

    People with the same options and nothing kept are interchangeable: they enter the network as
    one group (see :class:`_Group`), which keeps it small for a large cohort with shared skills.
    Each group's ``options_per_person`` best options enter first; a group left with an open slot
    while it has more options gets twice as many and the network is solved again, until nobody is
    short for want of options."""
    groups: dict[tuple[object, ...], _Group] = {}
    for seat in seats:
        if seat.open_slots <= 0:
            continue
        allowed = _best([o for o in options.get(seat.login, ()) if o.project not in seat.projects], 10**9)
        if not allowed:
            continue
        key: tuple[object, ...] = (seat.login,) if seat.kept or seat.projects else (seat.open_slots, *allowed)
        if key in groups:
            groups[key].members.append(seat.login)
        else:
            groups[key] = _Group([seat.login], seat.open_slots, seat.kept, allowed, options_per_person)
    while True:
        flows = _solve(list(groups.values()), max_per_project, occupied or {})
        short = [g for g in groups.values()
                 if len(flows.get(g.name, ())) < g.slots * len(g.members) and len(g.options) > g.limit]
        if not short:
            break
        for group in short:
            group.limit *= 2
    offers: dict[str, list[Option]] = {}
    for group in groups.values():
        offers.update(group.deal(flows.get(group.name, [])))
    return Assignment({login: sorted(v, key=lambda o: (-o.probability, o.key)) for login, v in offers.items() if v})


@dataclass
class _Group:
    """People with the same options and open slots and nothing kept: one node with their slots.

    A flow that gives the group at most one issue per project per member and at most ``slots`` per
    member deals back to them: sorted by project, the issues go round the members in turn, so one
    project's issues land on different people and nobody gets more than ``slots``."""

    members: list[str]
    slots: int
    kept: int
    options: list[Option]
    limit: int

    @property
    def name(self) -> str:
        return self.members[0]

    def deal(self, chosen: list[Option]) -> dict[str, list[Option]]:
        dealt: dict[str, list[Option]] = {m: [] for m in self.members}
        ordered = sorted(chosen, key=lambda o: (o.project, -o.probability, o.key))
        for i, option in enumerate(ordered):
            dealt[self.members[i % len(self.members)]].append(option)
        return dealt


def _solve(groups: Sequence[_Group], max_per_project: int, occupied: Mapping[str, int]) -> dict[str, list[Option]]:
    """One min-cost maximum flow; each group's chosen options, by the group's name."""
    graph = nx.DiGraph()
    source, sink = ("source",), ("sink",)
    most_costly = max((cost(o.probability) for g in groups for o in g.options[:g.limit]), default=0)
    slots = sum(g.slots * len(g.members) for g in groups)
    # One more slot for anyone always outweighs every difference in chances: lexicographic order.
    fairness = (most_costly + 1) * (slots + 1)
    for group in groups:
        person = ("person", group.name)
        for k in range(group.slots):  # the k-th slot of every member costs the same
            slot = ("slot", group.name, k)
            graph.add_edge(person, slot, capacity=len(group.members), weight=(group.kept + k) * fairness)
            graph.add_edge(slot, sink, capacity=len(group.members), weight=0)
        for option in group.options[:group.limit]:
            room = max_per_project - occupied.get(option.project, 0)
            if room <= 0:
                continue
            project, issue = ("project", option.project), ("issue", option.key)
            pair = ("pair", group.name, option.project)
            graph.add_edge(source, project, capacity=room, weight=0)
            graph.add_edge(project, issue, capacity=1, weight=0)
            graph.add_edge(issue, pair, capacity=1, weight=cost(option.probability))
            graph.add_edge(pair, person, capacity=len(group.members), weight=0)
    if source not in graph or sink not in graph:
        return {}
    flow = nx.max_flow_min_cost(graph, source, sink)
    chosen: dict[str, list[Option]] = {}
    for group in groups:
        for option in group.options[:group.limit]:
            if flow.get(("issue", option.key), {}).get(("pair", group.name, option.project), 0) > 0:
                chosen.setdefault(group.name, []).append(option)
    return chosen
