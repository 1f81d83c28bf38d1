"""GraphQL selections several documents share, defined once: who an account is, an issue (with the
caller's comment window), who triaged an issue, linked issues, mentions, and the mark on fields
GitHub added in 2025-26.

Plain strings that import no query module, so every query module can use them without an import circle.
"""

from __future__ import annotations

from typing import Literal

from ossmatch.document_names import AI_POLICY_FILES, PR_TEMPLATE_FILES

#: An account: its login, and ``__typename`` so a Bot is recognised when parsed (``parse.actor``).
ACTOR = "login __typename"

#: Who labeled, assigned or closed an issue: maintainers whose org membership is private read as
#: CONTRIBUTOR or NONE, but only people with triage or write access leave these events.
TRIAGE = (
    "timelineItems(last: 5, itemTypes: [LABELED_EVENT, ASSIGNED_EVENT, CLOSED_EVENT]) { nodes { "
    f"__typename ... on LabeledEvent {{ actor {{ {ACTOR} }} }} ... on AssignedEvent {{ actor {{ {ACTOR} }} }} "
    f"... on ClosedEvent {{ actor {{ {ACTOR} }} }} }} }}"
)

#: Marks a line that asks for a field GitHub added in 2025-26. A server that predates them (GitHub
#: Enterprise Server) answers "Field 'x' doesn't exist on type 'y'"; the client then drops every
#: marked line and asks again (``legacy_query``), so each such field sits on one line of its own.
SINCE_2026 = "# since 2026"

def recent_pulls(first: int, reviews: int) -> str:
    """The newest pull requests with who merged and reviewed them: the response and merge signals
    suggest's repository batch and the audit's snapshot both read (each at its own depth)."""
    return (
        f"recentPulls: pullRequests(first: {first}, orderBy: {{field: CREATED_AT, direction: DESC}}) {{ nodes {{ "
        f"number url title state createdAt mergedAt closedAt author {{ {ACTOR} }} authorAssociation "
        f"mergedBy {{ {ACTOR} }} "
        f"reviews(first: {reviews}) {{ nodes {{ author {{ {ACTOR} }} authorAssociation state submittedAt }} }} }} }}"
    )


#: Every kind of assignee, bots (the Copilot coding agent) included: ``assignees`` lists users only.
ASSIGNEE = "__typename ... on Bot { login } ... on User { login } ... on Mannequin { login }"
#: A linked issue (a blocker, the parent) as ``parse.issue_link`` reads it.
LINK = "number title url state repository { nameWithOwner }"

#: Pull requests that mention the issue (closing it or not): who tried it already, and how it went.
MENTIONS = (
    "referencedBy: timelineItems(last: 10, itemTypes: [CROSS_REFERENCED_EVENT]) { nodes { "
    "... on CrossReferencedEvent { source { ... on PullRequest { number state authorAssociation "
    f"author {{ {ACTOR} }} }} }} }} }} }}"
)

#: Which end of an issue's comments a caller reads: ``last`` the newest (suggest: a recent claim, the
#: latest answer), ``first`` the earliest (the audit: whether and how fast someone first replied).
CommentEnd = Literal["first", "last"]


def issue_fragment(name: str, comments: CommentEnd, count: int, *more: str) -> str:
    """The one Issue selection ``parse.issue`` reads, as ``fragment name on Issue``: the issue, its
    author, labels, assignees, ``count`` comments from the ``comments`` end and the pull requests
    closing it, then the caller's ``more`` lines (each on a line of its own, so a ``SINCE_2026``
    mark drops only its line)."""
    extra = "".join(f"\n  {line}" for line in more)
    return f"""
fragment {name} on Issue {{
  number url title body state locked createdAt updatedAt closedAt
  author {{ {ACTOR} }}
  authorAssociation
  labels(first: 20) {{ nodes {{ name description }} }}
  assignees(first: 5) {{ nodes {{ {ACTOR} }} }}
  comments({comments}: {count}) {{ totalCount nodes {{ author {{ {ACTOR} }} authorAssociation createdAt body }} }}
  closedByPullRequestsReferences(first: 5, includeClosedPrs: false) {{ totalCount nodes {{ state }} }}{extra}
}}
"""


#: Whether the issue is free to take, as suggest's candidates and the audit's beginner issues both
#: read it: pull requests that mention it, every assignee, its blockers and its sub-issues' progress.
AVAILABILITY: tuple[str, ...] = (
    MENTIONS,
    f"assignedActors(first: 5) {{ nodes {{ {ASSIGNEE} }} }}  {SINCE_2026}",
    f"issueDependenciesSummary {{ blockedBy }}  {SINCE_2026}",
    f"blockedBy(first: 3) {{ nodes {{ {LINK} }} }}  {SINCE_2026}",
    f"subIssuesSummary {{ total completed }}  {SINCE_2026}",
)


#: Files suggest's repository batch reads for a policy on AI-assisted contributions: the AI policy
#: files and the pull-request template (the contributing guide comes through
#: ``contributingGuidelines``). Blobs are not connections: they cost no points.
POLICY_BLOBS: tuple[str, ...] = AI_POLICY_FILES + PR_TEMPLATE_FILES
AI_POLICY_OBJECTS = "\n".join(
    f'  ai{i}: object(expression: "HEAD:{path}") {{ ... on Blob {{ text }} }}'
    for i, path in enumerate(POLICY_BLOBS)
)

def legacy_query(query: str) -> str:
    """The query without the 2025-26 fields, for servers that predate them."""
    return "\n".join(line for line in query.splitlines() if SINCE_2026 not in line) + "\n"
