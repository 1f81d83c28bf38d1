"""``RepoSnapshot``: everything the audit knows about one repository, fetched once.

Checks read only this model, so they stay pure and testable without a network. A field that could
not be fetched is ``None`` (the check then says ``not_available``); an empty tuple means "fetched,
and there was nothing".
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, Literal

from pydantic import model_validator

from ossmatch import document_names
from ossmatch.document_names import AGENT_GUIDES, AI_POLICY_FILES, Kind
from ossmatch.models import Issue, Label, Model, PullRequest, Repo, with_bot_flag
from ossmatch.vocabulary import is_beginner_label

FileSource = Literal["repo", "org"]


class RepoFile(Model):
    """A text file; ``source`` is ``org`` when it came from the owner's ``.github`` repository."""

    path: str
    text: str | None = None
    byte_size: int = 0
    source: FileSource = "repo"


class TreeEntry(Model):
    name: str
    type: str = "blob"
    #: Text of a blob entry when it was fetched (workflows, issue templates).
    text: str | None = None


class RepoDirectory(Model):
    path: str
    entries: tuple[TreeEntry, ...] = ()
    source: FileSource = "repo"


class CommunityProfile(Model):
    """REST ``community/profile``: GitHub's own detection, which also sees org-level defaults."""

    health_percentage: int | None = None
    code_of_conduct: bool = False
    contributing: bool = False
    issue_template: bool = False
    pull_request_template: bool = False
    license: bool = False
    readme: bool = False


class MergedPull(Model):
    """One merged pull request from history: enough to tell first and repeat contributors."""

    number: int
    author: str | None = None
    #: Set when read, as for ``Actor``: GitHub's Bot type or an app account's login.
    is_bot: bool = False
    association: str = "NONE"
    merged_at: datetime

    @model_validator(mode="before")
    @classmethod
    def _recognise_bot(cls, data: Any) -> Any:
        return with_bot_flag(data, "author")


def merge_history(pulls: Iterable[PullRequest]) -> list[MergedPull]:
    """The merged pull requests among ``pulls``, as merge-history records (for ``vocabulary.first_merges``)."""
    return [
        MergedPull(number=p.number, author=p.author.login, is_bot=p.author.is_bot,
                   association=p.author_association, merged_at=p.merged_at)
        for p in pulls
        if p.merged and p.merged_at is not None
    ]


class CommitActivity(Model):
    """Commits on the default branch since ``since``; ``authors`` are GitHub logins where known."""

    since: datetime
    count: int
    authors: tuple[str, ...] = ()


class RepoSnapshot(Model):
    name_with_owner: str
    url: str = ""
    fetched_at: datetime
    #: When GitHub's quota renews, as the fetch last saw it: an interrupted run says when to resume.
    quota_resets_at: datetime | None = None
    archived: bool = False
    disabled: bool = False
    is_fork: bool = False
    #: Who may open pull requests ("ALL", "COLLABORATORS_ONLY"); None where the server does not say.
    pr_creation_policy: str | None = None
    #: False when pull requests are turned off; None where the server does not say.
    pull_requests_enabled: bool | None = None
    pushed_at: datetime | None = None
    created_at: datetime | None = None
    license: str | None = None
    stars: int = 0
    default_branch: str | None = None
    primary_language: str | None = None
    languages: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    description: str | None = None

    files: tuple[RepoFile, ...] | None = None
    #: Paths of the files in the root, ``.github/`` and ``docs/`` (None when not listed).
    listing: tuple[str, ...] | None = None
    directories: tuple[RepoDirectory, ...] | None = None
    community: CommunityProfile | None = None

    labels: tuple[Label, ...] | None = None
    #: GitHub's count of labels (``labels`` holds the first page).
    labels_total: int | None = None
    #: Open issues carrying a beginner label, most recently updated first.
    beginner_issues: tuple[Issue, ...] | None = None
    #: GitHub's count of open beginner issues (``beginner_issues`` holds the first page).
    beginner_issues_total: int | None = None
    #: Open issues, most recently updated first (for labelling candidates).
    open_issues: tuple[Issue, ...] | None = None
    #: Issues created in the activity window, newest first, with their first comments.
    recent_issues: tuple[Issue, ...] | None = None
    #: Pull requests created in the activity window, newest first, with their reviews.
    recent_pulls: tuple[PullRequest, ...] | None = None
    #: Merged pull requests, newest first, going back about two years.
    merged_pulls: tuple[MergedPull, ...] | None = None
    #: True when ``merged_pulls`` stops at a page limit rather than at the start of history.
    merged_pulls_truncated: bool = False
    commits: CommitActivity | None = None

    def file(self, *paths: str) -> RepoFile | None:
        """The first present file among ``paths`` (case-insensitive), repo files before org ones."""
        if self.files is None:
            return None
        wanted = [p.lower() for p in paths]
        for source in ("repo", "org"):
            for path in wanted:
                for item in self.files:
                    if item.source == source and item.path.lower() == path:
                        return item
        return None

    def document(self, kind: Kind) -> RepoFile | None:
        """The repository's README, CONTRIBUTING or code of conduct wherever and however it is
        spelled (``document_names``); the organisation's only when the repository has none."""
        if self.files is None:
            return None
        for source in ("repo", "org"):
            items = {item.path: item for item in self.files if item.source == source}
            chosen = document_names.pick(list(items), kind)
            if chosen is not None:
                return items[chosen]
        return None

    def agent_guides(self) -> tuple[RepoFile, ...]:
        """The repository's guides for coding agents (AGENTS.md, CLAUDE.md, Copilot's)."""
        return tuple(item for item in self.files or ()
                     if item.source == "repo" and document_names.is_agent_guide(item.path))

    def directory(self, path: str) -> RepoDirectory | None:
        if self.directories is None:
            return None
        for source in ("repo", "org"):
            for item in self.directories:
                if item.source == source and item.path.lower() == path.lower():
                    return item
        return None

    def beginner_label_names(self) -> tuple[str, ...]:
        """Names of the repository's labels that mean "good for a newcomer"."""
        return tuple(label.name for label in self.labels or () if is_beginner_label(label.name))

    def to_repo(self) -> Repo:
        """The ``Repo`` view that issue signals and ranking expect."""
        return Repo(
            name_with_owner=self.name_with_owner,
            url=self.url,
            description=self.description,
            stars=self.stars,
            archived=self.archived,
            disabled=self.disabled,
            is_fork=self.is_fork,
            primary_language=self.primary_language,
            languages=self.languages,
            topics=self.topics,
            license=self.license,
            pushed_at=self.pushed_at,
            created_at=self.created_at,
            recent_issues=self.recent_issues or (),
            recent_pulls=self.recent_pulls or (),
            has_activity=self.recent_issues is not None,
        )


# Where newcomer documents usually live, read by exact path in the first query (Git paths are
# case-sensitive). Other spellings are found in the folder listing (``document_names``).
README_PATHS = ("README.md", "README.rst", "README.txt", "README", "README.markdown",
                "docs/README.md", ".github/README.md")
CONTRIBUTING_PATHS = ("CONTRIBUTING.md", "CONTRIBUTING.rst", "CONTRIBUTING.txt", "CONTRIBUTING",
                      "docs/CONTRIBUTING.md", "docs/CONTRIBUTING.rst", ".github/CONTRIBUTING.md",
                      ".github/CONTRIBUTING.rst")
CODE_OF_CONDUCT_PATHS = ("CODE_OF_CONDUCT.md", "CODE_OF_CONDUCT.rst", "CODE_OF_CONDUCT.txt",
                         "CODE_OF_CONDUCT", "docs/CODE_OF_CONDUCT.md", ".github/CODE_OF_CONDUCT.md")
LICENSE_PATHS = ("LICENSE", "LICENSE.md", "LICENSE.txt", "LICENSE.rst", "COPYING", "LICENCE")
ISSUE_TEMPLATE_PATHS = (".github/ISSUE_TEMPLATE.md", ".github/issue_template.md",
                        "ISSUE_TEMPLATE.md", "docs/ISSUE_TEMPLATE.md")
PR_TEMPLATE_PATHS = (*document_names.PR_TEMPLATE_FILES, "pull_request_template.md", "PULL_REQUEST_TEMPLATE.md",
                     "docs/pull_request_template.md", "docs/PULL_REQUEST_TEMPLATE.md")
STALE_CONFIG_PATHS = (".github/stale.yml", ".github/stale.yaml")
CONFIG_PATH = ".github/ossmatch.toml"
ISSUE_TEMPLATE_DIR = ".github/ISSUE_TEMPLATE"
PR_TEMPLATE_DIR = ".github/PULL_REQUEST_TEMPLATE"
WORKFLOWS_DIR = ".github/workflows"

#: Files fetched from the repository itself.
REPO_FILE_PATHS: tuple[str, ...] = (
    README_PATHS + CONTRIBUTING_PATHS + CODE_OF_CONDUCT_PATHS + LICENSE_PATHS
    + ISSUE_TEMPLATE_PATHS + PR_TEMPLATE_PATHS + STALE_CONFIG_PATHS + (CONFIG_PATH,)
    # agent guides hold an AI policy as often as setup commands: each path read once
    + tuple(dict.fromkeys(AI_POLICY_FILES + AGENT_GUIDES))
)
#: Folders whose file names are listed, to find documents under any spelling.
LISTED_FOLDERS: tuple[str, ...] = document_names.FOLDERS
#: Files GitHub also takes from the owner's ``.github`` repository when a repo has none.
ORG_FILE_PATHS: tuple[str, ...] = (
    CONTRIBUTING_PATHS + CODE_OF_CONDUCT_PATHS + ISSUE_TEMPLATE_PATHS + PR_TEMPLATE_PATHS
)
REPO_DIRECTORIES: tuple[str, ...] = (ISSUE_TEMPLATE_DIR, PR_TEMPLATE_DIR, WORKFLOWS_DIR)
ORG_DIRECTORIES: tuple[str, ...] = (ISSUE_TEMPLATE_DIR, PR_TEMPLATE_DIR)
