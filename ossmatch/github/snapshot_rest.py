"""The audit's snapshot without a token: REST list endpoints only, within 60 requests an hour.

GitHub's GraphQL API needs a token; REST answers anonymous requests at 60 an hour. This reads what
REST can serve in about 17 requests: the repository, GitHub's community profile, the texts a
newcomer reads (and the pull request template) where the profile points, AI_POLICY.md and AGENTS.md,
labels, beginner issues, the latest issues and pull requests, the window's comments (one
repository-wide listing instead of one request per issue) and the reviews of at most
``MAX_REVIEWED`` first-timer pull requests. Commits, issue templates' folders and workflow files are
left out (``None``): their checks say ``not_available`` and the report says what a token adds.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ossmatch.document_names import AI_POLICY_FILES
from ossmatch.errors import GitHubError, NotFoundError
from ossmatch.github import parse
from ossmatch.github.client import GitHubClient
from ossmatch.github.snapshot_graphql import window_start
from ossmatch.models import Comment, Issue, PullRequest, Review
from ossmatch.repo_facts import CONFIG_PATH, CommunityProfile, MergedPull, RepoFile, RepoSnapshot, merge_history
from ossmatch.vocabulary import ACTIVITY_WINDOW, NEWCOMER_ASSOCIATIONS, is_beginner_label

#: Reviews are one request per pull request: read them for this many first-timer pull requests.
MAX_REVIEWED = 5
#: Pages of the window's issue comments to read (100 each).
MAX_COMMENT_PAGES = 2
#: Pages of pull requests (100 each): the window's and the merge history first-timers are told by.
MAX_PULL_PAGES = 2
#: Beginner labels to list issues for (REST filters by all given labels, so one request each).
MAX_BEGINNER_LABELS = 2

#: What a token adds, said in every tokenless report.
TOKEN_ADDS = (
    "commits and workflow files (maintained, stale-bot), issue template folders, guides for coding "
    "agents other than AGENTS.md and a longer merge history are read only with a token (GraphQL); set "
    "GITHUB_TOKEN for the full audit",
)

_COMMUNITY_TEXTS = {"readme": "README.md", "contributing": "CONTRIBUTING.md",
                    "code_of_conduct_file": "CODE_OF_CONDUCT.md",
                    "pull_request_template": ".github/pull_request_template.md"}
#: The AI policy files at the root (AI_POLICY.md, AGENTS.md), read whether or not they exist (one
#: request each), so the ai-policy check has read every document its reason names; the community
#: profile does not list them.
_POLICY_TEXTS = tuple(path for path in AI_POLICY_FILES if "/" not in path)


def _community(data: dict[str, Any]) -> CommunityProfile:
    files = data.get("files") or {}
    return CommunityProfile(
        health_percentage=data.get("health_percentage"),
        code_of_conduct=bool(files.get("code_of_conduct") or files.get("code_of_conduct_file")),
        **{key: bool(files.get(key)) for key in (
            "contributing", "issue_template", "pull_request_template", "license", "readme")},
    )


def _path_of(entry: dict[str, Any] | None, owner: str, name: str) -> str | None:
    """The repository path of a community-profile file (its ``url`` is a contents URL)."""
    url = str((entry or {}).get("url") or "")
    marker = f"/repos/{owner}/{name}/contents/"
    return url.split(marker, 1)[1].split("?", 1)[0] if marker in url else None


def _text(client: GitHubClient, owner: str, name: str, path: str) -> RepoFile | None:
    try:
        data = client.rest(f"/repos/{owner}/{name}/contents/{path}")
    except NotFoundError:
        return None
    if not isinstance(data, dict) or data.get("type") != "file":
        return None
    raw = base64.b64decode(str(data.get("content") or "")) if data.get("encoding") == "base64" else b""
    try:
        text: str | None = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    return RepoFile(path=path, text=text, byte_size=int(data.get("size") or len(raw)))


def _pull(item: dict[str, Any], repo: str) -> PullRequest:
    merged = item.get("merged_at")
    state = "MERGED" if merged else "CLOSED" if item.get("state") == "closed" else "OPEN"
    return PullRequest(
        repo=repo, number=item["number"], url=item.get("html_url") or "", title=item.get("title") or "",
        author=parse.rest_actor(item.get("user")),
        author_association=parse.association(item.get("author_association")),
        state=state, created_at=item["created_at"], merged_at=merged, closed_at=item.get("closed_at"),
    )


def _comment(item: dict[str, Any]) -> tuple[int, Comment]:
    number = int(str(item.get("issue_url", "")).rstrip("/").rsplit("/", 1)[-1] or 0)
    return number, Comment(author=parse.rest_actor(item.get("user")),
                           association=parse.association(item.get("author_association")),
                           created_at=item["created_at"], body=item.get("body") or "")


def _reviews(client: GitHubClient, owner: str, name: str, number: int) -> tuple[Review, ...]:
    items = client.rest(f"/repos/{owner}/{name}/pulls/{number}/reviews", {"per_page": 100})
    return tuple(
        Review(author=parse.rest_actor(r.get("user")),
               association=parse.association(r.get("author_association")),
               state=str(r.get("state") or "COMMENTED"), submitted_at=r.get("submitted_at"))
        for r in items or [] if isinstance(r, dict)
    )


def _flat(pages: list[Any]) -> list[dict[str, Any]]:
    return [item for page in pages if isinstance(page, list) for item in page if isinstance(item, dict)]


@dataclass(frozen=True)
class _Where:
    """The repository being read: its REST base path and names."""

    owner: str
    name: str

    @property
    def base(self) -> str:
        return f"/repos/{self.owner}/{self.name}"


def _community_profile(client: GitHubClient, where: _Where) -> dict[str, Any] | None:
    """GitHub's community profile (which files it found); None where GitHub has none."""
    try:
        profile = client.rest(f"{where.base}/community/profile")
    except (NotFoundError, GitHubError):
        return None
    return profile if isinstance(profile, dict) else None


def _files(client: GitHubClient, where: _Where, profile: dict[str, Any] | None) -> tuple[RepoFile, ...]:
    """The texts a newcomer reads (where the community profile points) and ossmatch's own config."""
    files: list[RepoFile] = []
    for key, default in _COMMUNITY_TEXTS.items():
        entry = ((profile or {}).get("files") or {}).get(key)
        if entry is None:
            continue
        found = _text(client, where.owner, where.name, _path_of(entry, where.owner, where.name) or default)
        if found is not None:
            files.append(found)
    for path in (*_POLICY_TEXTS, CONFIG_PATH):
        found = _text(client, where.owner, where.name, path)
        if found is not None:
            files.append(found)
    return tuple(files)


def _labels(client: GitHubClient, where: _Where) -> list[dict[str, Any]]:
    return _flat(client.rest_pages(f"{where.base}/labels", {"per_page": 100}, max_pages=1))


def _beginner_issues(
    client: GitHubClient, where: _Where, labels: list[dict[str, Any]],
) -> tuple[dict[int, Issue], bool]:
    """Open issues under the first beginner labels (one request each); True when a page was full."""
    names = [lab["name"] for lab in labels if is_beginner_label(str(lab.get("name")))]
    beginner: dict[int, Issue] = {}
    more = False
    for label in names[:MAX_BEGINNER_LABELS]:
        pages = client.rest_pages(f"{where.base}/issues", {"state": "open", "labels": label,
                                                           "sort": "updated", "per_page": 100}, max_pages=1)
        items = [i for i in _flat(pages) if "pull_request" not in i]
        more = more or len(items) >= 100
        beginner.update((i["number"], parse.rest_issue(i)) for i in items)
    return beginner, more


def _latest_issues(client: GitHubClient, where: _Where) -> list[Issue]:
    """The newest issues, open and closed, pull requests left out."""
    return [parse.rest_issue(i) for i in _flat(client.rest_pages(
        f"{where.base}/issues", {"state": "all", "sort": "created", "direction": "desc", "per_page": 100},
        max_pages=1)) if "pull_request" not in i]


def _window_comments(client: GitHubClient, where: _Where, since: datetime) -> tuple[dict[int, list[Comment]], datetime]:
    """The window's comments by issue number, from one repository-wide listing, newest first.

    If the pages run out before the window's start, every issue opened after the oldest comment
    read still has all its comments, so the window is narrowed to that comment.
    """
    items = _flat(client.rest_pages(
        f"{where.base}/issues/comments",
        {"since": since.strftime("%Y-%m-%dT%H:%M:%SZ"), "sort": "created", "direction": "desc",
         "per_page": 100}, max_pages=MAX_COMMENT_PAGES))
    comments: dict[int, list[Comment]] = {}
    for item in reversed(items):
        number, comment = _comment(item)
        comments.setdefault(number, []).append(comment)
    if len(items) >= 100 * MAX_COMMENT_PAGES:
        since = max(since, min(c.created_at for cs in comments.values() for c in cs))
    return comments, since


def _pulls(client: GitHubClient, where: _Where, full: str, now: datetime
           ) -> tuple[tuple[PullRequest, ...], tuple[MergedPull, ...], bool]:
    """The window's pull requests (first-timers' with their reviews), the merge history, and
    whether that history was cut short."""
    pages = client.rest_pages(f"{where.base}/pulls", {"state": "all", "sort": "created", "direction": "desc",
                                                      "per_page": 100}, max_pages=MAX_PULL_PAGES)
    items = _flat(pages)
    pulls = [_pull(p, full) for p in items]
    window = [p for p in pulls if p.created_at >= now - ACTIVITY_WINDOW]
    first_timers = [p for p in window if p.author_association in NEWCOMER_ASSOCIATIONS
                    and not p.author.is_bot][:MAX_REVIEWED]
    reviewed = {p.number: _reviews(client, where.owner, where.name, p.number) for p in first_timers}
    recent = tuple(p.model_copy(update={"reviews": reviewed.get(p.number, ())}) for p in window)
    merged = tuple(merge_history(pulls))  # _pull marks MERGED exactly those with merged_at
    truncated = len(pages) >= MAX_PULL_PAGES and len(items) >= 100 * MAX_PULL_PAGES
    return recent, merged, truncated


def fetch_snapshot_rest(client: GitHubClient, full_name: str, now: datetime) -> RepoSnapshot:
    """What REST serves of the audit's snapshot; NotFoundError if the repository does not exist."""
    owner, _, name = full_name.partition("/")
    where = _Where(owner, name)
    meta = client.rest(where.base)
    full = meta["full_name"]
    profile = _community_profile(client, where)
    files = _files(client, where, profile)
    labels = _labels(client, where)
    beginner, more_beginner = _beginner_issues(client, where, labels)
    latest = _latest_issues(client, where)
    comments, since = _window_comments(client, where, window_start(now))

    def with_comments(issue: Issue) -> Issue:
        return issue.model_copy(update={"comments": tuple(comments.get(issue.number, ()))})

    listed = [with_comments(i) for i in latest]
    recent_pulls, merged, truncated = _pulls(client, where, full, now)
    return RepoSnapshot(
        name_with_owner=full,
        url=meta.get("html_url") or f"https://github.com/{full}",
        fetched_at=now,
        archived=bool(meta.get("archived")),
        disabled=bool(meta.get("disabled")),
        is_fork=bool(meta.get("fork")),
        pushed_at=meta.get("pushed_at"),
        created_at=meta.get("created_at"),
        license=(meta.get("license") or {}).get("spdx_id"),
        stars=int(meta.get("stargazers_count") or 0),
        default_branch=meta.get("default_branch"),
        primary_language=meta.get("language"),
        languages=(meta["language"],) if meta.get("language") else (),
        topics=tuple(meta.get("topics") or ()),
        description=meta.get("description"),
        files=files,
        directories=None,
        community=_community(profile) if profile is not None else None,
        labels=tuple(parse.Label(name=lab["name"], description=lab.get("description")) for lab in labels),
        labels_total=None,
        beginner_issues=tuple(sorted((with_comments(i) for i in beginner.values()),
                                     key=lambda i: i.updated_at, reverse=True)),
        beginner_issues_total=None if more_beginner else len(beginner),
        open_issues=tuple(i for i in listed if i.state == "OPEN"),
        recent_issues=tuple(i for i in listed if i.created_at >= since),
        recent_pulls=recent_pulls,
        merged_pulls=merged,
        merged_pulls_truncated=truncated,
        commits=None,
    )
