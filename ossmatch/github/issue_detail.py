"""One issue in full, for ``ossmatch show``: the issue, its repository's signals and where to start.

With a token this is one GraphQL request (cached for a quarter of an hour, like other issue reads;
`show` also reads the person's history, as suggest does);
without one, three REST requests (the issue, its comments, the repository) and fewer signals.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

from ossmatch.errors import NotFoundError
from ossmatch.github import parse, queries
from ossmatch.github.client import GitHubClient
from ossmatch.github.fragments import ASSIGNEE
from ossmatch.models import Candidate, Comment

#: The issue, the repository's ranking signals and the newcomer documents, in one request.
#: What ``show`` lists of a tracking issue's sub-issues: enough to say which are free.
SUB_ISSUE = "number title url state assignedActors(first: 1) { totalCount } issueDependenciesSummary { blockedBy }"

ISSUE_DETAIL = (
    f"""
query IssueDetail($owner: String!, $name: String!, $number: Int!) {{
  rateLimit {{ cost remaining resetAt limit }}
  repository(owner: $owner, name: $name) {{
    ...RepoFields
    homepageUrl
    contributingGuidelines {{ url }}
    codeOfConduct {{ url }}
    issue(number: $number) {{
      ...CandidateIssue
      assignedEvents: timelineItems(last: 10, itemTypes: [ASSIGNED_EVENT]) {{
        nodes {{ ... on AssignedEvent {{ createdAt assignee {{ {ASSIGNEE} }} }} }}
      }}
      subIssues(first: {queries.SUB_ISSUES_PER_TRACKER}) {{ nodes {{ {SUB_ISSUE} }} }}  {queries.SINCE_2026}
    }}
  }}
}}
"""
    + queries.REPO_FIELDS
    + queries.ISSUE_FIELDS
)

#: Comments a REST read asks for: the newest page is enough for "the last comments".
REST_COMMENTS = 30


class SubIssue(BaseModel):
    """One sub-issue of a tracking issue, as ``show`` lists it: open or done, free or not."""

    model_config = ConfigDict(frozen=True)

    number: int
    title: str = ""
    url: str = ""
    open: bool = True
    assigned: bool = False
    blocked: bool = False

    @property
    def free(self) -> bool:
        return self.open and not self.assigned and not self.blocked


def sub_issues(node: dict[str, Any]) -> tuple[SubIssue, ...]:
    found = []
    for n in (node.get("subIssues") or {}).get("nodes") or []:
        if not n or "number" not in n:
            continue
        found.append(SubIssue(
            number=int(n["number"]), title=n.get("title") or "", url=n.get("url") or "",
            open=n.get("state") != "CLOSED",
            assigned=bool((n.get("assignedActors") or {}).get("totalCount")),
            blocked=bool((n.get("issueDependenciesSummary") or {}).get("blockedBy")),
        ))
    return tuple(found)


class IssueDetail(BaseModel):
    """What ``show`` prints: the candidate as ranking sees it, plus the project's starting points."""

    model_config = ConfigDict(frozen=True)

    candidate: Candidate
    homepage: str | None = None
    contributing: str | None = None
    code_of_conduct: str | None = None
    full_signals: bool = True
    #: A tracking issue's sub-issues (where the server knows sub-issues).
    sub_issues: tuple[SubIssue, ...] = ()


def read_issue(client: GitHubClient, repo: str, number: int) -> IssueDetail:
    """Read one issue and its repository; ``NotFoundError`` when either does not exist."""
    owner, _, name = repo.partition("/")
    if not client.has_token:
        return _read_rest(client, repo, number)
    result = client.graphql(ISSUE_DETAIL, {"owner": owner, "name": name, "number": number}, kind="issue")
    result.refuse_if_over_limits(["repository"], f"{repo}#{number}")
    node: dict[str, Any] | None = result.data.get("repository")
    if not node:
        raise NotFoundError(f"repository {repo} was not found (or the token cannot see it)")
    issue_node = node.get("issue")
    if not issue_node:
        raise NotFoundError(f"{repo}#{number} is not an issue (a pull request, deleted or transferred?)")
    repository = parse.repo(node)
    return IssueDetail(
        candidate=Candidate(issue=parse.issue(issue_node, repository.name_with_owner), repo=repository),
        homepage=node.get("homepageUrl") or None,
        contributing=(node.get("contributingGuidelines") or {}).get("url"),
        code_of_conduct=(node.get("codeOfConduct") or {}).get("url"),
        sub_issues=sub_issues(issue_node),
    )


def _read_rest(client: GitHubClient, repo: str, number: int) -> IssueDetail:
    data = client.rest(f"/repos/{repo}/issues/{number}")
    if "pull_request" in data:
        raise NotFoundError(f"{repo}#{number} is a pull request, not an issue")
    comments = client.rest(f"/repos/{repo}/issues/{number}/comments", {"per_page": REST_COMMENTS})
    repo_data = client.rest(f"/repos/{repo}")
    repository = parse.rest_repo(repo_data)
    issue = parse.rest_issue({**data, "repository_url": f"/repos/{repository.name_with_owner}"})
    issue = issue.model_copy(update={"comments": tuple(_rest_comment(c) for c in comments or [] if c)})
    return IssueDetail(
        candidate=Candidate(issue=issue, repo=repository),
        homepage=repo_data.get("homepage") or None,
        full_signals=False,
    )


def _rest_comment(item: dict[str, Any]) -> Comment:
    return Comment(
        author=parse.rest_actor(item.get("user")),
        association=parse.association(item.get("author_association")),
        created_at=item["created_at"],
        body=item.get("body") or "",
    )
