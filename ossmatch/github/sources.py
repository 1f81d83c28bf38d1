"""Issue sources: where candidate issues, repository facts and audit snapshots come from.

``GraphQLSource`` is the full path (needs a token): few requests, all signals. ``RestSource`` is
the degraded path without a token: REST search and repository metadata, no activity signals.
Both satisfy ``IssueSource``, chosen once by ``open_source`` when the client is opened, so the
pipeline, the audit runner and the site never ask which one they hold.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Protocol

from ossmatch.errors import (
    DeadlineExceeded,
    ForbiddenError,
    NotFoundError,
    OverResourceLimits,
    QueryTimeout,
    RateLimitError,
)
from ossmatch.github import parse, queries
from ossmatch.github.client import GitHubClient, GraphQLResult
from ossmatch.github.history import HISTORY_WINDOW, history_from_graphql, is_app_login
from ossmatch.github.nodes import NODE_LIMIT, node_count
from ossmatch.github.refusals import forbidden_reason, org_of_refusal
from ossmatch.github.repo_facts import fetch_snapshot
from ossmatch.github.repo_facts_rest import TOKEN_ADDS, fetch_snapshot_rest
from ossmatch.models import ContributorHistory, Issue, Repo, RepoComment
from ossmatch.render.wording import plural
from ossmatch.repo_facts import RepoSnapshot
from ossmatch.vocabulary import ACTIVITY_WINDOW

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
#: A document GitHub gives up on is asked again as two halves, and those as quarters, no deeper:
#: past that GitHub is refusing more than size, and each try costs a round trip (chosen).
MAX_SPLITS = 2

#: How to get a token in one step, said once on a tokenless run.
TOKEN_HOWTO = (
    "run `gh auth login` (ossmatch then asks `gh auth token`), or create a fine-grained token with no "
    "permissions at https://github.com/settings/personal-access-tokens/new and set GITHUB_TOKEN"
)


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
    #: None with ``history_read`` False: the source did not read it; the caller reads it its own way.
    history: ContributorHistory | None = None
    history_read: bool = False
    #: Repositories read in the same request (``find(repos=...)``); the others are read after.
    repos: dict[str, Repo] = field(default_factory=dict)


@dataclass(frozen=True)
class Person:
    """Whose history to read with the searches: ``login`` None means the token's own user."""

    login: str | None = None


class IssueSource(Protocol):
    #: Whether repositories come with their activity signals (a token) or metadata only.
    full_signals: bool
    #: What an audit through this source leaves out, said in every report (empty: nothing).
    limits: tuple[str, ...]
    #: Whether ``find`` reads the person's history in the same request as the searches.
    reads_history: bool

    @property
    def notices(self) -> list[str]:
        """Gaps in the answer the user should know of (a refused organisation, a repository read
        without its signals); the pipeline shows them as warnings."""
        ...

    @property
    def details(self) -> list[str]:
        """How the answer was fetched when it took a detour (a request split after GitHub gave
        up on it): for ``-v``, never the normal output."""
        ...

    def find(self, searches: Searches, *, person: Person | None = None, now: datetime | None = None,
             repos: Iterable[str] = (), trackers: Sequence[IssueRef] = ()) -> Found:
        """Run ``searches``, and read ``person``'s history and ``repos`` (with the sub-issues of
        ``trackers`` in them) alongside when the source can."""
        ...

    def search(self, query: str, max_results: int) -> list[Issue]: ...

    def repos(self, names: Iterable[str], trackers: Sequence[IssueRef] = ()) -> dict[str, Repo]: ...

    def issues(self, refs: Sequence[IssueRef], *, fresh: bool = False) -> dict[IssueRef, Issue | None]: ...

    def snapshot(self, name: str, now: datetime) -> RepoSnapshot:
        """Everything the audit reads about one repository; NotFoundError if it does not exist."""
        ...

    def budget_note(self, repositories: int) -> str | None:
        """What a run through this source could not read for lack of quota, and how to get more."""
        ...


def open_source(client: GitHubClient, progress: Progress | None = None, now: datetime | None = None) -> IssueSource:
    """The source for this client, chosen once: GraphQL with a token, REST without one."""
    if client.has_token:
        return GraphQLSource(client, progress or _quiet)
    return RestSource(client, progress or _quiet, now=now)


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


def _quiet(_message: str) -> None:
    return None


def _unread(name: str) -> Repo:
    """A repository known by name only: ranked without activity signals."""
    return Repo(name_with_owner=name, url=f"https://github.com/{name}", has_activity=False)


def _keep_the_rest(wanted: list[str], found: dict[str, Repo], notices: Notices, error: RateLimitError) -> None:
    """Out of quota or time: repositories not read yet are ranked without their signals."""
    unread = [name for name in wanted if name not in found]
    for name in unread:
        found[name] = _unread(name)
    if unread:
        notices.add(
            f"could not read {len(unread)} of {len(wanted)} repositories ({error.message}); "
            "their issues are ranked without activity signals"
        )


def repo_batch_size() -> int:
    """Repositories per batch: as many as keep the document within GitHub's node limit, so the
    repositories of a cold search travel in one request (50 before; 875 at today's 571 nodes each)."""
    per_repo = node_count(queries.repo_batch_query(1))
    return max(1, NODE_LIMIT // max(per_repo, 1))


def _tracker_variables(trackers: Sequence[IssueRef]) -> dict[str, Any]:
    """``$to``/``$tn``/``$ti`` for each tracking issue whose sub-issues ride along."""
    variables: dict[str, Any] = {}
    for j, (name, number) in enumerate(trackers):
        owner, _, repo_name = name.partition("/")
        variables.update({f"to{j}": owner, f"tn{j}": repo_name, f"ti{j}": number})
    return variables


def _sub_issues(result: GraphQLResult, trackers: Sequence[IssueRef]) -> dict[str, list[Issue]]:
    """The open sub-issues of each tracking issue asked for (aliases ``t0``...), by repository."""
    tasks: dict[str, list[Issue]] = {}
    for j, (name, _) in enumerate(trackers):
        tracker = (result.data.get(f"t{j}") or {}).get("issue") or {}
        nodes = [n for n in ((tracker.get("subIssues") or {}).get("nodes") or []) if n and "number" in n]
        # sub-issues in another repository would need that repository's signals: left to its own search
        tasks.setdefault(name.lower(), []).extend(
            sub for sub in (parse.issue(n) for n in nodes if n.get("state") == "OPEN")
            if sub.repo.lower() == name.lower())
    return tasks


def _with_tasks(repo: Repo, tasks: dict[str, list[Issue]]) -> Repo:
    subs = tuple(tasks.get(repo.name_with_owner.lower(), ()))
    return repo.model_copy(update={"sub_issues": subs}) if subs else repo


def _halves(items: list[str], size: int) -> list[list[str]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


class Notices:
    """Collects what a source could not read, once per organisation or repository."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self._orgs: set[str] = set()

    def add(self, line: str) -> None:
        if line not in self.lines:
            self.lines.append(line)

    def refused(self, org: str | None, message: str, what: str = "issues") -> None:
        """An organisation (SAML SSO, IP allow list) refused the token: name it and say why."""
        key = (org or "").lower()
        if key in self._orgs:
            return
        self._orgs.add(key)
        whose = f"the {org} organisation" if org else "an organisation"
        self.add(f"skipped {what} from {whose}: {forbidden_reason(message)}")


@dataclass
class _Round:
    """One sliced search under way: the slices, what each returned, where each can read on."""

    asks: list[tuple[str, str]]
    first: int
    known: dict[str, Repo]
    got: dict[int, list[Issue]] = field(default_factory=dict)
    cursors: dict[int, str] = field(default_factory=dict)
    after: dict[int, str] = field(default_factory=dict)
    #: Slices GitHub gave up on even alone, and why (the last error).
    lost: int = 0
    error: QueryTimeout | None = None

    def count(self) -> int:
        return len({(i.repo, i.number) for found in self.got.values() for i in found})

    def merged(self, wanted: Sequence[str]) -> dict[str, list[Issue]]:
        return {q: newest_first(i for j, (query, _) in enumerate(self.asks) if query == q
                                for i in self.got.get(j, [])) for q in wanted}

    def short(self, cut: dict[str, list[Issue]], depth: int) -> list[int]:
        """Full slices whose unread issues would make the cut: newer than the oldest issue kept
        for their query, or wanted because the depth is not filled."""
        room = sum(len(v) for v in cut.values()) < depth
        short = []
        for j in self.cursors:
            kept = cut.get(self.asks[j][0]) or []
            oldest_read = min((i.created_at for i in self.got.get(j, [])), default=None)
            if oldest_read is not None and (room or (kept and oldest_read > kept[-1].created_at)):
                short.append(j)
        return short


class GraphQLSource:
    """Search and repository signals over GraphQL: the searches (sliced) and the person's history
    in one request, then every repository in one batch, each split only when GitHub's limits say so."""

    full_signals = True
    limits: tuple[str, ...] = ()
    reads_history = True

    #: Requests the REST fallback may spend when GraphQL's quota runs out part-way through the
    #: repositories: REST is a separate budget (5,000 an hour with a token); two requests a repository,
    #: so up to 100 repositories (chosen: a full run's worth, leaving most of the hour's REST quota).
    REST_FALLBACK_BUDGET = 200

    def __init__(self, client: GitHubClient, progress: Progress = _quiet, *, now: datetime | None = None) -> None:
        self.client = client
        self.progress = progress
        self.now = now
        self._notices = Notices()
        self._details: list[str] = []
        self._trackers: list[IssueRef] = []

    @property
    def notices(self) -> list[str]:
        return self._notices.lines

    @property
    def details(self) -> list[str]:
        return self._details

    def _detail(self, line: str) -> None:
        if line not in self._details:
            self._details.append(line)

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
        self._trackers = list(dict.fromkeys(trackers))
        if searches.slices or repos:
            issues, user = self._sliced(searches, kind, login, sorted(set(repos)), known)
        else:
            issues, user = self.search_many(list(searches.queries), searches.depth, history=kind, login=login)
        found = Found(issues=issues, repos=known)
        if user and not (login is None and is_app_login(user.get("login"))):
            found.history = history_from_graphql(user, (now or datetime.now(timezone.utc)) - HISTORY_WINDOW)
            found.history_read = True
        return found

    def _sliced(
        self, searches: Searches, history: str | None, login: str | None, repos: list[str], known: dict[str, Repo],
    ) -> tuple[dict[str, list[Issue]], dict[str, Any] | None]:
        """Every slice of every query as one aliased ``search`` of one document, none waiting for
        another's cursor; then each query's slices merged newest first and the depth shared fairly."""
        asks = [(q, text) for q in searches.queries for text in searches.slices.get(q) or [q]]
        state = _Round(asks=asks, first=max(1, min(PAGE, searches.depth)), known=known)
        user, _ = self._round(state, list(range(len(asks))), history, login, repos)
        merged = state.merged(searches.queries)
        more = state.short(fair_cut(merged, searches.depth), searches.depth)
        if more:  # a slice filled up where the depth still wanted its older issues: one more round
            self._detail(f"{plural(len(more), 'search slice')} held more than a page; read on in one more request")
            state.after, state.cursors = dict(state.cursors), {}
            self._round(state, more, None, None, [])
            merged = state.merged(searches.queries)
        if state.error is not None:  # never "nothing found" when GitHub did not answer
            if not state.count() and isinstance(state.error, OverResourceLimits):
                raise OverResourceLimits("GitHub's GraphQL resource limits refused to read the searches; "
                                         "try again later")
            if not state.count():
                raise state.error
            lost = f"GitHub gave up on {state.lost} of {plural(len(asks), 'search')} even in smaller requests"
            self._notices.add(stopped_early(lost, state.count()))
        self.progress(f"searched {sum(len(v) for v in merged.values())} issues")
        return fair_cut(merged, searches.depth), user

    def _round(
        self, state: _Round, idx: list[int], history: str | None, login: str | None, repos: list[str],
        depth: int = 0,
    ) -> tuple[dict[str, Any] | None, bool]:
        """Ask the slices ``idx`` (with the history and ``repos``) in one document: (the history,
        whether anything came back). What is over GitHub's node limit, or what GitHub gives up on
        (a timeout, its resource limits), is asked again in smaller documents, ``MAX_SPLITS`` deep."""
        variables: dict[str, Any] = {}
        for i, j in enumerate(idx):
            variables.update({f"q{i}": state.asks[j][1], f"f{i}": state.first, f"a{i}": state.after.get(j)})
        for i, name in enumerate(repos):
            owner, _, repo_name = name.partition("/")
            variables.update({f"o{i}": owner, f"n{i}": repo_name})
        if history == "user":
            variables["login"] = login
        trackers = self._trackers_in(repos)
        variables.update(_tracker_variables(trackers))
        document = queries.multi_search_query(len(idx), history, len(repos), len(trackers))
        parts = len(idx) + len(repos) + bool(history)
        if parts > 1 and node_count(document, variables) > NODE_LIMIT:
            self._detail(f"{parts} searches and repositories ask for more than GitHub's {NODE_LIMIT:,} nodes: "
                         "sent in smaller requests")
            return self._split(state, idx, history, login, repos, depth)
        try:
            result = self.client.graphql(document, variables, kind="search")
            result.refuse_if_over_limits([f"s{i}" for i in range(len(idx))], "the searches")
        except QueryTimeout as error:  # a timeout, or nothing of it fit GitHub's resource limits
            if parts > 1 and depth < MAX_SPLITS:
                self._detail(f"GitHub gave up on {plural(parts, 'search or repository', 'searches and repositories')} "
                             f"in one request ({error.message}); asked again in smaller requests")
                return self._split(state, idx, history, login, repos, depth)
            state.lost, state.error = state.lost + len(idx), error
            return None, False  # a repository or history left unread here is read again on its own
        except RateLimitError as error:
            if not state.count():
                raise
            self._notices.add(stopped_early(error.message, state.count()))
            return None, False
        names = {f"r{i}": name for i, name in enumerate(repos)}
        self._note_refusals(result, names)
        tasks = _sub_issues(result, trackers)
        for alias in names:
            node = result.data.get(alias)
            if node:
                repo = _with_tasks(parse.repo(node), tasks)
                state.known[repo.name_with_owner] = repo
        retry: list[int] = []
        stopped = result.limited()
        for i, j in enumerate(idx):
            block = result.data.get(f"s{i}")
            if block:
                nodes = [parse.issue(n) for n in block.get("nodes") or [] if n and "number" in n]
                state.got[j] = [*state.got.get(j, []), *nodes]
                page = block.get("pageInfo") or {}
                if page.get("hasNextPage") and page.get("endCursor") and nodes:
                    state.cursors[j] = str(page["endCursor"])
            elif f"s{i}" in result.failed():
                retry.append(j)
        if stopped:
            self._notices.add(stopped_early(f"GitHub's rate limit stopped {plural(len(stopped), 'part')} of a request",
                                            state.count()))
        user = result.data.get("me") if history else None
        if retry and depth < MAX_SPLITS:
            self._detail(f"{plural(len(retry), 'search')} did not fit GitHub's resource limits in one "
                         "request; asked again in smaller ones")
            self._split(state, retry, None, None, [], depth)
        elif retry:
            state.lost += len(retry)
            state.error = OverResourceLimits("GitHub's GraphQL resource limits refused to read the searches; "
                                             "try again later")
        return user, True

    def _split(
        self, state: _Round, idx: list[int], history: str | None, login: str | None, repos: list[str],
        depth: int,
    ) -> tuple[dict[str, Any] | None, bool]:
        """Smaller documents, each with fewer parts than the one GitHub refused: the searches in two
        halves (the history with the first, the repositories with the second), else one part each.
        When the first half of the whole document comes back with nothing even in quarters, GitHub is
        refusing more than size: the second half is not asked."""
        if len(idx) > 1:
            half = (len(idx) + 1) // 2
            pieces = [(idx[:half], history, []), (idx[half:], None, repos)]
        elif idx:
            pieces = [(idx, None, []), ([], history, repos)]
        elif history:
            pieces = [([], history, []), ([], None, repos)]
        else:
            half = (len(repos) + 1) // 2
            pieces = [([], None, repos[:half]), ([], None, repos[half:])]
        pieces = [p for p in pieces if p[0] or p[1] or p[2]]
        user, ok = None, False
        for n, (part, part_history, part_repos) in enumerate(pieces):
            if n and not ok and depth == 0:  # the first half came back with nothing: do not ask the rest
                state.lost += len(part)
                break
            answer, ok = self._round(state, part, part_history, login, part_repos, depth + 1)
            user = user if part_history is None else answer
        return user, ok

    def search(self, query: str, max_results: int) -> list[Issue]:
        """Pages of one search; a page GitHub gives up on is asked again once, half as long."""
        issues: list[Issue] = []
        after: str | None = None
        limit = min(max_results, SEARCH_RESULT_CAP)
        while len(issues) < limit:
            first = min(100, limit - len(issues))
            variables = {"query": query, "first": first, "after": after}
            try:
                try:
                    result = self._search_page(variables)
                except QueryTimeout:
                    try:
                        result = self._search_page({**variables, "first": max(1, first // 2)})
                    except QueryTimeout as error:
                        if not issues:
                            raise
                        self._notices.add(stopped_early(f"GitHub gave up on a search twice ({error.message})",
                                                        len(issues)))
                        break
            except RateLimitError as error:  # a quota or the run's deadline: keep what was found
                if not issues:
                    raise
                self._notices.add(stopped_early(error.message, len(issues)))
                break
            self._note_refusals(result)
            found = result.data.get("search") or {}
            nodes = [n for n in found.get("nodes") or [] if n and "number" in n]
            issues.extend(parse.issue(n) for n in nodes)
            page = found.get("pageInfo") or {}
            self.progress(f"searched {len(issues)} of {plural(found.get('issueCount', len(issues)), 'issue')}")
            if not page.get("hasNextPage") or not nodes:
                break
            after = page.get("endCursor")
        return issues

    def _search_page(self, variables: dict[str, Any]) -> GraphQLResult:
        result = self.client.graphql(queries.SEARCH_ISSUES, variables, kind="search")
        result.refuse_if_over_limits(["search"], "the search")
        return result

    def search_many(
        self, wanted: Sequence[str], depth: int, *, history: str | None = None, login: str | None = None,
    ) -> tuple[dict[str, list[Issue]], dict[str, Any] | None]:
        """Run several searches together, ``depth`` results in all, in as few round trips as possible.

        Each round is one GraphQL document with an aliased ``search`` per query still wanting more
        (and, in the first round, the person's history when ``history`` is "viewer" or "user"). The
        depth is shared fairly: every query gets an equal share; what a query cannot fill (a rare
        label) goes to the queries that have more. Returns results per query and the history node.
        """
        found: dict[str, list[Issue]] = {q: [] for q in wanted}
        cursor: dict[str, str | None] = dict.fromkeys(found)
        todo = list(found)
        user: dict[str, Any] | None = None
        pending_history = history
        timed_out = False
        while todo or pending_history:
            room = max(0, depth - sum(len(v) for v in found.values()))
            share = -(-room // len(todo)) if todo else 0
            asks = {q: min(100, share, SEARCH_RESULT_CAP - len(found[q])) for q in todo}
            if timed_out:  # GitHub gave up on this round once: ask again for half as much
                asks = {q: max(1, n // 2) if n > 0 else 0 for q, n in asks.items()}
            todo = [q for q in todo if asks[q] > 0]
            variables: dict[str, Any] = {}
            for i, q in enumerate(todo):
                variables.update({f"q{i}": q, f"f{i}": asks[q], f"a{i}": cursor[q]})
            if pending_history == "user":
                variables["login"] = login
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
            self._note_refusals(result)
            if pending_history:
                user = result.data.get("me")
                pending_history = None
            more: list[str] = []
            for i, q in enumerate(todo):
                block = result.data.get(f"s{i}") or {}
                nodes = [n for n in block.get("nodes") or [] if n and "number" in n]
                found[q].extend(parse.issue(n) for n in nodes)
                page = block.get("pageInfo") or {}
                if page.get("hasNextPage") and nodes:
                    cursor[q] = page.get("endCursor")
                    more.append(q)
            total = sum(len(v) for v in found.values())
            self.progress(f"searched {total} issues")
            todo = more if total < depth else []
        return found, user

    def _note_refusals(self, result: GraphQLResult, names: dict[str, str] | None = None) -> None:
        """FORBIDDEN errors: the org comes from the alias we asked for, or from GitHub's words."""
        for err in result.forbidden():
            message = str(err.get("message", ""))
            alias = str((err.get("path") or [""])[0])
            name = (names or {}).get(alias)
            org = name.split("/")[0] if name else org_of_refusal(message)
            self._notices.refused(org, message)

    def repos(self, names: Iterable[str], trackers: Sequence[IssueRef] = ()) -> dict[str, Repo]:
        """Repositories in batches; what does not fit GitHub's resource limits is asked again in
        halves, down to one, and a repository that still fails is ranked without its signals.

        ``trackers`` are tracking issues the search found: their sub-issues come in the same
        request as their repository (``Repo.sub_issues``).
        """
        wanted = sorted(set(names))
        found: dict[str, Repo] = {}
        self._trackers = list(dict.fromkeys(trackers))
        for batch in _halves(wanted, repo_batch_size()):
            try:
                self._read_repos(batch, found, timed_out=False)
            except RateLimitError as error:  # a quota or the run's deadline: keep what was read
                if not isinstance(error, DeadlineExceeded):  # GraphQL's quota, not the run's time
                    found.update(self._through_rest([n for n in wanted if n not in found], len(wanted)))
                _keep_the_rest(wanted, found, self._notices, error)
                break
            self.progress(f"read {len(found)} of {plural(len(wanted), 'repository')}")
        return found

    def _through_rest(self, names: list[str], wanted: int) -> dict[str, Repo]:
        """GraphQL's quota ran out part-way: read the repositories left through REST, a separate
        budget, as the tokenless path does (metadata and recent comments: claims and maintainer
        answers; no response times or merge rates), and say which signals are missing."""
        rest = RestSource(self.client, self.progress, budget=self.REST_FALLBACK_BUDGET, now=self.now)
        try:
            got = rest.repos(names)
        except (RateLimitError, ForbiddenError):
            return {}
        read = {name: repo for name, repo in got.items() if repo.comments_since is not None}
        if read:
            self._notices.add(
                f"GitHub's GraphQL rate limit ran out after {wanted - len(names)} of {wanted} repositories; read "
                f"{len(read)} more through REST (a separate budget): for those, claims and maintainer answers come "
                "from recent comments, and response times and merge rates are missing"
            )
        for line in rest.notices:
            self._notices.add(line)
        return read

    def _read_repos(self, batch: list[str], found: dict[str, Repo], *, timed_out: bool) -> None:
        variables: dict[str, Any] = {}
        for i, name in enumerate(batch):
            owner, _, repo_name = name.partition("/")
            variables[f"o{i}"], variables[f"n{i}"] = owner, repo_name
        trackers = self._trackers_in(batch)
        variables.update(_tracker_variables(trackers))
        smaller = max(1, -(-len(batch) // 2))
        try:
            result = self.client.graphql(queries.repo_batch_query(len(batch), len(trackers)), variables,
                                         kind="repo")
        except QueryTimeout:
            if timed_out or len(batch) == 1:  # asked once more already: give up on these
                for name in batch:
                    self._without_signals(name, found, "GitHub timed out reading it")
                return
            self._detail(f"GitHub gave up on {plural(len(batch), 'repository')} in one request (it may have "
                         "timed out); asked again in two")
            for part in _halves(batch, smaller):
                self._read_repos(part, found, timed_out=True)
            return
        aliases = {f"r{i}": name for i, name in enumerate(batch)}
        self._note_refusals(result, aliases)
        failed, stopped = result.failed(), result.limited()
        retry: list[str] = []
        tasks = _sub_issues(result, trackers)
        for alias, name in aliases.items():
            node = result.data.get(alias)
            if node:
                repo = _with_tasks(parse.repo(node), tasks)
                found[repo.name_with_owner] = repo
            elif alias in failed:
                retry.append(name)
            elif alias in stopped:
                self._without_signals(name, found, "GitHub's rate limit stopped the request part-way")
        if not retry:
            return
        if len(batch) == 1:
            self._without_signals(retry[0], found, "it exceeds GitHub's GraphQL resource limits")
            return
        self._detail(f"{plural(len(retry), 'repository')} did not fit GitHub's resource limits in one request; "
                     "asked again in smaller ones")
        for part in _halves(retry, max(1, -(-len(retry) // 2))):
            self._read_repos(part, found, timed_out=timed_out)

    def _trackers_in(self, batch: Sequence[str]) -> list[IssueRef]:
        """The tracking issues in ``batch``'s repositories (none on a server without sub-issues)."""
        inside = {name.lower() for name in batch}
        return [] if self.client.pre_2026 else [ref for ref in self._trackers if ref[0].lower() in inside]

    def _without_signals(self, name: str, found: dict[str, Repo], why: str) -> None:
        found[name] = _unread(name)
        self._notices.add(f"ranked issues in {name} without its activity signals: {why}")

    def issues(self, refs: Sequence[IssueRef], *, fresh: bool = False) -> dict[IssueRef, Issue | None]:
        """Re-read issues by number; None for one that no longer exists (deleted or transferred).

        ``fresh`` asks GitHub rather than the cache: a re-check must see what changed minutes ago.
        """
        found: dict[IssueRef, Issue | None] = {}
        size = queries.ISSUE_BATCH_SIZE
        for start in range(0, len(refs), size):
            batch = list(refs[start : start + size])
            variables: dict[str, Any] = {}
            for i, (name, number) in enumerate(batch):
                owner, _, repo_name = name.partition("/")
                variables.update({f"o{i}": owner, f"n{i}": repo_name, f"i{i}": number})
            try:
                result = self.client.graphql(
                    queries.issue_batch_query(len(batch)), variables, kind="issue", fresh=fresh
                )
            except DeadlineExceeded as error:  # the rest stay unchecked, reported next time
                self._notices.add(f"{error.message}; not every earlier issue was re-checked")
                break
            aliases = {f"r{i}": name for i, (name, _) in enumerate(batch)}
            self._note_refusals(result, aliases)
            # refused or too expensive now is not the same as gone: leave those unchecked
            refused = {str((e.get("path") or [""])[0]) for e in result.forbidden()} | result.failed()
            for i, ref in enumerate(batch):
                if f"r{i}" in refused:
                    continue
                node = (result.data.get(f"r{i}") or {}).get("issue")
                found[ref] = parse.issue(node) if node else None
        return found


class RestSource:
    """The tokenless path: REST search, then per repository its metadata and newest comments.

    Without a token GitHub allows 60 requests an hour (and a 304 still counts). Each repository
    costs two requests: ``/repos/{o}/{r}`` (archived, language, topics, ``pushed_at``) and
    ``/repos/{o}/{r}/issues/comments?since=...&sort=created&direction=desc&per_page=100`` (claims and
    maintainer answers on every issue at once). Repositories are read in the order given until the
    run's ``budget`` is spent; the others are known by name only.
    """

    full_signals = False
    limits: tuple[str, ...] = TOKEN_ADDS
    reads_history = False

    #: Requests one tokenless run may spend of GitHub's 60 an hour: the rest stay for a rerun
    #: within the hour or a history search (chosen).
    BUDGET = 48
    #: Requests each repository costs.
    PER_REPO = 2
    #: Requests always left of the hour's quota (GitHub's ``X-RateLimit-Remaining``), so a second
    #: run within the hour reads fewer repositories instead of failing (chosen).
    RESERVE = 4
    #: How far back the comments listing reads: the shared activity window.
    COMMENTS_WINDOW = ACTIVITY_WINDOW

    def __init__(self, client: GitHubClient, progress: Progress = _quiet, *, budget: int = BUDGET,
                 now: datetime | None = None) -> None:
        self.client = client
        self.progress = progress
        self.budget = budget
        self.now = now or datetime.now(timezone.utc)
        self.start = client.stats["http_requests"]
        self.start_reused = client.stats["fresh_hits"]
        #: Repositories read in full (metadata and comments).
        self.read_repos = 0
        self._notices = Notices()

    @property
    def sent(self) -> int:
        """Requests this source has sent so far."""
        return self.client.stats["http_requests"] - self.start

    @property
    def reused(self) -> int:
        """Answers this source took from the cache without asking, being fresh enough."""
        return self.client.stats["fresh_hits"] - self.start_reused

    @property
    def used(self) -> int:
        """Answers read so far, sent or reused: what the run's budget counts, so a rerun within the
        hour reads the same repositories as the first run (from the cache, sending nothing)."""
        return self.sent + self.reused

    @property
    def notices(self) -> list[str]:
        return self._notices.lines

    @property
    def details(self) -> list[str]:
        return []

    def budget_note(self, repositories: int) -> str:
        """What was read, the budget used, and how to get a token."""
        again = f", reusing {plural(self.reused, 'answer')} from the last hour" if self.reused else ""
        # Only what a token would add: the other repositories only when some went unread.
        unread = repositories - self.read_repos
        adds = (f"response times, merge rates and all about the other {plural(unread, 'repository')}"
                if unread > 0 else "response times and merge rates")
        return (
            f"no GitHub token: read {self.read_repos} of {repositories} repositories in {self.sent} of the 60 "
            f"requests an hour GitHub allows without one{again}; a token would add {adds} (until then those "
            "parts stay at the usual rate: the scores are less certain, not lower; JSON `missing_signals` says "
            f"which each issue lacks); for all of it, {TOKEN_HOWTO}"
        )

    def snapshot(self, name: str, now: datetime) -> RepoSnapshot:
        return fetch_snapshot_rest(self.client, name, now)

    def find(self, searches: Searches, *, person: Person | None = None, now: datetime | None = None,
             repos: Iterable[str] = (), trackers: Sequence[IssueRef] = ()) -> Found:
        """REST search cannot batch: each query on its own, up to its share, slices unused (each
        would cost a request of the hour's 60). The history is not read here (two more searches)."""
        return Found(issues=search_each(self.search, searches, self._notices))

    def search(self, query: str, max_results: int) -> list[Issue]:
        pages = max(1, min(max_results, SEARCH_RESULT_CAP) // 100)
        issues: list[Issue] = []
        try:
            for page in self.client.iter_rest_pages("/search/issues", {"q": query}, max_pages=pages):
                issues.extend(parse.rest_issue(item) for item in page.get("items") or [] if item)
                if page.get("incomplete_results"):
                    self._notices.add(
                        "GitHub's search ran out of time and says its results are incomplete; "
                        "some matching issues may be missing (try again later)"
                    )
                self.progress(f"searched {plural(len(issues), 'issue')}")
        except RateLimitError as error:  # a quota or the run's deadline: keep the pages read
            if not issues:
                raise
            self._notices.add(stopped_early(error.message, len(issues)))
        return issues[:max_results]

    def _comments(self, name: str) -> tuple[tuple[RepoComment, ...], datetime]:
        # Midnight, so reruns on the same day ask the same question and can be answered by ETag.
        since = (self.now - self.COMMENTS_WINDOW).replace(hour=0, minute=0, second=0, microsecond=0)
        body = self.client.rest(
            f"/repos/{name}/issues/comments",
            {"since": since.strftime("%Y-%m-%dT%H:%M:%SZ"), "sort": "created", "direction": "desc",
             "per_page": 100},
        )
        found = (parse.rest_repo_comment(item) for item in body or [] if isinstance(item, dict))
        return tuple(c for c in found if c is not None), since

    def repos(self, names: Iterable[str], trackers: Sequence[IssueRef] = ()) -> dict[str, Repo]:
        found: dict[str, Repo] = {}
        wanted = list(dict.fromkeys(names))
        skipped: list[str] = []
        for name in wanted:
            left = self.client.remaining.get("core")
            if self.used + self.PER_REPO > self.budget or (left is not None and left < self.PER_REPO + self.RESERVE):
                skipped.append(name)
                continue
            try:
                repo = parse.rest_repo(self.client.rest(f"/repos/{name}"))
                comments, since = self._comments(name)
            except NotFoundError:
                continue
            except RateLimitError as error:  # a quota or the run's deadline: keep what was read
                _keep_the_rest(wanted, found, self._notices, error)
                return found
            except ForbiddenError as error:
                self._notices.refused(error.org or name.split("/")[0], error.message)
                continue
            found[name] = repo.model_copy(update={"recent_comments": comments, "comments_since": since})
            self.read_repos += 1
            self.progress(f"read {plural(len(found), 'repository')}")
        for name in skipped:
            found[name] = _unread(name)
        return found

    def issues(self, refs: Sequence[IssueRef], *, fresh: bool = False) -> dict[IssueRef, Issue | None]:
        """Re-read issues one by one; a deleted one (410 Gone) or a missing one is None.

        ``fresh`` asks GitHub even when the cache holds a recent answer.
        """
        found: dict[IssueRef, Issue | None] = {}
        for name, number in refs:
            try:
                body = self.client.rest(f"/repos/{name}/issues/{number}", fresh=fresh)
                found[(name, number)] = parse.rest_issue(body)
            except NotFoundError:
                found[(name, number)] = None
            except ForbiddenError as error:
                self._notices.refused(error.org or name.split("/")[0], error.message)
        return found
