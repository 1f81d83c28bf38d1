"""Everything the cohort's week needs from GitHub, for the whole cohort at once.

The cost, in requests (with a token, GraphQL):
  * everybody's history, ``HISTORY_BATCH_SIZE`` people per document (aliased ``user(login:)``:
    pull requests, issues, comments; 5 points per person, so points grow with people);
  * one search round for the union of everybody's skills and the projects that merged anybody's
    work (one document per round of pages; rounds grow with depth, not with people);
  * one repository batch for every repository found (as many per document as GitHub's node limit allows);
  * one fresh look at every earlier offer (100 per document).
Each person is then ranked with the ordinary pure ranking over the shared candidates: no full
``suggest`` per person. Without a token, histories are not read (each would cost two of the ten
searches a minute GitHub allows), so unknown logins cannot be told and next steps are missing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from ossmatch.cohort.roster import Person, Roster
from ossmatch.cohort.state import CohortState
from ossmatch.errors import GitHubError
from ossmatch.github.client import GitHubClient
from ossmatch.github.histories import HISTORY_BATCH_SIZE, HISTORY_POINTS
from ossmatch.github.histories import read_histories as read_many
from ossmatch.github.repo_search import repositories_with_topic
from ossmatch.github.sources import Searches, open_source
from ossmatch.models import Candidate, ContributorHistory, Issue
from ossmatch.profile import Profile
from ossmatch.render.wording import plural
from ossmatch.suggest.pipeline import DEFAULT_DEPTH, gather, per_query_share, refresh_issues
from ossmatch.suggest.plan import (
    BASE_QUALIFIERS,
    BEGINNER_LABELS,
    DEFAULT_MAX_AGE_DAYS,
    FRESH_FIRST,
    MAX_OPERATORS,
    MAX_QUERY_LENGTH,
    pack,
    plan_next_step_queries,
    plan_queries,
)
from ossmatch.suggest.scoring import RankedIssue, rank
from ossmatch.suggest.signals import with_repo_comments
from ossmatch.suggest.skillfit import match_skills

Progress = Callable[[str], None]

#: Candidates asked of the search per issue the cohort needs: each person needs a choice among
#: several, and people compete for the same issues.
DEPTH_PER_SLOT = 5
#: GraphQL points kept for the shared search round, the repository batch and the re-check once
#: histories have been read (chosen: the benchmark's 2,000 candidates in 400 repositories cost
#: about 250 points; a history costs 5). With less left, the remaining people are matched by skills.
SHARED_RESERVE = 400
#: At most this many candidates in all (GitHub returns 1,000 per query at most; 2,000 ranked for
#: 500 people takes seconds).
MAX_DEPTH = 2000


@dataclass
class Collected:
    candidates: list[Candidate]
    histories: dict[str, ContributorHistory | None]
    #: People GitHub does not know (lowercase login -> why).
    unknown: dict[str, str]
    #: A fresh look at every earlier offer.
    fresh: dict[tuple[str, int], Issue | None]
    ranked: dict[str, list[RankedIssue]]
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def repositories(self) -> int:
        return len({c.repo.name_with_owner.lower() for c in self.candidates})


def union_profile(roster: Roster) -> Profile:
    """One profile holding every skill in the cohort: what the shared search looks for."""
    skills = dict.fromkeys(s for p in roster.people for s in p.skills)
    return Profile(skills=tuple(skills))


def _labels(labels: list[str]) -> str:
    return "label:" + ",".join(f'"{lab}"' if " " in lab else lab for lab in labels)


def scoped_queries(scope: tuple[str, ...], now: datetime) -> list[str]:
    """Beginner-label searches over the roster's projects only: ``(repo:a OR repo:b) label:...``.

    Everything in the listed projects is a candidate; each person's ranking then picks by skill."""
    since = (now - timedelta(days=DEFAULT_MAX_AGE_DAYS)).date().isoformat()
    tail = f"{BASE_QUALIFIERS} updated:>={since} {FRESH_FIRST}"
    queries: list[str] = []
    kinds: dict[str, list[str]] = {}
    for term in scope:
        kinds.setdefault(term.split(":")[0], []).append(term)

    def either(group: list[str]) -> str:
        return group[0] if len(group) == 1 else "(" + " OR ".join(group) + ")"

    for terms in kinds.values():
        for group in pack(terms, either, MAX_QUERY_LENGTH // 2, MAX_OPERATORS + 1):
            head = either(group)
            room = MAX_QUERY_LENGTH - len(head) - len(tail) - 2
            queries += [f"{head} {_labels(labels)} {tail}" for labels in pack(list(BEGINNER_LABELS), _labels, room)]
    return queries


#: Repositories taken per topic, best match first, as for the portal's ``topics``.
REPOS_PER_TOPIC = 30


def scope_of(roster: Roster, client: GitHubClient, warnings: list[str]) -> tuple[str, ...]:
    """``repo:`` and ``org:`` qualifiers for the roster's projects; topics become their repositories
    (one repository search per topic, with a token: GitHub's issue search has no topic qualifier)."""
    repos = list(roster.repositories)
    for topic in roster.topics:
        if not client.has_token:
            warnings.append("topics need a token (GitHub's repository search over GraphQL); set GITHUB_TOKEN")
            break
        try:
            repos += repositories_with_topic(client, topic, REPOS_PER_TOPIC)
        except GitHubError as error:
            warnings.append(f"could not search the topic {topic}: {error.message}")
    return (*(f"repo:{r}" for r in dict.fromkeys(repos)), *(f"org:{o}" for o in roster.orgs))


def plan_searches(roster: Roster, histories: dict[str, ContributorHistory | None], now: datetime,
                  scope: tuple[str, ...] = ()) -> list[str]:
    """The cohort's one search round: the union of skills (or the roster's projects, ``scope``), and next
    steps in every project that merged anybody's work, packed together (grows with projects, not people)."""
    if roster.restricted:
        return scoped_queries(scope, now)
    profile = union_profile(roster)
    merged = tuple(p for h in histories.values() if h is not None for p in h.merged_pulls)
    steps: list[str] = []
    if merged:
        since = min(h.since for h in histories.values() if h is not None)
        together = ContributorHistory(login="cohort", since=since, pulls=merged)
        steps = plan_next_step_queries(together, profile, now)
    return [*steps, *plan_queries(profile, now)]


def read_histories(client: GitHubClient, people: tuple[Person, ...], *, now: datetime, progress: Progress,
                   warnings: list[str]) -> tuple[dict[str, ContributorHistory | None], dict[str, str]]:
    """Everybody's history, ``HISTORY_BATCH_SIZE`` people per request; unknown logins are named and
    the rest go on. Never into the last ``SHARED_RESERVE`` points: those are the shared search's."""
    def heard(count: int) -> None:
        if len(people) > HISTORY_BATCH_SIZE:
            progress(f"read {count} of {plural(len(people), 'history', 'histories')}")

    read = read_many(client, [p.login for p in people], now=now, keep=SHARED_RESERVE, progress=heard)
    histories: dict[str, ContributorHistory | None] = {}
    unknown: dict[str, str] = {}
    for person in people:
        login = person.login.lower()
        if person.login in read.unknown:
            unknown[login] = f"GitHub has no user {person.login}: check the login in the roster"
            continue
        histories[login] = read.found.get(person.login)
        if person.login in read.failed:
            warnings.append(f"could not read {person.login}'s history, so no next steps or progress: "
                            f"{read.failed[person.login]}")
    if read.stopped is not None:
        tried = len(read.found) + len(read.unknown) + len(read.failed)
        warnings.append(f"stopped reading histories after {plural(tried, 'person', 'people')}: {read.stopped}; "
                        "the rest are matched by skills only (a personal token allows 5,000 points an hour, "
                        f"a workflow's token 1,000; each history costs about {HISTORY_POINTS})")
    return histories, unknown


def matching(candidates: list[Candidate], profile: Profile) -> list[Candidate]:
    """The candidates showing any of the profile's skills: the only ones a person without history
    there may be offered, so the only ones worth scoring (the same test the ranking's
    ``skill_matched`` uses)."""
    expanded = profile.expanded()
    return [c for c in candidates
            if match_skills(Candidate(issue=with_repo_comments(c.issue, c.repo), repo=c.repo), expanded).evidence]


def rank_people(roster: Roster, candidates: list[Candidate], histories: dict[str, ContributorHistory | None],
                unknown: dict[str, str], now: datetime) -> dict[str, list[RankedIssue]]:
    """Each person's ranking over the shared candidates, with the ordinary pure ranking.

    People with the same skills share one ranking of the candidates that match them. A history
    changes scores only in the projects it touched (next steps, involvement, the person's own
    claims), so for someone with a history those projects are ranked again with it, every
    candidate there included, and the rest comes from the shared ranking."""
    shared: dict[Profile, list[RankedIssue]] = {}
    ranked: dict[str, list[RankedIssue]] = {}
    for person in roster.people:
        login = person.login.lower()
        if login in unknown:
            continue
        profile = person.profile()
        if profile not in shared:
            shared[profile] = rank(matching(candidates, profile), profile, now)
        history = histories.get(login)
        touched = set() if history is None else (
            {p.repo.lower() for p in history.pulls} | {i.repo.lower() for i in history.involvements})
        own = [c for c in candidates if c.repo.name_with_owner.lower() in touched]
        if not own:
            ranked[login] = shared[profile]
            continue
        rest = [r for r in shared[profile] if r.issue.repo.lower() not in touched]
        ranked[login] = sorted([*rest, *rank(own, profile, now, history=history)], key=RankedIssue.sort_key)
    return ranked


def collect(client: GitHubClient, roster: Roster, state: CohortState, *, now: datetime,
            progress: Progress = lambda _m: None) -> Collected:
    """Histories, one search round, one repository batch, a fresh look at earlier offers, rankings."""
    warnings: list[str] = []
    notes: list[str] = []
    if client.has_token:
        histories, unknown = read_histories(client, roster.people, now=now, progress=progress, warnings=warnings)
    else:
        histories, unknown = {p.login.lower(): None for p in roster.people}, {}
        notes.append("no GitHub token: histories are not read, so logins are not checked, there are no next "
                     "steps and no progress; set GITHUB_TOKEN")
    scope = scope_of(roster, client, warnings) if roster.restricted else ()
    queries = plan_searches(roster, histories, now, scope)
    slots = roster.per_person * len(roster.people)
    depth = min(MAX_DEPTH, max(DEFAULT_DEPTH, DEPTH_PER_SLOT * slots))
    source = open_source(client, progress, now)
    people = plural(len(roster.people), "person", "people")
    progress(f"searching {plural(len(queries), 'query', 'queries')} for {people}")
    share = per_query_share(depth, len(queries))
    # Unsliced: paged as before (the cohort's budget counts its search rounds).
    searches = Searches(queries=tuple(queries), depth=share * len(queries), per_query=share)
    candidates = gather(source, searches, warnings=warnings) if queries else []
    warnings += source.notices
    earlier = [o.key for _login, o in state.offers()]
    fresh: dict[tuple[str, int], Issue | None] = {}
    if earlier:
        progress(f"re-checking {plural(len(earlier), 'earlier offer')}")
        looked = refresh_issues(client, list(dict.fromkeys(earlier)), warnings)
        fresh = {(repo.lower(), number): issue for (repo, number), issue in looked.items()}
    ranked = rank_people(roster, candidates, histories, unknown, now)
    return Collected(candidates=candidates, histories=histories, unknown=unknown, fresh=fresh, ranked=ranked,
                     warnings=warnings, notes=notes)
