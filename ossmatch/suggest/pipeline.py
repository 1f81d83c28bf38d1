"""The suggest/digest pipeline: profile -> query plan -> fetch -> rank."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

from ossmatch.errors import GitHubError, NotAPerson, OssmatchError, RateLimitError
from ossmatch.github.client import GitHubClient
from ossmatch.github.sources import GraphQLSource, IssueSource, RestSource
from ossmatch.models import Candidate, ContributorHistory, Issue
from ossmatch.profile import Profile
from ossmatch.relationships import InProgress, in_progress
from ossmatch.suggest.plan import NEXT_STEPS_FIRST, plan_next_step_queries, plan_queries
from ossmatch.suggest.scoring import RankedIssue, rank

Progress = Callable[[str], None]



@dataclass
class SuggestResult:
    ranked: list[RankedIssue]
    candidates: int = 0
    repositories: int = 0
    warnings: list[str] = field(default_factory=list)
    full_signals: bool = True
    #: Whose history shaped the result (None: nobody's).
    me: str | None = None
    #: Found issues the person already opened or commented on: theirs to follow, not new finds.
    involved: list[RankedIssue] = field(default_factory=list)
    #: The person's open pull requests, longest-waiting first.
    in_progress: list[InProgress] = field(default_factory=list)
    #: Hints about what more ossmatch could do (a token, --me), for stderr.
    notes: list[str] = field(default_factory=list)

    @property
    def next_steps(self) -> list[RankedIssue]:
        return [r for r in self.ranked if r.next_step is not None]


def choose_source(client: GitHubClient, progress: Progress) -> IssueSource:
    return GraphQLSource(client, progress) if client.has_token else RestSource(client, progress)


def gather(
    source: IssueSource, queries: Iterable[str], *, per_query: int, warnings: list[str]
) -> list[Candidate]:
    """Run each query, de-duplicate, then read each distinct repository once.

    When the quota runs out part-way, keep what was found and say so instead of failing.
    """
    issues: dict[tuple[str, int], Issue] = {}
    try:
        for query in queries:
            for issue in source.search(query, per_query):
                issues.setdefault((issue.repo, issue.number), issue)
    except RateLimitError as error:
        if not issues:
            raise
        warnings.append(f"stopped searching early: {error.message}")
    try:
        repos = source.repos(issue.repo for issue in issues.values())
    except RateLimitError as error:
        raise OssmatchError(
            f"found {len(issues)} issues but could not read their repositories: {error.message}"
        ) from None
    return [Candidate(issue=i, repo=repos[i.repo]) for i in issues.values() if i.repo in repos]


def refresh_issues(client: GitHubClient, refs: list[tuple[str, int]]) -> dict[tuple[str, int], Issue | None]:
    """Re-read issues sent earlier from GitHub itself (not the cache), to tell which were closed,
    taken or deleted since; None if gone. Up to 100 issues per GraphQL request."""
    return choose_source(client, lambda _m: None).issues(refs, fresh=True)


@dataclass(frozen=True)
class Relations:
    """Whose history to read and which view of it: ``me`` None means the token's own user."""

    me: str | None = None
    next_only: bool = False
    mentored_only: bool = False


#: The note for runs that cannot know who the person is.
TOKEN_NOTE = (
    "set GITHUB_TOKEN (or pass --me LOGIN) to see next steps in projects you contributed to, "
    "issues you are already part of and your open pull requests"
)


def read_contributor(
    client: GitHubClient, relations: Relations, *, now: datetime, warnings: list[str], notes: list[str]
) -> ContributorHistory | None:
    """The person's history, or None when nobody is known; only an explicit ``--me`` may fail the run."""
    from ossmatch.github.history import read_history

    if relations.me is None and not client.has_token:
        notes.append(TOKEN_NOTE)
        return None
    try:
        history = read_history(client, relations.me, now=now)
    except NotAPerson as error:
        notes.append(error.message)
        return None
    except GitHubError as error:
        if relations.me is not None:
            raise
        warnings.append(f"could not read your GitHub history, so no next steps: {error.message}")
        return None
    if not history.complete:
        notes.append(
            "without a token your history comes from search: reviewers of your earlier work and "
            "review waits are not shown; set GITHUB_TOKEN for them"
        )
    return history


def arrange(ranked: list[RankedIssue], relations: Relations, limit: int) -> tuple[list[RankedIssue], list[RankedIssue]]:
    """(new finds, involved): next steps first (all with ``next_only``, else up to two), then by score."""
    involved = [r for r in ranked if r.involvement is not None]
    fresh = [r for r in ranked if r.involvement is None]
    if relations.mentored_only:
        fresh = [r for r in fresh if r.mentorship is not None]
    steps = [r for r in fresh if r.next_step is not None]
    if relations.next_only:
        return steps[:limit], involved
    first = steps[:NEXT_STEPS_FIRST]
    rest = [r for r in fresh if all(r is not f for f in first)]
    return (first + rest)[:limit], involved


def find_matches(
    client: GitHubClient,
    profile: Profile,
    *,
    now: datetime,
    limit: int = 10,
    per_query: int = 100,
    progress: Progress = lambda _m: None,
    relations: Relations | None = None,
) -> SuggestResult:
    """Search, fetch and rank: the whole ``suggest`` job, best matches first.

    With ``relations``, the person's history adds one request (two searches without a token) and
    at most one search over the projects that merged their work.
    """
    warnings: list[str] = []
    notes: list[str] = []
    source = choose_source(client, progress)
    if not source.full_signals:
        warnings.append(
            "no GitHub token: using REST search with fewer signals (no maintainer response times or "
            "claims); set GITHUB_TOKEN or GH_TOKEN for full ranking"
        )
    history = None
    if relations is not None:
        history = read_contributor(client, relations, now=now, warnings=warnings, notes=notes)
    step_queries = plan_next_step_queries(history, profile, now)
    if history is not None and not step_queries and relations is not None and relations.next_only:
        notes.append(f"{history.login} has no merged pull request in the last year, so there are no next steps yet")
    queries = [] if relations is not None and relations.next_only else plan_queries(profile, now)
    queries = [*step_queries, *queries]
    candidates = gather(source, queries, per_query=per_query, warnings=warnings) if queries else []
    warnings += source.notices
    ranked = rank(candidates, profile, now, history=history)
    chosen, involved = arrange(ranked, relations or Relations(), limit)
    return SuggestResult(
        ranked=chosen,
        candidates=len(candidates),
        repositories=len({c.repo.name_with_owner for c in candidates}),
        warnings=warnings,
        full_signals=source.full_signals,
        me=history.login if history is not None else None,
        involved=involved[:limit],
        in_progress=in_progress(history, now),
        notes=notes,
    )

