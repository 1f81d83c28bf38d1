"""Fetch one ``RepoSnapshot``: one GraphQL query for nearly everything, REST for the rest.

Many files come in a single request as aliased ``object(expression: "HEAD:path")`` lookups; the
owner's ``.github`` repository rides along for the organisation-wide defaults GitHub applies.
Only when a repository names its beginner label unusually, or has a long merge history, does a
follow-up query run.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from ossmatch.errors import GitHubError, MalformedResponse, NotFoundError
from ossmatch.github import parse
from ossmatch.github.client import GitHubClient
from ossmatch.github.fragments import (
    ACTOR,
    AVAILABILITY,
    SINCE_2026,
    TRIAGE,
    CommentEnd,
    issue_fragment,
    recent_pulls,
)
from ossmatch.github.merge_history import merge_history
from ossmatch.github.repo_documents import GIT_OBJECTS, objects, read_documents
from ossmatch.models import Issue
from ossmatch.repo_facts import (
    LISTED_FOLDERS,
    ORG_DIRECTORIES,
    ORG_FILE_PATHS,
    REPO_DIRECTORIES,
    REPO_FILE_PATHS,
    CommitActivity,
    CommunityProfile,
    RepoSnapshot,
)
from ossmatch.vocabulary import ACTIVITY_WINDOW, BEGINNER_SEARCH_LABELS, is_beginner_label

#: Look-back of the activity the checks judge ("last 90 days"): the shared window.
ACTIVITY_DAYS = ACTIVITY_WINDOW.days


#: The audit reads an issue's first comments: whether, and how fast, someone first replied.
SNAPSHOT_COMMENTS: tuple[CommentEnd, int] = ("first", 10)

_BEGINNER_LINES = (
    "...SnapshotIssue", *AVAILABILITY, f"subIssues(first: 10) {{ nodes {{ number state }} }}  {SINCE_2026}",
)

SNAPSHOT_ISSUE = (
    issue_fragment("SnapshotIssue", *SNAPSHOT_COMMENTS, TRIAGE)
    + "\nfragment BeginnerIssue on Issue {\n" + "".join(f"  {line}\n" for line in _BEGINNER_LINES) + "}\n"
)

#: The snapshot: metadata, files, labels, issues, pull requests, merges and commits.
SNAPSHOT_QUERY = (
    f"""
query RepoSnapshot($owner: String!, $name: String!, $since: GitTimestamp!, $beginnerLabels: [String!]) {{
  rateLimit {{ cost remaining resetAt limit }}
  repository(owner: $owner, name: $name) {{
    nameWithOwner url description stargazerCount isArchived isDisabled isFork createdAt pushedAt
    pullRequestCreationPolicy hasPullRequestsEnabled  {SINCE_2026}
    primaryLanguage {{ name }}
    languages(first: 10, orderBy: {{field: SIZE, direction: DESC}}) {{ nodes {{ name }} }}
    repositoryTopics(first: 20) {{ nodes {{ topic {{ name }} }} }}
    licenseInfo {{ spdxId }}
    defaultBranchRef {{
      name
      target {{
        ... on Commit {{
          history(first: 100, since: $since) {{ totalCount nodes {{ author {{ user {{ login }} }} }} }}
        }}
      }}
    }}
    labels(first: 100) {{ totalCount nodes {{ name description }} }}
    beginnerIssues: issues(first: 50, states: OPEN, labels: $beginnerLabels,
                           orderBy: {{field: UPDATED_AT, direction: DESC}}) {{
      totalCount nodes {{ ...BeginnerIssue }}
    }}
    openIssues: issues(first: 50, states: OPEN, orderBy: {{field: UPDATED_AT, direction: DESC}}) {{
      nodes {{ ...SnapshotIssue }}
    }}
    recentIssues: issues(first: 50, orderBy: {{field: CREATED_AT, direction: DESC}}) {{
      nodes {{ ...SnapshotIssue }}
    }}
    {recent_pulls(50, 10)}
    mergedPulls: pullRequests(first: 100, states: MERGED,
                              orderBy: {{field: CREATED_AT, direction: DESC}}) {{
      pageInfo {{ hasNextPage endCursor }}
      nodes {{ number createdAt mergedAt authorAssociation author {{ {ACTOR} }} }}
    }}
{objects(REPO_FILE_PATHS, "f", "FileBlob")}
{objects(REPO_DIRECTORIES, "d", "DirTree")}
{objects(LISTED_FOLDERS, "l", "Listing")}
  }}
  org: repository(owner: $owner, name: ".github") {{
{objects(ORG_FILE_PATHS, "f", "FileBlob")}
{objects(ORG_DIRECTORIES, "d", "DirTree")}
{objects(LISTED_FOLDERS, "l", "Listing")}
  }}
}}
"""
    + SNAPSHOT_ISSUE
    + GIT_OBJECTS
)

#: Open issues under beginner labels the first request did not name.
BEGINNER_ISSUES_QUERY = (
    """
query BeginnerIssues($owner: String!, $name: String!, $labels: [String!]) {
  rateLimit { cost remaining resetAt limit }
  repository(owner: $owner, name: $name) {
    issues(first: 50, states: OPEN, labels: $labels, orderBy: {field: UPDATED_AT, direction: DESC}) {
      totalCount nodes { ...BeginnerIssue }
    }
  }
}
"""
    + SNAPSHOT_ISSUE
)


def _commits(branch: dict[str, Any] | None, since: datetime) -> CommitActivity | None:
    history = ((branch or {}).get("target") or {}).get("history")
    if history is None:
        return None
    authors = {
        ((n.get("author") or {}).get("user") or {}).get("login") for n in parse.nodes(history)
    }
    return CommitActivity(since=since, count=int(history.get("totalCount") or 0),
                          authors=tuple(sorted(a for a in authors if a)))


def community_profile(client: GitHubClient, owner: str, name: str) -> CommunityProfile | None:
    """GitHub's community profile, or None where GitHub does not offer one (private repos)."""
    try:
        data = client.rest(f"/repos/{owner}/{name}/community/profile")
    except (NotFoundError, MalformedResponse):
        return None
    if not isinstance(data, dict):
        return None
    files = data.get("files") or {}
    return CommunityProfile(
        health_percentage=data.get("health_percentage"),
        **{key: bool(files.get(key)) for key in (
            "code_of_conduct", "contributing", "issue_template", "pull_request_template",
            "license", "readme")},
    )


def _total(conn: dict[str, Any] | None) -> int:
    return int((conn or {}).get("totalCount") or 0)


def _beginner_issues(client: GitHubClient, owner: str, name: str, repo: dict[str, Any],
                     label_names: list[str]) -> tuple[tuple[Issue, ...], int]:
    """Issues under the first request's label names, plus any beginner label it did not name,
    and GitHub's total count of them (the pages hold at most 50 each)."""
    full = repo["nameWithOwner"]
    total = _total(repo.get("beginnerIssues"))
    issues = {i.number: i for i in (
        parse.issue(n, full) for n in parse.nodes(repo.get("beginnerIssues")))}
    asked = {label.casefold() for label in BEGINNER_SEARCH_LABELS}  # GitHub ignores case in names
    extra = [n for n in label_names
             if is_beginner_label(n) and n.casefold() not in asked]  # other spellings: asked again
    if extra:
        result = client.graphql(BEGINNER_ISSUES_QUERY,
                                {"owner": owner, "name": name, "labels": extra}, kind="snapshot")
        conn = ((result.data.get("repository") or {}).get("issues")) or {}
        issues.update((i.number, i) for i in (parse.issue(n, full) for n in parse.nodes(conn)))
        total += _total(conn)  # an issue under two beginner labels of both sets counts twice
    ordered = tuple(sorted(issues.values(), key=lambda i: i.updated_at, reverse=True))
    return ordered, max(total, len(ordered))


def window_start(now: datetime) -> datetime:
    """The start of the activity window, at midnight UTC: the query (and so its cache key) stays
    the same all day, and a re-run within the cache's freshness sends no GraphQL request. The checks
    still judge against the exact ``now``; the extra hours only widen what is fetched."""
    day = now.astimezone(timezone.utc).replace(hour=0, minute=0, second=0, microsecond=0)
    return day - timedelta(days=ACTIVITY_DAYS)


def fetch_snapshot(client: GitHubClient, full_name: str, now: datetime) -> RepoSnapshot:
    """Everything the audit needs about ``owner/name``; NotFoundError if it does not exist."""
    owner, _, name = full_name.partition("/")
    since = window_start(now)
    result = client.graphql(
        SNAPSHOT_QUERY,
        {"owner": owner, "name": name, "since": since.isoformat(),
         "beginnerLabels": list(BEGINNER_SEARCH_LABELS)},
        kind="snapshot",
    )
    result.refuse_if_over_limits(["repository"], full_name)
    repo = result.data.get("repository")
    if not repo:
        raise NotFoundError(f"repository {full_name} was not found (or the token cannot see it)")
    resets = (result.data.get("rateLimit") or {}).get("resetAt")
    try:
        snapshot = _build(client, owner, name, repo, result.data.get("org"), now, since)
        return snapshot.model_copy(update={"quota_resets_at": parse.timestamp(resets)}) if resets else snapshot
    except (KeyError, TypeError, ValueError) as error:
        raise MalformedResponse(
            f"GitHub sent an unexpected snapshot for {full_name} ({type(error).__name__}: {error})"
        ) from None


def _build(client: GitHubClient, owner: str, name: str, repo: dict[str, Any],
           org: dict[str, Any] | None, now: datetime, since: datetime) -> RepoSnapshot:
    full = repo["nameWithOwner"]
    label_names = [n["name"] for n in parse.nodes(repo.get("labels"))]
    beginner, beginner_total = _beginner_issues(client, owner, name, repo, label_names)
    merged_conn = repo.get("mergedPulls") or {}
    merged, truncated = merge_history(client, owner, name, merged_conn, now)
    files, listing, directories = read_documents(client, owner, name, repo, org)
    try:
        community = community_profile(client, owner, name)
    except GitHubError as error:
        client.warn(f"community profile of {full} unavailable: {error.message}")
        community = None
    return RepoSnapshot(
        name_with_owner=full,
        url=repo["url"],
        fetched_at=now,
        archived=bool(repo.get("isArchived")),
        disabled=bool(repo.get("isDisabled")),
        is_fork=bool(repo.get("isFork")),
        pr_creation_policy=repo.get("pullRequestCreationPolicy"),
        pull_requests_enabled=repo.get("hasPullRequestsEnabled"),
        pushed_at=repo.get("pushedAt"),
        created_at=repo.get("createdAt"),
        license=(repo.get("licenseInfo") or {}).get("spdxId"),
        stars=int(repo.get("stargazerCount") or 0),
        default_branch=(repo.get("defaultBranchRef") or {}).get("name"),
        primary_language=(repo.get("primaryLanguage") or {}).get("name"),
        languages=tuple(n["name"] for n in parse.nodes(repo.get("languages"))),
        topics=tuple(n["topic"]["name"] for n in parse.nodes(repo.get("repositoryTopics"))),
        description=repo.get("description"),
        files=tuple(files),
        listing=listing,
        directories=tuple(directories),
        community=community,
        labels=tuple(parse.Label(name=n["name"], description=n.get("description"))
                     for n in parse.nodes(repo.get("labels"))),
        labels_total=_total(repo.get("labels")),
        beginner_issues=beginner,
        beginner_issues_total=beginner_total,
        open_issues=tuple(parse.issue(n, full) for n in parse.nodes(repo.get("openIssues"))),
        recent_issues=tuple(parse.issue(n, full) for n in parse.nodes(repo.get("recentIssues"))),
        recent_pulls=tuple(parse.pull_request(n, full) for n in parse.nodes(repo.get("recentPulls"))),
        merged_pulls=tuple(merged),
        merged_pulls_truncated=truncated,
        commits=_commits(repo.get("defaultBranchRef"), since),
    )
