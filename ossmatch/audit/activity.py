"""Who counts as a maintainer, a bot or a newcomer, and how long things took: shared by checks."""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from datetime import datetime, timedelta

from ossmatch.models import PullRequest
from ossmatch.snapshot import MergedPull
from ossmatch.vocabulary import ACTIVITY_WINDOW, NEWCOMER_ASSOCIATIONS, is_bot, is_maintainer_association

#: The audit's look-back for activity ("in the last 90 days"): the shared window.
WINDOW = ACTIVITY_WINDOW
YEAR = timedelta(days=365)


def days(delta: timedelta) -> float:
    return delta.total_seconds() / 86400


def median(values: Iterable[float]) -> float | None:
    items = list(values)
    return statistics.median(items) if items else None


def human_days(value: float) -> str:
    """"5 hours", "1.5 days", "40 days": precise enough for a one-sentence reason."""
    if value < 1:
        hours = round(value * 24)
        return f"{hours} hour{'s' if hours != 1 else ''}"
    if value < 10:
        return f"{value:.1f} days"
    return f"{round(value)} days"


def percent(share: float) -> str:
    return f"{round(share * 100)}%"


def first_merges(history: Iterable[MergedPull]) -> dict[str, MergedPull]:
    """Each human author's earliest merged pull request in ``history``."""
    first: dict[str, MergedPull] = {}
    for pull in history:
        if pull.author is None or pull.is_bot or pull.author.endswith("[bot]"):
            continue
        known = first.get(pull.author)
        if known is None or pull.merged_at < known.merged_at:
            first[pull.author] = pull
    return first


def merge_counts(history: Iterable[MergedPull]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for pull in history:
        if pull.author:
            counts[pull.author] = counts.get(pull.author, 0) + 1
    return counts


def is_newcomer_pull(pull: PullRequest, first: dict[str, MergedPull]) -> bool:
    """A first-timer's pull request: GitHub says so, or it was the author's first merge.

    GitHub recomputes ``authorAssociation`` after a merge (a first-timer becomes CONTRIBUTOR), so a
    merged first contribution is recognised from the merge history instead.
    """
    if is_bot(pull.author) or pull.author.login is None:
        return False
    if pull.author_association in NEWCOMER_ASSOCIATIONS:
        return True
    earliest = first.get(pull.author.login)
    return earliest is not None and earliest.number == pull.number and not is_maintainer_association(
        pull.author_association
    )


def covers(history: tuple[MergedPull, ...], truncated: bool, since: datetime) -> bool:
    """Whether a truncated history still reaches back to ``since`` (so "first" means first)."""
    if not truncated:
        return True
    return bool(history) and min(p.merged_at for p in history) <= since
