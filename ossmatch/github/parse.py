"""Turn GitHub's JSON (GraphQL nodes and REST objects) into ossmatch models."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ossmatch.aipolicy import find_policy
from ossmatch.github.fragments import POLICY_BLOBS
from ossmatch.models import (
    Actor,
    Assignment,
    Comment,
    Issue,
    IssueLink,
    Label,
    PullMention,
    PullRequest,
    Repo,
    RepoComment,
    Review,
)

_ASSOCIATIONS = {
    "OWNER", "MEMBER", "COLLABORATOR", "CONTRIBUTOR",
    "FIRST_TIME_CONTRIBUTOR", "FIRST_TIMER", "MANNEQUIN", "NONE",
}


def actor(node: dict[str, Any] | None) -> Actor:
    """GraphQL ``author``: null means a deleted account; ``__typename`` Bot marks bots."""
    if not node:
        return Actor()
    login = node.get("login")
    return Actor(login=login, is_bot=node.get("__typename") == "Bot")  # Actor adds the login rule


def rest_actor(user: dict[str, Any] | None) -> Actor:
    """REST ``user``: GitHub substitutes the ``ghost`` account for deleted users."""
    if not user or user.get("login") == "ghost":
        return Actor()
    login = str(user.get("login"))
    return Actor(login=login, is_bot=user.get("type") == "Bot")  # Actor adds the login rule


def association(value: Any) -> Any:
    return value if value in _ASSOCIATIONS else "NONE"


def nodes(conn: dict[str, Any] | None) -> list[dict[str, Any]]:
    """A connection's nodes, the nulls GitHub leaves for what the token cannot see dropped."""
    return [n for n in (conn or {}).get("nodes") or [] if n]


def timestamp(value: str) -> datetime:
    """A GitHub time ("2026-11-27T12:00:00Z") as an aware datetime."""
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def _labels(conn: dict[str, Any] | None) -> tuple[Label, ...]:
    return tuple(Label(name=n["name"], description=n.get("description")) for n in nodes(conn))


def comment(node: dict[str, Any]) -> Comment:
    return Comment(
        author=actor(node.get("author")),
        association=association(node.get("authorAssociation")),
        created_at=node["createdAt"],
        body=node.get("body") or "",
    )


def issue_link(node: dict[str, Any] | None, repo: str) -> IssueLink | None:
    """A blocker or parent issue as GraphQL gives it (``fragments.LINK``)."""
    if not node or "number" not in node:
        return None
    summary = node.get("subIssuesSummary") or {}
    return IssueLink(
        repo=(node.get("repository") or {}).get("nameWithOwner") or repo,
        number=int(node["number"]), title=node.get("title") or "", url=node.get("url") or "",
        state="CLOSED" if node.get("state") == "CLOSED" else "OPEN",
        sub_issues_total=int(summary.get("total") or 0), sub_issues_done=int(summary.get("completed") or 0),
    )


def assignments(node: dict[str, Any]) -> tuple[Assignment, ...]:
    """Every assignee: ``assignedActors`` (bots and agents too) where the server has it, else
    ``assignees`` (users only); the assignment time from AssignedEvents when they were read."""
    when: dict[str, str] = {}
    for event in nodes(node.get("assignedEvents")):
        login = (event.get("assignee") or {}).get("login")
        if login and event.get("createdAt"):
            when[str(login).lower()] = event["createdAt"]
    actors = node.get("assignedActors")
    found = nodes(actors) if actors is not None else [
        {"__typename": "User", **n} for n in nodes(node.get("assignees"))]
    out = []
    for n in found:
        login = n.get("login")
        if login:
            out.append(Assignment(login=str(login), is_bot=n.get("__typename") == "Bot",
                                  at=when.get(str(login).lower())))
    return tuple(out)


def issue(node: dict[str, Any], repo: str | None = None) -> Issue:
    """A GraphQL Issue node (search result or a repository's recent issue)."""
    comments = node.get("comments") or {}
    closing = node.get("closedByPullRequestsReferences") or {}
    open_closing = sum(1 for pr in nodes(closing) if pr.get("state") == "OPEN")
    name = repo or node["repository"]["nameWithOwner"]
    assigned = assignments(node)
    deps = node.get("issueDependenciesSummary")
    subs = node.get("subIssuesSummary") or {}
    return Issue(
        repo=name,
        number=node["number"],
        url=node["url"],
        title=node.get("title") or "",
        body=node.get("body") or "",
        state="CLOSED" if node.get("state") == "CLOSED" else "OPEN",
        locked=bool(node.get("locked")),
        author=actor(node.get("author")),
        author_association=association(node.get("authorAssociation")),
        created_at=node["createdAt"],
        updated_at=node.get("updatedAt") or node["createdAt"],
        closed_at=node.get("closedAt"),
        labels=_labels(node.get("labels")),
        assignees=tuple(a.login for a in assigned),
        comment_count=int(comments.get("totalCount") or 0),
        comments=tuple(comment(n) for n in nodes(comments)),
        open_closing_prs=open_closing,
        triaged_by=triaged_by(node),
        assignments=assigned,
        blocked_by=tuple(link for n in nodes(node.get("blockedBy")) if (link := issue_link(n, name))),
        open_blockers=int(deps.get("blockedBy") or 0) if isinstance(deps, dict) else None,
        parent=issue_link(node.get("parent"), name),
        sub_issues_total=int(subs.get("total") or 0),
        sub_issues_done=int(subs.get("completed") or 0),
        issue_type=(node.get("issueType") or {}).get("name"),
        pull_mentions=pull_mentions(node),
        open_sub_issue_numbers=tuple(int(n["number"]) for n in nodes(node.get("subIssues"))
                                     if "number" in n and n.get("state") != "CLOSED"),
    )


def issue_page(block: dict[str, Any] | None) -> tuple[list[Issue], str | None]:
    """One page of an issue search: its issues (a pull request or a node the token cannot see comes
    without a number and is left out) and the cursor to read on from, None on the last page."""
    found = [n for n in nodes(block) if "number" in n]
    page = (block or {}).get("pageInfo") or {}
    after = page.get("endCursor") if page.get("hasNextPage") and found else None
    return [issue(n) for n in found], str(after) if after else None


def pull_mentions(node: dict[str, Any]) -> tuple[PullMention, ...]:
    """Pull requests in the issue's cross-references, each once."""
    found: dict[int, PullMention] = {}
    for event in nodes(node.get("referencedBy")):
        source = event.get("source") or {}
        if "number" not in source:
            continue
        state = source.get("state")
        found[int(source["number"])] = PullMention(
            number=int(source["number"]), state=state if state in ("OPEN", "CLOSED", "MERGED") else "OPEN",
            author=actor(source.get("author")).login,
            association=association(source.get("authorAssociation")))
    return tuple(found.values())


def triaged_by(node: dict[str, Any]) -> tuple[str, ...]:
    """Actors of an issue's labeled/assigned/closed events; the author closing their own is not one."""
    author = ((node.get("author") or {}).get("login") or "").lower()
    found: list[str] = []
    for event in nodes(node.get("timelineItems")):
        login = actor(event.get("actor")).login
        if not login or (event.get("__typename") == "ClosedEvent" and login.lower() == author):
            continue
        found.append(str(login))
    return tuple(dict.fromkeys(found))


def pull_request(node: dict[str, Any], repo: str) -> PullRequest:
    state = node.get("state")
    return PullRequest(
        repo=repo,
        number=node["number"],
        url=node.get("url") or "",
        title=node.get("title") or "",
        author=actor(node.get("author")),
        author_association=association(node.get("authorAssociation")),
        state=state if state in ("OPEN", "CLOSED", "MERGED") else "OPEN",
        created_at=node["createdAt"],
        merged_at=node.get("mergedAt"),
        closed_at=node.get("closedAt"),
        merged_by=actor(node.get("mergedBy")).login,
        reviews=tuple(
            Review(
                author=actor(r.get("author")),
                association=association(r.get("authorAssociation")),
                state=r.get("state") or "COMMENTED",
                submitted_at=r.get("submittedAt"),
            )
            for r in nodes(node.get("reviews"))
        ),
    )


def repo(node: dict[str, Any]) -> Repo:
    """A GraphQL Repository node selected with the ``RepoFields`` fragment."""
    name = node["nameWithOwner"]
    return Repo(
        name_with_owner=name,
        url=node["url"],
        description=node.get("description"),
        stars=int(node.get("stargazerCount") or 0),
        forks=int(node.get("forkCount") or 0),
        archived=bool(node.get("isArchived")),
        disabled=bool(node.get("isDisabled")),
        locked=bool(node.get("isLocked")),
        is_fork=bool(node.get("isFork")),
        primary_language=(node.get("primaryLanguage") or {}).get("name"),
        languages=tuple(n["name"] for n in nodes(node.get("languages"))),
        topics=tuple(n["topic"]["name"] for n in nodes(node.get("repositoryTopics"))),
        license=(node.get("licenseInfo") or {}).get("spdxId"),
        open_issue_count=(node.get("openIssues") or {}).get("totalCount"),
        pushed_at=node.get("pushedAt"),
        created_at=node.get("createdAt"),
        recent_issues=tuple(issue(n, name) for n in nodes(node.get("recentIssues"))),
        closed_issues=tuple(issue(n, name) for n in nodes(node.get("closedIssues"))),
        recent_pulls=tuple(pull_request(n, name) for n in nodes(node.get("recentPulls"))),
        pr_creation_policy=node.get("pullRequestCreationPolicy"),
        pull_requests_enabled=node.get("hasPullRequestsEnabled"),
        viewer_permission=node.get("viewerPermission"),
        interaction_limit=_limit(node.get("interactionAbility")),
        ai_policy=find_policy(policy_texts(node)),
        ai_policy_read=True,
    )


def _limit(ability: dict[str, Any] | None) -> str | None:
    limit = (ability or {}).get("limit")
    return None if not limit or limit == "NO_LIMIT" else str(limit)


def policy_texts(node: dict[str, Any]) -> list[tuple[str, str]]:
    """(file, text) of every place a repository node read that may state an AI policy."""
    texts = [(path, blob["text"]) for i, path in enumerate(POLICY_BLOBS)
             if isinstance(blob := node.get(f"ai{i}"), dict) and isinstance(blob.get("text"), str)]
    guide = (node.get("contributingGuidelines") or {}).get("body")
    if isinstance(guide, str):
        texts.append(("CONTRIBUTING.md", guide))
    return texts


def rest_issue(item: dict[str, Any]) -> Issue:
    """A REST issue-search item. It lacks recent comments and closing references."""
    repo_url = str(item.get("repository_url", ""))
    name = "/".join(repo_url.rstrip("/").split("/")[-2:])
    return Issue(
        repo=name,
        number=item["number"],
        url=item["html_url"],
        title=item.get("title") or "",
        body=item.get("body") or "",
        state="CLOSED" if item.get("state") == "closed" else "OPEN",
        locked=bool(item.get("locked")),
        author=rest_actor(item.get("user")),
        author_association=association(item.get("author_association")),
        created_at=item["created_at"],
        updated_at=item.get("updated_at") or item["created_at"],
        closed_at=item.get("closed_at"),
        labels=tuple(
            Label(name=lab["name"], description=lab.get("description"))
            for lab in item.get("labels") or []
            if isinstance(lab, dict)
        ),
        assignees=tuple(a["login"] for a in item.get("assignees") or [] if a),
        assignments=tuple(Assignment(login=a["login"], is_bot=a.get("type") == "Bot")
                          for a in item.get("assignees") or [] if a and a.get("login")),
        comment_count=int(item.get("comments") or 0),
        open_blockers=_rest_open_blockers(item),
        sub_issues_total=int((item.get("sub_issues_summary") or {}).get("total") or 0),
        sub_issues_done=int((item.get("sub_issues_summary") or {}).get("completed") or 0),
        issue_type=(item.get("type") or {}).get("name") if isinstance(item.get("type"), dict) else None,
    )


def _rest_open_blockers(item: dict[str, Any]) -> int | None:
    deps = item.get("issue_dependencies_summary")
    return int(deps.get("blocked_by") or 0) if isinstance(deps, dict) else None


def rest_repo(data: dict[str, Any]) -> Repo:
    """A REST repository: no recent activity, so maintainer signals stay unknown."""
    lic = data.get("license") or {}
    return Repo(
        name_with_owner=data["full_name"],
        url=data["html_url"],
        description=data.get("description"),
        stars=int(data.get("stargazers_count") or 0),
        forks=int(data.get("forks_count") or 0),
        archived=bool(data.get("archived")),
        disabled=bool(data.get("disabled")),
        is_fork=bool(data.get("fork")),
        primary_language=data.get("language"),
        languages=(data["language"],) if data.get("language") else (),
        topics=tuple(data.get("topics") or ()),
        license=lic.get("spdx_id"),
        open_issue_count=data.get("open_issues_count"),
        pushed_at=data.get("pushed_at"),
        created_at=data.get("created_at"),
        has_activity=False,
        pr_creation_policy=str(data["pull_request_creation_policy"]).upper()
        if data.get("pull_request_creation_policy") else None,
        pull_requests_enabled=data.get("has_pull_requests"),
    )


def rest_repo_comment(item: dict[str, Any]) -> RepoComment | None:
    """One item of ``GET /repos/{o}/{r}/issues/comments``; None when it names no issue."""
    tail = str(item.get("issue_url") or "").rstrip("/").rsplit("/", 1)[-1]
    if not tail.isdigit() or not item.get("created_at"):
        return None
    return RepoComment(
        issue_number=int(tail),
        author=rest_actor(item.get("user")),
        association=association(item.get("author_association")),
        created_at=item["created_at"],
        body=item.get("body") or "",
    )
