"""A sliced search: every slice of every query, with the person's history and the repositories
already known, asked side by side in one GraphQL document, split only when GitHub's limits say so."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ossmatch.errors import OverResourceLimits, QueryTimeout, RateLimitError
from ossmatch.github import parse, queries
from ossmatch.github.client import GitHubClient
from ossmatch.github.graphql_result import GraphQLResult
from ossmatch.github.nodes import NODE_LIMIT, node_count
from ossmatch.github.sources.graphql_repos import RepoReader, answered_repos, tracker_variables
from ossmatch.github.sources.shared import (
    PAGE,
    IssueRef,
    Notices,
    Progress,
    Searches,
    fair_cut,
    newest_first,
    note_refusals,
    stopped_early,
)
from ossmatch.models import Issue, Repo
from ossmatch.render.wording import plural

#: A document GitHub gives up on is asked again as two halves, and those as quarters, no deeper:
#: past that GitHub is refusing more than size, and each try costs a round trip (chosen).
MAX_SPLITS = 2


@dataclass
class _Round:
    """One sliced search under way: the slices, what each returned, where each can read on."""

    asks: list[tuple[str, str]]
    first: int
    known: dict[str, Repo]
    #: Tracking issues the search found: their sub-issues come with their repository.
    trackers: list[IssueRef] = field(default_factory=list)
    got: dict[int, list[Issue]] = field(default_factory=dict)
    cursors: dict[int, str] = field(default_factory=dict)
    after: dict[int, str] = field(default_factory=dict)
    #: Slices GitHub gave up on even alone, and why (the last error).
    lost: int = 0
    error: QueryTimeout | None = None

    def count(self) -> int:
        return len({(i.repo, i.number) for found in self.got.values() for i in found})

    def absorb_repos(self, result: GraphQLResult, count: int, trackers: list[IssueRef]) -> None:
        """Take in the repositories answered as ``r0``, ``r1``..., with the sub-issues of the
        tracking issues in them."""
        for repo in answered_repos(result, [f"r{i}" for i in range(count)], trackers).values():
            self.known[repo.name_with_owner] = repo

    def absorb(self, result: GraphQLResult, idx: list[int]) -> list[int]:
        """Take in the slices ``idx`` answered as ``s0``, ``s1``...: their issues and where each can
        read on. Returns the slices GitHub's resource limits refused, to ask again in smaller documents."""
        retry: list[int] = []
        failed = result.failed()
        for i, j in enumerate(idx):
            block = result.data.get(f"s{i}")
            if block:
                issues, after = parse.issue_page(block)
                self.got[j] = [*self.got.get(j, []), *issues]
                if after:
                    self.cursors[j] = after
            elif f"s{i}" in failed:
                retry.append(j)
        return retry

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


def _variables(state: _Round, idx: list[int], history: str | None, login: str | None, repos: list[str],
               trackers: list[IssueRef]) -> dict[str, Any]:
    """The document's variables: each slice's query, page size and cursor, each repository's owner
    and name, the person's login and the tracking issues whose sub-issues ride along."""
    variables: dict[str, Any] = {}
    for i, j in enumerate(idx):
        variables.update({f"q{i}": state.asks[j][1], f"f{i}": state.first, f"a{i}": state.after.get(j)})
    for i, name in enumerate(repos):
        owner, _, repo_name = name.partition("/")
        variables.update({f"o{i}": owner, f"n{i}": repo_name})
    if history == "user":
        variables["login"] = login
    variables.update(tracker_variables(trackers))
    return variables


class SlicedSearch:
    """One sliced search under way, for ``GraphQLSource.find``."""

    def __init__(self, client: GitHubClient, notices: Notices, progress: Progress, reader: RepoReader) -> None:
        self.client = client
        self.progress = progress
        self._notices = notices
        self._reader = reader

    def run(
        self, searches: Searches, history: str | None, login: str | None, repos: list[str], known: dict[str, Repo],
        trackers: Sequence[IssueRef] = (),
    ) -> tuple[dict[str, list[Issue]], dict[str, Any] | None]:
        """Every slice of every query as one aliased ``search`` of one document, none waiting for
        another's cursor; then each query's slices merged newest first and the depth shared fairly.
        ``repos`` come into ``known``, with the sub-issues of the ``trackers`` in them."""
        asks = [(q, text) for q in searches.queries for text in searches.slices.get(q) or [q]]
        state = _Round(asks=asks, first=max(1, min(PAGE, searches.depth)), known=known,
                       trackers=list(dict.fromkeys(trackers)))
        user, _ = self._round(state, list(range(len(asks))), history, login, repos)
        merged = state.merged(searches.queries)
        more = state.short(fair_cut(merged, searches.depth), searches.depth)
        if more:  # a slice filled up where the depth still wanted its older issues: one more round
            self._notices.detail(
                f"{plural(len(more), 'search slice')} held more than a page; read on in one more request")
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
        trackers = self._reader.trackers_in(repos, state.trackers)
        document = queries.multi_search_query(len(idx), history, len(repos), len(trackers))
        variables = _variables(state, idx, history, login, repos, trackers)
        parts = len(idx) + len(repos) + bool(history)
        if parts > 1 and node_count(document, variables) > NODE_LIMIT:
            self._notices.detail(f"{parts} searches and repositories ask for more than GitHub's {NODE_LIMIT:,} "
                                 "nodes: sent in smaller requests")
            return self._split(state, idx, history, login, repos, depth)
        try:
            result = self.client.graphql(document, variables, kind="search")
            result.refuse_if_over_limits([f"s{i}" for i in range(len(idx))], "the searches")
        except QueryTimeout as error:  # a timeout, or nothing of it fit GitHub's resource limits
            if parts > 1 and depth < MAX_SPLITS:
                what = plural(parts, 'search or repository', 'searches and repositories')
                self._notices.detail(f"GitHub gave up on {what} in one request ({error.message}); "
                                     "asked again in smaller requests")
                return self._split(state, idx, history, login, repos, depth)
            state.lost, state.error = state.lost + len(idx), error
            return None, False  # a repository or history left unread here is read again on its own
        except RateLimitError as error:
            if not state.count():
                raise
            self._notices.add(stopped_early(error.message, state.count()))
            return None, False
        note_refusals(self._notices, result, {f"r{i}": name for i, name in enumerate(repos)})
        state.absorb_repos(result, len(repos), trackers)
        retry = state.absorb(result, idx)
        stopped = result.limited()
        if stopped:
            self._notices.add(stopped_early(f"GitHub's rate limit stopped {plural(len(stopped), 'part')} of a request",
                                            state.count()))
        user = result.data.get("me") if history else None
        if retry and depth < MAX_SPLITS:
            self._notices.detail(f"{plural(len(retry), 'search')} did not fit GitHub's resource limits in one "
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
