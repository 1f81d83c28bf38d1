"""GraphQL endpoint of the fake: GitHub's real schema, resolvers over the ``World``.

Queries are parsed and validated against the published schema (``@octokit/graphql-schema``), so
a query the fake accepts is one GitHub would accept too. Resolution is a default resolver over
dicts and dataclasses plus explicit resolvers for connections and computed fields.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from graphql import (
    FieldNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    VariableNode,
    build_client_schema,
    execute,
    extend_schema,
    get_named_type,
    parse,
    validate,
)

from . import search as search_mod
from .world import Issue, PullRequest, Repo, World

NODE_MODULES = Path(__file__).parent / "node_modules"
SCHEMA_JSON = NODE_MODULES / "@octokit" / "graphql-schema" / "schema.json"
#: GitHub's 2025-26 additions (scripts/vendor_graphql_2026.py copies them from GitHub's published schema).
SCHEMA_2026 = Path(__file__).parent / "schema_2026.graphql"
SETUP_HINT = "run `npm ci --prefix tests/fakegithub` to install the pinned GitHub API descriptions"

#: GitHub refuses a document that could return more nodes than this ("Rate limits and query
#: limits for the GraphQL API": "Individual calls cannot request more than 500,000 total nodes").
NODE_LIMIT = 500_000

#: (type, field) pairs a query asked for that the fake has no data for (answered with null).
UNRESOLVED_FIELDS: set[tuple[str, str]] = set()


class FakeSetupError(RuntimeError):
    """The npm-installed schemas are missing: tests must fail loudly, not skip."""


class GitHubError(Exception):
    """A resolver error GitHub reports with a ``type`` (e.g. NOT_FOUND) next to the message."""

    def __init__(self, type_: str, message: str, extensions: dict | None = None):
        super().__init__(message)
        self.type = type_
        self.extensions = extensions


#: GitHub's words when an organisation enforces SAML single sign-on and the token is not
#: authorized for it (REST adds an ``X-GitHub-SSO`` header naming the org's SSO URL).
SAML_MESSAGE = ("Resource protected by organization SAML enforcement. You must grant your "
                "Personal Access token access to this organization.")
#: GitHub's words when an organisation's IP allow list refuses the caller.
IP_ALLOW_LIST_MESSAGE = ("Although you appear to have the correct authorization credentials, the "
                         "`{org}` organization has an IP allow list enabled, and your IP address "
                         "is not permitted to access this resource.")
#: GitHub changelog 2025-09-01 "GraphQL API resource limits": over-expensive parts of a query come
#: back as errors next to partial data. The changelog names no wording; this one is ours.
RESOURCE_LIMITS_MESSAGE = "This query exceeded GitHub's resource limits; request fewer objects."


def forbidden_error(world: World, owner: str) -> GitHubError | None:
    """The FORBIDDEN error GitHub gives for ``owner``'s resources, if it refuses them."""
    why = world.forbidden(owner)
    if why == "saml":
        return GitHubError("FORBIDDEN", SAML_MESSAGE, {"saml_failure": True})
    if why:
        return GitHubError("FORBIDDEN", IP_ALLOW_LIST_MESSAGE.format(org=owner))
    return None


class Withheld:
    """A search hit GitHub withholds: its node is null, with a FORBIDDEN error at its path."""

    def __init__(self, error: GitHubError):
        self.error = error


@functools.lru_cache(maxsize=1)
def load_pinned_schema() -> GraphQLSchema:
    """GitHub's schema as the pinned npm package has it (2025-02-27; what GitHub Enterprise Server
    of that era serves), built once per process from the introspection JSON (~0.3 s)."""
    if not SCHEMA_JSON.exists():
        raise FakeSetupError(f"{SCHEMA_JSON} is missing: {SETUP_HINT}")
    data = json.loads(SCHEMA_JSON.read_text())
    schema = build_client_schema(data.get("data", data))
    # GitHub's schema breaks graphql-core's schema rules (implementations deprecate fields their
    # interfaces do not), so validate() would refuse every query. Mark the schema itself as
    # already checked; queries are still validated in full against it.
    schema._validation_errors = []
    return schema


@functools.lru_cache(maxsize=1)
def load_schema() -> GraphQLSchema:
    """GitHub's schema of 2026: the pin extended with the fields GitHub added since
    (``schema_2026.graphql``, copied from GitHub's published schema)."""
    pinned = load_pinned_schema()
    schema = extend_schema(pinned, parse(SCHEMA_2026.read_text()), assume_valid=True)
    schema._validation_errors = []
    return schema


def schema_for(world: World) -> GraphQLSchema:
    """The schema this world's server speaks: 2026 GitHub, or a server that predates the 2026 fields."""
    return load_pinned_schema() if world.pre_2026 else load_schema()


# --------------------------------------------------------------------------- helpers

def iso(dt: datetime | None) -> str | None:
    if dt is None:
        return None
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def node_id(kind: str, *parts: object) -> str:
    raw = ":".join(str(p) for p in (kind, *parts))
    return kind[:2].upper() + "_" + base64.b64encode(raw.encode()).decode().rstrip("=")


def _cursor(index: int) -> str:
    return base64.b64encode(f"cursor:v2:{index}".encode()).decode()


def _uncursor(cursor: str) -> int:
    try:
        text = base64.b64decode(cursor.encode(), validate=True).decode()
        return int(text.rsplit(":", 1)[1])
    except Exception as exc:
        raise GitHubError("INVALID_CURSOR_ARGUMENTS",
                          f"`{cursor}` does not appear to be a valid cursor.") from exc


def connection(items: list, args: dict, info, *, total: int | None = None,
               edge: Callable[[Any], dict] | None = None, **extra) -> dict:
    """Relay connection with GitHub's pagination rules (``first``/``last`` required, <= 100)."""
    name = info.field_name
    first, last = args.get("first"), args.get("last")
    if first is None and last is None:
        raise GitHubError("MISSING_PAGINATION_BOUNDARIES",
                          f"You must provide a `first` or `last` value to properly paginate "
                          f"the `{name}` connection.")
    for key, value in (("first", first), ("last", last)):
        if value is not None and value > 100:
            raise GitHubError("EXCESSIVE_PAGINATION",
                              f"Requesting {value} records on the `{name}` connection exceeds "
                              f"the `{key}` limit of 100 records.")
        if value is not None and value < 0:
            raise GitHubError("INVALID_PAGINATION", f"`{key}` on `{name}` cannot be negative.")
    start, end = 0, len(items)
    if args.get("after"):
        start = max(start, _uncursor(args["after"]) + 1)
    if args.get("before"):
        end = min(end, _uncursor(args["before"]))
    end = max(start, end)
    if first is not None:
        end = min(end, start + first)
    if last is not None:
        start = max(start, end - last)
    page = list(enumerate(items))[start:end]
    edges = [{"cursor": _cursor(i), "node": item, **(edge(item) if edge else {})}
             for i, item in page]
    return {
        "totalCount": len(items) if total is None else total,
        "nodes": [item for _, item in page],
        "edges": edges,
        "pageInfo": {
            "hasNextPage": end < len(items),
            "hasPreviousPage": start > 0,
            "startCursor": edges[0]["cursor"] if edges else None,
            "endCursor": edges[-1]["cursor"] if edges else None,
        },
        **extra,
    }


@dataclass
class Context:
    world: World
    viewer: str
    rate: dict
    #: The token is an app installation token (the viewer is a bot such as github-actions[bot]).
    app: bool = False
    #: Top-level ``repository`` lookups resolved so far (for ``World.resource_limit``).
    lookups: int = 0
    #: ``search`` fields resolved so far (for ``World.search_limit``).
    searches: int = 0


#: Bots GraphQL names differently from REST: the Copilot coding agent's Bot login (cli/cli#10992).
GRAPHQL_BOT_LOGINS = {"Copilot": "copilot-swe-agent"}


def actor(world: World, login: str | None) -> dict | None:
    """GraphQL Actor; bots are ``Bot`` with the ``[bot]`` suffix dropped, deleted users null."""
    if login is None:
        return None
    kind = world.user_type(login)
    typename = {"Bot": "Bot", "Organization": "Organization"}.get(kind, "User")
    shown = GRAPHQL_BOT_LOGINS.get(login) or (login[:-5] if login.endswith("[bot]") else login)
    url = f"https://github.com/{'apps/' + shown if typename == 'Bot' else shown}"
    user = world.users.get(login)
    return {"__typename": typename, "login": shown, "url": url, "resourcePath": url[18:],
            "avatarUrl": f"https://avatars.githubusercontent.com/{shown}",
            "id": node_id(typename, login), "databaseId": user.id if user else None,
            "name": user.name if user else None,
            "createdAt": iso(user.created_at) if user else None}


def label_dict(repo: Repo, name: str) -> dict:
    label = next((lab for lab in repo.labels if lab.name.lower() == name.lower()), None)
    return {"__typename": "Label", "name": name, "id": node_id("Label", repo.full_name, name),
            "description": label.description if label else None,
            "color": label.color if label else "ededed", "isDefault": False,
            "url": f"https://github.com/{repo.full_name}/labels/{name.replace(' ', '%20')}"}


def comment_dict(world: World, item: Issue | PullRequest, comment) -> dict:
    repo = item.repo
    return {"__typename": "IssueComment", "id": node_id("IssueComment", comment.id),
            "databaseId": comment.id, "author": actor(world, comment.author),
            "authorAssociation": comment.author_association,
            "createdAt": iso(comment.created_at), "updatedAt": iso(comment.created_at),
            "publishedAt": iso(comment.created_at), "body": comment.body,
            "bodyText": comment.body, "isMinimized": False, "minimizedReason": None,
            # a pull request's conversation comments are issue comments on GitHub too
            "issue": item, "pullRequest": item if isinstance(item, PullRequest) else None,
            "repository": repo,
            "url": f"https://github.com/{repo.full_name}/issues/{item.number}"
                   f"#issuecomment-{comment.id}"}


# --------------------------------------------------------------------------- resolvers

def _item_url(item: Issue | PullRequest) -> str:
    kind = "pull" if isinstance(item, PullRequest) else "issues"
    return f"https://github.com/{item.repo.full_name}/{kind}/{item.number}"


def _by_order(items: list, order: dict | None, default_field: str = "CREATED_AT") -> list:
    order = order or {"field": default_field, "direction": "ASC"}
    attr = {"CREATED_AT": "created_at", "UPDATED_AT": "updated_at"}.get(order["field"])
    if order["field"] == "COMMENTS":
        key = lambda i: (len(i.comments), i.number)  # noqa: E731
    else:
        key = lambda i: (getattr(i, attr or "created_at") or i.created_at, i.number)  # noqa: E731
    return sorted(items, key=key, reverse=order.get("direction") == "DESC")


def _repo_issues(repo: Repo, info, **args) -> dict:
    items = [i for i in repo.issues if not i.deleted]
    states = args.get("states")
    filt = args.get("filterBy") or {}
    states = states or filt.get("states")
    if states:
        items = [i for i in items if i.state in states]
    labels = args.get("labels") or filt.get("labels")
    if labels:
        wanted = {lab.lower() for lab in labels}
        items = [i for i in items if wanted & {lab.lower() for lab in i.labels}]
    if filt.get("since"):
        since = search_mod._when(filt["since"])
        items = [i for i in items if (i.updated_at or i.created_at) >= since]
    if filt.get("createdBy"):
        items = [i for i in items if i.author == filt["createdBy"]]
    if filt.get("assignee"):
        items = [i for i in items if filt["assignee"] in i.assignees]
    return connection(_by_order(items, args.get("orderBy")), args, info)


def _repo_pulls(repo: Repo, info, **args) -> dict:
    items = list(repo.pulls)
    if args.get("states"):
        items = [p for p in items if p.state in args["states"]]
    if args.get("labels"):
        wanted = {lab.lower() for lab in args["labels"]}
        items = [p for p in items if wanted & {lab.lower() for lab in p.labels}]
    return connection(_by_order(items, args.get("orderBy")), args, info)


def _repo_labels(repo: Repo, info, **args) -> dict:
    labels = repo.labels
    if args.get("query"):
        labels = [lab for lab in labels if args["query"].lower() in lab.name.lower()]
    return connection([label_dict(repo, lab.name) for lab in labels], args, info)


def _repo_languages(repo: Repo, info, **args) -> dict:
    langs = repo.all_languages
    sizes = {lang: 100_000 // (n + 1) for n, lang in enumerate(langs)}
    nodes = [{"__typename": "Language", "name": lang, "color": "#3572A5",
              "id": node_id("Language", lang)} for lang in langs]
    return connection(nodes, args, info, edge=lambda n: {"size": sizes[n["name"]]},
                      totalSize=sum(sizes.values()))


def _repo_topics(repo: Repo, info, **args) -> dict:
    nodes = [{"__typename": "RepositoryTopic", "url": f"https://github.com/topics/{t}",
              "topic": {"__typename": "Topic", "name": t, "id": node_id("Topic", t)}}
             for t in repo.topics]
    return connection(nodes, args, info)


LICENSE_NAMES = {"MIT": "MIT License", "Apache-2.0": "Apache License 2.0",
                 "GPL-3.0": "GNU General Public License v3.0",
                 "BSD-3-Clause": 'BSD 3-Clause "New" or "Revised" License',
                 "NOASSERTION": "Other"}


def license_info(spdx: str | None) -> dict | None:
    if not spdx:
        return None
    key = "other" if spdx == "NOASSERTION" else spdx.lower()
    return {"__typename": "License", "spdxId": spdx, "key": key,
            "name": LICENSE_NAMES.get(spdx, spdx), "nickname": None,
            "url": f"http://choosealicense.com/licenses/{key}/", "id": node_id("License", key)}


def _sha(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()


def _object(repo: Repo, info, expression: str, **_) -> dict | None:
    """``HEAD:path`` -> Blob for a file, Tree for a directory, null when absent."""
    path = expression.split(":", 1)[1] if ":" in expression else ""
    path = path.strip("/")
    if path in repo.files:
        text = repo.files[path]
        return {"__typename": "Blob", "text": text, "byteSize": len(text.encode()),
                "isBinary": False, "isTruncated": False, "oid": _sha(text), "abbreviatedOid": _sha(text)[:7]}
    prefix = f"{path}/" if path else ""
    children: dict[str, str] = {}
    for file in repo.files:
        if file.startswith(prefix):
            head, _, rest = file[len(prefix):].partition("/")
            children[head] = "tree" if rest else "blob"
    if not children:
        return None
    entries = [{"__typename": "TreeEntry", "name": name, "type": kind, "path": prefix + name,
                "mode": 16384 if kind == "tree" else 33188, "oid": "0" * 40,
                "extension": Path(name).suffix or None}
               for name, kind in sorted(children.items())]
    return {"__typename": "Tree", "entries": entries, "oid": "0" * 40}


def _commit_dict(world: World, commit) -> dict:
    return {"__typename": "Commit", "oid": commit.oid, "abbreviatedOid": commit.oid[:7],
            "message": commit.message, "messageHeadline": commit.message.splitlines()[0],
            "committedDate": iso(commit.committed_at), "authoredDate": iso(commit.committed_at),
            "author": {"__typename": "GitActor", "name": commit.author, "email": None,
                       "date": iso(commit.committed_at), "user": actor(world, commit.author)},
            "committer": {"__typename": "GitActor", "name": commit.author, "email": None,
                          "date": iso(commit.committed_at), "user": actor(world, commit.author)}}


def _default_branch(repo: Repo, info, **_) -> dict:
    head = sorted(repo.commits, key=lambda c: c.committed_at, reverse=True)
    target = _commit_dict(info.context.world, head[0]) if head else {
        "__typename": "Commit", "oid": "0" * 40, "committedDate": iso(repo.pushed_at)}
    target["_repo"] = repo
    return {"__typename": "Ref", "name": repo.default_branch, "prefix": "refs/heads/",
            "id": node_id("Ref", repo.full_name), "target": target}


def _history(src: dict, info, **args) -> dict:
    repo: Repo = src["_repo"]
    commits = sorted(repo.commits, key=lambda c: c.committed_at, reverse=True)
    if args.get("since"):
        commits = [c for c in commits if c.committed_at >= search_mod._when(args["since"])]
    if args.get("until"):
        commits = [c for c in commits if c.committed_at <= search_mod._when(args["until"])]
    world = info.context.world
    return connection([_commit_dict(world, c) for c in commits], args, info)


def _file_resource(repo: Repo, *paths: str) -> str | None:
    for path in paths:
        for candidate in (path, f".github/{path}", f"docs/{path}"):
            if candidate in repo.files:
                return candidate
    return None


def _contributing(repo: Repo, info, **_) -> dict | None:
    path = _file_resource(repo, "CONTRIBUTING.md", "CONTRIBUTING")
    if not path:
        return None
    return {"__typename": "ContributingGuidelines", "body": repo.files[path],
            "url": f"https://github.com/{repo.full_name}/blob/{repo.default_branch}/{path}",
            "resourcePath": f"/{repo.full_name}/blob/{repo.default_branch}/{path}"}


def _code_of_conduct(repo: Repo, info, **_) -> dict | None:
    path = _file_resource(repo, "CODE_OF_CONDUCT.md")
    if not path:
        return None
    return {"__typename": "CodeOfConduct", "key": "other", "name": "Other",
            "body": repo.files[path], "id": node_id("CodeOfConduct", repo.full_name),
            "url": f"https://github.com/{repo.full_name}/blob/{repo.default_branch}/{path}",
            "resourcePath": f"/{repo.full_name}/blob/{repo.default_branch}/{path}"}


def _issue_templates(repo: Repo, info, **_) -> list[dict]:
    out = []
    for path, text in sorted(repo.files.items()):
        if path.startswith(".github/ISSUE_TEMPLATE/") and path.endswith((".md", ".yml")):
            name = Path(path).stem
            out.append({"__typename": "IssueTemplate", "name": name, "filename": Path(path).name,
                        "about": None, "title": None, "body": text, "assignees": None,
                        "labels": None})
    return out


def _mentionable(repo: Repo, info, **args) -> dict:
    world = info.context.world
    logins = sorted({lg for item in [*repo.issues, *repo.pulls]
                     for lg in [item.author, *(c.author for c in item.comments)] if lg})
    return connection([actor(world, lg) for lg in logins if world.user_type(lg) == "User"],
                      args, info)


def _interaction_ability(repo: Repo, info, **_) -> dict:
    limit = repo.interaction_limit or "NO_LIMIT"
    return {"limit": limit, "origin": "REPOSITORY", "expiresAt": None}


def _stargazers(repo: Repo, info, **args) -> dict:
    return connection([], args, info, total=repo.stars)


REPOSITORY = {
    "name": lambda r, i, **a: r.name,
    "nameWithOwner": lambda r, i, **a: r.full_name,
    "url": lambda r, i, **a: f"https://github.com/{r.full_name}",
    "resourcePath": lambda r, i, **a: f"/{r.full_name}",
    "id": lambda r, i, **a: node_id("Repository", r.full_name),
    "databaseId": lambda r, i, **a: r.id,
    "owner": lambda r, i, **a: actor(i.context.world, r.owner),
    "stargazerCount": lambda r, i, **a: r.stars,
    "forkCount": lambda r, i, **a: r.forks,
    "isArchived": lambda r, i, **a: r.archived,
    "isDisabled": lambda r, i, **a: r.disabled,
    "isFork": lambda r, i, **a: r.is_fork,
    "isLocked": lambda r, i, **a: r.locked,
    "isPrivate": lambda r, i, **a: False,
    "isTemplate": lambda r, i, **a: False,
    "isMirror": lambda r, i, **a: False,
    "isEmpty": lambda r, i, **a: not r.files and not r.commits,
    "hasIssuesEnabled": lambda r, i, **a: True,
    "visibility": lambda r, i, **a: "PUBLIC",
    "homepageUrl": lambda r, i, **a: None,
    "primaryLanguage": lambda r, i, **a: (
        {"__typename": "Language", "name": r.primary_language, "color": "#3572A5",
         "id": node_id("Language", r.primary_language)} if r.primary_language else None),
    "languages": _repo_languages,
    "repositoryTopics": _repo_topics,
    "licenseInfo": lambda r, i, **a: license_info(r.license),
    "createdAt": lambda r, i, **a: iso(r.created_at),
    "pushedAt": lambda r, i, **a: iso(r.pushed_at),
    "updatedAt": lambda r, i, **a: iso(r.pushed_at or r.created_at),
    "issues": _repo_issues,
    "pullRequests": _repo_pulls,
    "labels": _repo_labels,
    "object": _object,
    "defaultBranchRef": _default_branch,
    "contributingGuidelines": _contributing,
    "codeOfConduct": _code_of_conduct,
    "issueTemplates": _issue_templates,
    "mentionableUsers": _mentionable,
    "assignableUsers": _mentionable,
    "stargazers": _stargazers,
    "issue": lambda r, i, number, **a: _issue(r, number),
    "pullRequest": lambda r, i, number, **a: r.pull(number),
    "pullRequestCreationPolicy": lambda r, i, **a: r.pull_request_creation_policy,
    "hasPullRequestsEnabled": lambda r, i, **a: r.has_pull_requests,
    "viewerPermission": lambda r, i, **a: r.permission(i.context.viewer),
    "interactionAbility": _interaction_ability,
}


def _issue(repo: Repo, number: int) -> Issue | None:
    """A deleted issue resolves to null with NOT_FOUND, like one that never existed."""
    issue = repo.issue(number)
    if issue is None or issue.deleted:
        if repo.pull(number) is None:
            raise GitHubError("NOT_FOUND",
                              f"Could not resolve to an Issue with the number of {number}.")
        return None
    return issue


def _labels_of(item, info, **args) -> dict:
    return connection([label_dict(item.repo, n) for n in item.labels], args, info)


def _assignees_of(item, info, **args) -> dict:
    """``assignees`` lists users only: a bot (the Copilot agent) shows in ``assignedActors``."""
    world = info.context.world
    return connection([actor(world, lg) for lg in item.assignees
                       if world.user_type(lg) == "User"], args, info)


def _assigned_actors(item, info, **args) -> dict:
    world = info.context.world
    return connection([actor(world, lg) for lg in item.assignees], args, info)


def _present(issues: list[Issue]) -> list[Issue]:
    return [i for i in issues if not i.deleted]


def _blocked_by(issue: Issue, info, **args) -> dict:
    """Every blocker, closed ones included (GitHub keeps the link after a blocker closes)."""
    found = [issue.repo.issue(n) for n in issue.blocked_by]
    return connection(_present([i for i in found if i is not None]), args, info)


def _dependencies_summary(issue: Issue, info, **_) -> dict:
    """``blockedBy``/``blocking`` count open issues; the totals count closed ones too."""
    blockers = [i for i in (issue.repo.issue(n) for n in issue.blocked_by) if i and not i.deleted]
    blocking = issue.repo.blocking(issue)
    return {"blockedBy": sum(i.state == "OPEN" for i in blockers), "totalBlockedBy": len(blockers),
            "blocking": sum(i.state == "OPEN" for i in blocking), "totalBlocking": len(blocking)}


def _sub_issues_summary(issue: Issue, info, **_) -> dict:
    subs = issue.repo.sub_issues(issue)
    done = sum(i.state == "CLOSED" for i in subs)
    return {"total": len(subs), "completed": done,
            "percentCompleted": round(100 * done / len(subs)) if subs else 0}


def _parent(issue: Issue, info, **_) -> Issue | None:
    found = issue.repo.issue(issue.parent) if issue.parent is not None else None
    return found if found is not None and not found.deleted else None


def _issue_type(issue: Issue, info, **_) -> dict | None:
    """An organisation's type; user-owned repositories have none."""
    if not issue.issue_type or not issue.repo.is_org:
        return None
    return {"__typename": "IssueType", "name": issue.issue_type, "description": None,
            "color": "GRAY", "isEnabled": True, "isPrivate": False,
            "id": node_id("IssueType", issue.repo.owner, issue.issue_type)}




def _comments_of(item, info, **args) -> dict:
    world = info.context.world
    return connection([comment_dict(world, item, c) for c in item.comments], args, info)


def _closed_by(issue: Issue, info, **args) -> dict:
    prs = issue.repo.closing_pulls(issue)
    if not args.get("includeClosedPrs"):
        prs = [p for p in prs if p.state == "OPEN"]
    return connection(prs, args, info)


def _timeline(issue: Issue, info, **args) -> dict:
    """Cross-references and connections from the PRs that close the issue, and triage events."""
    kinds = set(args.get("itemTypes") or ["CROSS_REFERENCED_EVENT", "CONNECTED_EVENT",
                                          "LABELED_EVENT", "ASSIGNED_EVENT", "CLOSED_EVENT"])
    world = info.context.world
    events = []
    closing = issue.repo.closing_pulls(issue)
    for pr in [*closing, *(p for p in issue.repo.mentioning_pulls(issue) if p not in closing)]:
        base = {"createdAt": iso(pr.created_at), "actor": actor(world, pr.author),
                "id": node_id("Event", issue.repo.full_name, issue.number, pr.number)}
        if "CROSS_REFERENCED_EVENT" in kinds and pr not in closing:
            events.append({"__typename": "CrossReferencedEvent", **base, "source": pr,
                           "target": issue, "willCloseTarget": False,
                           "isCrossRepository": False, "referencedAt": iso(pr.created_at),
                           "url": _item_url(pr)})
            continue
        if "CROSS_REFERENCED_EVENT" in kinds:
            events.append({"__typename": "CrossReferencedEvent", **base, "source": pr,
                           "target": issue, "willCloseTarget": True,
                           "isCrossRepository": False, "referencedAt": iso(pr.created_at),
                           "url": _item_url(pr)})
        if "CONNECTED_EVENT" in kinds and pr in closing:
            events.append({"__typename": "ConnectedEvent", **base, "source": pr,
                           "subject": issue, "isCrossRepository": False})
    typenames = {"LABELED_EVENT": "LabeledEvent", "ASSIGNED_EVENT": "AssignedEvent",
                 "CLOSED_EVENT": "ClosedEvent"}
    for n, event in enumerate(issue.events):
        if event.kind not in kinds:
            continue
        entry = {"__typename": typenames[event.kind], "createdAt": iso(event.created_at),
                 "actor": actor(world, event.actor),
                 "id": node_id("Event", issue.repo.full_name, issue.number, event.kind, n)}
        if event.kind == "LABELED_EVENT":
            entry["label"] = label_dict(issue.repo, event.label or "triage")
        if event.kind == "ASSIGNED_EVENT":
            entry["assignee"] = actor(world, event.label or None)
        events.append(entry)
    events.sort(key=lambda e: e["createdAt"] or "")
    if args.get("since"):
        since = iso(search_mod._when(args["since"]))
        events = [e for e in events if e["createdAt"] >= since]
    return connection(events, args, info)


def _common(kind: str) -> dict:
    return {
        "id": lambda x, i, **a: node_id(kind, x.repo.full_name, x.number),
        "url": lambda x, i, **a: _item_url(x),
        "resourcePath": lambda x, i, **a: _item_url(x)[18:],
        "body": lambda x, i, **a: x.body or "",
        "bodyText": lambda x, i, **a: x.body or "",
        "bodyHTML": lambda x, i, **a: x.body or "",
        "author": lambda x, i, **a: actor(i.context.world, x.author),
        "repository": lambda x, i, **a: x.repo,
        "closed": lambda x, i, **a: x.state != "OPEN",
        "labels": _labels_of,
        "assignees": _assignees_of,
        "comments": _comments_of,
        "createdAt": lambda x, i, **a: iso(x.created_at),
        "updatedAt": lambda x, i, **a: iso(x.updated_at or x.created_at),
        "closedAt": lambda x, i, **a: iso(x.closed_at),
        "publishedAt": lambda x, i, **a: iso(x.created_at),
        "activeLockReason": lambda x, i, **a: None,
        "milestone": lambda x, i, **a: None,
    }


ISSUE = {
    **_common("Issue"),
    "closedByPullRequestsReferences": _closed_by,
    "timelineItems": _timeline,
    "assignedActors": _assigned_actors,
    "blockedBy": _blocked_by,
    "blocking": lambda x, i, **a: connection(x.repo.blocking(x), a, i),
    "issueDependenciesSummary": _dependencies_summary,
    "parent": _parent,
    "subIssues": lambda x, i, **a: connection(x.repo.sub_issues(x), a, i),
    "subIssuesSummary": _sub_issues_summary,
    "issueType": _issue_type,
    "stateReason": lambda x, i, **a: "COMPLETED" if x.state == "CLOSED" else None,
}


def _review_dict(world: World, pr: PullRequest, review) -> dict:
    return {"__typename": "PullRequestReview", "author": actor(world, review.author),
            "authorAssociation": review.author_association, "state": review.state,
            "submittedAt": iso(review.submitted_at), "createdAt": iso(review.submitted_at),
            "body": "", "url": _item_url(pr)}


PULL_REQUEST = {
    **_common("PullRequest"),
    "merged": lambda x, i, **a: x.state == "MERGED",
    "mergedAt": lambda x, i, **a: iso(x.merged_at),
    "mergedBy": lambda x, i, **a: actor(i.context.world, x.merged_by),
    "isDraft": lambda x, i, **a: x.draft,
    "files": lambda x, i, **a: connection(
        [{"__typename": "PullRequestChangedFile", "path": f, "additions": 1, "deletions": 0,
          "changeType": "MODIFIED", "viewerViewedState": "UNVIEWED"} for f in x.files], a, i),
    "baseRepository": lambda x, i, **a: x.repo,
    "headRepository": lambda x, i, **a: x.repo,
    "baseRefName": lambda x, i, **a: x.repo.default_branch,
    "reviews": lambda x, i, **a: connection(
        [_review_dict(i.context.world, x, r) for r in x.reviews
         if not a.get("states") or r.state in a["states"]], a, i),
    "assignedActors": _assigned_actors,
    "closingIssuesReferences": lambda x, i, **a: connection(
        [x.repo.issue(n) for n in x.closes if x.repo.issue(n)], a, i),
}


def _search(_root, info, query: str, type: str, **args) -> dict:
    counts = dict.fromkeys(("issueCount", "codeCount", "discussionCount", "repositoryCount",
                            "userCount", "wikiCount"), 0)
    if type not in ("ISSUE", "REPOSITORY"):
        return connection([], args, info, **counts)
    info.context.searches += 1
    limit = info.context.world.search_limit
    if limit is not None and info.context.searches > limit:
        raise GitHubError("RESOURCE_LIMITS_EXCEEDED", RESOURCE_LIMITS_MESSAGE)
    try:
        if type == "REPOSITORY":
            found = search_mod.search_repos(info.context.world, query)
            counts["repositoryCount"] = found.total
            return connection([repo for repo, _ in found.items], args, info, **counts)
        result = search_mod.search(info.context.world, query)
    except search_mod.SearchError as exc:
        raise GitHubError("INVALID_SEARCH", str(exc)) from exc
    counts["issueCount"] = result.total
    world = info.context.world
    nodes = []
    for repo, item in result.items:
        refused = forbidden_error(world, repo.owner)
        nodes.append(Withheld(refused) if refused else item)
    return connection(nodes, args, info, **counts)


def _repository(_root, info, owner: str, name: str, **_) -> Repo:
    world, ctx = info.context.world, info.context
    refused = forbidden_error(world, owner)
    if refused:
        raise refused
    repo = world.repo(f"{owner}/{name}")
    if repo is None:
        raise GitHubError("NOT_FOUND",
                          f"Could not resolve to a Repository with the name '{owner}/{name}'.")
    ctx.lookups += 1
    if repo.heavy or (world.resource_limit is not None and ctx.lookups > world.resource_limit):
        raise GitHubError("RESOURCE_LIMITS_EXCEEDED", RESOURCE_LIMITS_MESSAGE)
    return repo


def _user(_root, info, login: str, **_) -> dict:
    world = info.context.world
    user = world.user(login)
    if user is None or user.type != "User":
        raise GitHubError("NOT_FOUND", f"Could not resolve to a User with the login of '{login}'.")
    return actor(world, user.login)


def _own(world: World, login: str, kind: type) -> list:
    """Issues or pull requests the user wrote, across every repository."""
    return [item for repo in world.repos.values()
            for item in (repo.issues if kind is Issue else repo.pulls)
            if (item.author or "").lower() == login.lower()]


def _user_items(kind: type) -> Callable:
    def resolve(user: dict, info, **args) -> dict:
        items = _own(info.context.world, user["login"], kind)
        if args.get("states"):
            items = [x for x in items if x.state in args["states"]]
        filt = args.get("filterBy") or {}
        if filt.get("states"):
            items = [x for x in items if x.state in filt["states"]]
        return connection(_by_order(items, args.get("orderBy")), args, info)
    return resolve


def _user_comments(user: dict, info, **args) -> dict:
    """The user's issue comments (pull request conversations included), oldest first."""
    world = info.context.world
    login = user["login"].lower()
    found = [(c.created_at, c.id, item, c) for repo in world.repos.values()
             for item in [*repo.issues, *repo.pulls] for c in item.comments
             if (c.author or "").lower() == login]
    order = args.get("orderBy") or {}
    found.sort(key=lambda f: (f[0], f[1]), reverse=order.get("direction") == "DESC")
    return connection([comment_dict(world, item, c) for _, _, item, c in found], args, info)


def _pushed_order(repos: list, args: dict) -> list:
    order = args.get("orderBy") or {}
    if order.get("field") == "PUSHED_AT":
        epoch = datetime.min.replace(tzinfo=timezone.utc)
        return sorted(repos, key=lambda r: r.pushed_at or epoch, reverse=order.get("direction") == "DESC")
    return sorted(repos, key=lambda r: r.full_name.lower())


def _user_repositories(user: dict, info, **args) -> dict:
    """Repositories the user owns (``ownerAffiliations: [OWNER]``), optionally without forks."""
    login = user["login"].lower()
    repos = [r for r in info.context.world.repos.values() if r.owner.lower() == login]
    if args.get("isFork") is not None:
        repos = [r for r in repos if r.is_fork == args["isFork"]]
    return connection(_pushed_order(repos, args), args, info)


def _user_contributed_to(user: dict, info, **args) -> dict:
    """Other people's repositories the user authored a pull request or commit in.

    Expensive for active accounts: a user in ``World.heavy_users`` exceeds the resource limits
    (the field is non-null, so GitHub answers ``user: null`` beside the error).
    """
    login = user["login"].lower()
    if login in {u.lower() for u in info.context.world.heavy_users}:
        raise GitHubError("RESOURCE_LIMITS_EXCEEDED", RESOURCE_LIMITS_MESSAGE)
    kinds = set(args.get("contributionTypes") or ["COMMIT", "PULL_REQUEST", "ISSUE", "REPOSITORY"])
    repos = []
    for repo in info.context.world.repos.values():
        if repo.owner.lower() == login:
            continue
        prs = "PULL_REQUEST" in kinds and any((p.author or "").lower() == login for p in repo.pulls)
        commits = "COMMIT" in kinds and any((c.author or "").lower() == login for c in repo.commits)
        issues = "ISSUE" in kinds and any((i.author or "").lower() == login for i in repo.issues)
        if prs or commits or issues:
            repos.append(repo)
    return connection(_pushed_order(repos, args), args, info)


USER = {
    "repositories": _user_repositories,
    "repositoriesContributedTo": _user_contributed_to,
    "pullRequests": _user_items(PullRequest),
    "issues": _user_items(Issue),
    "issueComments": _user_comments,
}

def _viewer(ctx: Context) -> dict | None:
    """The token's owner; for an installation token, the app's bot with its ``[bot]`` login
    (GraphQL ``viewer`` with Actions' ``GITHUB_TOKEN`` is ``github-actions[bot]``)."""
    found = actor(ctx.world, ctx.viewer)
    if ctx.app and found is not None:
        found = {**found, "login": ctx.viewer, "__typename": "User"}
    return found


QUERY = {
    "repository": _repository,
    "search": _search,
    "rateLimit": lambda _r, i, **a: i.context.rate,
    "user": _user,
    "viewer": lambda _r, i, **a: _viewer(i.context),
}

RESOLVERS: dict[str, dict[str, Callable]] = {
    "Query": QUERY,
    "Repository": REPOSITORY,
    "Issue": ISSUE,
    "PullRequest": PULL_REQUEST,
    "Commit": {"history": _history},
    "User": USER,
}

_MISSING = object()


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def field_resolver(source, info, **args):
    """Explicit resolver if any, else dict key or snake_case attribute, else null."""
    fn = RESOLVERS.get(info.parent_type.name, {}).get(info.field_name)
    if fn is not None:
        return fn(source, info, **args)
    if isinstance(source, dict):
        value = source.get(info.field_name, _MISSING)
    else:
        value = getattr(source, _snake(info.field_name), _MISSING)
    if value is _MISSING:
        if get_named_type(info.return_type).name.endswith("Connection"):
            return connection([], args, info)
        UNRESOLVED_FIELDS.add((info.parent_type.name, info.field_name))
        return None
    return iso(value) if isinstance(value, datetime) else value


def type_resolver(value, info, abstract_type):
    """Interfaces and unions resolve by ``__typename`` (dicts) or the dataclass kind."""
    if isinstance(value, dict):
        return value["__typename"]
    if isinstance(value, Withheld):
        raise value.error
    return {Issue: "Issue", PullRequest: "PullRequest", Repo: "Repository"}[type(value)]


# --------------------------------------------------------------------------- cost

def query_cost(document, operation_name: str | None, variables: dict) -> tuple[int, int]:
    """GitHub's formula: one request per connection, times the page sizes of its parents.

    Returns ``(cost, node_count)`` where cost = max(1, round(requests / 100)).
    """
    fragments = {d.name.value: d for d in document.definitions
                 if d.kind == "fragment_definition"}
    ops = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    op = next((o for o in ops if o.name and o.name.value == operation_name), ops[0])
    totals = {"requests": 0, "nodes": 0}

    def page_size(field: FieldNode) -> int | None:
        for arg in field.arguments or ():
            if arg.name.value in ("first", "last"):
                if isinstance(arg.value, IntValueNode):
                    return int(arg.value.value)
                if isinstance(arg.value, VariableNode):
                    return variables.get(arg.value.name.value)
        return None

    def walk(selection_set, multiplier: int) -> None:
        for sel in selection_set.selections if selection_set else ():
            if isinstance(sel, FieldNode):
                size = page_size(sel)
                if size is not None:
                    totals["requests"] += multiplier
                    totals["nodes"] += multiplier * size
                    walk(sel.selection_set, multiplier * max(size, 1))
                else:
                    walk(sel.selection_set, multiplier)
            elif isinstance(sel, InlineFragmentNode):
                walk(sel.selection_set, multiplier)
            elif isinstance(sel, FragmentSpreadNode) and sel.name.value in fragments:
                walk(fragments[sel.name.value].selection_set, multiplier)

    walk(op.selection_set, 1)
    return max(1, round(totals["requests"] / 100)), totals["nodes"]


# --------------------------------------------------------------------------- entry point

_CANNOT_QUERY = re.compile(r"Cannot query field '(\w+)' on type '(\w+)'\.")
_MISSING_ARG = re.compile(r"Argument '\w+\.(\w+)\((\w+):\)' of type '.*' is required")


def format_error(err: GraphQLError) -> dict:
    """GitHub's error shape: ``type`` for resolver errors, graphql-ruby style validation text."""
    out: dict[str, Any] = {"message": err.message}
    original = err.original_error
    if isinstance(original, GitHubError):
        out["type"] = original.type
        if original.extensions:
            out["extensions"] = dict(original.extensions)
    if err.path:
        out["path"] = list(err.path)
    if err.locations:
        out["locations"] = [{"line": loc.line, "column": loc.column} for loc in err.locations]
    match = _CANNOT_QUERY.match(err.message)
    if match:
        out["message"] = f"Field '{match.group(1)}' doesn't exist on type '{match.group(2)}'"
        out["extensions"] = {"code": "undefinedField", "typeName": match.group(2),
                             "fieldName": match.group(1)}
    elif _MISSING_ARG.match(err.message):
        field, arg = _MISSING_ARG.match(err.message).groups()
        out["message"] = f"Field '{field}' is missing required arguments: {arg}"
        out["extensions"] = {"code": "missingRequiredArguments", "className": "Field",
                             "name": field, "arguments": arg}
    elif original is None and not err.path:
        out["extensions"] = {"code": "validationError"}
    return out


@dataclass
class Prepared:
    """A parsed, validated request ready to run; ``errors`` set when it must not run."""

    query: str
    document: Any = None
    variables: dict | None = None
    operation_name: str | None = None
    cost: int = 0
    node_count: int = 0
    errors: list | None = None


def prepare(payload: Any, schema: GraphQLSchema | None = None) -> Prepared:
    """Parse, validate and price a request body; invalid requests cost nothing."""
    if not isinstance(payload, dict) or not isinstance(payload.get("query"), str):
        return Prepared(query="", errors=[{"message": "A query attribute must be specified and "
                                                      "must be a string."}])
    query = payload["query"]
    variables = payload.get("variables") or {}
    prepared = Prepared(query=query, variables=variables,
                        operation_name=payload.get("operationName"))
    try:
        document = parse(query)
    except GraphQLError as err:
        prepared.errors = [format_error(err)]
        return prepared
    errors = validate(schema or load_schema(), document)
    if errors:
        prepared.errors = [format_error(e) for e in errors]
        return prepared
    prepared.document = document
    prepared.cost, prepared.node_count = query_cost(document, prepared.operation_name, variables)
    if prepared.node_count > NODE_LIMIT:
        prepared.cost = 0
        prepared.errors = [{"type": "MAX_NODE_LIMIT_EXCEEDED",
                            "message": f"This query requests up to {prepared.node_count:,} nodes which exceeds "
                                       f"the maximum limit of {NODE_LIMIT:,}."}]
    return prepared


def run(prepared: Prepared, world: World, viewer: str, rate: dict, *, app: bool = False) -> dict:
    """Execute a prepared query; NOT_FOUND and friends come back next to partial data."""
    ctx = Context(world=world, viewer=viewer, rate=rate, app=app)
    result = execute(schema_for(world), prepared.document, context_value=ctx,
                     variable_values=prepared.variables,
                     operation_name=prepared.operation_name,
                     field_resolver=field_resolver, type_resolver=type_resolver)
    body: dict[str, Any] = {"data": result.data}
    if result.errors:
        body["errors"] = [format_error(e) for e in result.errors]
    return body


def rate_dict(limit: int, used: int, cost: int, node_count: int, reset: datetime) -> dict:
    return {"limit": limit, "used": used, "remaining": max(0, limit - used), "cost": cost,
            "nodeCount": node_count, "resetAt": iso(reset)}


def next_reset(now: datetime) -> datetime:
    return now.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
