"""What a GitHub user works with: languages and topics of their repositories and contributions."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from ossmatch.errors import NotFoundError
from ossmatch.github.client import GitHubClient

_OWN_REPOS = """
    repositories(
      first: 100, isFork: false, ownerAffiliations: [OWNER], orderBy: {field: PUSHED_AT, direction: DESC}
    ) {
      nodes { primaryLanguage { name } repositoryTopics(first: 10) { nodes { topic { name } } } }
    }"""

#: The cheaper fallback when ``repositoriesContributedTo`` exceeds GitHub's GraphQL resource limits
#: (changelog 2025-09-01), as it can for very active accounts: the user's own repositories only.
USER_OWN_REPOS = f"""
query UserOwnRepos($login: String!) {{
  rateLimit {{ cost remaining resetAt limit }}
  user(login: $login) {{{_OWN_REPOS}
  }}
}}
"""

USER_REPOS = """
query UserRepos($login: String!) {
  rateLimit { cost remaining resetAt limit }
  user(login: $login) {
    repositories(
      first: 100, isFork: false, ownerAffiliations: [OWNER], orderBy: {field: PUSHED_AT, direction: DESC}
    ) {
      nodes { primaryLanguage { name } repositoryTopics(first: 10) { nodes { topic { name } } } }
    }
    repositoriesContributedTo(
      first: 100, contributionTypes: [COMMIT, PULL_REQUEST], orderBy: {field: PUSHED_AT, direction: DESC}
    ) {
      nodes { primaryLanguage { name } repositoryTopics(first: 10) { nodes { topic { name } } } }
    }
  }
}
"""


def _ignore(_message: str) -> None:
    return None


def user_languages_and_topics(
    client: GitHubClient, login: str, warn: Callable[[str], None] = _ignore
) -> tuple[Counter[str], Counter[str]]:
    """Count primary languages and topics over the user's own and contributed-to repositories.

    When the contributions exceed GitHub's resource limits, fall back to the user's own
    repositories and ``warn`` that contributions were left out.
    """
    nodes: list[dict[str, Any]] = []
    if client.has_token:
        result = client.graphql(USER_REPOS, {"login": login}, kind="user")
        user = result.data.get("user")
        if not user and any(e.get("type") == "RESOURCE_LIMITS_EXCEEDED" for e in result.errors):
            warn(
                f"GitHub's resource limits refused {login}'s contributions to other projects; "
                "inferring from their own repositories only"
            )
            user = client.graphql(USER_OWN_REPOS, {"login": login}, kind="user").data.get("user")
        if not user:
            raise NotFoundError(f"no GitHub user named {login!r}")
        for key in ("repositories", "repositoriesContributedTo"):
            nodes += [n for n in (user.get(key) or {}).get("nodes") or [] if n]
    else:
        for page in client.rest_pages(f"/users/{login}/repos", {"sort": "pushed"}, max_pages=1):
            nodes += [
                {
                    "primaryLanguage": {"name": r["language"]} if r.get("language") else None,
                    "repositoryTopics": {"nodes": [{"topic": {"name": t}} for t in r.get("topics") or []]},
                }
                for r in page
                if not r.get("fork")
            ]
    languages: Counter[str] = Counter()
    topics: Counter[str] = Counter()
    for node in nodes:
        if node.get("primaryLanguage"):
            languages[node["primaryLanguage"]["name"]] += 1
        for topic in (node.get("repositoryTopics") or {}).get("nodes") or []:
            topics[topic["topic"]["name"]] += 1
    return languages, topics
