"""The audit's snapshot without a token: REST list endpoints only, within 60 requests an hour.

GitHub's GraphQL API needs a token; REST answers anonymous requests at 60 an hour. This reads what
REST can serve in about 15 requests: the repository, GitHub's community profile, the three texts a
newcomer reads, labels, beginner issues, the latest issues and pull requests, the window's comments
(one repository-wide listing instead of one request per issue) and the reviews of at most
``MAX_REVIEWED`` first-timer pull requests. Commits, issue templates' folders and workflow files are
left out (``None``): their checks say ``not_available`` and the report says what a token adds.
"""

from __future__ import annotations

import base64
from datetime import datetime, timedelta
from typing import Any

from ossmatch.errors import GitHubError, NotFoundError
from ossmatch.github import parse
from ossmatch.github.client import GitHubClient
from ossmatch.github.repo_facts import window_start
from ossmatch.models import Comment, Issue, PullRequest, Review
from ossmatch.repo_facts import CONFIG_PATH, CommunityProfile, MergedPull, RepoFile, RepoSnapshot
from ossmatch.vocabulary import NEWCOMER_ASSOCIATIONS, is_beginner_label

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
    "agents (AGENTS.md) and a longer merge history are read only with a token (GraphQL); set "
    "GITHUB_TOKEN for the full audit",
)

_COMMUNITY_TEXTS = {"readme": "README.md", "contributing": "CONTRIBUTING.md",
                    "code_of_conduct_file": "CODE_OF_CONDUCT.md"}


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


def fetch_snapshot_rest(client: GitHubClient, full_name: str, now: datetime) -> RepoSnapshot:
    """What REST serves of the audit's snapshot; NotFoundError if the repository does not exist."""
    owner, _, name = full_name.partition("/")
    base = f"/repos/{owner}/{name}"
    meta = client.rest(base)
    full = meta["full_name"]
    try:
        profile = client.rest(f"{base}/community/profile")
    except (NotFoundError, GitHubError):
        profile = None
    community = _community(profile) if isinstance(profile, dict) else None
    files: list[RepoFile] = []
    for key, default in _COMMUNITY_TEXTS.items():
        entry = ((profile or {}).get("files") or {}).get(key) if isinstance(profile, dict) else None
        if entry is None:
            continue
        found = _text(client, owner, name, _path_of(entry, owner, name) or default)
        if found is not None:
            files.append(found)
    config = _text(client, owner, name, CONFIG_PATH)
    if config is not None:
        files.append(config)

    labels = _flat(client.rest_pages(f"{base}/labels", {"per_page": 100}, max_pages=1))
    beginner_names = [lab["name"] for lab in labels if is_beginner_label(str(lab.get("name")))]
    beginner: dict[int, Issue] = {}
    more_beginner = False
    for label in beginner_names[:MAX_BEGINNER_LABELS]:
        pages = client.rest_pages(f"{base}/issues", {"state": "open", "labels": label,
                                                     "sort": "updated", "per_page": 100}, max_pages=1)
        items = [i for i in _flat(pages) if "pull_request" not in i]
        more_beginner = more_beginner or len(items) >= 100
        beginner.update((i["number"], parse.rest_issue(i)) for i in items)

    since = window_start(now)
    recent_items = [i for i in _flat(client.rest_pages(
        f"{base}/issues", {"state": "all", "sort": "created", "direction": "desc", "per_page": 100},
        max_pages=1)) if "pull_request" not in i]
    # Newest comments first: if the pages run out before the window's start, every issue opened
    # after the oldest comment read still has all its comments, so only those are judged.
    comment_items = _flat(client.rest_pages(
        f"{base}/issues/comments",
        {"since": since.strftime("%Y-%m-%dT%H:%M:%SZ"), "sort": "created", "direction": "desc",
         "per_page": 100}, max_pages=MAX_COMMENT_PAGES))
    comments: dict[int, list[Comment]] = {}
    for item in reversed(comment_items):
        number, comment = _comment(item)
        comments.setdefault(number, []).append(comment)
    if len(comment_items) >= 100 * MAX_COMMENT_PAGES:
        since = max(since, min(c.created_at for cs in comments.values() for c in cs))

    def with_comments(issue: Issue) -> Issue:
        return issue.model_copy(update={"comments": tuple(comments.get(issue.number, ()))})

    recent = tuple(with_comments(parse.rest_issue(i)) for i in recent_items
                   if datetime.fromisoformat(str(i["created_at"]).replace("Z", "+00:00")) >= since)
    pull_pages = client.rest_pages(f"{base}/pulls", {"state": "all", "sort": "created",
                                                     "direction": "desc", "per_page": 100},
                                   max_pages=MAX_PULL_PAGES)
    pull_items = _flat(pull_pages)
    pulls = [_pull(p, full) for p in pull_items]
    window = [p for p in pulls if p.created_at >= now - timedelta(days=90)]
    first_timers = [p for p in window if p.author_association in NEWCOMER_ASSOCIATIONS
                    and not p.author.is_bot][:MAX_REVIEWED]
    reviewed = {p.number: _reviews(client, owner, name, p.number) for p in first_timers}
    recent_pulls = tuple(p.model_copy(update={"reviews": reviewed.get(p.number, ())}) for p in window)
    merged = tuple(
        MergedPull(number=p.number, author=p.author.login, is_bot=p.author.is_bot,
                   association=p.author_association, merged_at=p.merged_at)
        for p in pulls if p.merged_at is not None
    )
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
        files=tuple(files),
        directories=None,
        community=community,
        labels=tuple(parse.Label(name=lab["name"], description=lab.get("description")) for lab in labels),
        labels_total=None,
        beginner_issues=tuple(sorted((with_comments(i) for i in beginner.values()),
                                     key=lambda i: i.updated_at, reverse=True)),
        beginner_issues_total=None if more_beginner else len(beginner),
        open_issues=tuple(with_comments(parse.rest_issue(i)) for i in recent_items if i.get("state") == "open"),
        recent_issues=recent,
        recent_pulls=recent_pulls,
        merged_pulls=merged,
        merged_pulls_truncated=len(pull_pages) >= MAX_PULL_PAGES and len(pull_items) >= 100 * MAX_PULL_PAGES,
        commits=None,
    )

