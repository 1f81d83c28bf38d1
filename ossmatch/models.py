"""Frozen data models passed between layers.

The fetch layer (``ossmatch.github``) builds these from GitHub's answers; everything above it
(signals, ranking, audit checks, renderers) reads only these, never a PyGithub object.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, model_validator

from ossmatch.vocabulary import is_bot_login

Association = Literal[
    "OWNER",
    "MEMBER",
    "COLLABORATOR",
    "CONTRIBUTOR",
    "FIRST_TIME_CONTRIBUTOR",
    "FIRST_TIMER",
    "MANNEQUIN",
    "NONE",
]



class Model(BaseModel):
    """Base for every model: immutable and hashable, so results can be cached and shared."""

    model_config = ConfigDict(frozen=True)


class Actor(Model):
    """A GitHub account; ``login`` is None when the account was deleted (GitHub's "ghost")."""

    login: str | None = None
    #: GitHub's Bot type, or an app account's login (``vocabulary.is_bot_login``), set when read.
    is_bot: bool = False

    @model_validator(mode="before")
    @classmethod
    def _recognise_bot(cls, data: Any) -> Any:
        """Bots are recognised here, once, for every account read from GitHub."""
        return with_bot_flag(data, "login")


def with_bot_flag(data: Any, login_field: str) -> Any:
    """Model input with ``is_bot`` set when ``login_field`` holds an app account's login."""
    if isinstance(data, dict) and not data.get("is_bot") and is_bot_login(data.get(login_field)):
        return {**data, "is_bot": True}
    return data


class Comment(Model):
    author: Actor = Actor()
    association: Association = "NONE"
    created_at: datetime
    body: str = ""


class RepoComment(Comment):
    """A comment from a repository's recent-comments listing, with the issue (or PR) it is on."""

    issue_number: int


class Label(Model):
    name: str
    description: str | None = None


class IssueLink(Model):
    """Another issue this one points at: a blocker, or the tracking issue it is part of."""

    repo: str
    number: int
    title: str = ""
    url: str = ""
    state: Literal["OPEN", "CLOSED"] = "OPEN"
    #: For a tracking issue: how many sub-issues it has and how many are done.
    sub_issues_total: int = 0
    sub_issues_done: int = 0

    @property
    def ref(self) -> str:
        return f"{self.repo}#{self.number}"


class PullMention(Model):
    """A pull request that mentions an issue: someone already tried it."""

    number: int
    state: Literal["OPEN", "CLOSED", "MERGED"] = "OPEN"
    author: str | None = None
    association: Association = "NONE"


class Assignment(Model):
    """Who an issue is assigned to: a person, or a bot/agent (GraphQL ``assignedActors``)."""

    login: str
    is_bot: bool = False
    at: datetime | None = None


class Issue(Model):
    """An issue with the context ranking needs; ``comments`` holds the most recent few."""

    repo: str
    number: int
    url: str
    title: str
    body: str = ""
    state: Literal["OPEN", "CLOSED"] = "OPEN"
    locked: bool = False
    author: Actor = Actor()
    author_association: Association = "NONE"
    created_at: datetime
    updated_at: datetime
    closed_at: datetime | None = None
    labels: tuple[Label, ...] = ()
    assignees: tuple[str, ...] = ()
    comment_count: int = 0
    comments: tuple[Comment, ...] = ()
    #: Open pull requests that will close this issue when merged.
    open_closing_prs: int = 0
    #: Who labeled, assigned or closed it (the author closing their own issue excluded): people
    #: with triage or write access, whatever association GitHub shows for them.
    triaged_by: tuple[str, ...] = ()
    #: Every assignee, bots and agents included (``assignees`` holds their logins); the time only
    #: where the timeline was read (``show``).
    assignments: tuple[Assignment, ...] = ()
    #: Issues blocking this one, closed ones included (GitHub keeps the link after they close).
    blocked_by: tuple[IssueLink, ...] = ()
    #: GitHub's count of *open* blockers; None where the server does not know dependencies.
    open_blockers: int | None = None
    #: The tracking issue this one is part of.
    parent: IssueLink | None = None
    #: This issue's own sub-issues: how many, and how many are done (a tracking issue when any).
    sub_issues_total: int = 0
    sub_issues_done: int = 0
    #: Numbers of its open sub-issues, where they were read (the audit).
    open_sub_issue_numbers: tuple[int, ...] = ()
    #: The organisation's issue type ("Bug", "Task"...), None where types are not used.
    issue_type: str | None = None
    #: Pull requests that mention it (from its timeline), newest last.
    pull_mentions: tuple[PullMention, ...] = ()

    @property
    def label_names(self) -> tuple[str, ...]:
        return tuple(label.name for label in self.labels)

    @property
    def open_sub_issues(self) -> int:
        return max(0, self.sub_issues_total - self.sub_issues_done)

    @property
    def open_blocker_links(self) -> tuple[IssueLink, ...]:
        return tuple(b for b in self.blocked_by if b.state == "OPEN")

    @property
    def is_blocked(self) -> bool:
        """Blocked by an open issue: a closed blocker does not block."""
        if self.open_blockers is not None:
            return self.open_blockers > 0
        return bool(self.open_blocker_links)


class Review(Model):
    author: Actor = Actor()
    association: Association = "NONE"
    state: str = "COMMENTED"
    submitted_at: datetime | None = None


class PullRequest(Model):
    repo: str
    number: int
    url: str = ""
    title: str = ""
    author: Actor = Actor()
    author_association: Association = "NONE"
    state: Literal["OPEN", "CLOSED", "MERGED"] = "OPEN"
    created_at: datetime
    merged_at: datetime | None = None
    closed_at: datetime | None = None
    merged_by: str | None = None
    reviews: tuple[Review, ...] = ()

    @property
    def merged(self) -> bool:
        return self.state == "MERGED"


class Repo(Model):
    """A repository with the recent activity that maintainer signals are computed from."""

    name_with_owner: str
    url: str
    description: str | None = None
    stars: int = 0
    forks: int = 0
    archived: bool = False
    disabled: bool = False
    locked: bool = False
    is_fork: bool = False
    primary_language: str | None = None
    languages: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    license: str | None = None
    open_issue_count: int | None = None
    pushed_at: datetime | None = None
    created_at: datetime | None = None
    #: Issues opened recently (up to a few dozen), newest first, with their first comments.
    recent_issues: tuple[Issue, ...] = ()
    #: Issues closed recently, for close-time statistics.
    closed_issues: tuple[Issue, ...] = ()
    #: Pull requests opened recently, newest first, with their reviews.
    recent_pulls: tuple[PullRequest, ...] = ()
    #: False when the data came from the REST fallback without activity detail.
    has_activity: bool = True
    #: Tokenless path: the repository's newest issue and PR comments since ``comments_since``
    #: (one REST request), from which claims and maintainer answers are read.
    recent_comments: tuple[RepoComment, ...] = ()
    comments_since: datetime | None = None
    #: Who may open pull requests ("ALL", "COLLABORATORS_ONLY"); None where the server does not say.
    pr_creation_policy: str | None = None
    #: False when pull requests are turned off; None where the server does not say.
    pull_requests_enabled: bool | None = None
    #: The token's own permission here ("ADMIN", "WRITE", "READ"...), when known.
    viewer_permission: str | None = None
    #: An active interaction limit ("COLLABORATORS_ONLY", "CONTRIBUTORS_ONLY", "EXISTING_USERS").
    interaction_limit: str | None = None
    #: Open sub-issues of tracking issues found here: the tasks offered in their place.
    sub_issues: tuple[Issue, ...] = ()
    #: The project's stated policy on AI-assisted contributions, when it states one.
    ai_policy: AiPolicy | None = None
    #: Whether the policy files were read at all (False on the tokenless path).
    ai_policy_read: bool = False


class AiPolicy(Model):
    """What a project says about AI-assisted contributions, in its own words."""

    #: "not_accepted" | "disclosed" (accepted if disclosed) | "welcome"
    stance: Literal["not_accepted", "disclosed", "welcome"]
    #: The sentence that says so, sanitised and cut to about 200 characters.
    quote: str
    #: The file it came from (``AGENTS.md``, ``CONTRIBUTING.md``...).
    source: str


class Candidate(Model):
    """An issue found by search together with its repository."""

    issue: Issue
    repo: Repo


class OwnPullRequest(Model):
    """A pull request the person wrote: where, what it touched, and who answered it."""

    repo: str
    number: int
    url: str = ""
    title: str = ""
    state: Literal["OPEN", "CLOSED", "MERGED"] = "OPEN"
    is_draft: bool = False
    created_at: datetime
    merged_at: datetime | None = None
    merged_by: str | None = None
    labels: tuple[str, ...] = ()
    #: Paths of the first changed files (empty when GitHub did not say, as over REST).
    files: tuple[str, ...] = ()
    reviews: tuple[Review, ...] = ()
    #: The most recent conversation comments, the person's own included.
    comments: tuple[Comment, ...] = ()
    last_commit_at: datetime | None = None

    @property
    def merged(self) -> bool:
        return self.state == "MERGED"


class Involvement(Model):
    """An issue the person opened or commented on: theirs to follow, not a new find."""

    repo: str
    number: int
    how: Literal["opened", "commented"]
    #: When they did it; for a comment found only by search, the issue's last update (see ``exact``).
    at: datetime
    #: False when ``at`` is not the person's own act (search says an issue involves them, not when).
    exact: bool = True


class ContributorHistory(Model):
    """What one person did on GitHub recently; ``complete`` is False when GitHub said less (REST)."""

    login: str
    since: datetime
    pulls: tuple[OwnPullRequest, ...] = ()
    involvements: tuple[Involvement, ...] = ()
    complete: bool = True

    @property
    def merged_pulls(self) -> tuple[OwnPullRequest, ...]:
        return tuple(p for p in self.pulls if p.merged)

    @property
    def open_pulls(self) -> tuple[OwnPullRequest, ...]:
        return tuple(p for p in self.pulls if p.state == "OPEN")

Repo.model_rebuild()
