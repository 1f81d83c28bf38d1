"""Query planning: the GitHub searches that cover a profile, within GitHub's search limits.

The plan lets GitHub's search do the cheap filtering (open, unassigned, no linked pull request,
not archived, recently active) so the few requests we make return useful candidates.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime, timedelta

from ossmatch.errors import UsageProblem
from ossmatch.github.sources.shared import PAGE
from ossmatch.models import ContributorHistory
from ossmatch.profile import Profile
from ossmatch.skills import expand_skills, github_language
from ossmatch.suggest.limits import MAX_SEARCH_QUERIES
from ossmatch.suggest.relationships import merged_projects
from ossmatch.vocabulary import NEXT_STEP_SEARCH_LABELS, SEARCH_LABELS, YEAR_WINDOW

#: Labels searched for: beginner labels and open invitations (one list, in ossmatch.vocabulary).
BEGINNER_LABELS = SEARCH_LABELS

#: Always-on qualifiers: search drops taken, fixed, archived and closed issues for us.
BASE_QUALIFIERS = "is:issue is:open no:assignee -linked:pr archived:false"

#: GitHub allows at most five AND/OR/NOT operators in one search query...
MAX_OPERATORS = 5
#: ...and no query longer than 256 characters.
MAX_QUERY_LENGTH = 256
#: Room kept for exclusions (``-repo:``, ``-org:``, ``-label:``); ranking applies them all anyway.
MAX_FILTER_LENGTH = 150
#: Room kept in every query for the creation-date slice a deep search adds:
#: `` created:2026-01-01..2026-12-31``.
SLICE_ROOM = 31
#: Room for one group of OR-ed languages.
MAX_LANGUAGE_LENGTH = 70
#: Issues older than this are left out unless the profile says otherwise: the shared year (an issue
#: nobody took in a year is rarely still wanted as it was written).
DEFAULT_MAX_AGE_DAYS = YEAR_WINDOW.days
#: Newest issues first: when a query matches more than its share, the fresh ones are read (GitHub's
#: default "best match" order favours old, heavily discussed issues).
FRESH_FIRST = "sort:created-desc"


def _quote(value: str) -> str:
    cleaned = value.replace('"', "").strip()
    return f'"{cleaned}"' if any(c in cleaned for c in " :,()") else cleaned


def _labels(labels: list[str]) -> str:
    """Labels OR-ed with GitHub's comma syntax, which uses no boolean operator."""
    return "label:" + ",".join(_quote(lab) for lab in labels)


def _any_of(values: list[str], prefix: str = "") -> str:
    """``prefix`` + one value, or several OR-ed in parentheses."""
    terms = [f"{prefix}{_quote(v)}" for v in values]
    return terms[0] if len(terms) == 1 else "(" + " OR ".join(terms) + ")"


def pack(items: list[str], render: Callable[[list[str]], str], budget: int, most: int = 1000) -> list[list[str]]:
    """Split ``items`` in order into groups whose rendering fits ``budget`` characters (at most ``most``
    items each); an item too long on its own still gets a group, so nothing is dropped."""
    groups: list[list[str]] = []
    for item in items:
        if groups and len(groups[-1]) < most and len(render([*groups[-1], item])) <= budget:
            groups[-1].append(item)
        else:
            groups.append([item])
    return groups


def _filters(profile: Profile, now: datetime, *, extra: Iterable[str] = ()) -> str:
    """The qualifiers every query shares; exclusions only while they fit (ranking applies them all)."""
    since = (now - timedelta(days=profile.max_issue_age_days or DEFAULT_MAX_AGE_DAYS)).date().isoformat()
    tail = f"{BASE_QUALIFIERS} updated:>={since} {FRESH_FIRST}"
    exclusions = [f"-label:{_quote(lab)}" for lab in profile.exclude_labels]
    exclusions += [f"-repo:{repo}" for repo in profile.exclude_repos]
    exclusions += [f"-org:{org}" for org in profile.exclude_orgs]
    for part in [*extra, *exclusions]:
        if len(tail) + 1 + len(part) <= MAX_FILTER_LENGTH:
            tail += f" {part}"
    return tail


def plan_queries(profile: Profile, now: datetime) -> list[str]:
    """Search queries covering the profile's labels and languages, each within GitHub's limits.

    Labels are OR-ed with commas (no boolean operator), languages in groups of at most six (five
    ``OR``), and labels are packed so that no query exceeds 256 characters. Unknown skill words
    get queries of their own.
    """
    labels = list(dict.fromkeys([*BEGINNER_LABELS, *profile.include_labels]))
    expanded = expand_skills([*profile.skills, *profile.languages])
    languages = sorted({github_language(lang) for lang in expanded.languages})
    tail = _filters(profile, now)

    def language_part(group: list[str]) -> str:
        return _any_of(group, "language:")

    def with_labels(head: str) -> list[str]:
        room = MAX_QUERY_LENGTH - SLICE_ROOM - len(tail) - len(head) - 2
        return [" ".join(p for p in (head, _labels(group), tail) if p) for group in pack(labels, _labels, room)]

    plans: list[str] = []
    for group in pack(languages, language_part, MAX_LANGUAGE_LENGTH, MAX_OPERATORS + 1) or [[]]:
        plans += with_labels(language_part(group) if group else "")
    words = sorted(w for w in expanded.words if w)
    for group in pack(words, _any_of, MAX_LANGUAGE_LENGTH, MAX_OPERATORS + 1):
        plans += with_labels(_any_of(group))[:1]  # the most common labels; words narrow enough
    return plans


def check_search_budget(queries: Sequence[str], fewer: str = "skills, languages or labels") -> None:
    """Refuse a run whose searches (the list it is about to send) number more than
    ``MAX_SEARCH_QUERIES``, before any request is sent; ``fewer`` says what to cut."""
    if len(queries) > MAX_SEARCH_QUERIES:
        raise UsageProblem(
            f"this run needs {len(queries)} searches; at most {MAX_SEARCH_QUERIES} per run: use fewer {fewer}"
        )


def general_queries(profile: Profile, now: datetime, repos: Sequence[str] = ()) -> list[str]:
    """The searches a run sends besides next steps: over the named repositories (``suggest --repo``)
    or over the profile's labels and languages; refused past ``MAX_SEARCH_QUERIES``."""
    if repos:
        queries = plan_repo_queries(repos, profile, now)
        check_search_budget(queries, "repositories or labels")
    else:
        queries = plan_queries(profile, now)
        check_search_budget(queries)
    return queries


#: Labels one next-step search ORs together: the defaults and a few of the profile's own, so the
#: query stays within GitHub's 256 characters beside the projects it names (chosen).
NEXT_STEP_MAX_LABELS = 12
#: Projects one next-step search ORs together: ``(repo:a OR repo:b ...)`` spends one operator per
#: extra project and GitHub allows five.
NEXT_STEP_PROJECTS = MAX_OPERATORS + 1


def _repos(group: list[str]) -> str:
    return _any_of(group, "repo:")


def next_step_projects(history: ContributorHistory | None, profile: Profile) -> list[str]:
    """Projects that merged the person's work (most recent first), less those the profile excludes:
    where next steps are searched, and so the repositories their issues come from."""
    if history is None:
        return []
    excluded = {r.lower() for r in profile.exclude_repos}
    orgs = {o.lower() for o in profile.exclude_orgs}
    return [p for p in merged_projects(history) if p.lower() not in excluded and p.split("/")[0].lower() not in orgs]


def plan_next_step_queries(history: ContributorHistory | None, profile: Profile, now: datetime) -> list[str]:
    """Searches over every project that merged the person's work (most recent merge first), as few
    as fit GitHub's limits (with a token they all travel in one GraphQL document); none without
    such projects.

    Projects are OR-ed in parentheses, ``(repo:a/b OR repo:c/d)``: since September 2025 GitHub's
    issue search ANDs repeated ``repo:`` qualifiers written side by side (cli/cli
    ``pkg/search/query.go``), so ``repo:a/b repo:c/d`` would find nothing. Each query stays within
    5 operators and 256 characters; projects that do not fit go to a further query.
    """
    projects = next_step_projects(history, profile)
    if not projects:
        return []
    labels = list(dict.fromkeys([*NEXT_STEP_SEARCH_LABELS, *profile.include_labels]))[:NEXT_STEP_MAX_LABELS]
    tail = _filters(profile.model_copy(update={"exclude_repos": (), "exclude_orgs": ()}), now)
    longest = max(len(f"repo:{p}") for p in projects)
    # Labels fill what the longest single project leaves; then projects are packed into the rest.
    label_part = pack(labels, _labels, MAX_QUERY_LENGTH - len(tail) - longest - 2)[0]
    head = f"{_labels(label_part)} {tail}"
    groups = pack(projects, _repos, MAX_QUERY_LENGTH - len(head) - 1, NEXT_STEP_PROJECTS)
    return [f"{_repos(group)} {head}" for group in groups]


def plan_repo_queries(repos: Iterable[str], profile: Profile, now: datetime) -> list[str]:
    """Searches over the named repositories only (``suggest --repo``): their beginner issues in any
    language, projects OR-ed in parentheses as for next steps, labels packed into what is left."""
    projects = list(dict.fromkeys(repos))
    if not projects:
        return []
    labels = list(dict.fromkeys([*BEGINNER_LABELS, *profile.include_labels]))
    tail = _filters(profile.model_copy(update={"exclude_repos": (), "exclude_orgs": ()}), now)
    plans: list[str] = []
    for group in pack(projects, _repos, MAX_LANGUAGE_LENGTH, NEXT_STEP_PROJECTS):
        head = _repos(group)
        room = MAX_QUERY_LENGTH - SLICE_ROOM - len(tail) - len(head) - 2  # sliced by date like the broad searches
        plans += [f"{head} {_labels(part)} {tail}" for part in pack(labels, _labels, room)]
    return plans


def plan_next_step_query(history: ContributorHistory | None, profile: Profile, now: datetime) -> str | None:
    """The first next-step search (the most recently merged projects), or None."""
    found = plan_next_step_queries(history, profile, now)
    return found[0] if found else None


def operator_count(query: str) -> int:
    """How many AND/OR/NOT operators a query uses (GitHub allows five)."""
    return sum(
        1 for token in query.replace("(", " ").replace(")", " ").split() if token in ("AND", "OR", "NOT")
    )



#: Slices ask for this many times the depth, so few slices fill up (more issues in their dates
#: than a page holds) and need the one read-on round (chosen with bench_suggest.py: at 2x, recall
#: against the paged search is 100% in every world, with the read-on round only at 67 new issues
#: a day; at 1x that world ends at 267 of 300 candidates; each slice costs about 6 points).
SLICE_OVERASK = 2
#: At most this many slices per query: a GraphQL document of many searches gets slow.
MAX_SLICES = 6
#: The newest slice reaches back this many days (from yesterday's midnight); each older slice is
#: twice as wide as the one before it; the oldest has no lower bound. Fresh issues are what the
#: ranking prefers (freshness), so the thinnest slices are the newest.
NEWEST_SLICE_DAYS = 1


def slice_count(depth: int, queries: int) -> int:
    """Slices per query: enough pages for ``SLICE_OVERASK`` times the depth, at least one each."""
    if queries <= 0:
        return 0
    pages = math.ceil(SLICE_OVERASK * depth / PAGE) + queries
    return max(1, min(MAX_SLICES, pages // queries))


def _day(d: date) -> str:
    return d.isoformat()


def date_slices(query: str, now: datetime, pieces: int) -> list[str]:
    """``query`` split into ``pieces`` disjoint creation-date ranges, newest first, covering every
    date (the last one is open-ended); one piece is the query unchanged.

    Whole days (UTC), so the texts, and with them the cache keys, stay the same all day.
    """
    if pieces <= 1:
        return [query]
    top = now.date() - timedelta(days=NEWEST_SLICE_DAYS)
    out = [f"{query} created:>={_day(top)}"]
    width = 2 * NEWEST_SLICE_DAYS
    for _ in range(pieces - 2):
        low = top - timedelta(days=width)
        out.append(f"{query} created:{_day(low)}..{_day(top - timedelta(days=1))}")
        top, width = low, width * 2
    out.append(f"{query} created:<{_day(top)}")
    return out


def plan_slices(queries: list[str], depth: int, now: datetime) -> dict[str, list[str]]:
    """Each query's disjoint slices, asked side by side in one request instead of page after page."""
    pieces = slice_count(depth, len(queries))
    return {query: date_slices(query, now, pieces) for query in queries}
