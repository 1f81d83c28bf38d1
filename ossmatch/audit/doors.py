"""Whether outsiders can open pull requests at all: shared by the gate and the beginner checks."""

from __future__ import annotations

from ossmatch.snapshot import RepoSnapshot


def closed_to_outsiders(snapshot: RepoSnapshot) -> str | None:
    """Why outsiders cannot open a pull request, or None when they can (or the server did not say)."""
    if snapshot.pull_requests_enabled is False:
        return "Pull requests are turned off: the repository is not accepting outside contributions."
    if snapshot.pr_creation_policy == "COLLABORATORS_ONLY":
        return ("Pull requests are limited to collaborators: the repository is not accepting outside "
                "contributions.")
    return None
