"""The state a fake GitHub serves, as plain mutable dataclasses.

Tests build a ``World`` in Python (``world.add_repo(...)``, ``repo.add_issue(...)``) and the
GraphQL and REST layers only read it, so one description drives both APIs consistently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

DEFAULT_NOW = datetime(2026, 11, 27, 12, 0, tzinfo=timezone.utc)


def _ago(world: World | None, days: float) -> datetime:
    base = world.now if world is not None else DEFAULT_NOW
    return base - timedelta(days=days)


#: Bots whose REST login has no ``[bot]`` suffix: the Copilot coding agent is assigned as
#: ``{"login": "Copilot", "type": "Bot"}`` in REST (cli/cli#10992).
AGENT_BOTS = frozenset({"Copilot"})


def is_bot_login(login: str | None) -> bool:
    """GitHub App bots have logins ending in ``[bot]`` in REST (the Copilot agent aside)."""
    return bool(login) and (login.endswith("[bot]") or login in AGENT_BOTS)


@dataclass
class User:
    login: str
    type: str = "User"  # "User" | "Bot" | "Organization"
    name: str | None = None
    id: int = 0
    created_at: datetime = DEFAULT_NOW - timedelta(days=3650)


@dataclass
class Comment:
    author: str | None = "commenter"
    author_association: str = "NONE"
    created_at: datetime = DEFAULT_NOW
    body: str = ""
    id: int = 0


@dataclass
class Review:
    author: str | None = "reviewer"
    author_association: str = "MEMBER"
    state: str = "APPROVED"  # APPROVED | CHANGES_REQUESTED | COMMENTED | DISMISSED | PENDING
    submitted_at: datetime | None = DEFAULT_NOW


@dataclass
class Event:
    """A timeline event on an issue: who labeled, assigned or closed it, and when."""

    kind: str  # "LABELED_EVENT" | "ASSIGNED_EVENT" | "CLOSED_EVENT"
    actor: str | None = "maintainer"
    created_at: datetime = DEFAULT_NOW
    label: str = ""


@dataclass
class Issue:
    number: int
    title: str = "An issue"
    body: str | None = ""
    author: str | None = "reporter"
    author_association: str = "NONE"
    labels: list[str] = field(default_factory=list)
    assignees: list[str] = field(default_factory=list)
    state: str = "OPEN"
    locked: bool = False
    created_at: datetime = DEFAULT_NOW
    updated_at: datetime | None = None
    closed_at: datetime | None = None
    comments: list[Comment] = field(default_factory=list)
    closing_prs: list[int] = field(default_factory=list)
    #: Labeled/assigned/closed events (who triaged the issue), oldest first.
    events: list[Event] = field(default_factory=list)
    #: Deleted by a maintainer: REST answers 410 Gone, GraphQL null with NOT_FOUND, search omits it.
    deleted: bool = False
    #: Issue dependencies (GA 2025-08-21): numbers of the issues in this repository blocking it.
    blocked_by: list[int] = field(default_factory=list)
    #: Sub-issues (GA 2025-04-09): the tracking issue this one belongs to (a number in this repository).
    parent: int | None = None
    #: The organisation's issue type ("Bug", "Task", "Feature"...); served only for organisations.
    issue_type: str | None = None
    repo: Repo | None = field(default=None, repr=False, compare=False)

    def add_comment(self, body: str = "", author: str | None = "commenter", **kw) -> Comment:
        """Append a comment; defaults its time to after the last one so order stays natural."""
        return _add_comment(self, body, author, **kw)

    def assign(self, login: str, at: datetime | None = None, by: str | None = None) -> None:
        """Assign ``login`` (a user, or a bot such as ``Copilot``) with its timeline event."""
        self.assignees.append(login)
        self.add_event("ASSIGNED_EVENT", by or (self.repo.owner if self.repo else "maintainer"),
                       created_at=at or self.updated_at or self.created_at, label=login)

    def add_event(self, kind: str, actor: str | None, **kw) -> Event:
        """Record a timeline event (``LABELED_EVENT``, ``ASSIGNED_EVENT``, ``CLOSED_EVENT``)."""
        kw.setdefault("created_at", (self.updated_at or self.created_at))
        event = Event(kind=kind, actor=actor, **kw)
        self.events.append(event)
        return event


def _add_comment(item: Issue | PullRequest, body: str, author: str | None, **kw) -> Comment:
    if "created_at" not in kw:
        last = item.comments[-1].created_at if item.comments else item.created_at
        kw["created_at"] = last + timedelta(hours=1)
    comment = Comment(author=author, body=body, **kw)
    comment.id = _next_id()
    item.comments.append(comment)
    return comment


@dataclass
class PullRequest:
    number: int
    title: str = "A pull request"
    body: str | None = ""
    author: str | None = "contributor"
    author_association: str = "CONTRIBUTOR"
    state: str = "OPEN"  # OPEN | CLOSED | MERGED
    created_at: datetime = DEFAULT_NOW
    updated_at: datetime | None = None
    merged_at: datetime | None = None
    closed_at: datetime | None = None
    merged_by: str | None = None
    reviews: list[Review] = field(default_factory=list)
    closes: list[int] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    assignees: list[str] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    locked: bool = False
    draft: bool = False
    #: Paths the pull request changes.
    files: list[str] = field(default_factory=list)
    repo: Repo | None = field(default=None, repr=False, compare=False)

    def add_comment(self, body: str = "", author: str | None = "commenter", **kw) -> Comment:
        """A conversation comment on the pull request (an issue comment, as GitHub stores it)."""
        return _add_comment(self, body, author, **kw)


@dataclass
class Commit:
    oid: str
    author: str | None = "committer"
    committed_at: datetime = DEFAULT_NOW
    message: str = "Commit"


@dataclass
class Label:
    name: str
    description: str | None = None
    color: str = "ededed"


@dataclass
class Repo:
    owner: str
    name: str
    description: str | None = None
    stars: int = 0
    forks: int = 0
    archived: bool = False
    disabled: bool = False
    is_fork: bool = False
    locked: bool = False
    primary_language: str | None = None
    languages: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    license: str | None = "MIT"
    created_at: datetime = DEFAULT_NOW - timedelta(days=1000)
    pushed_at: datetime | None = DEFAULT_NOW - timedelta(days=1)
    default_branch: str = "main"
    files: dict[str, str] = field(default_factory=dict)
    labels: list[Label] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    pulls: list[PullRequest] = field(default_factory=list)
    commits: list[Commit] = field(default_factory=list)
    id: int = 0
    #: Too expensive for GitHub's GraphQL resource limits even when asked for alone.
    heavy: bool = False
    #: Who may open pull requests (GitHub 2026-02-20): "ALL" or "COLLABORATORS_ONLY".
    pull_request_creation_policy: str = "ALL"
    #: Pull requests turned off entirely (GitHub 2026-02-20).
    has_pull_requests: bool = True
    #: An active interaction limit: "EXISTING_USERS" | "CONTRIBUTORS_ONLY" | "COLLABORATORS_ONLY".
    interaction_limit: str | None = None
    #: Collaborators' permissions (login -> "ADMIN" | "MAINTAIN" | "WRITE" | "TRIAGE" | "READ").
    collaborators: dict[str, str] = field(default_factory=dict)
    world: World | None = field(default=None, repr=False, compare=False)

    @property
    def full_name(self) -> str:
        return f"{self.owner}/{self.name}"

    def _next_number(self) -> int:
        """Issues and pull requests share one number space per repository, as on GitHub."""
        used = [i.number for i in self.issues] + [p.number for p in self.pulls]
        return max(used, default=0) + 1

    def add_issue(self, title: str = "An issue", *, comments: int | list | None = None,
                  **kw) -> Issue:
        """Add an issue; ``comments`` may be a count (filler comments) or a list of ``Comment``."""
        kw.setdefault("created_at", _ago(self.world, 10))
        issue = Issue(number=kw.pop("number", None) or self._next_number(), title=title, **kw)
        issue.repo = self
        if issue.updated_at is None:
            issue.updated_at = issue.created_at
        if issue.state == "CLOSED" and issue.closed_at is None:
            issue.closed_at = issue.updated_at
        for name in issue.labels:
            self.ensure_label(name)
        if isinstance(comments, int):
            for i in range(comments):
                issue.add_comment(body=f"Comment {i + 1}")
        elif comments:
            for c in comments:
                c.id = c.id or _next_id()
                issue.comments.append(c)
        self.issues.append(issue)
        return issue

    def add_pull(self, title: str = "A pull request", **kw) -> PullRequest:
        """Add a pull request; ``closes=[n]`` links it as closing issue ``n``."""
        kw.setdefault("created_at", _ago(self.world, 5))
        pr = PullRequest(number=kw.pop("number", None) or self._next_number(), title=title, **kw)
        pr.repo = self
        if pr.updated_at is None:
            pr.updated_at = pr.merged_at or pr.closed_at or pr.created_at
        if pr.state == "MERGED":
            pr.merged_at = pr.merged_at or pr.updated_at
            pr.closed_at = pr.closed_at or pr.merged_at
            pr.merged_by = pr.merged_by or self.owner
        elif pr.state == "CLOSED":
            pr.closed_at = pr.closed_at or pr.updated_at
        self.pulls.append(pr)
        return pr

    def add_commit(self, message: str = "Commit", **kw) -> Commit:
        kw.setdefault("committed_at", _ago(self.world, 1))
        commit = Commit(oid=kw.pop("oid", None) or f"{len(self.commits) + 1:040x}", message=message,
                        **kw)
        self.commits.append(commit)
        return commit

    def ensure_label(self, name: str, description: str | None = None,
                     color: str = "ededed") -> Label:
        for label in self.labels:
            if label.name.lower() == name.lower():
                return label
        label = Label(name, description, color)
        self.labels.append(label)
        return label

    def permission(self, login: str | None) -> str:
        """``viewerPermission``: the owner administers, collaborators as recorded, others READ."""
        if login and login.lower() == self.owner.lower():
            return "ADMIN"
        return next((p for who, p in self.collaborators.items()
                     if login and who.lower() == login.lower()), "READ")

    def sub_issues(self, issue: Issue) -> list[Issue]:
        """The tracking issue's sub-issues, in the order they were added (by number here)."""
        return [i for i in self.issues if i.parent == issue.number and not i.deleted]

    def blocking(self, issue: Issue) -> list[Issue]:
        return [i for i in self.issues if issue.number in i.blocked_by and not i.deleted]

    @property
    def is_org(self) -> bool:
        """Issue types exist only in organisations."""
        world = self.world
        return bool(world and world.user_type(self.owner) == "Organization")

    def issue(self, number: int) -> Issue | None:
        """The issue numbered ``number``, deleted ones included (callers decide how to answer)."""
        return next((i for i in self.issues if i.number == number), None)

    def pull(self, number: int) -> PullRequest | None:
        return next((p for p in self.pulls if p.number == number), None)

    def closing_pulls(self, issue: Issue) -> list[PullRequest]:
        """PRs that close ``issue``: linked from either side (``closing_prs`` or ``closes``)."""
        numbers = set(issue.closing_prs)
        return [p for p in self.pulls if p.number in numbers or issue.number in p.closes]

    def mentioning_pulls(self, issue: Issue) -> list[PullRequest]:
        """PRs whose text mentions ``#N`` (or ``owner/name#N``) without closing it: cross-references."""
        pattern = re.compile(rf"(?:{re.escape(self.full_name)})?#{issue.number}\b", re.IGNORECASE)
        return [p for p in self.pulls if pattern.search(f"{p.title}\n{p.body or ''}")]

    @property
    def all_languages(self) -> list[str]:
        langs = list(self.languages)
        if self.primary_language and self.primary_language not in langs:
            langs.insert(0, self.primary_language)
        return langs

    @property
    def open_issues_count(self) -> int:
        """GitHub's REST count includes open pull requests."""
        return sum(i.state == "OPEN" for i in self.issues) + sum(
            p.state == "OPEN" for p in self.pulls)


_ID = [1000]


def _next_id() -> int:
    _ID[0] += 1
    return _ID[0]


@dataclass
class World:
    users: dict[str, User] = field(default_factory=dict)
    repos: dict[str, Repo] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)
    now: datetime = DEFAULT_NOW
    #: Installation tokens (GitHub Actions' ``GITHUB_TOKEN``): the viewer is an app bot and
    #: REST ``/user`` answers 403 "Resource not accessible by integration".
    installation_tokens: set[str] = field(default_factory=set)
    #: Organisations that refuse our tokens: org (lower case) -> "saml" | "ip_allow_list".
    forbidden_orgs: dict[str, str] = field(default_factory=dict)
    #: Users whose ``repositoriesContributedTo`` exceeds GitHub's GraphQL resource limits.
    heavy_users: set[str] = field(default_factory=set)
    #: At most this many ``repository`` lookups resolve in one GraphQL query; the rest fail with
    #: RESOURCE_LIMITS_EXCEEDED (None: no limit).
    resource_limit: int | None = None
    #: At most this many ``search`` fields resolve in one GraphQL query; the rest fail with
    #: RESOURCE_LIMITS_EXCEEDED (None: no limit).
    search_limit: int | None = None
    #: GitHub Enterprise in private mode: anonymous requests get 401.
    private_mode: bool = False
    #: REST search answers ``incomplete_results: true`` (the search timed out inside GitHub).
    search_incomplete: bool = False
    #: A server that predates GitHub's 2025-26 fields (GitHub Enterprise Server): GraphQL validates
    #: against the pinned 2025 schema and REST leaves the new keys out.
    pre_2026: bool = False

    def add_user(self, login: str, type: str = "User", **kw) -> User:
        user = User(login=login, type=type, id=_next_id(), **kw)
        self.users[login] = user
        return user

    def add_token(self, token: str, login: str) -> None:
        self.tokens[token] = login
        if login not in self.users:
            self.add_user(login)

    def add_installation_token(self, token: str, login: str = "github-actions[bot]") -> None:
        """A GitHub App installation token, like the workflow's ``GITHUB_TOKEN``."""
        self.tokens[token] = login
        self.installation_tokens.add(token)
        if login not in self.users:
            self.add_user(login, "Bot")

    def forbidden(self, owner: str) -> str | None:
        """Why ``owner``'s resources are refused to tokens ("saml", "ip_allow_list"), if they are."""
        return self.forbidden_orgs.get(owner.lower())

    def add_repo(self, full_name: str, **kw) -> Repo:
        """Add ``owner/name``; ``languages`` implies ``primary_language`` (its first entry)."""
        owner, name = full_name.split("/", 1)
        if kw.get("languages") and not kw.get("primary_language"):
            kw["primary_language"] = kw["languages"][0]
        labels = kw.pop("labels", [])
        repo = Repo(owner=owner, name=name, id=_next_id(), **kw)
        repo.world = self
        for label in labels:
            if isinstance(label, Label):
                repo.labels.append(label)
            elif isinstance(label, str):
                repo.ensure_label(label)
            else:
                repo.ensure_label(*label)
        self.repos[full_name.lower()] = repo
        if owner not in self.users:
            self.add_user(owner)
        return repo

    def repo(self, full_name: str) -> Repo | None:
        return self.repos.get(full_name.lower())

    def user(self, login: str) -> User | None:
        """Look a login up; any author seen on content counts as an existing user."""
        if login in self.users:
            return self.users[login]
        for known in self.users.values():
            if known.login.lower() == login.lower():
                return known
        if login in self._content_logins():
            return self.add_user(login, "Bot" if is_bot_login(login) else "User")
        return None

    def _content_logins(self) -> set[str]:
        seen: set[str] = set()
        for repo in self.repos.values():
            for item in [*repo.issues, *repo.pulls]:
                seen.add(item.author or "")
                seen.update(c.author or "" for c in item.comments)
                seen.update(item.assignees)
        return seen

    def user_type(self, login: str) -> str:
        known = self.users.get(login)
        if known:
            return known.type
        return "Bot" if is_bot_login(login) else "User"
