"""Issue sources: where candidate issues and repository facts come from.

``GraphQLSource`` is the full path (needs a token): few requests, all signals. ``RestSource`` is
the degraded path without a token: REST search and repository metadata, no activity signals.
Both satisfy ``IssueSource`` so the pipeline does not care which it has.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timezone
from typing import Any, Protocol

from ossmatch.errors import NotFoundError
from ossmatch.github import parse, queries
from ossmatch.github.client import GitHubClient
from ossmatch.models import Issue, Repo, RepoComment
from ossmatch.vocabulary import ACTIVITY_WINDOW

Progress = Callable[[str], None]
IssueRef = tuple[str, int]

#: GitHub's search stops at 1,000 results per query.
SEARCH_RESULT_CAP = 1000


class IssueSource(Protocol):
    full_signals: bool

    def search(self, query: str, max_results: int) -> list[Issue]: ...

    def repos(self, names: Iterable[str]) -> dict[str, Repo]: ...

    def issues(self, refs: Sequence[IssueRef]) -> dict[IssueRef, Issue | None]: ...


def _quiet(_message: str) -> None:
    return None


class GraphQLSource:
    """Search and repository signals over GraphQL: about 1 request per 100 issues or 25 repos."""

    full_signals = True

    def __init__(self, client: GitHubClient, progress: Progress = _quiet) -> None:
        self.client = client
        self.progress = progress

    def search(self, query: str, max_results: int) -> list[Issue]:
        issues: list[Issue] = []
        after: str | None = None
        limit = min(max_results, SEARCH_RESULT_CAP)
        while len(issues) < limit:
            first = min(100, limit - len(issues))
            result = self.client.graphql(
                queries.SEARCH_ISSUES, {"query": query, "first": first, "after": after}, kind="search"
            )
            found = result.data.get("search") or {}
            nodes = [n for n in found.get("nodes") or [] if n and "number" in n]
            issues.extend(parse.issue(n) for n in nodes)
            page = found.get("pageInfo") or {}
            self.progress(f"searched {len(issues)} of {found.get('issueCount', '?')} issues")
            if not page.get("hasNextPage") or not nodes:
                break
            after = page.get("endCursor")
        return issues

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
        while todo or pending_history:
            room = max(0, depth - sum(len(v) for v in found.values()))
            share = -(-room // len(todo)) if todo else 0
            asks = {q: min(100, share, SEARCH_RESULT_CAP - len(found[q])) for q in todo}
            todo = [q for q in todo if asks[q] > 0]
            variables: dict[str, Any] = {}
            for i, q in enumerate(todo):
                variables.update({f"q{i}": q, f"f{i}": asks[q], f"a{i}": cursor[q]})
            if pending_history == "user":
                variables["login"] = login
            if not todo and not pending_history:
                break
            result = self.client.graphql(queries.multi_search_query(len(todo), pending_history), variables,
                                         kind="search")
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

    def repos(self, names: Iterable[str]) -> dict[str, Repo]:
        wanted = sorted(set(names))
        found: dict[str, Repo] = {}
        size = queries.REPO_BATCH_SIZE
        for start in range(0, len(wanted), size):
            batch = wanted[start : start + size]
            variables: dict[str, Any] = {}
            for i, name in enumerate(batch):
                owner, _, repo_name = name.partition("/")
                variables[f"o{i}"], variables[f"n{i}"] = owner, repo_name
            result = self.client.graphql(queries.repo_batch_query(len(batch)), variables, kind="repo")
            for i in range(len(batch)):
                node = result.data.get(f"r{i}")
                if node:
                    repo = parse.repo(node)
                    found[repo.name_with_owner] = repo
            self.progress(f"read {len(found)} of {len(wanted)} repositories")
        return found

    def issues(self, refs: Sequence[IssueRef]) -> dict[IssueRef, Issue | None]:
        """Re-read issues by number; None for one that no longer exists (deleted or transferred)."""
        found: dict[IssueRef, Issue | None] = {}
        size = queries.ISSUE_BATCH_SIZE
        for start in range(0, len(refs), size):
            batch = list(refs[start : start + size])
            variables: dict[str, Any] = {}
            for i, (name, number) in enumerate(batch):
                owner, _, repo_name = name.partition("/")
                variables.update({f"o{i}": owner, f"n{i}": repo_name, f"i{i}": number})
            result = self.client.graphql(queries.issue_batch_query(len(batch)), variables, kind="issue")
            for i, ref in enumerate(batch):
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

    #: Requests one tokenless run may spend of GitHub's 60 an hour: the rest stay for a rerun
    #: within the hour or a history search (chosen).
    BUDGET = 48
    #: Requests each repository costs.
    PER_REPO = 2
    #: How far back the comments listing reads: the shared activity window.
    COMMENTS_WINDOW = ACTIVITY_WINDOW

    def __init__(self, client: GitHubClient, progress: Progress = _quiet, *, budget: int = BUDGET,
                 now: datetime | None = None) -> None:
        self.client = client
        self.progress = progress
        self.budget = budget
        self.now = now or datetime.now(timezone.utc)
        self.start = client.stats["http_requests"]
        #: Repositories read in full (metadata and comments).
        self.read_repos = 0

    @property
    def used(self) -> int:
        """Requests this source has sent so far."""
        return self.client.stats["http_requests"] - self.start

    def search(self, query: str, max_results: int) -> list[Issue]:
        pages = max(1, min(max_results, SEARCH_RESULT_CAP) // 100)
        issues: list[Issue] = []
        for page in self.client.rest_pages("/search/issues", {"q": query}, max_pages=pages):
            issues.extend(parse.rest_issue(item) for item in page.get("items") or [] if item)
            self.progress(f"searched {len(issues)} issues")
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

    def repos(self, names: Iterable[str]) -> dict[str, Repo]:
        found: dict[str, Repo] = {}
        wanted = list(dict.fromkeys(names))
        skipped: list[str] = []
        for name in wanted:
            if self.used + self.PER_REPO > self.budget:
                skipped.append(name)
                continue
            try:
                repo = parse.rest_repo(self.client.rest(f"/repos/{name}"))
                comments, since = self._comments(name)
            except NotFoundError:
                continue
            found[name] = repo.model_copy(update={"recent_comments": comments, "comments_since": since})
            self.read_repos += 1
            self.progress(f"read {len(found)} repositories")
        for name in skipped:
            found[name] = Repo(name_with_owner=name, url=f"https://github.com/{name}", has_activity=False)
        return found

    def issues(self, refs: Sequence[IssueRef]) -> dict[IssueRef, Issue | None]:
        found: dict[IssueRef, Issue | None] = {}
        for name, number in refs:
            try:
                found[(name, number)] = parse.rest_issue(self.client.rest(f"/repos/{name}/issues/{number}"))
            except NotFoundError:
                found[(name, number)] = None
        return found
