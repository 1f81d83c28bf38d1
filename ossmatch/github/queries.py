"""The GraphQL documents ossmatch sends. Tests validate each against GitHub's published schema."""

from __future__ import annotations

from ossmatch.github.fragments import (
    ACTOR,
    AI_POLICY_OBJECTS,
    AVAILABILITY,
    LINK,
    SINCE_2026,
    TRIAGE,
    CommentEnd,
    issue_fragment,
    recent_pulls,
)
from ossmatch.github.history import HISTORY_FIELDS

#: Suggest reads an issue's newest comments: a recent "can I take this?", the latest maintainer reply.
CANDIDATE_COMMENTS: tuple[CommentEnd, int] = ("last", 10)

ISSUE_FIELDS = issue_fragment(
    "CandidateIssue", *CANDIDATE_COMMENTS,
    "repository { nameWithOwner }",
    *AVAILABILITY,
    f"parent {{ {LINK} subIssuesSummary {{ total completed }} }}  {SINCE_2026}",
    f"issueType {{ name }}  {SINCE_2026}",
)


#: One page of one issue search, with everything ranking needs from the issue: ossmatch itself
#: now batches its searches; benchmarks/bench_suggest.py pages with this as its recall reference.
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
  {recent_pulls(30, 5)}
}}
"""

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
