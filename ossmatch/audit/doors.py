"""Whether outsiders can open pull requests at all: shared by the gate and the beginner checks.

The test is suggest's ``closed_door`` (one function over the same repository settings), taken as an
outsider sees it; the audit only words its reasons as sentences.
"""

from __future__ import annotations

from ossmatch.models import Repo
from ossmatch.repo_facts import RepoSnapshot
from ossmatch.suggest.filters import REASON_PRS_COLLABORATORS, REASON_PRS_OFF, closed_door

#: The audit's words for each reason an outsider's door is shut (a snapshot reads no interaction limit).
SAID = {
    REASON_PRS_OFF: "Pull requests are turned off",
    REASON_PRS_COLLABORATORS: "Pull requests are limited to collaborators",
}


def door_shut(snapshot: RepoSnapshot) -> str | None:
    """"Pull requests are turned off" or "Pull requests are limited to collaborators", or None when
    outsiders can open pull requests (or the server did not say)."""
    settings = Repo(name_with_owner=snapshot.name_with_owner, url=snapshot.url,
                    pull_requests_enabled=snapshot.pull_requests_enabled,
                    pr_creation_policy=snapshot.pr_creation_policy)
    reason = closed_door(settings)
    return SAID[reason] if reason is not None else None


def closed_to_outsiders(snapshot: RepoSnapshot) -> str | None:
    """The gate's sentence: why the repository is not accepting outside contributions, or None."""
    shut = door_shut(snapshot)
    return f"{shut}: the repository is not accepting outside contributions." if shut else None
