"""What both issue sources share: the searches asked, what they found, and what they could not read."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ossmatch.errors import RateLimitError
from ossmatch.github.refusals import forbidden_reason, org_of_refusal
from ossmatch.models import ContributorHistory, Issue, Repo
from ossmatch.render.wording import plural

if TYPE_CHECKING:
    from ossmatch.github.graphql_result import GraphQLResult

Progress = Callable[[str], None]
IssueRef = tuple[str, int]

#: GitHub's search stops at 1,000 results per query.
SEARCH_RESULT_CAP = 1000
#: How every warning that a search stopped before its end begins: the result is then partial
#: (ranked from what was found) and says so in every format.
STOPPED_EARLY = "stopped searching early"


def stopped_early(why: str, found: int) -> str:
    """The warning for a search cut short after ``found`` issues."""
    return f"{STOPPED_EARLY}: {why}; ranked the {plural(found, 'issue')} found before that"

#: One search page: GitHub returns at most 100 results per connection.
PAGE = 100


@dataclass(frozen=True)
class Searches:
    """What to search: the queries, how many results in all (``depth``) and per query, and the
    disjoint slices a query is split into (the planner's choice). Sliced searches are asked side
    by side in one request; a query without slices is paged with cursors where the source can."""

    queries: tuple[str, ...]
    depth: int
    per_query: int
    slices: Mapping[str, Sequence[str]] = field(default_factory=dict)


@dataclass
class Found:
    """Issues per query, newest first, and the person's history when it came along."""

    issues: dict[str, list[Issue]]
    #: None: the source did not read it; the caller reads it its own way.
    history: ContributorHistory | None = None
    #: Repositories read in the same request (``find(repos=...)``); the others are read after.
    repos: dict[str, Repo] = field(default_factory=dict)


@dataclass(frozen=True)
class Person:
    """Whose history to read with the searches: ``login`` None means the token's own user."""

    login: str | None = None


def newest_first(issues: Iterable[Issue]) -> list[Issue]:
    """De-duplicated, newest created first: the order of a ``sort:created-desc`` search."""
    unique = {(i.repo, i.number): i for i in issues}
    return sorted(unique.values(), key=lambda i: (i.created_at, i.repo, i.number), reverse=True)


def fair_cut(found: Mapping[str, list[Issue]], depth: int) -> dict[str, list[Issue]]:
    """``depth`` results in all, shared fairly: every query an equal share, and what one query
    cannot fill goes to those that have more (as paging query by query would)."""
    left = {q: len(v) for q, v in found.items()}
    take = dict.fromkeys(found, 0)
    room = depth
    while room > 0 and any(left.values()):
        wanting = [q for q in found if left[q] > 0]
        share = max(1, room // len(wanting))
        for q in wanting:
            n = min(share, left[q], room)
            take[q] += n
            left[q] -= n
            room -= n
    return {q: v[: take[q]] for q, v in found.items()}


def search_each(
    search: Callable[[str, int], list[Issue]], searches: Searches, notices: Notices,
) -> dict[str, list[Issue]]:
    """Query after query, each up to its share; a rate limit part-way keeps what was found."""
    found: dict[str, list[Issue]] = {}
    for query in searches.queries:
        try:
            found[query] = search(query, searches.per_query)
        except RateLimitError as error:
            if not any(found.values()):
                raise
            notices.add(stopped_early(error.message, len({(i.repo, i.number) for v in found.values() for i in v})))
            break
    return found


def quiet(_message: str) -> None:
    return None


def unread(name: str) -> Repo:
    """A repository known by name only: ranked without activity signals."""
    return Repo(name_with_owner=name, url=f"https://github.com/{name}", has_activity=False)


def keep_the_rest(wanted: list[str], found: dict[str, Repo], notices: Notices, error: RateLimitError) -> None:
    """Out of quota or time: repositories not read yet are ranked without their signals."""
    left = [name for name in wanted if name not in found]
    for name in left:
        found[name] = unread(name)
    if left:
        notices.add(
            f"could not read {len(left)} of {len(wanted)} repositories ({error.message}); "
            "their issues are ranked without activity signals"
        )


class Notices:
    """What a source could not read (``lines``: warnings, each organisation once) and how it
    fetched what took a detour (``details``: for ``-v``)."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.details: list[str] = []
        self._orgs: set[str] = set()

    def add(self, line: str) -> None:
        if line not in self.lines:
            self.lines.append(line)

    def detail(self, line: str) -> None:
        if line not in self.details:
            self.details.append(line)

    def refused(self, org: str | None, message: str, what: str = "issues") -> None:
        """An organisation (SAML SSO, IP allow list) refused the token: name it and say why."""
        key = (org or "").lower()
        if key in self._orgs:
            return
        self._orgs.add(key)
        whose = f"the {org} organisation" if org else "an organisation"
        self.add(f"skipped {what} from {whose}: {forbidden_reason(message)}")


def note_refusals(notices: Notices, result: GraphQLResult, names: dict[str, str] | None = None) -> None:
    """FORBIDDEN errors: the org comes from the alias we asked for, or from GitHub's words."""
    for err in result.forbidden():
        message = str(err.get("message", ""))
        alias = str((err.get("path") or [""])[0])
        name = (names or {}).get(alias)
        org = name.split("/")[0] if name else org_of_refusal(message)
        notices.refused(org, message)

