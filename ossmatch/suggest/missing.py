"""Which signals a score was made without: missing data widens the uncertainty, it never lowers the chance.

Without a token (or when GitHub's GraphQL budget runs out) a repository is read through REST: its
metadata and newest comments, or, once the run's request budget is spent, its name only. The parts
that were not read stay at the usual rate in the score; this says which they are, per issue.
"""

from __future__ import annotations

from ossmatch.models import Repo

#: What only a token's GraphQL read of a repository gives: its activity over the last 90 days.
ACTIVITY = ("response times", "merge rates", "newcomers' share of merged pull requests")
#: What the tokenless read of a repository gives, so what a repository known by name only lacks too.
REPOSITORY = ("the repository's metadata (languages, archived, last push)", "claims and maintainer answers")


def missing_signals(repo: Repo) -> tuple[str, ...]:
    """The signals the issue's score stood without (empty when its repository was read in full)."""
    if repo.has_activity:
        return ()
    if repo.comments_since is None:  # known by name only
        return (*REPOSITORY, *ACTIVITY)
    return ACTIVITY
