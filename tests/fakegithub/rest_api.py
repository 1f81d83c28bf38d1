"""REST endpoints of the fake: JSON shaped like api.github.com (checked against its OpenAPI).

Handlers are pure functions ``(Req) -> Resp``; the server adds auth, quota, ETags and faults.
URLs inside bodies point back at the fake so clients (PyGithub) can follow them.
"""

from __future__ import annotations

import base64
import hashlib
import math
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import quote, urlencode

from . import search as search_mod
from .graphql_api import IP_ALLOW_LIST_MESSAGE, LICENSE_NAMES, SAML_MESSAGE, iso, node_id
from .world import Issue, PullRequest, Repo, World

DOCS = "https://docs.github.com/rest"
GHOST = "ghost"  # REST shows deleted accounts as the "ghost" user


@dataclass
class Req:
    world: World
    api: str  # absolute base the client used, e.g. http://127.0.0.1:1234/api/v3
    path: str  # without the /api/v3 prefix
    params: dict[str, str]
    viewer: str | None
    match: dict[str, str] = field(default_factory=dict)


@dataclass
class Resp:
    status: int
    body: Any
    headers: dict[str, str] = field(default_factory=dict)
    resource: str = "core"


def stable_id(*parts: object) -> int:
    """Deterministic numeric ids (``hash()`` is salted per process)."""
    return zlib.crc32(repr(parts).encode()) or 1


def error(status: int, message: str, doc: str = DOCS, **extra) -> Resp:
    return Resp(status, {"message": message, "documentation_url": doc, **extra})


def not_found() -> Resp:
    return error(404, "Not Found", f"{DOCS}/repos/repos#get-a-repository")


# --------------------------------------------------------------------------- shapes

def user_json(req: Req, login: str | None) -> dict:
    login = login or GHOST
    kind = req.world.user_type(login)
    user = req.world.users.get(login)
    uid = user.id if user else int(hashlib.md5(login.encode()).hexdigest()[:7], 16)
    api = f"{req.api}/users/{quote(login)}"
    app = login[:-5] if login.endswith("[bot]") else login.lower()
    html = f"https://github.com/{'apps/' + app if kind == 'Bot' else login}"
    return {
        "login": login, "id": uid, "node_id": node_id(kind, login),
        "avatar_url": f"https://avatars.githubusercontent.com/u/{uid}?v=4", "gravatar_id": "",
        "url": api, "html_url": html, "followers_url": f"{api}/followers",
        "following_url": f"{api}/following{{/other_user}}",
        "gists_url": f"{api}/gists{{/gist_id}}", "starred_url": f"{api}/starred{{/owner}}{{/repo}}",
        "subscriptions_url": f"{api}/subscriptions", "organizations_url": f"{api}/orgs",
        "repos_url": f"{api}/repos", "events_url": f"{api}/events{{/privacy}}",
        "received_events_url": f"{api}/received_events", "type": kind,
        "user_view_type": "public", "site_admin": False,
    }


def public_user_json(req: Req, login: str) -> dict:
    user = req.world.user(login)
    repos = [r for r in req.world.repos.values() if r.owner.lower() == login.lower()]
    created = iso(user.created_at) if user else iso(req.world.now)
    return {**user_json(req, user.login if user else login), "name": user.name if user else None,
            "company": None, "blog": "", "location": None, "email": None, "hireable": None,
            "bio": None, "twitter_username": None, "public_repos": len(repos),
            "public_gists": 0, "followers": 0, "following": 0, "created_at": created,
            "updated_at": created}


def private_user_json(req: Req, login: str) -> dict:
    return {**public_user_json(req, login), "private_gists": 0, "total_private_repos": 0,
            "owned_private_repos": 0, "disk_usage": 0, "collaborators": 0,
            "two_factor_authentication": True, "user_view_type": "private"}


def license_json(spdx: str | None) -> dict | None:
    if not spdx:
        return None
    key = "other" if spdx == "NOASSERTION" else spdx.lower()
    return {"key": key, "name": LICENSE_NAMES.get(spdx, spdx), "spdx_id": spdx,
            "url": None if key == "other" else f"https://api.github.com/licenses/{key}",
            "node_id": node_id("License", key)}


_REPO_LINKS = {
    "archive_url": "/{archive_format}{/ref}", "assignees_url": "/assignees{/user}",
    "blobs_url": "/git/blobs{/sha}", "branches_url": "/branches{/branch}",
    "collaborators_url": "/collaborators{/collaborator}", "comments_url": "/comments{/number}",
    "commits_url": "/commits{/sha}", "compare_url": "/compare/{base}...{head}",
    "contents_url": "/contents/{+path}", "contributors_url": "/contributors",
    "deployments_url": "/deployments", "downloads_url": "/downloads", "events_url": "/events",
    "forks_url": "/forks", "git_commits_url": "/git/commits{/sha}",
    "git_refs_url": "/git/refs{/sha}", "git_tags_url": "/git/tags{/sha}",
    "hooks_url": "/hooks", "issue_comment_url": "/issues/comments{/number}",
    "issue_events_url": "/issues/events{/number}", "issues_url": "/issues{/number}",
    "keys_url": "/keys{/key_id}", "labels_url": "/labels{/name}", "languages_url": "/languages",
    "merges_url": "/merges", "milestones_url": "/milestones{/number}",
    "notifications_url": "/notifications{?since,all,participating}",
    "pulls_url": "/pulls{/number}", "releases_url": "/releases{/id}",
    "stargazers_url": "/stargazers", "statuses_url": "/statuses/{sha}",
    "subscribers_url": "/subscribers", "subscription_url": "/subscription",
    "tags_url": "/tags", "teams_url": "/teams", "trees_url": "/git/trees{/sha}",
}


def repo_json(req: Req, repo: Repo, full: bool = True) -> dict:
    """``full-repository`` shape (``full=False`` gives the list shape of ``minimal-repository``)."""
    api = f"{req.api}/repos/{repo.full_name}"
    html = f"https://github.com/{repo.full_name}"
    body = {
        "id": repo.id, "node_id": node_id("Repository", repo.full_name), "name": repo.name,
        "full_name": repo.full_name, "private": False, "owner": user_json(req, repo.owner),
        "html_url": html, "description": repo.description, "fork": repo.is_fork, "url": api,
        **{k: api + v for k, v in _REPO_LINKS.items()},
        "created_at": iso(repo.created_at), "updated_at": iso(repo.pushed_at or repo.created_at),
        "pushed_at": iso(repo.pushed_at), "git_url": f"git://github.com/{repo.full_name}.git",
        "ssh_url": f"git@github.com:{repo.full_name}.git", "clone_url": f"{html}.git",
        "svn_url": html, "homepage": None, "size": sum(len(t) for t in repo.files.values()),
        "stargazers_count": repo.stars, "watchers_count": repo.stars,
        "language": repo.primary_language, "has_issues": True, "has_projects": True,
        "has_downloads": True, "has_wiki": True, "has_pages": False, "has_discussions": False,
        "forks_count": repo.forks, "mirror_url": None, "archived": repo.archived,
        "disabled": repo.disabled, "open_issues_count": repo.open_issues_count,
        "license": license_json(repo.license), "allow_forking": True, "is_template": False,
        "web_commit_signoff_required": False, "topics": list(repo.topics),
        "visibility": "public", "forks": repo.forks, "open_issues": repo.open_issues_count,
        "watchers": repo.stars, "default_branch": repo.default_branch,
    }
    if full:
        body.update({"network_count": repo.forks, "subscribers_count": 0})
    if full and not req.world.pre_2026:
        body.update({"has_pull_requests": repo.has_pull_requests,
                     "pull_request_creation_policy": repo.pull_request_creation_policy.lower()})
    return body


def issue_2026_json(req: Req, repo: Repo, issue: Issue, api: str) -> dict:
    """The 2025-26 keys of an issue: dependencies, sub-issues, parent and the organisation's type."""
    blockers = [i for i in (repo.issue(n) for n in issue.blocked_by) if i and not i.deleted]
    blocking = repo.blocking(issue)
    subs = repo.sub_issues(issue)
    done = sum(i.state == "CLOSED" for i in subs)
    kind = None
    if issue.issue_type and repo.is_org:
        kind = {"id": stable_id((repo.owner, issue.issue_type)),
                "node_id": node_id("IssueType", repo.owner, issue.issue_type),
                "name": issue.issue_type, "description": None, "color": "gray",
                "created_at": iso(repo.created_at), "updated_at": iso(repo.created_at),
                "is_enabled": True}
    return {
        "issue_dependencies_summary": {
            "blocked_by": sum(i.state == "OPEN" for i in blockers), "total_blocked_by": len(blockers),
            "blocking": sum(i.state == "OPEN" for i in blocking), "total_blocking": len(blocking)},
        "sub_issues_summary": {"total": len(subs), "completed": done,
                               "percent_completed": round(100 * done / len(subs)) if subs else 0},
        "parent_issue_url": (api.rsplit("/", 1)[0] + f"/{issue.parent}") if issue.parent else None,
        "type": kind,
    }


def label_json(req: Req, repo: Repo, name: str) -> dict:
    label = next((lab for lab in repo.labels if lab.name.lower() == name.lower()), None)
    return {"id": stable_id((repo.full_name, name)),
            "node_id": node_id("Label", repo.full_name, name),
            "url": f"{req.api}/repos/{repo.full_name}/labels/{quote(name)}", "name": name,
            "description": label.description if label else None,
            "color": label.color if label else "ededed", "default": False}


def issue_json(req: Req, repo: Repo, item: Issue | PullRequest) -> dict:
    """``issue`` shape; PRs carry the ``pull_request`` key as in GitHub's issue listings."""
    api = f"{req.api}/repos/{repo.full_name}/issues/{item.number}"
    is_pr = isinstance(item, PullRequest)
    html = f"https://github.com/{repo.full_name}/{'pull' if is_pr else 'issues'}/{item.number}"
    state = "open" if item.state == "OPEN" else "closed"
    assignees = [user_json(req, a) for a in item.assignees]
    body = {
        "url": api, "repository_url": f"{req.api}/repos/{repo.full_name}",
        "labels_url": f"{api}/labels{{/name}}", "comments_url": f"{api}/comments",
        "events_url": f"{api}/events", "html_url": html,
        "id": stable_id((repo.full_name, item.number)),
        "node_id": node_id("PullRequest" if is_pr else "Issue", repo.full_name, item.number),
        "number": item.number, "title": item.title, "user": user_json(req, item.author),
        "labels": [label_json(req, repo, n) for n in item.labels], "state": state,
        "locked": item.locked, "assignee": assignees[0] if assignees else None,
        "assignees": assignees, "milestone": None, "comments": len(item.comments),
        "created_at": iso(item.created_at), "updated_at": iso(item.updated_at or item.created_at),
        "closed_at": iso(item.closed_at), "author_association": item.author_association,
        "active_lock_reason": None, "body": item.body,
        "reactions": {"url": f"{api}/reactions", "total_count": 0, "+1": 0, "-1": 0, "laugh": 0,
                      "hooray": 0, "confused": 0, "heart": 0, "rocket": 0, "eyes": 0},
        "timeline_url": f"{api}/timeline", "performed_via_github_app": None,
        "state_reason": ("completed" if item.state == "CLOSED" and not is_pr else None),
    }
    if isinstance(item, Issue) and not req.world.pre_2026:
        body.update(issue_2026_json(req, repo, item, api))
    if is_pr:
        pr_api = f"{req.api}/repos/{repo.full_name}/pulls/{item.number}"
        body["draft"] = item.draft
        body["pull_request"] = {"url": pr_api, "html_url": html, "diff_url": f"{html}.diff",
                                "patch_url": f"{html}.patch", "merged_at": iso(item.merged_at)}
    return body


def comment_json(req: Req, repo: Repo, item: Issue, comment) -> dict:
    api = f"{req.api}/repos/{repo.full_name}"
    return {"id": comment.id, "node_id": node_id("IssueComment", comment.id),
            "url": f"{api}/issues/comments/{comment.id}",
            "html_url": f"https://github.com/{repo.full_name}/issues/{item.number}"
                        f"#issuecomment-{comment.id}",
            "body": comment.body, "user": user_json(req, comment.author),
            "created_at": iso(comment.created_at), "updated_at": iso(comment.created_at),
            "issue_url": f"{api}/issues/{item.number}",
            "author_association": comment.author_association,
            "performed_via_github_app": None}


def pull_json(req: Req, repo: Repo, pr: PullRequest) -> dict:
    """``pull-request-simple`` shape used by the pulls listing."""
    api = f"{req.api}/repos/{repo.full_name}"
    html = f"https://github.com/{repo.full_name}/pull/{pr.number}"
    self_url = f"{api}/pulls/{pr.number}"
    ref = {"label": f"{repo.owner}:{repo.default_branch}", "ref": repo.default_branch,
           "sha": "0" * 40, "user": user_json(req, repo.owner), "repo": repo_json(req, repo)}
    links = {"self": self_url, "html": html, "issue": f"{api}/issues/{pr.number}",
             "comments": f"{api}/issues/{pr.number}/comments",
             "review_comments": f"{self_url}/comments",
             "review_comment": f"{api}/pulls/comments{{/number}}",
             "commits": f"{self_url}/commits", "statuses": f"{api}/statuses/{'0' * 40}"}
    return {
        "url": self_url, "id": stable_id((repo.full_name, "pr", pr.number)),
        "node_id": node_id("PullRequest", repo.full_name, pr.number), "html_url": html,
        "diff_url": f"{html}.diff", "patch_url": f"{html}.patch", "issue_url": links["issue"],
        "commits_url": links["commits"], "review_comments_url": links["review_comments"],
        "review_comment_url": links["review_comment"], "comments_url": links["comments"],
        "statuses_url": links["statuses"], "number": pr.number,
        "state": "open" if pr.state == "OPEN" else "closed", "locked": pr.locked,
        "title": pr.title, "user": user_json(req, pr.author), "body": pr.body,
        "labels": [label_json(req, repo, n) for n in pr.labels], "milestone": None,
        "active_lock_reason": None, "created_at": iso(pr.created_at),
        "updated_at": iso(pr.updated_at or pr.created_at), "closed_at": iso(pr.closed_at),
        "merged_at": iso(pr.merged_at), "merge_commit_sha": None, "assignee": None,
        "assignees": [], "requested_reviewers": [], "requested_teams": [], "head": ref,
        "base": ref, "_links": {k: {"href": v} for k, v in links.items()},
        "author_association": pr.author_association, "auto_merge": None, "draft": pr.draft,
    }


# --------------------------------------------------------------------------- pagination

def paginate(req: Req, items: list, max_per_page: int = 100) -> tuple[list, dict[str, str]]:
    """Slice by ``per_page``/``page`` and build GitHub's ``Link`` header."""
    try:
        per_page = min(max(int(req.params.get("per_page", 30)), 1), max_per_page)
        page = max(int(req.params.get("page", 1)), 1)
    except ValueError:
        per_page, page = 30, 1
    last = max(1, math.ceil(len(items) / per_page))
    chunk = items[(page - 1) * per_page: page * per_page]

    def url(n: int) -> str:
        return f"{req.api}{req.path}?{urlencode({**req.params, 'per_page': per_page, 'page': n})}"

    rels = []
    if page > 1:
        rels += [(url(min(page - 1, last)), "prev"), (url(1), "first")]
    if page < last:
        rels += [(url(page + 1), "next"), (url(last), "last")]
    headers = {"Link": ", ".join(f'<{u}>; rel="{r}"' for u, r in rels)} if rels else {}
    return chunk, headers


# --------------------------------------------------------------------------- handlers

def _repo_or_404(req: Req) -> Repo | None:
    return req.world.repo(f"{req.match['owner']}/{req.match['repo']}")


def refused(req: Req) -> Resp | None:
    """403 for an organisation that enforces SAML SSO (with ``X-GitHub-SSO`` naming its SSO
    URL) or whose IP allow list refuses us; None when the owner lets us in."""
    owner = req.match.get("owner", "")
    why = req.world.forbidden(owner) if owner else None
    if why == "saml":
        resp = error(403, SAML_MESSAGE, "https://docs.github.com/articles/authenticating-to-a-"
                                        "github-organization-with-saml-single-sign-on/")
        resp.headers["X-GitHub-SSO"] = (f"required; url=https://github.com/orgs/{owner}/sso"
                                        "?authorization_request=FAKE")
        return resp
    if why:
        return error(403, IP_ALLOW_LIST_MESSAGE.format(org=owner))
    return None


def with_repo(fn: Callable[[Req, Repo], Resp]) -> Callable[[Req], Resp]:
    def handler(req: Req) -> Resp:
        denied = refused(req)
        if denied is not None:
            return denied
        repo = _repo_or_404(req)
        return not_found() if repo is None else fn(req, repo)
    return handler


def search_issues(req: Req) -> Resp:
    query = req.params.get("q", "")
    if not query.strip():
        return Resp(422, {"message": "Validation Failed", "errors": [
            {"resource": "Search", "field": "q", "code": "missing"}],
            "documentation_url": f"{DOCS}/search/search#search-issues-and-pull-requests"},
            resource="search")
    try:
        result = search_mod.search(req.world, query, req.params.get("sort"),
                                   req.params.get("order"))
    except search_mod.SearchError as exc:
        return Resp(422, {"message": "Validation Failed", "errors": [
            {"message": str(exc), "resource": "Search", "field": "q", "code": "invalid"}],
            "documentation_url": f"{DOCS}/search/search#search-issues-and-pull-requests",
            "status": "422"}, resource="search")
    page, headers = paginate(req, result.items)
    items = [{**issue_json(req, repo, item), "score": 1.0} for repo, item in page
             if not req.world.forbidden(repo.owner)]
    body = {"total_count": result.total, "incomplete_results": req.world.search_incomplete,
            "items": items,
            "search_type": "lexical"}
    return Resp(200, body, headers, resource="search")


@with_repo
def get_repo(req: Req, repo: Repo) -> Resp:
    return Resp(200, repo_json(req, repo))


#: Extensions GitHub accepts on a community health file (README.md, readme.rst, CONTRIBUTING ...).
HEALTH_EXTENSIONS = ("", ".md", ".markdown", ".rst", ".txt")


def _health_key(path: str) -> str:
    """GitHub matches health files whatever their case; ``CODE-OF-CONDUCT`` counts as well."""
    return path.lower().replace("-", "_")


def _health_file(req: Req, repo: Repo, *names: str) -> dict | None:
    by_key = {_health_key(p): p for p in sorted(repo.files)}
    for name in names:
        for folder in ("", ".github/", "docs/"):
            for ext in HEALTH_EXTENSIONS:
                path = by_key.get(_health_key(f"{folder}{name}{ext}"))
                if path is not None:
                    return {"url": f"{req.api}/repos/{repo.full_name}/contents/{path}",
                            "html_url": f"https://github.com/{repo.full_name}/blob/"
                                        f"{repo.default_branch}/{path}"}
    return None


@with_repo
def community_profile(req: Req, repo: Repo) -> Resp:
    files = {
        "code_of_conduct": None,
        "code_of_conduct_file": _health_file(req, repo, "CODE_OF_CONDUCT"),
        "license": license_json(repo.license) if repo.license else None,
        "contributing": _health_file(req, repo, "CONTRIBUTING"),
        "readme": _health_file(req, repo, "README"),
        "issue_template": _health_file(req, repo, "ISSUE_TEMPLATE") or (
            {"url": f"{req.api}/repos/{repo.full_name}/contents/.github/ISSUE_TEMPLATE",
             "html_url": f"https://github.com/{repo.full_name}/tree/{repo.default_branch}/"
                         ".github/ISSUE_TEMPLATE"}
            if any(p.startswith(".github/ISSUE_TEMPLATE/") for p in repo.files) else None),
        "pull_request_template": _health_file(req, repo, "PULL_REQUEST_TEMPLATE"),
    }
    if files["license"]:
        files["license"]["html_url"] = f"https://github.com/{repo.full_name}/blob/" \
                                       f"{repo.default_branch}/LICENSE"
    if files["code_of_conduct_file"]:
        files["code_of_conduct"] = {"key": "other", "name": "Other",
                                    "url": files["code_of_conduct_file"]["url"],
                                    "html_url": files["code_of_conduct_file"]["html_url"]}
    present = sum(1 for k in ("code_of_conduct_file", "license", "contributing", "readme",
                              "issue_template", "pull_request_template") if files[k])
    present += bool(repo.description)
    body = {"health_percentage": round(100 * present / 7), "description": repo.description,
            "documentation": None, "files": files, "updated_at": iso(repo.pushed_at),
            "content_reports_enabled": False}
    return Resp(200, body)


def _since(req: Req) -> datetime | None:
    raw = req.params.get("since")
    return search_mod._when(raw) if raw else None


@with_repo
def list_issues(req: Req, repo: Repo) -> Resp:
    """Issues listing includes pull requests, newest first by default, like GitHub."""
    state = req.params.get("state", "open")
    items: list = [*(i for i in repo.issues if not i.deleted), *repo.pulls]
    if state != "all":
        items = [i for i in items if (i.state == "OPEN") == (state == "open")]
    if req.params.get("labels"):
        wanted = {x.strip().lower() for x in req.params["labels"].split(",")}
        items = [i for i in items if wanted <= {lab.lower() for lab in i.labels}]
    since = _since(req)
    if since:
        items = [i for i in items if (i.updated_at or i.created_at) >= since]
    for key, test in (("creator", lambda i, v: i.author == v),
                      ("assignee", lambda i, v: (v == "none" and not i.assignees)
                       or (v == "*" and bool(i.assignees)) or v in i.assignees)):
        if key in req.params:
            items = [i for i in items if test(i, req.params[key])]
    sort = req.params.get("sort", "created")
    attr = {"updated": "updated_at"}.get(sort, "created_at")
    key = (lambda i: len(i.comments)) if sort == "comments" else (
        lambda i: getattr(i, attr) or i.created_at)
    items.sort(key=key, reverse=req.params.get("direction", "desc") != "asc")
    page, headers = paginate(req, items)
    return Resp(200, [issue_json(req, repo, i) for i in page], headers)


def get_issue(req: Req) -> Resp:
    denied = refused(req)
    if denied is not None:
        return denied
    repo = _repo_or_404(req)
    number = int(req.match["number"])
    item = repo and (repo.issue(number) or repo.pull(number))
    if isinstance(item, Issue) and item.deleted:
        # GitHub answers 410 Gone for a deleted issue (REST "Get an issue": 410 response).
        return Resp(410, {"message": "This issue was deleted", "documentation_url":
                          f"{DOCS}/issues/issues#get-an-issue", "status": "410"})
    return Resp(200, issue_json(req, repo, item)) if item else not_found()


def issue_comments(req: Req) -> Resp:
    repo = _repo_or_404(req)
    number = int(req.match["number"])
    item = repo and (repo.issue(number) or repo.pull(number))
    if not item:
        return not_found()
    comments = item.comments
    since = _since(req)
    if since:
        comments = [c for c in comments if c.created_at >= since]
    page, headers = paginate(req, comments)
    return Resp(200, [comment_json(req, repo, item, c) for c in page], headers)


@with_repo
def repo_issue_comments(req: Req, repo: Repo) -> Resp:
    """Comments on every issue and pull request of a repository (issues/list-comments-for-repo):
    ``sort`` created|updated, ``direction`` asc (GitHub's default when sorting) or desc, ``since``."""
    found = [(item, c) for item in [*repo.issues, *repo.pulls] for c in item.comments]
    since = _since(req)
    if since:
        found = [(i, c) for i, c in found if c.created_at >= since]
    found.sort(key=lambda ic: (ic[1].created_at, ic[1].id), reverse=req.params.get("direction", "asc") == "desc")
    page, headers = paginate(req, found)
    return Resp(200, [comment_json(req, repo, i, c) for i, c in page], headers)


def review_json(req: Req, repo: Repo, pr: PullRequest, index: int, review) -> dict:
    """``pull-request-review`` shape."""
    rid = stable_id((repo.full_name, "review", pr.number, index))
    html = f"https://github.com/{repo.full_name}/pull/{pr.number}#pullrequestreview-{rid}"
    pr_api = f"{req.api}/repos/{repo.full_name}/pulls/{pr.number}"
    body = {"id": rid, "node_id": node_id("PullRequestReview", repo.full_name, pr.number, index),
            "user": user_json(req, review.author), "body": "", "state": review.state,
            "html_url": html, "pull_request_url": pr_api,
            "_links": {"html": {"href": html}, "pull_request": {"href": pr_api}},
            "commit_id": "0" * 40, "author_association": review.author_association}
    if review.submitted_at is not None:
        body["submitted_at"] = iso(review.submitted_at)
    return body


def pull_reviews(req: Req) -> Resp:
    repo = _repo_or_404(req)
    pr = repo and repo.pull(int(req.match["number"]))
    if not pr:
        return not_found()
    page, headers = paginate(req, list(enumerate(pr.reviews)))
    return Resp(200, [review_json(req, repo, pr, i, r) for i, r in page], headers)


@with_repo
def list_pulls(req: Req, repo: Repo) -> Resp:
    state = req.params.get("state", "open")
    pulls = [p for p in repo.pulls if state == "all" or (p.state == "OPEN") == (state == "open")]
    sort = req.params.get("sort", "created")
    attr = {"updated": "updated_at"}.get(sort, "created_at")
    pulls.sort(key=lambda p: getattr(p, attr) or p.created_at,
               reverse=req.params.get("direction", "desc") != "asc")
    page, headers = paginate(req, pulls)
    return Resp(200, [pull_json(req, repo, p) for p in page], headers)


@with_repo
def languages(req: Req, repo: Repo) -> Resp:
    return Resp(200, {lang: 100_000 // (n + 1) for n, lang in enumerate(repo.all_languages)})


@with_repo
def labels(req: Req, repo: Repo) -> Resp:
    page, headers = paginate(req, repo.labels)
    return Resp(200, [label_json(req, repo, lab.name) for lab in page], headers)


@with_repo
def topics(req: Req, repo: Repo) -> Resp:
    return Resp(200, {"names": list(repo.topics)})


@with_repo
def contents(req: Req, repo: Repo) -> Resp:
    path = req.match["path"].strip("/")
    if path not in repo.files:
        return error(404, "Not Found", f"{DOCS}/repos/contents#get-repository-content")
    raw = repo.files[path].encode()
    sha = hashlib.sha1(b"blob %d\0" % len(raw) + raw).hexdigest()
    api = f"{req.api}/repos/{repo.full_name}"
    html = f"https://github.com/{repo.full_name}/blob/{repo.default_branch}/{path}"
    git = f"{api}/git/blobs/{sha}"
    self_url = f"{api}/contents/{path}?ref={repo.default_branch}"
    encoded = base64.encodebytes(raw).decode()
    return Resp(200, {
        "type": "file", "encoding": "base64", "size": len(raw), "name": path.rsplit("/", 1)[-1],
        "path": path, "content": encoded, "sha": sha, "url": self_url, "git_url": git,
        "html_url": html,
        "download_url": f"https://raw.githubusercontent.com/{repo.full_name}/"
                        f"{repo.default_branch}/{path}",
        "_links": {"self": self_url, "git": git, "html": html},
    })


def get_user(req: Req) -> Resp:
    return Resp(200, private_user_json(req, req.viewer))


def users_get(req: Req) -> Resp:
    user = req.world.user(req.match["login"])
    if user is None:
        return error(404, "Not Found", f"{DOCS}/users/users#get-a-user")
    return Resp(200, public_user_json(req, user.login))


def owner_repos(req: Req) -> Resp:
    owner = req.match["login"].lower()
    if req.world.user(req.match["login"]) is None:
        return not_found()
    repos = sorted((r for r in req.world.repos.values() if r.owner.lower() == owner),
                   key=lambda r: r.full_name.lower())
    page, headers = paginate(req, repos)
    return Resp(200, [repo_json(req, r, full=False) for r in page], headers)


ROUTES: list[tuple[re.Pattern, Callable[[Req], Resp]]] = [
    (re.compile(p), h) for p, h in [
        (r"/search/issues", search_issues),
        (r"/repos/(?P<owner>[^/]+)/(?P<repo>[^/]+)", get_repo),
        (r"/repos/(?P<owner>[^/]+)/(?P<repo>[^/]+)/community/profile", community_profile),
        (r"/repos/(?P<owner>[^/]+)/(?P<repo>[^/]+)/issues", list_issues),
        (r"/repos/(?P<owner>[^/]+)/(?P<repo>[^/]+)/issues/comments", repo_issue_comments),
        (r"/repos/(?P<owner>[^/]+)/(?P<repo>[^/]+)/issues/(?P<number>\d+)", get_issue),
        (r"/repos/(?P<owner>[^/]+)/(?P<repo>[^/]+)/issues/(?P<number>\d+)/comments",
         issue_comments),
        (r"/repos/(?P<owner>[^/]+)/(?P<repo>[^/]+)/pulls", list_pulls),
        (r"/repos/(?P<owner>[^/]+)/(?P<repo>[^/]+)/pulls/(?P<number>\d+)/reviews", pull_reviews),
        (r"/repos/(?P<owner>[^/]+)/(?P<repo>[^/]+)/languages", languages),
        (r"/repos/(?P<owner>[^/]+)/(?P<repo>[^/]+)/labels", labels),
        (r"/repos/(?P<owner>[^/]+)/(?P<repo>[^/]+)/topics", topics),
        (r"/repos/(?P<owner>[^/]+)/(?P<repo>[^/]+)/contents/(?P<path>.+)", contents),
        (r"/user", get_user),
        (r"/users/(?P<login>[^/]+)", users_get),
        (r"/users/(?P<login>[^/]+)/repos", owner_repos),
        (r"/orgs/(?P<login>[^/]+)/repos", owner_repos),
    ]
]


def route(path: str) -> tuple[Callable[[Req], Resp] | None, dict[str, str]]:
    for pattern, handler in ROUTES:
        match = pattern.fullmatch(path)
        if match:
            return handler, match.groupdict()
    return None, {}
