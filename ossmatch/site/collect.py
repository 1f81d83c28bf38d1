"""Fetch what a community portal shows, within a bounded number of requests.

Reuses the suggest pipeline: one issue search per group of repositories or organisations (GitHub's
search drops assigned, PR-linked, closed and archived for us), repository signals in batches of
about 25, and the audit snapshot per project while the request budget lasts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from ossmatch.audit.evaluate import AuditResult, evaluate
from ossmatch.errors import GitHubError, NotFoundError, OssmatchError, RateLimitError
from ossmatch.github.client import GitHubClient
from ossmatch.github.repo_search import repositories_with_topic
from ossmatch.github.sources import IssueSource, Searches, open_source
from ossmatch.models import Candidate, Repo
from ossmatch.site.config import Community
from ossmatch.suggest.filters import closed_door
from ossmatch.suggest.pipeline import gather
from ossmatch.suggest.plan import BASE_QUALIFIERS, BEGINNER_LABELS, MAX_OPERATORS, _labels, pack

Progress = Callable[[str], None]

#: GitHub does not support search queries longer than this many characters.
MAX_QUERY_LENGTH = 256
#: Labels per query: about half the beginner labels, leaving room for several ``repo:`` scopes.
LABEL_BUDGET = 110
#: Results read per search query (one GraphQL request per 100).
PER_QUERY = 300
#: Share of the budget the issue searches may use; the rest reads repositories and audits.
SEARCH_SHARE = 0.6
#: Searches sent together in one GraphQL document: one round trip, and far below GitHub's node limit.
SEARCHES_PER_REQUEST = 10
#: GraphQL points one search page usually costs (100 issues with labels, comments, PR links and, since
#: 2026, every assignee, blockers and the pull requests that mention them).
SEARCH_POINTS = 7
#: Requests one audit usually costs (snapshot query, community profile, sometimes one more page).
AUDIT_COST = 3
#: GraphQL points one audit usually costs (measured against GitHub's cost formula in the fake).
AUDIT_POINTS = 12


@dataclass
class Collected:
    candidates: list[Candidate]
    #: Every repository read, by ``owner/name``; archived ones are kept so the build can skip them.
    repos: dict[str, Repo]
    audits: dict[str, AuditResult] = field(default_factory=dict)
    contributing: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    queries: list[str] = field(default_factory=list)
    requests: int = 0
    #: GraphQL points spent (GitHub's cost of each query).
    points: int = 0
    #: Of ``requests``, answers revalidated by ETag (304): they cost no quota.
    not_modified: int = 0


def _scopes(group: list[str]) -> str:
    """``repo:``/``org:`` scopes OR-ed in parentheses: GitHub's issue search (since September 2025)
    ANDs repeated scope qualifiers written side by side, so ``repo:a/b repo:c/d`` would find nothing."""
    return group[0] if len(group) == 1 else "(" + " OR ".join(group) + ")"


def plan_queries(community: Community, topic_repos: tuple[str, ...] = ()) -> list[str]:
    """Issue searches covering the community: labels split in groups, scopes OR-ed six at a time
    (GitHub allows five operators) and packed to fit 256 characters."""
    tail = BASE_QUALIFIERS
    label_groups = pack(list(BEGINNER_LABELS), _labels, LABEL_BUDGET)
    repos = list(dict.fromkeys([*community.repositories, *topic_repos]))
    scopes = [f"repo:{r}" for r in repos] + [f"org:{o}" for o in community.organizations]
    longest = max(len(_labels(g)) for g in label_groups)
    room = MAX_QUERY_LENGTH - len(tail) - longest - 2
    heads = [_scopes(group) for group in pack(scopes, _scopes, room, MAX_OPERATORS + 1)]
    if community.query:
        heads.append(community.query)
    return [f"{head} {_labels(group)} {tail}" for head in heads for group in label_groups]


def _topic_repositories(community: Community, client: GitHubClient, warnings: list[str]) -> tuple[str, ...]:
    if not client.has_token:
        warnings.append("topics need a token (GitHub's repository search over GraphQL); set GITHUB_TOKEN")
        return ()
    found: list[str] = []
    for topic in community.topics:
        try:
            found += repositories_with_topic(client, topic, community.repos_per_topic)
        except GitHubError as error:
            warnings.append(f"could not search the topic {topic}: {error.message}")
    return tuple(dict.fromkeys(found))


def collect(community: Community, client: GitHubClient, now: datetime,
            progress: Progress = lambda _m: None) -> Collected:
    """Search, read repositories, audit while the budget lasts; GitHub failing part-way keeps what was read."""
    source = open_source(client, progress)
    warnings: list[str] = []
    if not source.full_signals:
        warnings.append("no GitHub token: fewer signals and no audits; set GITHUB_TOKEN for the full portal")
    topic_repos = _topic_repositories(community, client, warnings) if community.topics else ()
    queries = plan_queries(community, topic_repos)
    allowed = max(1, min(int(community.max_requests * SEARCH_SHARE) * SEARCHES_PER_REQUEST,
                         int(community.max_points * SEARCH_SHARE) // SEARCH_POINTS))
    if len(queries) > allowed:
        warnings.append(f"only {allowed} of {len(queries)} searches fit the budget (max_requests "
                        f"{community.max_requests}, max_points {community.max_points}): the repositories listed "
                        "last were not searched; name their organisations instead")
        queries = queries[:allowed]
    candidates = _search(source, queries, warnings)
    found = {c.repo.name_with_owner: c.repo for c in candidates}
    listed = [r for r in community.repositories if r not in found]
    repos = dict(found)
    if listed:
        try:
            repos.update(source.repos(listed))
        except GitHubError as error:
            warnings.append(f"could not read the listed repositories without issues: {error.message}")
    for name in listed:
        if name not in repos:
            warnings.append(f"{name} was not found on GitHub (or the token cannot see it)")
    collected = Collected(candidates=candidates, repos=repos, warnings=warnings, queries=queries)
    if community.audit and source.full_signals:
        _audit(collected, source, client, community, now, progress)
    collected.requests = client.stats["http_requests"]
    collected.not_modified = client.stats["not_modified"]
    collected.points = client.stats["graphql_cost"]
    return collected


def left_out(repo: Repo) -> str | None:
    """Why the portal does not list a repository ("archived", or why outsiders cannot open pull
    requests), or None. The portal is for visitors, so a door is judged as an outsider sees it,
    whatever the builder's own token may do there."""
    if repo.archived:
        return "archived"
    return closed_door(repo.model_copy(update={"viewer_permission": None}))


def _search(source: IssueSource, queries: list[str], warnings: list[str]) -> list[Candidate]:
    """The searches in documents of ``SEARCHES_PER_REQUEST``; a rate limit part-way keeps what was found."""
    candidates: list[Candidate] = []
    for start in range(0, len(queries), SEARCHES_PER_REQUEST):
        try:
            part = tuple(queries[start : start + SEARCHES_PER_REQUEST])
            # Unsliced: the site's budget counts points per search, and its searches are paged.
            searches = Searches(queries=part, depth=PER_QUERY * len(part), per_query=PER_QUERY)
            candidates += gather(source, searches, warnings=warnings)
        except RateLimitError as error:
            if not candidates:
                raise
            warnings.append(f"stopped searching early: {error.message}")
            break
    return candidates


def _over_budget(client: GitHubClient, community: Community) -> bool:
    return (client.stats["http_requests"] + AUDIT_COST > community.max_requests
            or client.stats["graphql_cost"] + AUDIT_POINTS > community.max_points)


def _audit(collected: Collected, source: IssueSource, client: GitHubClient, community: Community,
           now: datetime, progress: Progress) -> None:
    names = sorted(n for n, r in collected.repos.items() if left_out(r) is None)
    for index, name in enumerate(names, 1):
        if _over_budget(client, community):
            skipped = len(names) - index + 1
            collected.warnings.append(
                f"stopped auditing at the budget (max_requests {community.max_requests}, max_points "
                f"{community.max_points}): {skipped} of {len(names)} projects have no audit this time")
            return
        progress(f"auditing {name} ({index}/{len(names)})")
        try:
            snapshot = source.snapshot(name, now)
        except NotFoundError:
            collected.warnings.append(f"could not audit {name}: not found")
            continue
        except OssmatchError as error:
            collected.warnings.append(f"stopped auditing at {name}: {error.message}")
            return
        collected.audits[name] = evaluate(snapshot, now, with_candidates=False)
        guide = snapshot.document("contributing")  # wherever and however the audit found it
        if guide is not None and guide.source == "repo":
            collected.contributing[name] = f"{collected.repos[name].url}/blob/HEAD/{guide.path}"
