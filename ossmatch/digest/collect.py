"""Fetch what a digest needs: fresh matches, and a fresh look at issues sent before."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING

from ossmatch.digest.plan import DigestPlan, plan_digest
from ossmatch.digest.state import SentState
from ossmatch.models import Issue
from ossmatch.render.wording import plural
from ossmatch.suggest.filters import left_out_text
from ossmatch.suggest.pipeline import find_matches, refresh_issues

if TYPE_CHECKING:
    from ossmatch.github.client import GitHubClient
    from ossmatch.profile import Profile
    from ossmatch.suggest.pipeline import Relations

#: Most matches asked of the ranking: enough to skip the ones sent before and still fill a digest.
MAX_RANKED = 100
#: Earlier issues re-checked per run, most recently sent first: a huge state must not burn the quota.
MAX_RECHECKED = 50


@dataclass(frozen=True)
class Collected:
    plan: DigestPlan
    warnings: list[str] = field(default_factory=list)
    #: Hints for stderr (no token, what a token adds): said as notes, not warnings.
    notes: list[str] = field(default_factory=list)
    #: The search stopped early: the digest says its list is partial.
    partial: bool = False


def collect(
    client: GitHubClient,
    profile: Profile,
    state: SentState,
    *,
    now: datetime,
    limit: int,
    progress: Callable[[str], None] = lambda _m: None,
    relations: Relations | None = None,
    min_score: float = 0,
) -> Collected:
    """Rank matches, re-check earlier issues the ranking did not return, and plan the digest."""
    earlier = state.open_issues()[:MAX_RECHECKED]
    # Rank as many as a digest could ever need: issues sent before, claimed or below the floor are
    # skipped later, and the digest still fills up to ``limit``.
    result = find_matches(client, profile, now=now, limit=MAX_RANKED, progress=progress, relations=relations)
    # Search answers may be cached for an hour: re-read every earlier issue from GitHub itself
    # (one request per 100) so one closed or deleted minutes ago is not called "still open".
    refreshed: dict[tuple[str, int], Issue | None] = {}
    rechecked: list[str] = []
    if earlier:
        progress(f"re-checking {plural(len(earlier), 'issue')} from earlier digests")
        refreshed = refresh_issues(client, [(e.repo, e.number) for e in earlier], rechecked)
    steps = [m for m in result.ranked if m.next_step is not None]
    others = [m for m in result.ranked if m.next_step is None]
    plan = plan_digest(
        others, state, refreshed, limit=limit, next_steps=steps, pulls=result.in_progress, min_score=min_score,
        folds=result.folds,
    )

    # Shut doors, blocked and tracking issues: information, said in the digest's footer as suggest
    # says it in its own, not a warning.
    plan = replace(plan, left_out=left_out_text(result.left_out) or "")
    return Collected(plan=plan, warnings=[*result.warnings, *rechecked], notes=list(result.notes),
                     partial=result.partial)
