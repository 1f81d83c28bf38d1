"""The GraphQL documents ossmatch sends. Tests validate each against GitHub's published schema."""

from __future__ import annotations

ACTOR = "login __typename"

ISSUE_FIELDS = f"""
fragment CandidateIssue on Issue {{
  number url title body state locked createdAt updatedAt closedAt
  author {{ {ACTOR} }}
  authorAssociation
  repository {{ nameWithOwner }}
  labels(first: 20) {{ nodes {{ name description }} }}
  assignees(first: 5) {{ nodes {{ login }} }}
  comments(last: 10) {{ totalCount nodes {{ author {{ {ACTOR} }} authorAssociation createdAt body }} }}
  closedByPullRequestsReferences(first: 5, includeClosedPrs: false) {{ totalCount nodes {{ state }} }}
}}
"""

#: Candidate issues: one page of an issue search, with everything ranking needs from the issue.
SEARCH_ISSUES = (
    """
query SearchIssues($query: String!, $first: Int!, $after: String) {
  rateLimit { cost remaining resetAt limit }
  search(type: ISSUE, query: $query, first: $first, after: $after) {
    issueCount
    pageInfo { hasNextPage endCursor }
    nodes { ...CandidateIssue }
  }
}
"""
    + ISSUE_FIELDS
)

#: Who labeled, assigned or closed an issue: maintainers whose org membership is private read as
#: CONTRIBUTOR or NONE, but only people with triage or write access leave these events.
TRIAGE = (
    "timelineItems(last: 5, itemTypes: [LABELED_EVENT, ASSIGNED_EVENT, CLOSED_EVENT]) {{ nodes {{ "
    "__typename ... on LabeledEvent {{ actor {{ login }} }} ... on AssignedEvent {{ actor {{ login }} }} "
    "... on ClosedEvent {{ actor {{ login }} }} }} }}"
).format()

#: Repository facts and recent activity, from which maintainer signals are computed.
REPO_FIELDS = f"""
fragment RepoFields on Repository {{
  nameWithOwner url description stargazerCount forkCount
  isArchived isDisabled isLocked isFork createdAt pushedAt
  primaryLanguage {{ name }}
  languages(first: 10, orderBy: {{field: SIZE, direction: DESC}}) {{ nodes {{ name }} }}
  repositoryTopics(first: 20) {{ nodes {{ topic {{ name }} }} }}
  licenseInfo {{ spdxId }}
  openIssues: issues(states: OPEN, first: 1) {{ totalCount }}
  recentIssues: issues(first: 30, orderBy: {{field: CREATED_AT, direction: DESC}}) {{
    nodes {{
      number url title state createdAt updatedAt closedAt
      author {{ {ACTOR} }}
      authorAssociation
      comments(first: 5) {{ totalCount nodes {{ author {{ {ACTOR} }} authorAssociation createdAt }} }}
      {TRIAGE}
    }}
  }}
  closedIssues: issues(first: 30, states: CLOSED, orderBy: {{field: UPDATED_AT, direction: DESC}}) {{
    nodes {{ number url title state createdAt updatedAt closedAt author {{ {ACTOR} }} authorAssociation }}
  }}
  recentPulls: pullRequests(first: 30, orderBy: {{field: CREATED_AT, direction: DESC}}) {{
    nodes {{
      number url title state createdAt mergedAt closedAt
      author {{ {ACTOR} }}
      authorAssociation
      mergedBy {{ login }}
      reviews(first: 5) {{ nodes {{ author {{ {ACTOR} }} authorAssociation state submittedAt }} }}
    }}
  }}
}}
"""

#: How many repositories one batched query asks for: about 400 nodes each, far below GitHub's
#: 500,000-node limit, so 50 repositories cost one round trip (measured on the fake: 1 point each).
REPO_BATCH_SIZE = 50


def repo_batch_query(count: int) -> str:
    """An aliased query for ``count`` repositories; owners and names travel as variables."""
    params = ", ".join(f"$o{i}: String!, $n{i}: String!" for i in range(count))
    fields = "\n".join(
        f"  r{i}: repository(owner: $o{i}, name: $n{i}) {{ ...RepoFields }}" for i in range(count)
    )
    return (
        f"query RepoSignals({params}) {{\n  rateLimit {{ cost remaining resetAt limit }}\n{fields}\n}}\n"
        + REPO_FIELDS
    )


#: How many issues one refresh query re-reads: a digest re-checks up to 100 in one request.
ISSUE_BATCH_SIZE = 100


def issue_batch_query(count: int) -> str:
    """An aliased query re-reading ``count`` issues by repository and number."""
    params = ", ".join(f"$o{i}: String!, $n{i}: String!, $i{i}: Int!" for i in range(count))
    fields = "\n".join(
        f"  r{i}: repository(owner: $o{i}, name: $n{i}) {{ issue(number: $i{i}) {{ ...CandidateIssue }} }}"
        for i in range(count)
    )
    return (
        f"query RefreshIssues({params}) {{\n  rateLimit {{ cost remaining resetAt limit }}\n{fields}\n}}\n"
        + ISSUE_FIELDS
    )


def multi_search_query(count: int, history: str | None = None, repos: int = 0) -> str:
    """One document with ``count`` aliased issue searches (``s0``, ``s1``...) and, with ``history``
    ("viewer" or "user"), the person's history as ``me``, and with ``repos``, that many repositories
    (``r0``, ``r1``... as in ``repo_batch_query``): several searches and the repositories already
    known cost one round trip."""
    from ossmatch.github.history import HISTORY_FIELDS

    params = [f"$q{i}: String!, $f{i}: Int!, $a{i}: String" for i in range(count)]
    params += [f"$o{i}: String!, $n{i}: String!" for i in range(repos)]
    if history == "user":
        params.append("$login: String!")
    fields = [
        f"  s{i}: search(type: ISSUE, query: $q{i}, first: $f{i}, after: $a{i}) {{\n"
        "    issueCount pageInfo { hasNextPage endCursor } nodes { ...CandidateIssue }\n  }"
        for i in range(count)
    ]
    fields += [f"  r{i}: repository(owner: $o{i}, name: $n{i}) {{ ...RepoFields }}" for i in range(repos)]
    if history == "viewer":
        fields.append("  me: viewer { ...ContributorHistory }")
    elif history == "user":
        fields.append("  me: user(login: $login) { ...ContributorHistory }")
    head = f"query Discover({', '.join(params)}) {{" if params else "query Discover {"
    body = "\n".join([head, "  rateLimit { cost remaining resetAt limit }", *fields, "}"]) + "\n"
    return body + (ISSUE_FIELDS if count else "") + (REPO_FIELDS if repos else "") + (HISTORY_FIELDS if history else "")


def all_queries() -> dict[str, str]:
    """Every document the client can send, for schema validation in tests."""
    from ossmatch.github import history
    from ossmatch.github.issue_detail import ISSUE_DETAIL
    from ossmatch.github.users import USER_OWN_REPOS, USER_REPOS

    return {
        **history.all_queries(),
        "user_repos": USER_REPOS,
        "issue_detail": ISSUE_DETAIL,
        "user_own_repos": USER_OWN_REPOS,
        "search_issues": SEARCH_ISSUES,
        "multi_search_1": multi_search_query(1),
        "multi_search_3_viewer": multi_search_query(3, "viewer"),
        "multi_search_2_user": multi_search_query(2, "user"),
        "multi_search_history_only": multi_search_query(0, "viewer"),
        "multi_search_2_repos_3": multi_search_query(2, None, 3),
        "repo_batch_1": repo_batch_query(1),
        "repo_batch_full": repo_batch_query(REPO_BATCH_SIZE),
        "issue_batch_1": issue_batch_query(1),
        "issue_batch_full": issue_batch_query(ISSUE_BATCH_SIZE),
    }
