"""A repository's year of merged pull requests, for the audit's new-contributor and retention
checks: the snapshot's first page, then further pages back to the year's start (at most a few)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from ossmatch.github import parse
from ossmatch.github.client import GitHubClient
from ossmatch.github.fragments import ACTOR
from ossmatch.repo_facts import MergedPull
from ossmatch.vocabulary import YEAR_WINDOW

#: Merge history fetched for the new-contributor and retention checks: the shared year, plus a month
#: so an author whose first merge falls near the year's start is told from one who merged just before
#: it (chosen).
HISTORY_DAYS = YEAR_WINDOW.days + 35
#: Pages of merge history (100 each) at most: 300 merges a year covers all but the busiest projects,
#: which are told the history was cut (``merged_pulls_truncated``) rather than costing more requests.
MAX_MERGED_PAGES = 3

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


def merged_pulls(nodes: list[dict[str, Any]]) -> list[MergedPull]:
    pulls = []
    for node in nodes:
        if not node.get("mergedAt"):
            continue
        who = parse.actor(node.get("author"))
        pulls.append(MergedPull(number=node["number"], author=who.login, is_bot=who.is_bot,
                                association=parse.association(node.get("authorAssociation")),
                                merged_at=node["mergedAt"]))
    return pulls


def _older_pages(client: GitHubClient, owner: str, name: str, page: dict[str, Any],
                 until: datetime) -> tuple[list[MergedPull], bool]:
    """Follow merge-history pages back to ``until`` or the page limit; returns (pulls, truncated)."""
    pulls: list[MergedPull] = []
    info = page.get("pageInfo") or {}
    oldest = min((n["createdAt"] for n in parse.nodes(page)), default=None)
    pages = 1
    while info.get("hasNextPage") and pages < MAX_MERGED_PAGES:
        if oldest is not None and parse.timestamp(oldest) < until:
            return pulls, False
        result = client.graphql(MERGED_PULLS_QUERY, {"owner": owner, "name": name,
                                                     "after": info.get("endCursor")},
                                kind="snapshot")
        conn = ((result.data.get("repository") or {}).get("pullRequests")) or {}
        pulls.extend(merged_pulls(parse.nodes(conn)))
        oldest = min((n["createdAt"] for n in parse.nodes(conn)), default=None)
        info = conn.get("pageInfo") or {}
        pages += 1
    return pulls, bool(info.get("hasNextPage"))


def merge_history(client: GitHubClient, owner: str, name: str, first_page: dict[str, Any],
                  now: datetime) -> tuple[list[MergedPull], bool]:
    """The merges of the snapshot's page and the older pages the history window wants: (pulls,
    whether the history was cut at the page limit)."""
    older, truncated = _older_pages(client, owner, name, first_page, now - timedelta(days=HISTORY_DAYS))
    return merged_pulls(parse.nodes(first_page)) + older, truncated
