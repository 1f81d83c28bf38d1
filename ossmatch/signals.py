"""Compatibility shim: signals moved to ``ossmatch.suggest.signals`` and ``ossmatch.suggest.claims``."""

from ossmatch.suggest.claims import (
    Claim,
    Mentorship,
    find_claims,
    find_mentorship,
    is_mentor_label,
    mentor_offer,
)
from ossmatch.suggest.signals import (
    LABEL_CATEGORIES,
    IssueSignals,
    RepoSignals,
    body_counts,
    categorize_label,
    count_words,
    first_maintainer_response,
    issue_signals,
    median_close_hours,
    newcomer_share,
    repo_signals,
    split_markdown,
)

__all__ = [
    "LABEL_CATEGORIES", "Claim", "IssueSignals", "Mentorship", "RepoSignals", "body_counts",
    "categorize_label", "count_words", "find_claims", "find_mentorship", "first_maintainer_response",
    "is_mentor_label", "issue_signals", "median_close_hours", "mentor_offer", "newcomer_share",
    "repo_signals", "split_markdown",
]
