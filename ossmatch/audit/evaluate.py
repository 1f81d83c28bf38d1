"""Run every check over a snapshot and combine the findings into a score and a grade.

A check that raises becomes an ``error`` result: one bug must not hide the other seventeen answers.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from ossmatch.audit.config import load_config
from ossmatch.audit.registry import CheckSpec, Effort, Finding, Outcome, Tier, all_checks
from ossmatch.models import Model
from ossmatch.snapshot import RepoSnapshot

GRADES: tuple[tuple[float, str], ...] = ((75, "A"), (50, "B"), (25, "C"), (0, "D"))


class CheckResult(Model):
    id: str
    title: str
    tier: Tier
    weight: int
    outcome: Outcome
    score: float | None
    reason: str
    remediation: str
    effort: Effort
    location: str
    #: The maintainers' reason when ``.github/ossmatch.toml`` exempts this check.
    exempt: str | None = None

    @property
    def counts(self) -> bool:
        """Whether this result enters the overall score."""
        return self.score is not None and self.exempt is None


class LabelCandidate(Model):
    """An open issue without a beginner label that looks like one."""

    number: int
    title: str
    url: str
    fit: float
    reasons: tuple[str, ...] = ()


class AuditResult(Model):
    repo: str
    url: str
    evaluated_at: datetime
    score: int | None
    grade: str | None
    checks: tuple[CheckResult, ...]
    candidates: tuple[LabelCandidate, ...] = ()
    warnings: tuple[str, ...] = ()


def grade_for(score: float) -> str:
    return next(letter for floor, letter in GRADES if score >= floor)


def run_check(spec: CheckSpec, snapshot: RepoSnapshot, now: datetime) -> Finding:
    try:
        finding = spec.func(snapshot, now)
    except Exception as error:  # any bug in one check becomes its result
        return Finding("error", None, f"The check failed: {type(error).__name__}: {error}")
    if finding.score is not None and not 0 <= finding.score <= 10:
        return Finding("error", None, f"The check returned an out-of-range score {finding.score}.")
    return finding


def overall_score(results: Iterable[CheckResult]) -> int | None:
    """Weighted mean of the scored, non-exempt checks, on 0-100; None when nothing was scored."""
    scored = [r for r in results if r.counts]
    if not scored:
        return None
    total = sum(r.weight * (r.score or 0) for r in scored)
    return round(total * 10 / sum(r.weight for r in scored))


def evaluate(
    snapshot: RepoSnapshot,
    now: datetime,
    checks: tuple[CheckSpec, ...] | None = None,
    *,
    with_candidates: bool = True,
) -> AuditResult:
    specs = all_checks() if checks is None else checks
    config = load_config(snapshot, {spec.id for spec in all_checks()} | {s.id for s in specs})
    results = []
    for spec in specs:
        finding = run_check(spec, snapshot, now)
        results.append(
            CheckResult(
                id=spec.id,
                title=spec.title,
                tier=spec.tier,
                weight=spec.weight,
                outcome=finding.outcome,
                score=finding.score,
                reason=finding.reason,
                remediation=spec.remediation,
                effort=spec.effort,
                location=finding.location or spec.location,
                exempt=config.exempt.get(spec.id),
            )
        )
    score = overall_score(results)
    candidates: tuple[LabelCandidate, ...] = ()
    warnings = list(config.warnings)
    if with_candidates:
        from ossmatch.audit.candidates import label_candidates

        try:
            candidates = label_candidates(snapshot, now)
        except Exception as error:  # suggestions are optional extras
            warnings.append(f"Could not rank labelling candidates: {type(error).__name__}.")
    return AuditResult(
        repo=snapshot.name_with_owner,
        url=snapshot.url,
        evaluated_at=now,
        score=score,
        grade=grade_for(score) if score is not None else None,
        checks=tuple(results),
        candidates=candidates,
        warnings=tuple(warnings),
    )
