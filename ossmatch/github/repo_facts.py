"""Fetch one ``RepoSnapshot``: one GraphQL query for nearly everything, REST for the rest.

Many files come in a single request as aliased ``object(expression: "HEAD:path")`` lookups; the
owner's ``.github`` repository rides along for the organisation-wide defaults GitHub applies.
Only when a repository names its beginner label unusually, or has a long merge history, does a
follow-up query run.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from ossmatch.document_names import KINDS, Kind, is_agent_guide, pick
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
from ossmatch.models import Issue
from ossmatch.repo_facts import (
    LISTED_FOLDERS,
    ORG_DIRECTORIES,
    ORG_FILE_PATHS,
    REPO_DIRECTORIES,
    REPO_FILE_PATHS,
    CommitActivity,
    CommunityProfile,
    FileSource,
    MergedPull,
    RepoDirectory,
    RepoFile,
    RepoSnapshot,
    TreeEntry,
)
from ossmatch.vocabulary import ACTIVITY_WINDOW, BEGINNER_SEARCH_LABELS, YEAR_WINDOW, is_beginner_label

#: Look-back of the activity the checks judge ("last 90 days"): the shared window.
ACTIVITY_DAYS = ACTIVITY_WINDOW.days
#: Merge history fetched for the new-contributor and retention checks: the shared year, plus a month
#: so an author whose first merge falls near the year's start is told from one who merged just before
#: it (chosen).
HISTORY_DAYS = YEAR_WINDOW.days + 35
#: Pages of merge history (100 each) at most: 300 merges a year covers all but the busiest projects,
#: which are told the history was cut (``merged_pulls_truncated``) rather than costing more requests.
MAX_MERGED_PAGES = 3


#: The audit reads an issue's first comments: whether, and how fast, someone first replied.
SNAPSHOT_COMMENTS: tuple[CommentEnd, int] = ("first", 10)

_BEGINNER_LINES = (
    "...SnapshotIssue", *AVAILABILITY, f"subIssues(first: 10) {{ nodes {{ number state }} }}  {SINCE_2026}",
)

SNAPSHOT_ISSUE = (
    issue_fragment("SnapshotIssue", *SNAPSHOT_COMMENTS, TRIAGE)
    + "\nfragment BeginnerIssue on Issue {\n" + "".join(f"  {line}\n" for line in _BEGINNER_LINES) + "}\n"
)

GIT_OBJECTS = """
fragment FileBlob on GitObject { ... on Blob { text byteSize isBinary } }
fragment Listing on GitObject { ... on Tree { entries { name type } } }
fragment DirTree on GitObject {
  ... on Tree { entries { name type object { ... on Blob { text byteSize isBinary } } } }
}
"""


def _objects(paths: tuple[str, ...], prefix: str, fragment: str) -> str:
    return "\n".join(
        f'    {prefix}{i}: object(expression: "HEAD:{path}") {{ ...{fragment} }}'
        for i, path in enumerate(paths)
    )


#: The most documents a follow-up query reads: one of each kind plus the agent guides.
MAX_EXTRA_DOCUMENTS = 6


def documents_query(count: int, org_count: int = 0) -> str:
    """Blobs at paths found in the listings under spellings the first query did not ask for, in
    the repository and in the owner's ``.github`` repository. The paths come from GitHub's trees,
    so they travel as variables, never inside the query text."""
    params = ", ".join(["$owner: String!"] + ["$name: String!"] * bool(count)
                       + [f"$p{i}: String!" for i in range(count)]
                       + [f"$q{i}: String!" for i in range(org_count)])
    fields = "\n".join(f"    f{i}: object(expression: $p{i}) {{ ...FileBlob }}" for i in range(count))
    org_fields = "\n".join(f"    g{i}: object(expression: $q{i}) {{ ...FileBlob }}"
                           for i in range(org_count))
    org = f'  org: repository(owner: $owner, name: ".github") {{\n{org_fields}\n  }}\n' if org_count else ""
    repo = f"  repository(owner: $owner, name: $name) {{\n{fields}\n  }}\n" if count else ""
    return (
        f"query Documents({params}) {{\n"
        f"  rateLimit {{ cost remaining resetAt limit }}\n{repo}{org}}}\n"
        "fragment FileBlob on GitObject { ... on Blob { text byteSize isBinary } }\n"
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
{_objects(REPO_FILE_PATHS, "f", "FileBlob")}
{_objects(REPO_DIRECTORIES, "d", "DirTree")}
{_objects(LISTED_FOLDERS, "l", "Listing")}
  }}
  org: repository(owner: $owner, name: ".github") {{
{_objects(ORG_FILE_PATHS, "f", "FileBlob")}
{_objects(ORG_DIRECTORIES, "d", "DirTree")}
{_objects(LISTED_FOLDERS, "l", "Listing")}
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

#: Further pages of merge history.
MERGED_PULLS_QUERY = f"""
query MergedPulls($owner: String!, $name: String!, $after: String) {{
  rateLimit {{ cost remaining resetAt limit }}
  repository(owner: $owner, name: $name) {{
    pullRequests(first: 100, after: $after, states: MERGED,
                 orderBy: {{field: CREATED_AT, direction: DESC}}) {{
      pageInfo {{ hasNextPage endCursor }}
      nodes {{ number createdAt mergedAt authorAssociation author {{ {ACTOR} }} }}
    }}
  }}
}}
"""


def _nodes(conn: dict[str, Any] | None) -> list[dict[str, Any]]:
    return [n for n in (conn or {}).get("nodes") or [] if n]


def _files(node: dict[str, Any] | None, paths: tuple[str, ...], source: FileSource,
           prefix: str = "f") -> list[RepoFile]:
    found = []
    for i, path in enumerate(paths):
        blob = (node or {}).get(f"{prefix}{i}")
        if blob and "byteSize" in blob:
            text = None if blob.get("isBinary") else blob.get("text")
            found.append(RepoFile(path=path, text=text, byte_size=int(blob.get("byteSize") or 0),
                                  source=source))
    return found


def _directories(node: dict[str, Any] | None, paths: tuple[str, ...], source: FileSource
                 ) -> list[RepoDirectory]:
    found = []
    for i, path in enumerate(paths):
        tree = (node or {}).get(f"d{i}")
        if tree and tree.get("entries") is not None:
            entries = tuple(
                TreeEntry(name=e["name"], type=str(e.get("type") or "blob").lower(),
                          text=(e.get("object") or {}).get("text"))
                for e in tree["entries"]
            )
            found.append(RepoDirectory(path=path, entries=entries, source=source))
    return found


def _listing(node: dict[str, Any] | None) -> tuple[str, ...] | None:
    """Paths of the blobs in the listed folders; None when GitHub listed none of them."""
    paths: list[str] = []
    listed = False
    for i, folder in enumerate(LISTED_FOLDERS):
        tree = (node or {}).get(f"l{i}")
        if tree and tree.get("entries") is not None:
            listed = True
            paths += [f"{folder}/{e['name']}".lstrip("/") for e in tree["entries"]
                      if str(e.get("type") or "blob").lower() == "blob"]
    return tuple(paths) if listed else None


#: Documents GitHub takes from the owner's ``.github`` repository when a repository has none.
ORG_KINDS: tuple[Kind, ...] = ("contributing", "code_of_conduct")


def _unread_documents(listing: tuple[str, ...] | None, files: list[RepoFile],
                      kinds: tuple[Kind, ...] = KINDS, guides: bool = True) -> list[str]:
    """Documents a listing shows under a spelling the first query did not read."""
    if not listing:
        return []
    have = {f.path for f in files}
    wanted = [pick(listing, kind) for kind in kinds]
    wanted += [p for p in listing if guides and is_agent_guide(p)]
    return [p for p in dict.fromkeys(wanted) if p and p not in have][:MAX_EXTRA_DOCUMENTS]


def _more_documents(client: GitHubClient, owner: str, name: str, paths: list[str],
                    org_paths: list[str]) -> list[RepoFile]:
    """One query for the repository's and the organisation's unread documents, if there are any."""
    if not paths and not org_paths:
        return []
    variables: dict[str, Any] = {"owner": owner, **({"name": name} if paths else {})}
    variables.update({f"p{i}": f"HEAD:{path}" for i, path in enumerate(paths)})
    variables.update({f"q{i}": f"HEAD:{path}" for i, path in enumerate(org_paths)})
    result = client.graphql(documents_query(len(paths), len(org_paths)), variables, kind="snapshot")
    return (_files(result.data.get("repository"), tuple(paths), "repo")
            + _files(result.data.get("org"), tuple(org_paths), "org", prefix="g"))


def _merged(nodes: list[dict[str, Any]]) -> list[MergedPull]:
    pulls = []
    for node in nodes:
        if not node.get("mergedAt"):
            continue
        who = parse.actor(node.get("author"))
        pulls.append(MergedPull(number=node["number"], author=who.login, is_bot=who.is_bot,
                                association=parse.association(node.get("authorAssociation")),
                                merged_at=node["mergedAt"]))
    return pulls


def _commits(branch: dict[str, Any] | None, since: datetime) -> CommitActivity | None:
    history = ((branch or {}).get("target") or {}).get("history")
    if history is None:
        return None
    authors = {
        ((n.get("author") or {}).get("user") or {}).get("login") for n in _nodes(history)
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


def _more_merged(client: GitHubClient, owner: str, name: str, page: dict[str, Any],
                 until: datetime) -> tuple[list[MergedPull], bool]:
    """Follow merge-history pages back to ``until`` or the page limit; returns (pulls, truncated)."""
    pulls: list[MergedPull] = []
    info = page.get("pageInfo") or {}
    oldest = min((n["createdAt"] for n in _nodes(page)), default=None)
    pages = 1
    while info.get("hasNextPage") and pages < MAX_MERGED_PAGES:
        if oldest is not None and datetime.fromisoformat(oldest.replace("Z", "+00:00")) < until:
            return pulls, False
        result = client.graphql(MERGED_PULLS_QUERY, {"owner": owner, "name": name,
                                                     "after": info.get("endCursor")},
                                kind="snapshot")
        conn = ((result.data.get("repository") or {}).get("pullRequests")) or {}
        pulls.extend(_merged(_nodes(conn)))
        oldest = min((n["createdAt"] for n in _nodes(conn)), default=None)
        info = conn.get("pageInfo") or {}
        pages += 1
    return pulls, bool(info.get("hasNextPage"))


def _total(conn: dict[str, Any] | None) -> int:
    return int((conn or {}).get("totalCount") or 0)


def _beginner_issues(client: GitHubClient, owner: str, name: str, repo: dict[str, Any],
                     label_names: list[str]) -> tuple[tuple[Issue, ...], int]:
    """Issues under the first request's label names, plus any beginner label it did not name,
    and GitHub's total count of them (the pages hold at most 50 each)."""
    full = repo["nameWithOwner"]
    total = _total(repo.get("beginnerIssues"))
    issues = {i.number: i for i in (
        parse.issue(n, full) for n in _nodes(repo.get("beginnerIssues")))}
    extra = [n for n in label_names
             if is_beginner_label(n) and n not in BEGINNER_SEARCH_LABELS]  # other spellings: asked again
    if extra:
        result = client.graphql(BEGINNER_ISSUES_QUERY,
                                {"owner": owner, "name": name, "labels": extra}, kind="snapshot")
        conn = ((result.data.get("repository") or {}).get("issues")) or {}
        issues.update((i.number, i) for i in (parse.issue(n, full) for n in _nodes(conn)))
        total += _total(conn)  # an issue under two beginner labels of both sets counts twice
    ordered = tuple(sorted(issues.values(), key=lambda i: i.updated_at, reverse=True))
    return ordered, max(total, len(ordered))


def parse_time(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


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
        return snapshot.model_copy(update={"quota_resets_at": parse_time(resets)}) if resets else snapshot
    except (KeyError, TypeError, ValueError) as error:
        raise MalformedResponse(
            f"GitHub sent an unexpected snapshot for {full_name} ({type(error).__name__}: {error})"
        ) from None


def _build(client: GitHubClient, owner: str, name: str, repo: dict[str, Any],
           org: dict[str, Any] | None, now: datetime, since: datetime) -> RepoSnapshot:
    full = repo["nameWithOwner"]
    label_names = [n["name"] for n in _nodes(repo.get("labels"))]
    beginner, beginner_total = _beginner_issues(client, owner, name, repo, label_names)
    merged_conn = repo.get("mergedPulls") or {}
    more, truncated = _more_merged(client, owner, name, merged_conn,
                                   now - timedelta(days=HISTORY_DAYS))
    listing = _listing(repo)
    files = _files(repo, REPO_FILE_PATHS, "repo")
    org_files = _files(org, ORG_FILE_PATHS, "org")
    unread = _unread_documents(listing, files)
    # The organisation's defaults matter only for kinds the repository has under no spelling.
    absent = tuple(k for k in ORG_KINDS if pick([f.path for f in files] + list(listing or ()), k) is None)
    org_unread = _unread_documents(_listing(org), org_files, absent, guides=False)
    extra = _more_documents(client, owner, name, unread, org_unread)
    files += [f for f in extra if f.source == "repo"]
    org_files += [f for f in extra if f.source == "org"]
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
        languages=tuple(n["name"] for n in _nodes(repo.get("languages"))),
        topics=tuple(n["topic"]["name"] for n in _nodes(repo.get("repositoryTopics"))),
        description=repo.get("description"),
        files=tuple(files + org_files),
        listing=listing,
        directories=tuple(_directories(repo, REPO_DIRECTORIES, "repo")
                          + _directories(org, ORG_DIRECTORIES, "org")),
        community=community,
        labels=tuple(parse.Label(name=n["name"], description=n.get("description"))
                     for n in _nodes(repo.get("labels"))),
        labels_total=_total(repo.get("labels")),
        beginner_issues=beginner,
        beginner_issues_total=beginner_total,
        open_issues=tuple(parse.issue(n, full) for n in _nodes(repo.get("openIssues"))),
        recent_issues=tuple(parse.issue(n, full) for n in _nodes(repo.get("recentIssues"))),
        recent_pulls=tuple(parse.pull_request(n, full) for n in _nodes(repo.get("recentPulls"))),
        merged_pulls=tuple(_merged(_nodes(merged_conn)) + more),
        merged_pulls_truncated=truncated,
        commits=_commits(repo.get("defaultBranchRef"), since),
    )
