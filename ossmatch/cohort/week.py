"""This week's plan for the cohort, from what GitHub said and what earlier weeks offered. Pure.

Stability first: an offer stays its person's while the issue is open and free (or taken by that
person: assigned to them, or with a pull request of theirs), and they have not declined it. Only
the slots left are filled, by :func:`ossmatch.cohort.assign.assign` over each person's ranking.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from ossmatch.cohort.assign import Option, Seat, assign
from ossmatch.cohort.roster import Person, Roster
from ossmatch.cohort.state import CohortState, Offer, ref
from ossmatch.digest.plan import status_of
from ossmatch.models import ContributorHistory, Issue
from ossmatch.render.wording import plural
from ossmatch.suggest.scoring import RankedIssue

#: What became of an earlier offer: still free, being worked on by its person, or gone.
OfferStatus = Literal["open", "working", "closed", "assigned", "linked_pr", "missing", "declined"]
KEPT: frozenset[str] = frozenset({"open", "working"})


def own_pull_since(history: ContributorHistory | None, repo: str, since: datetime, *, merged: bool = False) -> bool:
    """Whether the person opened (or had merged) a pull request in ``repo`` since ``since``.

    A pull request's link to the issue is not in the history, so a pull request in the same project
    after the offer counts as work on it."""
    if history is None:
        return False
    return any(p.repo.lower() == repo.lower() and p.created_at >= since and (p.merged or not merged)
               for p in history.pulls)


def offer_status(offer: Offer, fresh: Issue | None, login: str, history: ContributorHistory | None) -> OfferStatus:
    """Whether an earlier offer is still the person's to work on."""
    status = status_of(fresh)
    if fresh is not None and status == "assigned" and any(a.lower() == login.lower() for a in fresh.assignees):
        return "working"
    if status == "linked_pr" and own_pull_since(history, offer.repo, offer.since):
        return "working"
    return status


def to_offer(match: RankedIssue, now: datetime) -> Offer:
    issue = match.issue
    return Offer(repo=issue.repo, number=issue.number, url=issue.url, title=issue.title, since=now,
                 score=match.score)


@dataclass(frozen=True)
class Released:
    """An earlier offer that is no longer the person's, and why."""

    offer: Offer
    status: OfferStatus


@dataclass(frozen=True)
class Shortfall:
    """Someone offered fewer issues than ``per_person``, and why (said in the summary)."""

    login: str
    offered: int
    wanted: int
    why: str


@dataclass
class Week:
    """Who keeps what, who gets what new, and who got less than asked."""

    kept: dict[str, list[Offer]] = field(default_factory=dict)
    new: dict[str, list[RankedIssue]] = field(default_factory=dict)
    released: dict[str, list[Released]] = field(default_factory=dict)
    shortfalls: list[Shortfall] = field(default_factory=list)
    #: Projects at ``max_per_project`` people after this week's offers.
    at_capacity: dict[str, int] = field(default_factory=dict)

    def offers(self, login: str, now: datetime) -> list[Offer]:
        """Everything the person holds after this week: kept first, then the new ones."""
        key = login.lower()
        return [*self.kept.get(key, []), *(to_offer(m, now) for m in self.new.get(key, []))]


def eligible(ranked: Sequence[RankedIssue], taken: set[tuple[str, int]], declined: set[str]) -> list[RankedIssue]:
    """The person's ranked issues worth offering: matching their skills (or a next step), not theirs
    already (opened or commented on), not held by anyone, not declined by them."""
    return [r for r in ranked
            if (r.skill_matched or r.next_step is not None) and r.involvement is None
            and r.key not in taken and ref(r.issue.repo, r.issue.number) not in declined]


def no_match_hint(person: Person) -> str:
    return (f"no open issue matched {', '.join(person.skills)}: try a more common skill (a language such as "
            "python or javascript, or docs, testing, frontend) or check its spelling")


def plan_week(
    roster: Roster,
    state: CohortState,
    *,
    fresh: Mapping[tuple[str, int], Issue | None],
    ranked: Mapping[str, Sequence[RankedIssue]],
    histories: Mapping[str, ContributorHistory | None],
    unknown: Mapping[str, str],
    now: datetime,
) -> Week:
    """Keep what is still free, then fill the open slots with one optimal assignment.

    ``fresh`` holds a fresh look at every earlier offer (keyed by lowercase repo and number; an
    offer missing from it was not re-checked and is kept); ``ranked`` each person's ranking
    (lowercase login); ``unknown`` the people GitHub does not know, with why.
    """
    week = Week()
    occupied: dict[str, set[str]] = {}
    taken: set[tuple[str, int]] = set()
    people = [p for p in roster.people if p.login.lower() not in unknown]
    for person in people:
        _keep_offers(person, state, roster, fresh, histories, week, occupied, taken)
    matched = _fill_slots(people, state, roster, ranked, week, occupied, taken)
    week.at_capacity = {p: len(who) for p, who in sorted(occupied.items()) if len(who) >= roster.max_per_project}
    week.shortfalls = _shortfalls(roster, unknown, week, matched)
    return week


def _earlier_status(offer: Offer, refused: set[str], fresh: Mapping[tuple[str, int], Issue | None],
                    person: Person, history: ContributorHistory | None) -> OfferStatus:
    """What became of an earlier offer: declined, not re-checked (so kept open), or as GitHub says."""
    if ref(offer.repo, offer.number) in refused:
        return "declined"
    if offer.key not in fresh:
        return "open"
    return offer_status(offer, fresh[offer.key], person.login, history)


def _keep_offers(person: Person, state: CohortState, roster: Roster, fresh: Mapping[tuple[str, int], Issue | None],
                 histories: Mapping[str, ContributorHistory | None], week: Week,
                 occupied: dict[str, set[str]], taken: set[tuple[str, int]]) -> None:
    """Keep the person's earlier offers that are still theirs (up to ``per_person``, each held by one
    person), marking their projects occupied and the issues taken; release the rest, with why."""
    login = person.login.lower()
    member = state.member(login)
    refused = {*member.declined, *person.declined_refs}
    for offer in member.offers:
        status = _earlier_status(offer, refused, fresh, person, histories.get(login))
        if status in KEPT and len(week.kept.get(login, [])) < roster.per_person and offer.key not in taken:
            week.kept.setdefault(login, []).append(_refreshed(offer, fresh.get(offer.key)))
            occupied.setdefault(offer.repo.lower(), set()).add(login)
            taken.add(offer.key)
        else:
            week.released.setdefault(login, []).append(Released(offer, status if status not in KEPT else "open"))


def _fill_slots(people: Sequence[Person], state: CohortState, roster: Roster,
                ranked: Mapping[str, Sequence[RankedIssue]], week: Week,
                occupied: dict[str, set[str]], taken: set[tuple[str, int]]) -> dict[str, set[tuple[str, int]]]:
    """Fill everyone's open slots in one assignment over their eligible issues; returns, per person,
    every open issue matching them whoever holds it (to say why someone got fewer)."""
    seats: list[Seat] = []
    options: dict[str, list[Option]] = {}
    matched: dict[str, set[tuple[str, int]]] = {}
    by_key: dict[tuple[str, str, int], RankedIssue] = {}
    for person in people:
        login = person.login.lower()
        refused = {*state.member(login).declined, *person.declined_refs}
        mine = eligible(ranked.get(login, ()), taken, refused)
        matched[login] = {r.key for r in eligible(ranked.get(login, ()), set(), refused)}
        options[login] = [Option(r.key, r.issue.repo.lower(), r.score / 100) for r in mine]
        by_key.update({(login, r.key[0], r.key[1]): r for r in mine})
        held = week.kept.get(login, [])
        seats.append(Seat(login, open_slots=roster.per_person - len(held), kept=len(held),
                          projects=frozenset(o.repo.lower() for o in held)))
    result = assign(seats, options, max_per_project=roster.max_per_project,
                    occupied={p: len(who) for p, who in occupied.items()})
    for login, chosen in result.offers.items():
        week.new[login] = [by_key[(login, o.key[0], o.key[1])] for o in chosen]
        for option in chosen:
            occupied.setdefault(option.project, set()).add(login)
    return matched


def _shortfalls(roster: Roster, unknown: Mapping[str, str], week: Week,
                matched: Mapping[str, set[tuple[str, int]]]) -> list[Shortfall]:
    """Everyone holding fewer than ``per_person`` issues after the week, in roster order, with why."""
    shortfalls: list[Shortfall] = []
    for person in roster.people:
        login = person.login.lower()
        if login in unknown:
            shortfalls.append(Shortfall(person.login, 0, roster.per_person, unknown[login]))
            continue
        holding = {o.key for o in week.kept.get(login, [])} | {m.key for m in week.new.get(login, [])}
        if len(holding) < roster.per_person:
            shortfalls.append(Shortfall(person.login, len(holding), roster.per_person,
                                        _why_short(person, matched[login] | holding, roster)))
    return shortfalls


def _refreshed(offer: Offer, issue: Issue | None) -> Offer:
    """The offer with the issue's current title (a maintainer may have renamed it)."""
    return offer.model_copy(update={"title": issue.title}) if issue is not None else offer


def _why_short(person: Person, matching: set[tuple[str, int]], roster: Roster) -> str:
    """``matching``: the open issues matching the person, theirs included, whoever holds them."""
    if not matching:
        return no_match_hint(person)
    skills = ", ".join(person.skills)
    if len(matching) < roster.per_person:
        return (f"only {plural(len(matching), 'open issue')} matched {skills}: add skills, "
                "or widen repositories, orgs or topics")
    projects = len({repo for repo, _number in matching})
    if projects < roster.per_person:
        where = "one project" if projects == 1 else f"{projects} projects"
        return (f"{plural(len(matching), 'open issue')} matched {skills}, all in {where}, and nobody gets two "
                "issues in one project: add skills, or widen repositories, orgs or topics")
    return (f"{plural(len(matching), 'issue')} matched, but the cohort needs more free issues than there are: "
            "the others went to people with better chances or to projects at capacity "
            f"(max_per_project = {roster.max_per_project})")
