"""Would ``suggest`` offer this issue, and if not, why: what ``show`` says plainly about one issue.

Pure: it reads the ranked issue and the profile, so ``show`` and ``suggest`` cannot disagree about
what suggest does (the same searches, filters and flags decide both).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from ossmatch.profile import Profile
from ossmatch.suggest.plan import BEGINNER_LABELS, DEFAULT_MAX_AGE_DAYS
from ossmatch.suggest.scoring import RankedIssue


def not_offered(ranked: RankedIssue, profile: Profile, now: datetime) -> list[str]:
    """Why ``suggest`` would leave the issue out (its searches never find it, or ranking drops it),
    each as a short clause; empty when suggest would list it."""
    issue = ranked.issue
    why: list[str] = []
    searched = {label.lower() for label in (*BEGINNER_LABELS, *profile.include_labels)}
    if not any(name.lower() in searched for name in issue.label_names):
        why.append("it is not a beginner issue (none of the labels suggest searches for)")
    max_age = timedelta(days=profile.max_issue_age_days or DEFAULT_MAX_AGE_DAYS)
    if now - issue.updated_at > max_age:
        why.append(f"it is stale (no update in {max_age.days} days)")
    if not ranked.skill_matched and ranked.next_step is None:
        why.append("it matches none of your skills")
    return why


def offered_with_caveat(ranked: RankedIssue) -> str | None:
    """What suggest says next to an issue it does list but warns about (claimed, stale): the flag lowers
    its score, and the list is in score order, so it may still come above a free or fresh issue."""
    if "claimed" in ranked.flags:
        return ("someone asked to take it, so it is marked claimed and its score is lower, and the digest never "
                "offers it")
    if "stale" in ranked.flags:
        return "it has been quiet a long time, so it is marked stale and scores lower"
    return None
