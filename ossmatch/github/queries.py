"""The GraphQL documents ossmatch sends. Tests validate each against GitHub's published schema."""

from __future__ import annotations

ACTOR = "login __typename"

#: Marks a line that asks for a field GitHub added in 2025-26. A server that predates them (GitHub
#: Enterprise Server) answers "Field 'x' doesn't exist on type 'y'"; the client then drops every
#: marked line and asks again (``legacy_query``), so each such field sits on one line of its own.
SINCE_2026 = "# since 2026"

#: Every kind of assignee, bots (the Copilot coding agent) included: ``assignees`` lists users only.
ASSIGNEE = "__typename ... on Bot { login } ... on User { login } ... on Mannequin { login }"
#: A linked issue (a blocker, the parent) as ``parse.issue_link`` reads it.
LINK = "number title url state repository { nameWithOwner }"

#: Pull requests that mention the issue (closing it or not): who tried it already, and how it went.
MENTIONS = (
    "referencedBy: timelineItems(last: 10, itemTypes: [CROSS_REFERENCED_EVENT]) { nodes { "
    "... on CrossReferencedEvent { source { ... on PullRequest { number state authorAssociation "
    "author { login } } } } } }"
)

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
  {MENTIONS}
  assignedActors(first: 5) {{ nodes {{ {ASSIGNEE} }} }}  {SINCE_2026}
  issueDependenciesSummary {{ blockedBy }}  {SINCE_2026}
  blockedBy(first: 3) {{ nodes {{ {LINK} }} }}  {SINCE_2026}
  parent {{ {LINK} subIssuesSummary {{ total completed }} }}  {SINCE_2026}
  subIssuesSummary {{ total completed }}  {SINCE_2026}
  issueType {{ name }}  {SINCE_2026}
}}
"""


def legacy_query(query: str) -> str:
    """The query without the 2025-26 fields, for servers that predate them."""
    return "\n".join(line for line in query.splitlines() if SINCE_2026 not in line) + "\n"

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

#: Files where projects state their policy on AI-assisted contributions (the contributing guide
#: comes through ``contributingGuidelines``). Blobs are not connections: they cost no points.
AI_POLICY_PATHS: tuple[str, ...] = (
    "AI_POLICY.md", "AGENTS.md", ".github/pull_request_template.md", ".github/PULL_REQUEST_TEMPLATE.md",
)
AI_POLICY_OBJECTS = "\n".join(
    f'  ai{i}: object(expression: "HEAD:{path}") {{ ... on Blob {{ text }} }}'
    for i, path in enumerate(AI_POLICY_PATHS)
)

#: Repository facts and recent activity, from which maintainer signals are computed.
REPO_FIELDS = f"""
fragment RepoFields on Repository {{
  nameWithOwner url description stargazerCount forkCount
  isArchived isDisabled isLocked isFork createdAt pushedAt
  primaryLanguage {{ name }}
  languages(first: 10, orderBy: {{field: SIZE, direction: DESC}}) {{ nodes {{ name }} }}
  repositoryTopics(first: 20) {{ nodes {{ topic {{ name }} }} }}
  licenseInfo {{ spdxId }}
  viewerPermission
  interactionAbility {{ limit }}
  pullRequestCreationPolicy hasPullRequestsEnabled  {SINCE_2026}
  contributingGuidelines {{ body }}
{AI_POLICY_OBJECTS}
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


#: Sub-issues read per tracking issue: the tasks a newcomer may take instead of the tracking issue.
SUB_ISSUES_PER_TRACKER = 20


def tracker_params(trackers: int) -> str:
    """The variables of ``trackers`` tracking issues whose sub-issues ride along, on a line of their
    own marked 2026: a server without sub-issues gets the query without them (``legacy_query``)."""
    if not trackers:
        return ""
    names = ", ".join(f"$to{j}: String!, $tn{j}: String!, $ti{j}: Int!" for j in range(trackers))
    return f"\n  {names}  {SINCE_2026}\n"


def tracker_fields(trackers: int) -> list[str]:
    """Per tracking issue (``t0``, ``t1``...), its sub-issues as candidates."""
    return [
        f"  t{j}: repository(owner: $to{j}, name: $tn{j}) {{ issue(number: $ti{j}) {{ number "
        f"subIssues(first: {SUB_ISSUES_PER_TRACKER}) {{ nodes {{ ...CandidateIssue }} }} }} }}  {SINCE_2026}"
        for j in range(trackers)
    ]


def repo_batch_query(count: int, trackers: int = 0) -> str:
    """An aliased query for ``count`` repositories; owners and names travel as variables.

    ``trackers`` adds, per tracking issue found by the search (``$to``/``$tn``/``$ti``), its
    sub-issues as candidates: they ride along in the same request.
    """
    params = ", ".join(f"$o{i}: String!, $n{i}: String!" for i in range(count)) + tracker_params(trackers)
    fields = "\n".join(
        f"  r{i}: repository(owner: $o{i}, name: $n{i}) {{ ...RepoFields }}" for i in range(count)
    )
    tasks = "".join(f"\n{line}" for line in tracker_fields(trackers))
    return (
        f"query RepoSignals({params}) {{\n  rateLimit {{ cost remaining resetAt limit }}\n{fields}{tasks}\n}}\n"
        + REPO_FIELDS + (ISSUE_FIELDS if trackers else "")
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


def multi_search_query(count: int, history: str | None = None, repos: int = 0, trackers: int = 0) -> str:
    """One document with ``count`` aliased issue searches (``s0``, ``s1``...) and, with ``history``
    ("viewer" or "user"), the person's history as ``me``, and with ``repos``, that many repositories
    (``r0``, ``r1``... and ``trackers`` tracking issues' sub-issues, as in ``repo_batch_query``):
    several searches and the repositories already known cost one round trip."""
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
    fields += tracker_fields(trackers)
    if history == "viewer":
        fields.append("  me: viewer { ...ContributorHistory }")
    elif history == "user":
        fields.append("  me: user(login: $login) { ...ContributorHistory }")
    late = tracker_params(trackers)
    head = f"query Discover({', '.join(params)}{late}) {{" if params or late else "query Discover {"
    body = "\n".join([head, "  rateLimit { cost remaining resetAt limit }", *fields, "}"]) + "\n"
    issues = ISSUE_FIELDS if count or trackers else ""
    return body + issues + (REPO_FIELDS if repos else "") + (HISTORY_FIELDS if history else "")


def all_queries() -> dict[str, str]:
    """Every document the client can send, for schema validation in tests."""
    from ossmatch.github import histories, history
    from ossmatch.github.issue_detail import ISSUE_DETAIL
    from ossmatch.github.users import USER_OWN_REPOS, USER_REPOS

    return {
        **history.all_queries(),
        **histories.all_queries(),
        "user_repos": USER_REPOS,
        "issue_detail": ISSUE_DETAIL,
        "user_own_repos": USER_OWN_REPOS,
        "search_issues": SEARCH_ISSUES,
        "multi_search_1": multi_search_query(1),
        "multi_search_3_viewer": multi_search_query(3, "viewer"),
        "multi_search_2_user": multi_search_query(2, "user"),
        "multi_search_history_only": multi_search_query(0, "viewer"),
        "multi_search_2_repos_3": multi_search_query(2, None, 3),
        "multi_search_1_repos_2_trackers_1": multi_search_query(1, "viewer", 2, 1),
        "repo_batch_1": repo_batch_query(1),
        "repo_batch_full": repo_batch_query(REPO_BATCH_SIZE),
        "repo_batch_trackers": repo_batch_query(2, 2),
        "issue_batch_1": issue_batch_query(1),
        "issue_batch_full": issue_batch_query(ISSUE_BATCH_SIZE),
    }
