"""Repository lists: which repositories carry a topic (a community portal's ``topics``), and an
organisation's live repositories (``audit --org``)."""

from __future__ import annotations

from ossmatch.errors import NotFoundError
from ossmatch.github.client import GitHubClient

#: One page of repository search; archived ones are dropped by the query and checked again here.
REPO_SEARCH = """
query RepoSearch($query: String!, $first: Int!, $after: String) {
  rateLimit { cost remaining resetAt }
  search(type: REPOSITORY, query: $query, first: $first, after: $after) {
    repositoryCount
    pageInfo { hasNextPage endCursor }
    nodes { ... on Repository { nameWithOwner isArchived isFork } }
  }
}
"""
#: GitHub's largest search page.
PAGE = 100


def repositories_with_topic(client: GitHubClient, topic: str, limit: int) -> list[str]:
    """Public, non-archived, non-fork repositories tagged ``topic``, best match first (1 request per 100)."""
    names: list[str] = []
    after: str | None = None
    while len(names) < limit:
        result = client.graphql(REPO_SEARCH, {"query": f"topic:{topic} archived:false is:public",
                                              "first": min(PAGE, limit - len(names)), "after": after}, kind="search")
        found = result.data.get("search") or {}
        nodes = [n for n in found.get("nodes") or [] if n and n.get("nameWithOwner")]
        names.extend(n["nameWithOwner"] for n in nodes if not n.get("isArchived") and not n.get("isFork"))
        page = found.get("pageInfo") or {}
        if not page.get("hasNextPage") or not nodes:
            break
        after = page.get("endCursor")
    return names[:limit]


#: Pages of an organisation's repository list to read (100 each): 10,000 repositories.
ORG_PAGES = 100


def org_repositories(client: GitHubClient, owner: str) -> list[str]:
    """Every public repository of ``owner`` that takes contributions (not archived, not a fork),
    most recently pushed first."""
    params = {"sort": "pushed", "direction": "desc", "type": "public"}
    try:
        pages = client.rest_pages(f"/orgs/{owner}/repos", params, max_pages=ORG_PAGES)
    except NotFoundError:
        pages = client.rest_pages(f"/users/{owner}/repos", {"sort": "pushed"}, max_pages=ORG_PAGES)
    names = [
        item["full_name"]
        for page in pages
        for item in page
        if isinstance(item, dict) and not item.get("archived") and not item.get("fork")
    ]
    if not names:
        raise NotFoundError(f"{owner} has no public repositories to audit")
    return names
