"""The tokenless path: REST search, then per repository its metadata and newest comments,
within the 60 requests an hour GitHub allows without a token."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timezone

from ossmatch.errors import ForbiddenError, NotFoundError, RateLimitError
from ossmatch.github import parse
from ossmatch.github.client import GitHubClient
from ossmatch.github.snapshot_rest import TOKEN_ADDS, fetch_snapshot_rest
from ossmatch.github.sources.shared import (
    SEARCH_RESULT_CAP,
    Found,
    IssueRef,
    Notices,
    Person,
    Progress,
    Searches,
    keep_the_rest,
    quiet,
    search_each,
    stopped_early,
    unread,
)
from ossmatch.models import Issue, Repo, RepoComment
from ossmatch.render.wording import plural
from ossmatch.repo_facts import RepoSnapshot
from ossmatch.vocabulary import ACTIVITY_WINDOW

#: How to get a token in one step, said once on a tokenless run.
TOKEN_HOWTO = (
    "run `gh auth login` (ossmatch then asks `gh auth token`), or create a fine-grained token with no "
    "permissions at https://github.com/settings/personal-access-tokens/new and set GITHUB_TOKEN"
)


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

    def __init__(self, client: GitHubClient, progress: Progress = quiet, *, budget: int = BUDGET,
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
        return self._notices.details

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
                keep_the_rest(wanted, found, self._notices, error)
                return found
            except ForbiddenError as error:
                self._notices.refused(error.org or name.split("/")[0], error.message)
                continue
            found[name] = repo.model_copy(update={"recent_comments": comments, "comments_since": since})
            self.read_repos += 1
            self.progress(f"read {plural(len(found), 'repository')}")
        for name in skipped:
            found[name] = unread(name)
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
