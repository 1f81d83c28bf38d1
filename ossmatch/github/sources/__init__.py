"""Issue sources: where candidate issues, repository facts and audit snapshots come from.

``GraphQLSource`` is the full path (needs a token): few requests, all signals. ``RestSource`` is
the degraded path without a token: REST search and repository metadata, no activity signals.
Both satisfy ``IssueSource``, chosen once by ``open_source`` when the client is opened, so the
pipeline, the audit runner and the site never ask which one they hold.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Protocol

from ossmatch.github.client import GitHubClient
from ossmatch.github.sources.graphql import GraphQLSource
from ossmatch.github.sources.rest import RestSource
from ossmatch.github.sources.shared import (
    STOPPED_EARLY,
    Found,
    IssueRef,
    Person,
    Progress,
    Searches,
    quiet,
    stopped_early,
)
from ossmatch.models import Issue, Repo
from ossmatch.repo_facts import RepoSnapshot

__all__ = [
    "STOPPED_EARLY",
    "Found",
    "IssueRef",
    "IssueSource",
    "Person",
    "Progress",
    "Searches",
    "open_source",
    "stopped_early",
]


class IssueSource(Protocol):
    #: Whether repositories come with their activity signals (a token) or metadata only.
    full_signals: bool
    #: What an audit through this source leaves out, said in every report (empty: nothing).
    limits: tuple[str, ...]
    #: Whether ``find`` reads the person's history in the same request as the searches.
    reads_history: bool

    @property
    def notices(self) -> list[str]:
        """Gaps in the answer the user should know of (a refused organisation, a repository read
        without its signals); the pipeline shows them as warnings."""
        ...

    @property
    def details(self) -> list[str]:
        """How the answer was fetched when it took a detour (a request split after GitHub gave
        up on it): for ``-v``, never the normal output."""
        ...

    def find(self, searches: Searches, *, person: Person | None = None, now: datetime | None = None,
             repos: Iterable[str] = (), trackers: Sequence[IssueRef] = ()) -> Found:
        """Run ``searches``, and read ``person``'s history and ``repos`` (with the sub-issues of
        ``trackers`` in them) alongside when the source can."""
        ...

    def repos(self, names: Iterable[str], trackers: Sequence[IssueRef] = ()) -> dict[str, Repo]: ...

    def issues(self, refs: Sequence[IssueRef], *, fresh: bool = False) -> dict[IssueRef, Issue | None]: ...

    def snapshot(self, name: str, now: datetime) -> RepoSnapshot:
        """Everything the audit reads about one repository; NotFoundError if it does not exist."""
        ...

    def budget_note(self, repositories: int) -> str | None:
        """What a run through this source could not read for lack of quota, and how to get more."""
        ...


def open_source(client: GitHubClient, progress: Progress | None = None, now: datetime | None = None) -> IssueSource:
    """The source for this client, chosen once: GraphQL with a token, REST without one."""
    if client.has_token:
        return GraphQLSource(client, progress or quiet, now=now)
    return RestSource(client, progress or quiet, now=now)
