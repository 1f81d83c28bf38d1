"""Read what one person did on GitHub in the last year: their pull requests, issues and comments.

One GraphQL request covers it (``user(login:)`` or the token's own ``viewer``). Without a token,
two REST searches give a thinner history: no reviewers, no changed files, no review state.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ossmatch.errors import GitHubError, NotAPerson, NotFoundError
from ossmatch.github import parse
from ossmatch.github.client import GitHubClient
from ossmatch.github.fragments import ACTOR
from ossmatch.models import Comment, ContributorHistory, Involvement, OwnPullRequest, Review
from ossmatch.vocabulary import YEAR_WINDOW, is_bot_login

#: How far back a history reaches: the shared year.
HISTORY_WINDOW = YEAR_WINDOW

HISTORY_FIELDS = f"""
fragment ContributorHistory on User {{
  login
  pullRequests(first: 100, orderBy: {{field: CREATED_AT, direction: DESC}}) {{
    nodes {{
      number url title state isDraft createdAt mergedAt
      repository {{ nameWithOwner }}
      mergedBy {{ {ACTOR} }}
      labels(first: 10) {{ nodes {{ name }} }}
      files(first: 20) {{ nodes {{ path }} }}
      reviews(last: 10) {{ nodes {{ author {{ {ACTOR} }} authorAssociation state submittedAt }} }}
      comments(last: 10) {{ nodes {{ author {{ {ACTOR} }} authorAssociation createdAt }} }}
      commits(last: 1) {{ nodes {{ commit {{ committedDate }} }} }}
    }}
  }}
  issues(first: 100, orderBy: {{field: CREATED_AT, direction: DESC}}) {{
    nodes {{ number createdAt repository {{ nameWithOwner }} }}
  }}
  issueComments(last: 100) {{
    nodes {{
      createdAt
      issue {{ number repository {{ nameWithOwner }} }}
      pullRequest {{ number }}
    }}
  }}
}}
"""

#: A named person's history.
USER_HISTORY = (
    """
query UserHistory($login: String!) {
  rateLimit { cost remaining resetAt limit }
  user(login: $login) { ...ContributorHistory }
}
"""
    + HISTORY_FIELDS
)

#: The token owner's history, when no login was given.
VIEWER_HISTORY = (
    """
query ViewerHistory {
  rateLimit { cost remaining resetAt limit }
  viewer { ...ContributorHistory }
}
"""
    + HISTORY_FIELDS
)


def is_app_login(login: object) -> bool:
    """A GitHub App's bot (``github-actions[bot]``): what ``viewer`` is for an installation token,
    such as the ``GITHUB_TOKEN`` of a workflow."""
    return is_bot_login(login)


def read_history(client: GitHubClient, login: str | None, *, now: datetime) -> ContributorHistory:
    """The person's last year on GitHub; ``login`` None means the token's own user."""
    since = now - HISTORY_WINDOW
    if client.has_token:
        if login is None:
            result = client.graphql(VIEWER_HISTORY, {}, kind="user")
            user = result.data.get("viewer")
            if user and is_app_login(user.get("login")):
                raise NotAPerson(
                    f"the token belongs to {user.get('login')}, an app rather than a person, so your own "
                    "history is not read (no next steps or involvement); pass --me LOGIN "
                    "(the Action's `me` input) to use yours"
                )
        else:
            result = client.graphql(USER_HISTORY, {"login": login}, kind="user")
            user = result.data.get("user")
        if not user and result.failed():
            raise GitHubError("GitHub's GraphQL resource limits refused to read the history this time; try again later")
        if not user and login is None:
            raise NotFoundError("the token does not belong to a user (an app or Actions token?): pass --me LOGIN")
        if not user:
            raise NotFoundError(f"no GitHub user named {login!r}")
        return history_from_graphql(user, since)
    if login is None:
        raise NotFoundError("without a token, ossmatch cannot tell who you are: pass --me LOGIN")
    return _rest_history(client, login, since)


def own_pull(node: dict[str, Any]) -> OwnPullRequest:
    """A ``pullRequests`` node of the history fragment."""
    state = node.get("state")
    commits = parse.nodes(node.get("commits"))
    return OwnPullRequest(
        repo=node["repository"]["nameWithOwner"],
        number=node["number"],
        url=node.get("url") or "",
        title=node.get("title") or "",
        state=state if state in ("OPEN", "CLOSED", "MERGED") else "OPEN",
        is_draft=bool(node.get("isDraft")),
        created_at=node["createdAt"],
        merged_at=node.get("mergedAt"),
        merged_by=parse.actor(node.get("mergedBy")).login,
        labels=tuple(n["name"] for n in parse.nodes(node.get("labels"))),
        files=tuple(n["path"] for n in parse.nodes(node.get("files"))),
        reviews=tuple(
            Review(
                author=parse.actor(r.get("author")),
                association=parse.association(r.get("authorAssociation")),
                state=r.get("state") or "COMMENTED",
                submitted_at=r.get("submittedAt"),
            )
            for r in parse.nodes(node.get("reviews"))
        ),
        comments=tuple(
            Comment(
                author=parse.actor(c.get("author")),
                association=parse.association(c.get("authorAssociation")),
                created_at=c["createdAt"],
            )
            for c in parse.nodes(node.get("comments"))
        ),
        last_commit_at=(commits[-1].get("commit") or {}).get("committedDate") if commits else None,
    )


def history_from_graphql(user: dict[str, Any], since: datetime) -> ContributorHistory:
    """Keep open pull requests whatever their age, everything else from ``since`` on."""
    pulls = [own_pull(n) for n in parse.nodes(user.get("pullRequests"))]
    pulls = [p for p in pulls if p.state == "OPEN" or (p.merged_at or p.created_at) >= since]
    involvements = [
        Involvement(repo=n["repository"]["nameWithOwner"], number=n["number"], how="opened", at=n["createdAt"])
        for n in parse.nodes(user.get("issues"))
    ]
    for c in parse.nodes(user.get("issueComments")):
        issue = c.get("issue")
        if not issue or c.get("pullRequest"):
            continue
        involvements.append(
            Involvement(repo=issue["repository"]["nameWithOwner"], number=issue["number"],
                        how="commented", at=c["createdAt"])
        )
    return ContributorHistory(
        login=str(user.get("login")),
        since=since,
        pulls=tuple(pulls),
        involvements=tuple(i for i in involvements if i.at >= since),
    )


def _rest_history(client: GitHubClient, login: str, since: datetime) -> ContributorHistory:
    """Two searches: the person's pull requests, and issues that involve them."""
    day = since.date().isoformat()
    pulls: list[OwnPullRequest] = []
    for page in client.rest_pages("/search/issues", {"q": f"author:{login} is:pr updated:>={day}"}, max_pages=1):
        for item in page.get("items") or []:
            issue = parse.rest_issue(item)
            merged_at = (item.get("pull_request") or {}).get("merged_at")
            state = "MERGED" if merged_at else issue.state
            pulls.append(
                OwnPullRequest(
                    repo=issue.repo, number=issue.number, url=issue.url, title=issue.title, state=state,
                    is_draft=bool(item.get("draft")), created_at=issue.created_at, merged_at=merged_at,
                    labels=issue.label_names,
                )
            )
    involvements: list[Involvement] = []
    for page in client.rest_pages("/search/issues", {"q": f"involves:{login} is:issue updated:>={day}"}, max_pages=1):
        for item in page.get("items") or []:
            issue = parse.rest_issue(item)
            mine = (issue.author.login or "").lower() == login.lower()
            involvements.append(
                Involvement(repo=issue.repo, number=issue.number, how="opened" if mine else "commented",
                            at=issue.created_at if mine else issue.updated_at, exact=mine)
            )
    return ContributorHistory(
        login=login, since=since, pulls=tuple(pulls), involvements=tuple(involvements), complete=False
    )
