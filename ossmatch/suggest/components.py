"""Score components: maintainers, freshness, difficulty for the person's level."""

from __future__ import annotations

import math
from datetime import datetime

from ossmatch.models import Issue
from ossmatch.suggest.signals import RepoSignals
from ossmatch.timefmt import humanize_hours

CLAIM_FACTOR = 0.5

#: How much a difficulty label weighs for each level: a hard issue is a poor first contribution.
LEVEL_FACTORS: dict[str, dict[str, float]] = {
    "beginner": {"difficult": 0.6, "medium": 0.85},
    "intermediate": {"difficult": 0.9},
}


def level_factor(categories: frozenset[str], level: str) -> tuple[float, str | None]:
    """The multiplier for an issue's difficulty labels at the person's level, and why."""
    factors = LEVEL_FACTORS.get(level, {})
    for category, words in (("difficult", "hard"), ("medium", "medium difficulty")):
        if category in categories and category in factors:
            return factors[category], f"labelled {words}: a bigger step at the {level} level"
    return 1.0, None
#: Added to the combined score (0-1) when a maintainer offered to mentor: help makes finishing likelier.
MENTOR_BONUS = 0.08
#: Added for an issue in a project that already merged the person's work, more when it is close to it.
NEXT_STEP_BONUS = 0.1
TOUCHED_BONUS = 0.05


# --------------------------------------------------------------------------- maintainers

def _response_time_score(hours: float) -> float:
    """1 for answers within 6 hours, 0 at a month, log-scaled between."""
    if hours <= 6:
        return 1.0
    return max(0.0, 1.0 - math.log(hours / 6) / math.log(720 / 6))


def maintainer_fit(rs: RepoSignals) -> tuple[float, list[str]]:
    """Score in [0, 1] for how maintainers treat outsiders; unknown parts count as a neutral 0.5."""
    parts: list[tuple[float, float]] = []  # (weight, score)
    reasons: list[str] = []
    if rs.median_first_response_hours is not None:
        parts.append((0.3, _response_time_score(rs.median_first_response_hours)))
        reasons.append(
            f"maintainers answer new issues in {humanize_hours(rs.median_first_response_hours)}"
        )
    if rs.response_rate is not None and rs.issues_sampled >= 3:
        parts.append((0.25, rs.response_rate))
        if rs.response_rate == 0:
            reasons.append("maintainers replied to none of the recent issues from outsiders")
        elif rs.response_rate < 0.5:
            reasons.append(f"maintainers replied to only {rs.response_rate:.0%} of recent issues")
    if rs.newcomer_pr_merge_rate is not None and rs.newcomer_prs_decided >= 2:
        parts.append((0.25, rs.newcomer_pr_merge_rate))
        merged = round(rs.newcomer_pr_merge_rate * rs.newcomer_prs_decided)
        reasons.append(
            f"{merged} of {rs.newcomer_prs_decided} recent newcomer pull requests were merged"
        )
    elif rs.median_first_review_hours is not None:
        parts.append((0.15, _response_time_score(rs.median_first_review_hours)))
        reasons.append(
            f"pull requests get a first review in {humanize_hours(rs.median_first_review_hours)}"
        )
    if rs.maintainer_active_90d is not None:
        parts.append((0.2, 1.0 if rs.maintainer_active_90d else 0.0))
        if not rs.maintainer_active_90d:
            reasons.append("no maintainer activity in the last 90 days")
    if not parts:
        return 0.5, ["not enough recent activity to judge how maintainers respond"]
    known = sum(w for w, _ in parts)
    score = sum(w * s for w, s in parts) / known
    # Shrink toward neutral when only a little is known.
    confidence = min(1.0, known / 0.75)
    return 0.5 + (score - 0.5) * confidence, reasons


# --------------------------------------------------------------------------- freshness

def last_activity(issue: Issue) -> datetime:
    """Latest of the issue's update time and its known comments."""
    times = [issue.updated_at, issue.created_at, *(c.created_at for c in issue.comments)]
    return max(times)


def freshness(issue: Issue, now: datetime) -> float:
    """1 for a new or recently active issue, near 0 for a years-old untouched one."""
    age_days = max(0.0, (now - issue.created_at).total_seconds() / 86400)
    idle_days = max(0.0, (now - last_activity(issue)).total_seconds() / 86400)
    age_score = math.exp(-max(0.0, age_days - 14) / 365)
    idle_score = math.exp(-max(0.0, idle_days - 7) / 120)
    return 0.4 * age_score + 0.6 * idle_score


