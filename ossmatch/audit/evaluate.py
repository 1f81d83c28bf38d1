"""Run every check over a snapshot and combine the findings into a score, a grade and fixes.

``evaluate(snapshot, now)`` is the public entry: it returns an ``AuditResult`` with every check's
finding and evidence, the gates that applied and the fixes ordered by expected score gain per unit
of effort. A check that raises becomes an ``error`` result: one bug must not hide the other answers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

from ossmatch.audit.candidates import LabelCandidate, label_candidates
from ossmatch.audit.config import AuditConfig, load_config
from ossmatch.audit.gates import GATE_CHECKS, Gate, gated, gates_for
from ossmatch.audit.registry import (
    CheckSpec,
    Effort,
    Evidence,
    Finding,
    FixAt,
    Group,
    Outcome,
    all_checks,
)
from ossmatch.models import Model
from ossmatch.render.wording import listed
from ossmatch.repo_facts import RepoSnapshot

#: Relative cost of each effort level: a "high" fix (reviving a project) takes about four times
#: the work of a "low" one (adding a file), a judgement stated so the fix order can be checked.
EFFORT_COST: dict[str, float] = {"low": 1.0, "medium": 2.0, "high": 4.0}


class CheckResult(Model):
    id: str
    title: str
    group: Group
    #: The check's share of the score in points out of 100, before small-sample discounting.
    weight: float
    #: What it counted for: ``weight`` scaled down when the sample was small.
    effective_weight: float
    outcome: Outcome
    score: float | None
    reason: str
    remediation: str
    effort: Effort
    location: str
    fix_at: FixAt
    evidence: tuple[Evidence, ...] = ()
    #: How many items the finding rests on, when that is meaningful.
    sample: int | None = None
    #: The maintainers' reason when ``.github/ossmatch.toml`` exempts this check.
    exempt: str | None = None

    @property
    def counts(self) -> bool:
        """Whether this result enters the overall score."""
        return self.score is not None and self.exempt is None


class Fix(Model):
    """One thing to do, with the points it should add and where to do it."""

    check: str
    title: str
    action: str
    effort: Effort
    #: Expected gain in overall score points if the check passed fully.
    gain: float
    #: A file to add or edit, when the fix is a file.
    file: str | None = None
    #: The issues, pull requests, labels or pages to act on.
    targets: tuple[Evidence, ...] = ()


class AuditResult(Model):
    repo: str
    url: str
    evaluated_at: datetime
    score: int | None
    grade: str | None
    checks: tuple[CheckResult, ...]
    gates: tuple[Gate, ...] = ()
    fixes: tuple[Fix, ...] = ()
    candidates: tuple[LabelCandidate, ...] = ()
    warnings: tuple[str, ...] = ()
    #: Checks that could not run with the data available (no token), and what would enable them.
    limits: tuple[str, ...] = ()


def run_check(spec: CheckSpec, snapshot: RepoSnapshot, now: datetime) -> Finding:
    try:
        finding = spec.func(snapshot, now)
    except Exception as error:  # any bug in one check becomes its result
        return Finding("error", None, f"The check failed: {type(error).__name__}: {error}")
    if finding.score is not None and not 0 <= finding.score <= 10:
        return Finding("error", None, f"The check returned an out-of-range score {finding.score}.")
    return finding


def sample_discount(spec: CheckSpec, finding: Finding) -> tuple[float, Outcome, str]:
    """(effective weight, outcome, reason) after the small-sample rule.

    Below ``min_sample`` a result weighs ``sample / min_sample`` of its weight and a pass becomes a
    warn: "1 of 1 merged" is a good sign, not yet evidence of a habit.
    """
    sample = finding.sample
    if sample is None or not spec.min_sample or sample >= spec.min_sample or finding.score is None:
        return spec.weight, finding.outcome, finding.reason
    factor = sample / spec.min_sample
    outcome: Outcome = "warn" if finding.outcome == "pass" else finding.outcome
    note = (f" Small sample: {sample} of the {spec.min_sample} needed for a firm result, so it "
            f"counts {factor:.0%} of its weight.")
    return round(spec.weight * factor, 2), outcome, finding.reason + note


def group_shares(specs: Iterable[CheckSpec]) -> dict[str, float]:
    """Each group's share of the score, from the checks' nominal weights (people: 60 of 100)."""
    shares: dict[str, float] = {}
    for spec in specs:
        shares[spec.group] = shares.get(spec.group, 0.0) + spec.weight
    return shares


def _contributions(results: Iterable[CheckResult], shares: dict[str, float]) -> dict[str, float]:
    """Each scored check's part of the 0-100 score per point of its 0-10 score.

    Groups keep their share however many of their checks could be scored, so the people checks
    carry 60% even when a file check could not run, and vice versa; within a group, checks weigh
    by their effective weight.
    """
    scored = [r for r in results if r.counts and r.effective_weight > 0]
    group_weight: dict[str, float] = {}
    for r in scored:
        group_weight[r.group] = group_weight.get(r.group, 0.0) + r.effective_weight
    present = sum(shares.get(g, 0.0) for g in group_weight) or 1.0
    return {r.id: shares.get(r.group, 0.0) / present * r.effective_weight / group_weight[r.group] * 10
            for r in scored}


def overall_score(results: Iterable[CheckResult], shares: dict[str, float] | None = None) -> int | None:
    """Group-weighted mean of the scored, non-exempt checks, on 0-100; None when nothing was scored."""
    items = list(results)
    parts = _contributions(items, shares if shares is not None else group_shares(all_checks()))
    if not parts:
        return None
    return round(sum(parts[r.id] * (r.score or 0) for r in items if r.id in parts))


#: The fix for a repository that takes no contributions: nothing else counts until it is done.
REOPEN = ("If the project should take contributions again, unarchive it in the repository's settings; "
          "until then no other fix changes the grade.")


def fixes_by_impact(results: tuple[CheckResult, ...], gates: tuple[Gate, ...],
                    shares: dict[str, float] | None = None, gate_gain: float = 0) -> tuple[Fix, ...]:
    """Failing and warning checks as fixes, most expected points per unit of effort first.

    A gate outranks everything: while a repository is archived or dormant, nothing else moves its
    grade, so the fix that lifts the gate comes first and carries the points the gate withholds
    (``gate_gain``). An archived repository gets that one fix only.
    """
    parts = _contributions(results, shares if shares is not None else group_shares(all_checks()))
    if gates and gates[0].fix:  # closed to outsiders: opening the door is the one fix
        return (Fix(check=gates[0].id, title="Outside contributions", action=gates[0].fix, effort="low",
                    gain=round(gate_gain, 1)),)
    gate_checks = {GATE_CHECKS[g.id] for g in gates if g.id in GATE_CHECKS}
    if gates and gates[0].grade == "F":
        gate_checks = {"maintained"}
    # A fix carries the withheld points only when it lifts the one cap; with two, neither does alone.
    lifts_alone = gate_checks if len(gate_checks) == 1 else set()
    fixes = []
    for r in results:
        if r.outcome not in ("fail", "warn") or r.id not in parts or r.score is None:
            continue
        gain = round(parts[r.id] * (10 - r.score) + (gate_gain if r.id in lifts_alone else 0), 1)
        if gain <= 0:
            continue
        action = r.remediation
        if r.id in gate_checks and not lifts_alone:
            action += _caps_together(gate_checks)
        fix = Fix(check=r.id, title=r.title, action=action, effort=r.effort, gain=gain,
                  file=r.location if r.fix_at == "file" else None, targets=r.evidence)
        if gates and gates[0].grade == "F":
            if r.id in gate_checks:
                return (fix.model_copy(update={"action": REOPEN}),)
            continue
        fixes.append(fix)

    gate_order = [GATE_CHECKS[g.id] for g in gates if g.id in GATE_CHECKS]

    def order(fix: Fix) -> tuple[int, float, str]:
        """Gate fixes first, in the gates' order (the license before reviving), then by gain per effort."""
        rank = gate_order.index(fix.check) if fix.check in gate_order else len(gate_order)
        return rank, -fix.gain / EFFORT_COST[fix.effort], fix.check

    return tuple(sorted(fixes, key=order))


#: What each capping gate's fix gives the project, said when both caps apply.
_LIFTS = {"license": "a license", "maintained": "recent maintainer activity"}


def _caps_together(gate_checks: set[str]) -> str:
    """Why a gate fix carries none of the withheld points: with two caps, neither fix alone lifts the grade."""
    return (f" Alone this lifts no cap: the grade stays capped at D until the project has both "
            f"{listed([_LIFTS.get(c, c) for c in sorted(gate_checks)])}.")


Candidates = Callable[[RepoSnapshot, datetime], tuple[LabelCandidate, ...]]


def _check_result(spec: CheckSpec, snapshot: RepoSnapshot, now: datetime, config: AuditConfig) -> CheckResult:
    """One check run over the snapshot, its weight discounted when its sample is small."""
    finding = run_check(spec, snapshot, now)
    weight, outcome, reason = sample_discount(spec, finding)
    return CheckResult(
        id=spec.id, title=spec.title, group=spec.group, weight=spec.weight,
        effective_weight=weight, outcome=outcome, score=finding.score, reason=reason,
        remediation=spec.remediation, effort=spec.effort,
        location=finding.location or spec.location, fix_at=spec.fix_at,
        evidence=finding.evidence, sample=finding.sample, exempt=config.exempt.get(spec.id),
    )


def _graded(checked: tuple[CheckResult, ...], gates: tuple[Gate, ...],
            shares: dict[str, float]) -> tuple[float | None, str | None, float]:
    """(score, grade, points the gates withhold): a gate grades even a repository no check could score."""
    raw = overall_score(checked, shares)
    score, grade = gated(raw, gates) if raw is not None else (None, None)
    if raw is None and gates:
        score, grade = gated(0, gates)
    return score, grade, float((raw or 0) - (score or 0))


def _with_label_targets(fixes: tuple[Fix, ...], found: tuple[LabelCandidate, ...]) -> tuple[Fix, ...]:
    """Growing the supply starts with the issues that already look like beginner issues: they become
    the beginner-supply fix's targets."""
    if not found:
        return fixes
    labelled = tuple(Evidence(url=c.url, title=f"#{c.number} {c.title}",
                              why="consider labelling: " + "; ".join(c.reasons[:3])) for c in found)
    return tuple(f.model_copy(update={"targets": labelled}) if f.check == "beginner-supply" else f
                 for f in fixes)


def evaluate(
    snapshot: RepoSnapshot,
    now: datetime,
    checks: tuple[CheckSpec, ...] | None = None,
    *,
    with_candidates: bool = True,
    candidates: Candidates | None = None,
    limits: tuple[str, ...] = (),
) -> AuditResult:
    """Audit one snapshot: findings, gates, score, grade, fixes by impact and labelling candidates."""
    specs = all_checks() if checks is None else checks
    config = load_config(snapshot, {spec.id for spec in all_checks()} | {s.id for s in specs})
    checked = tuple(_check_result(spec, snapshot, now, config) for spec in specs)
    gates = gates_for(snapshot, now)
    shares = group_shares(all_checks())
    score, grade, withheld = _graded(checked, gates, shares)
    found: tuple[LabelCandidate, ...] = ()
    warnings = list(config.warnings)
    if with_candidates and not gates:
        try:
            found = (candidates or label_candidates)(snapshot, now)
        except Exception as error:  # suggestions are optional extras
            warnings.append(f"Could not rank labelling candidates: {type(error).__name__}.")
    return AuditResult(
        repo=snapshot.name_with_owner,
        url=snapshot.url,
        evaluated_at=now,
        score=score,
        grade=grade,
        checks=checked,
        gates=gates,
        fixes=_with_label_targets(fixes_by_impact(checked, gates, shares, withheld), found),
        candidates=found,
        warnings=tuple(warnings),
        limits=limits,
    )
