"""The full path (needs a token): few requests, all signals. Searches (sliced, or paged for the
site) with the person's history in one request, then every repository in one batch."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timezone
from typing import Any

from ossmatch.errors import QueryTimeout, RateLimitError
from ossmatch.github import parse, queries
from ossmatch.github.client import GitHubClient
from ossmatch.github.graphql_result import GraphQLResult
from ossmatch.github.history import HISTORY_WINDOW, history_from_graphql, is_app_login
from ossmatch.github.snapshot_graphql import fetch_snapshot
from ossmatch.github.sources.graphql_repos import RepoReader
from ossmatch.github.sources.shared import (
    PAGE,
    SEARCH_RESULT_CAP,
    Found,
    IssueRef,
    Notices,
    Person,
    Progress,
    Searches,
    note_refusals,
    quiet,
    stopped_early,
)
from ossmatch.github.sources.sliced import SlicedSearch
from ossmatch.models import Issue, Repo
from ossmatch.repo_facts import RepoSnapshot


class GraphQLSource:
    """Search and repository signals over GraphQL: the searches (sliced) and the person's history
    in one request, then every repository in one batch, each split only when GitHub's limits say so."""

    full_signals = True
    limits: tuple[str, ...] = ()
    reads_history = True

    def __init__(self, client: GitHubClient, progress: Progress = quiet, *, now: datetime | None = None) -> None:
        self.client = client
        self.progress = progress
        self.now = now
        self._notices = Notices()
        self._reader = RepoReader(client, self._notices, progress, now=now)

    @property
    def notices(self) -> list[str]:
        return self._notices.lines

    @property
    def details(self) -> list[str]:
        return self._notices.details

    def budget_note(self, repositories: int) -> str | None:
        return None

    def snapshot(self, name: str, now: datetime) -> RepoSnapshot:
        return fetch_snapshot(self.client, name, now)

    def find(self, searches: Searches, *, person: Person | None = None, now: datetime | None = None,
             repos: Iterable[str] = (), trackers: Sequence[IssueRef] = ()) -> Found:
        """Sliced searches in one round trip with the person's history and the repositories
        already known; unsliced ones (the site's) paged."""
        kind = None if person is None else ("viewer" if person.login is None else "user")
        login = person.login if person is not None else None
        known: dict[str, Repo] = {}
        if searches.slices or repos:
            sliced = SlicedSearch(self.client, self._notices, self.progress, self._reader)
            issues, user = sliced.run(searches, kind, login, sorted(set(repos)), known, trackers)
        else:
            issues, user = self.search_many(list(searches.queries), searches.depth, history=kind, login=login)
        found = Found(issues=issues, repos=known)
        if user and not (login is None and is_app_login(user.get("login"))):
            found.history = history_from_graphql(user, (now or datetime.now(timezone.utc)) - HISTORY_WINDOW)
        return found

    def search_many(
        self, wanted: Sequence[str], depth: int, *, history: str | None = None, login: str | None = None,
    ) -> tuple[dict[str, list[Issue]], dict[str, Any] | None]:
        """Several searches, ``depth`` results in all shared fairly (what a rare label cannot fill goes
        to the others), each round one document with an aliased ``search`` per query still wanting more
        and, in the first, the person's history ("viewer" or "user"): results per query, the history."""
        found: dict[str, list[Issue]] = {q: [] for q in wanted}
        cursor: dict[str, str | None] = dict.fromkeys(found)
        todo = list(found)
        user: dict[str, Any] | None = None
        pending_history = history
        timed_out = False
        while todo or pending_history:
            asks = _page_sizes(found, todo, depth, halved=timed_out)
            todo = [q for q in todo if asks[q] > 0]
            variables: dict[str, Any] = {"login": login} if pending_history == "user" else {}
            for i, q in enumerate(todo):
                variables.update({f"q{i}": q, f"f{i}": asks[q], f"a{i}": cursor[q]})
            if not todo and not pending_history:
                break
            total = sum(len(v) for v in found.values())
            try:
                result = self.client.graphql(queries.multi_search_query(len(todo), pending_history), variables,
                                             kind="search")
                result.refuse_if_over_limits([f"s{i}" for i in range(len(todo))], "the searches")
            except QueryTimeout as error:
                if timed_out and total:
                    self._notices.add(stopped_early(f"GitHub gave up on a search twice ({error.message})", total))
                    break
                if timed_out:
                    raise
                timed_out = True
                continue
            except RateLimitError as error:  # a quota or the run's deadline: keep what was found
                if not total:
                    raise
                self._notices.add(stopped_early(error.message, total))
                break
            timed_out = False
            note_refusals(self._notices, result)
            if pending_history:
                user = result.data.get("me")
                pending_history = None
            more = _take_pages(result, todo, found, cursor)
            total = sum(len(v) for v in found.values())
            self.progress(f"searched {total} issues")
            todo = more if total < depth else []
        return found, user

    def repos(self, names: Iterable[str], trackers: Sequence[IssueRef] = ()) -> dict[str, Repo]:
        return self._reader.read(names, trackers)

    def issues(self, refs: Sequence[IssueRef], *, fresh: bool = False) -> dict[IssueRef, Issue | None]:
        return self._reader.issues(refs, fresh=fresh)


def _page_sizes(found: dict[str, list[Issue]], todo: list[str], depth: int, *, halved: bool) -> dict[str, int]:
    """Each query's next page: an equal share of what the depth still wants, within a page and
    GitHub's search cap; ``halved`` after GitHub gave up on the round once."""
    room = max(0, depth - sum(len(v) for v in found.values()))
    share = -(-room // len(todo)) if todo else 0
    asks = {q: min(PAGE, share, SEARCH_RESULT_CAP - len(found[q])) for q in todo}
    return {q: max(1, n // 2) if n > 0 else 0 for q, n in asks.items()} if halved else asks


def _take_pages(result: GraphQLResult, todo: list[str], found: dict[str, list[Issue]],
                cursor: dict[str, str | None]) -> list[str]:
    """Add each query's page (answered as ``s0``, ``s1``...) to what it found; returns the queries
    with more pages, their cursors moved on."""
    more: list[str] = []
    for i, q in enumerate(todo):
        issues, after = parse.issue_page(result.data.get(f"s{i}"))
        found[q].extend(issues)
        if after:
            cursor[q] = after
            more.append(q)
    return more
