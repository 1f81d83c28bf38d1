"""Issue sources: where candidate issues and repository facts come from.

``GraphQLSource`` is the full path (needs a token): few requests, all signals. ``RestSource`` is
the degraded path without a token: REST search and repository metadata, no activity signals.
Both satisfy ``IssueSource`` so the pipeline does not care which it has.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timezone
from typing import Any, Protocol

from ossmatch.errors import DeadlineExceeded, ForbiddenError, NotFoundError, QueryTimeout, RateLimitError
from ossmatch.github import parse, queries
from ossmatch.github.client import GitHubClient, GraphQLResult, forbidden_reason, org_of_refusal
from ossmatch.models import Issue, Repo, RepoComment
from ossmatch.render.wording import plural
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


class IssueSource(Protocol):
    full_signals: bool
    @property
    def notices(self) -> list[str]:
        """Gaps in the answer the user should know of (a refused organisation, a repository read
        without its signals); the pipeline shows them as warnings."""
        ...

    def search(self, query: str, max_results: int) -> list[Issue]: ...

    def repos(self, names: Iterable[str], trackers: Sequence[IssueRef] = ()) -> dict[str, Repo]: ...

    def issues(self, refs: Sequence[IssueRef], *, fresh: bool = False) -> dict[IssueRef, Issue | None]: ...


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


class GraphQLSource:
    """Search and repository signals over GraphQL: about 1 request per 100 issues or 25 repos."""

    full_signals = True

    #: Requests the REST fallback may spend when GraphQL's quota runs out part-way through the
    #: repositories: REST is a separate budget (5,000 an hour with a token); two requests a repository,
    #: so up to 100 repositories (chosen: a full run's worth, leaving most of the hour's REST quota).
    REST_FALLBACK_BUDGET = 200

    def __init__(self, client: GitHubClient, progress: Progress = _quiet, *, now: datetime | None = None) -> None:
        self.client = client
        self.progress = progress
        self.now = now
        self._notices = Notices()
        self._trackers: list[IssueRef] = []

    @property
    def notices(self) -> list[str]:
        return self._notices.lines

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
        for batch in _halves(wanted, queries.REPO_BATCH_SIZE):
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
        inside = {name.lower() for name in batch}
        trackers = [] if self.client.pre_2026 else [
            ref for ref in self._trackers if ref[0].lower() in inside]
        for j, (name, number) in enumerate(trackers):
            owner, _, repo_name = name.partition("/")
            variables.update({f"to{j}": owner, f"tn{j}": repo_name, f"ti{j}": number})
        smaller = max(1, len(batch) // 2)
        try:
            result = self.client.graphql(queries.repo_batch_query(len(batch), len(trackers)), variables,
                                         kind="repo")
        except QueryTimeout:
            if timed_out or len(batch) == 1:  # asked once more already: give up on these
                for name in batch:
                    self._without_signals(name, found, "GitHub timed out reading it")
                return
            for part in _halves(batch, smaller):
                self._read_repos(part, found, timed_out=True)
            return
        aliases = {f"r{i}": name for i, name in enumerate(batch)}
        self._note_refusals(result, aliases)
        failed = result.failed()
        retry: list[str] = []
        tasks: dict[str, list[Issue]] = {}
        for j, (name, _) in enumerate(trackers):
            tracker = (result.data.get(f"t{j}") or {}).get("issue") or {}
            nodes = [n for n in ((tracker.get("subIssues") or {}).get("nodes") or []) if n and "number" in n]
            # sub-issues in another repository would need that repository's signals: left to its own search
            tasks.setdefault(name.lower(), []).extend(
                sub for sub in (parse.issue(n) for n in nodes if n.get("state") == "OPEN")
                if sub.repo.lower() == name.lower())
        for alias, name in aliases.items():
            node = result.data.get(alias)
            if node:
                repo = parse.repo(node)
                subs = tuple(tasks.get(name.lower(), ()))
                found[repo.name_with_owner] = repo.model_copy(update={"sub_issues": subs}) if subs else repo
            elif alias in failed:
                retry.append(name)
        if not retry:
            return
        if len(batch) == 1:
            self._without_signals(retry[0], found, "it exceeds GitHub's GraphQL resource limits")
            return
        for part in _halves(retry, smaller):
            self._read_repos(part, found, timed_out=timed_out)

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
