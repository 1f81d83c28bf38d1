"""Who counts as a maintainer, a bot or a newcomer, and how long things took: shared by checks."""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from datetime import datetime, timedelta

from ossmatch.render.wording import plural
from ossmatch.repo_facts import MergedPull
from ossmatch.vocabulary import ACTIVITY_WINDOW, YEAR_WINDOW, first_merges, is_newcomer_pull

__all__ = ["WINDOW", "YEAR", "covers", "days", "first_merges", "human_days", "is_newcomer_pull", "median",
           "merge_counts", "percent"]

#: The audit's look-back for activity ("in the last 90 days"): the shared window.
WINDOW = ACTIVITY_WINDOW
#: "The last year" of the retention check: the shared year.
YEAR = YEAR_WINDOW


def days(delta: timedelta) -> float:
    return delta.total_seconds() / 86400


def median(values: Iterable[float]) -> float | None:
    items = list(values)
    return statistics.median(items) if items else None


def human_days(value: float) -> str:
    """"5 hours", "1.5 days", "40 days": precise enough for a one-sentence reason."""
    if value < 1:
        hours = round(value * 24)
        return plural(hours, "hour")
    if value < 10:
        return f"{value:.1f} days"
    return plural(round(value), "day")


def percent(share: float) -> str:
    return f"{round(share * 100)}%"


def merge_counts(history: Iterable[MergedPull]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for pull in history:
        if pull.author:
            counts[pull.author] = counts.get(pull.author, 0) + 1
    return counts


def covers(history: tuple[MergedPull, ...], truncated: bool, since: datetime) -> bool:
    """Whether a truncated history still reaches back to ``since`` (so "first" means first)."""
    if not truncated:
        return True
    return bool(history) and min(p.merged_at for p in history) <= since
