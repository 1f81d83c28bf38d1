"""The cohort's assignment against brute force: every feasible assignment of small cohorts tried."""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Sequence

import pytest

from ossmatch.cohort.assign import FLOOR, Assignment, Option, Seat, assign


def score(assignment: Assignment, seats: Sequence[Seat]) -> tuple[int, int, float]:
    """What the assignment maximises, in order: issues offered, evenness (minus the sum over people
    of k for their k-th slot), and the sum of log-probabilities."""
    kept = {s.login: s.kept for s in seats}
    evenness = 0
    total_log = 0.0
    for login, opts in assignment.offers.items():
        evenness -= sum(kept.get(login, 0) + k for k in range(len(opts)))
        total_log += sum(math.log(max(FLOOR, o.probability)) for o in opts)
    return assignment.total, evenness, total_log


def _feasible(choice: dict[tuple[str, int], str | None], seats: list[Seat], projects: dict[tuple[str, int], str],
              max_per_project: int, occupied: dict[str, int]) -> bool:
    per_person: dict[str, list[tuple[str, int]]] = {}
    for key, login in choice.items():
        if login is not None:
            per_person.setdefault(login, []).append(key)
    people_in: dict[str, set[str]] = {}
    for seat in seats:
        mine = per_person.get(seat.login, [])
        if len(mine) > seat.open_slots:
            return False
        mine_projects = [projects[k] for k in mine]
        if len(set(mine_projects)) < len(mine_projects) or set(mine_projects) & seat.projects:
            return False
        for project in mine_projects:
            people_in.setdefault(project, set()).add(seat.login)
    return all(len(who) + occupied.get(p, 0) <= max_per_project for p, who in people_in.items())


def brute_force(seats: list[Seat], options: dict[str, list[Option]], max_per_project: int,
                occupied: dict[str, int]) -> tuple[int, int, float]:
    """The best score over every way of giving each issue to nobody or one person who may take it."""
    eligible: dict[tuple[str, int], list[tuple[str, Option] | None]] = {}
    projects: dict[tuple[str, int], str] = {}
    for seat in seats:
        for option in options.get(seat.login, []):
            eligible.setdefault(option.key, [None]).append((seat.login, option))
            projects[option.key] = option.project
    keys = sorted(eligible)
    best: tuple[int, int, float] | None = None
    for combo in itertools.product(*(eligible[k] for k in keys)):
        choice = {k: (pick[0] if pick is not None else None) for k, pick in zip(keys, combo, strict=True)}
        if not _feasible(choice, seats, projects, max_per_project, occupied):
            continue
        offers: dict[str, list[Option]] = {}
        for pick in combo:
            if pick is not None:
                offers.setdefault(pick[0], []).append(pick[1])
        candidate = score(Assignment(offers), seats)
        if best is None or candidate[:2] > best[:2] or (candidate[:2] == best[:2] and candidate[2] > best[2]):
            best = candidate
    assert best is not None
    return best


def _instance(rng: random.Random) -> tuple[list[Seat], dict[str, list[Option]], int, dict[str, int]]:
    people = [f"p{i}" for i in range(rng.randint(2, 4))]
    issues = [(f"org/r{rng.randint(0, 2)}", n) for n in range(rng.randint(2, 6))]
    options: dict[str, list[Option]] = {}
    for login in people:
        for key in issues:
            if rng.random() < 0.7:
                options.setdefault(login, []).append(Option(key, key[0], rng.choice([0.05, 0.1, 0.2, 0.3, 0.5, 0.8])
                                                            * rng.uniform(0.5, 1.0)))
    twins = [login for login in people[1:] if rng.random() < 0.4]
    for login in twins:  # the same skills as the first person: the solver groups them
        options[login] = list(options.get(people[0], []))
    seats = []
    for login in people:
        kept = 0 if login in twins or login == people[0] else rng.choice([0, 0, 1])
        held = frozenset({"org/r0"}) if kept else frozenset()
        slots = 2 if login in twins or login == people[0] else rng.randint(1, 2)
        seats.append(Seat(login, open_slots=slots, kept=kept, projects=held))
    occupied = {"org/r0": sum(1 for s in seats if s.kept)}
    return seats, options, rng.randint(1, 3), occupied


@pytest.mark.parametrize("seed", range(200))
def test_the_solver_finds_the_brute_force_optimum(seed: int) -> None:
    seats, options, cap, occupied = _instance(random.Random(seed))
    if any(occupied.get(p, 0) > cap for p in occupied):
        occupied = {p: min(n, cap) for p, n in occupied.items()}
    result = assign(seats, options, max_per_project=cap, occupied=occupied)
    projects = {o.key: o.project for opts in options.values() for o in opts}
    choice: dict[tuple[str, int], str | None] = {}
    for login, offered in result.offers.items():
        for option in offered:
            assert option.key not in choice, "an issue went to two people"
            choice[option.key] = login
            assert option in options[login], "an issue the person could not take"
    assert _feasible(choice, seats, projects, cap, occupied)
    got = score(result, seats)
    best = brute_force(seats, options, cap, occupied)
    assert got[:2] == best[:2]
    assert math.isclose(got[2], best[2], abs_tol=1e-4), (got, best)


def test_everybody_gets_a_first_issue_before_anybody_gets_a_second() -> None:
    """A favourite with better chances everywhere does not take both issues from the other person."""
    star = [Option(("a/x", 1), "a/x", 0.9), Option(("b/y", 2), "b/y", 0.9)]
    other = [Option(("a/x", 1), "a/x", 0.1), Option(("b/y", 2), "b/y", 0.1)]
    result = assign([Seat("star", 2), Seat("other", 2)], {"star": star, "other": other}, max_per_project=3)
    assert len(result.offers["star"]) == 1 and len(result.offers["other"]) == 1


def test_people_with_the_same_skills_share_out_their_best_issues() -> None:
    """Five people with identical options, two slots each, one project of three issues and one of
    seven: nobody twice in a project, a project's limit counts people, everybody gets two."""
    same = [Option(("a/x", n), "a/x", 0.5 - n / 100) for n in range(3)]
    same += [Option(("b/y", n), "b/y", 0.4 - n / 100) for n in range(7)]
    seats = [Seat(f"p{i}", 2) for i in range(5)]
    result = assign(seats, {s.login: same for s in seats}, max_per_project=5, options_per_person=2)
    assert result.total == 8  # a/x's 3 and five of b/y's 7: one issue per project per person
    for offered in result.offers.values():
        assert len(offered) <= 2 and len({o.project for o in offered}) == len(offered)
    keys = [o.key for v in result.offers.values() for o in v]
    assert len(keys) == len(set(keys))


def test_the_sum_of_logs_protects_the_weaker_chance() -> None:
    """Greedy would give star the 0.9 issue and leave other a 0.01; the log sum prefers 0.6 and 0.5."""
    star = [Option(("a/x", 1), "a/x", 0.9), Option(("b/y", 2), "b/y", 0.6)]
    other = [Option(("a/x", 1), "a/x", 0.5), Option(("b/y", 2), "b/y", 0.01)]
    result = assign([Seat("star", 1), Seat("other", 1)], {"star": star, "other": other}, max_per_project=3)
    assert result.offers["star"][0].key == ("b/y", 2)
    assert result.offers["other"][0].key == ("a/x", 1)


def test_project_capacity_counts_people_already_there() -> None:
    options = {login: [Option(("a/x", n), "a/x", 0.5) for n in range(5)] for login in ("p", "q", "r")}
    seats = [Seat("p", 2), Seat("q", 2), Seat("r", 2)]
    result = assign(seats, options, max_per_project=2, occupied={"a/x": 1})
    assert result.total == 1  # one seat left in a/x, and a person takes one issue per project
    assert assign(seats, options, max_per_project=3, occupied={"a/x": 3}).total == 0


def test_nothing_to_offer_is_an_empty_assignment() -> None:
    assert assign([Seat("p", 2)], {}, max_per_project=3).offers == {}
    assert assign([], {}, max_per_project=3).offers == {}
