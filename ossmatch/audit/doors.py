"""Whether outsiders can open pull requests at all: shared by the gate and the beginner checks."""

from __future__ import annotations

from ossmatch.repo_facts import RepoSnapshot


def door_shut(snapshot: RepoSnapshot) -> str | None:
    """"Pull requests are turned off" or "Pull requests are limited to collaborators", or None when
    outsiders can open pull requests (or the server did not say)."""
    if snapshot.pull_requests_enabled is False:
        return "Pull requests are turned off"
    if snapshot.pr_creation_policy == "COLLABORATORS_ONLY":
        return "Pull requests are limited to collaborators"
    return None


def closed_to_outsiders(snapshot: RepoSnapshot) -> str | None:
    """The gate's sentence: why the repository is not accepting outside contributions, or None."""
    shut = door_shut(snapshot)
    return f"{shut}: the repository is not accepting outside contributions." if shut else None
