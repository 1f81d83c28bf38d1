"""Rank candidate issues for one person, with the reasons behind each score.

The score (0-100) is a weighted mean of four components in [0, 1]:

* ``skill``      - how well the repository and issue match the person's skills;
* ``newcomer``   - how likely newcomers finish issues like this (model fitted on RecGFI data),
                   as a percentile of the training issues;
* ``maintainer`` - how quickly and reliably maintainers answer and merge newcomers' work;
* ``freshness``  - recent issues with recent activity beat old untouched ones.

Default weights are 0.35 / 0.25 / 0.25 / 0.15 (``ossmatch.profile.DEFAULT_WEIGHTS``).  A recent
claim by someone else multiplies the score by ``CLAIM_FACTOR`` and flags the issue "claimed".
Hard filters (assigned, has a linked PR, archived...) remove issues before scoring.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime

from pydantic import BaseModel, ConfigDict

from ossmatch.models import Candidate, ContributorHistory, Involvement, Issue, Repo
from ossmatch.profile import DEFAULT_WEIGHTS, Profile, ScoreWeights
from ossmatch.relationships import NextStep, involvement, next_step
from ossmatch.skills import ExpandedSkills
from ossmatch.suggest.claims import Claim, Mentorship, find_claims, find_mentorship
from ossmatch.suggest.components import (
    CLAIM_FACTOR,
    MENTOR_BONUS,
    NEXT_STEP_BONUS,
    TOUCHED_BONUS,
    freshness,
    last_activity,
    level_factor,
    maintainer_fit,
)
from ossmatch.suggest.filters import exclusion_reason
from ossmatch.suggest.model import newcomer_fit, newcomer_percentile
from ossmatch.suggest.signals import IssueSignals, RepoSignals, categorize_label, issue_signals, repo_signals
from ossmatch.suggest.skillfit import skill_fit
from ossmatch.timefmt import humanize_ago, humanize_hours

# --------------------------------------------------------------------------- ranking

class RankedIssue(BaseModel):
    """One recommendation: the issue, its score and the reasons in plain words."""

    model_config = ConfigDict(frozen=True)

    issue: Issue
    repo: Repo
    score: float
    components: dict[str, float]
    reasons: tuple[str, ...]
    signals: IssueSignals
    repo_signals: RepoSignals
    claims: tuple[Claim, ...] = ()
    flags: frozenset[str] = frozenset()
    mentorship: Mentorship | None = None
    next_step: NextStep | None = None
    #: Set when the person already opened or commented on the issue.
    involvement: Involvement | None = None

    @property
    def key(self) -> tuple[str, int]:
        return (self.issue.repo.lower(), self.issue.number)


def _join(names: Sequence[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _resolve_weights(profile: Profile, weights: ScoreWeights | Mapping[str, float] | None
                     ) -> dict[str, float]:
    if weights is None:
        w = (profile.weights or DEFAULT_WEIGHTS).as_dict()
    elif isinstance(weights, ScoreWeights):
        w = weights.as_dict()
    else:
        w = {**DEFAULT_WEIGHTS.as_dict(), **{k: float(v) for k, v in weights.items()}}
    if sum(w.values()) <= 0:
        w = DEFAULT_WEIGHTS.as_dict()
    return w


def score_candidate(candidate: Candidate, profile: Profile, now: datetime,
                    weights: ScoreWeights | Mapping[str, float] | None = None,
                    skills: ExpandedSkills | None = None,
                    rsig: RepoSignals | None = None,
                    history: ContributorHistory | None = None) -> RankedIssue:
    """Score one candidate that passed the hard filters; ``history`` adds next steps and involvement."""
    issue, repo = candidate.issue, candidate.repo
    w = _resolve_weights(profile, weights)
    expanded = skills if skills is not None else profile.expanded()
    rs = rsig if rsig is not None else repo_signals(repo, now)
    sig = issue_signals(issue, repo)
    reasons: list[str] = []
    flags: set[str] = set()

    skill, matched = skill_fit(candidate, expanded)
    if matched:
        reasons.append(f"matches your {_join(matched[:3])} skills")
    else:
        reasons.append("does not obviously match your skills")
    include = {lab.lower() for lab in profile.include_labels}
    wanted = [lab for lab in issue.label_names if lab.lower() in include]
    if wanted:
        skill = min(1.0, skill + 0.1)
        reasons.append(f"has the label '{wanted[0]}' you asked for")

    probability = newcomer_fit(sig)
    newcomer = newcomer_percentile(probability)
    if "gfi" in sig.label_categories:  # said as a reason, not a flag: flags are for what needs attention
        gfi = next((lab for lab in issue.label_names if "gfi" in categorize_label(lab)), "beginner")
        reasons.append(f"labelled '{gfi}'")
    if newcomer >= 0.75:
        reasons.append("issues like this are often finished by newcomers")
    elif newcomer <= 0.25:
        reasons.append("issues like this are rarely finished by newcomers")
    if sig.repo_newcomer_share is not None and sig.repo_newcomer_share >= 0.2:
        reasons.append(f"{sig.repo_newcomer_share:.0%} of recent merged pull requests "
                       "came from newcomers")

    maintainer, m_reasons = maintainer_fit(rs)
    reasons.extend(m_reasons)
    if rs.maintainer_active_90d is False:
        flags.add("inactive-maintainers")
    if not repo.has_activity:
        flags.add("no-activity-data")

    fresh = freshness(issue, now)
    age_h = (now - issue.created_at).total_seconds() / 3600
    reasons.append(f"opened {humanize_ago(age_h)}")
    idle_h = (now - last_activity(issue)).total_seconds() / 3600
    if idle_h > 24 * 60:
        reasons.append(f"no activity for {humanize_hours(idle_h).removeprefix('about ')}")
    if fresh < 0.3:
        flags.add("stale")

    components = {"skill": skill, "newcomer": newcomer, "maintainer": maintainer,
                  "freshness": fresh}
    total_w = sum(w.get(k, 0.0) for k in components)
    combined = sum(w.get(k, 0.0) * v for k, v in components.items()) / total_w
    components["newcomer_probability"] = probability
    level, level_reason = level_factor(sig.label_categories, profile.level)
    if level_reason:
        reasons.append(level_reason)
        combined *= level
    components["level_factor"] = level

    mentorship = find_mentorship(issue)
    if mentorship is not None:
        flags.add("mentored")
        reasons.insert(0, _mentor_reason(mentorship))
        combined = min(1.0, combined + MENTOR_BONUS)
    components["mentor_bonus"] = MENTOR_BONUS if mentorship else 0.0

    step = next_step(candidate, history)
    if step is not None:
        flags.add("next-step")
        bonus = NEXT_STEP_BONUS + (TOUCHED_BONUS if step.touched else 0.0)
        combined = min(1.0, combined + bonus)
        components["next_step_bonus"] = bonus
        reasons[:0] = _next_step_reasons(step)

    me = history.login.lower() if history is not None else None
    claims = tuple(c for c in find_claims(issue, now) if me is None or (c.author or "").lower() != me)
    if claims:
        flags.add("claimed")
        newest = claims[0]
        who = "the issue's author" if newest.by_issue_author else "someone"
        reasons.insert(0, f"{who} asked to take this {humanize_ago(newest.age_hours)}")
        combined *= CLAIM_FACTOR
    components["claim_factor"] = CLAIM_FACTOR if claims else 1.0

    involved = involvement(issue, history)
    if involved is not None:
        flags.add("involved")
        how = "opened" if involved.how == "opened" else "commented on"
        reasons.insert(0, f"you're involved: you {how} this {humanize_ago(_hours(involved.at, now))}")

    return RankedIssue(
        issue=issue, repo=repo, score=round(100.0 * combined, 2), components=components,
        reasons=tuple(reasons), signals=sig, repo_signals=rs, claims=claims,
        flags=frozenset(flags), mentorship=mentorship, next_step=step, involvement=involved,
    )


def _hours(start: datetime, end: datetime) -> float:
    return max(0.0, (end - start).total_seconds() / 3600)


def _mentor_reason(mentorship: Mentorship) -> str:
    if mentorship.kind == "label":
        return f"mentored: labelled '{mentorship.evidence}'"
    who = f"@{mentorship.mentor}" if mentorship.mentor else "a maintainer"
    if mentorship.kind == "contact":
        return f"mentored: the issue names {who} as a contact"
    return f"mentored: {who} offered help (\"{mentorship.evidence}\")"


def _next_step_reasons(step: NextStep) -> list[str]:
    numbers = ", ".join(f"#{n}" for n in step.merged[-3:])
    reasons = [f"next step: {step.project} merged your {numbers}"]
    if step.credits:
        reasons.append(_join([c.phrase() for c in step.credits[:2]]))
    if step.touched:
        reasons.append(f"close to your earlier work there: {', '.join(step.touched[:3])}")
    return reasons


def rank(candidates: Iterable[Candidate], profile: Profile, now: datetime,
         weights: ScoreWeights | Mapping[str, float] | None = None,
         history: ContributorHistory | None = None) -> list[RankedIssue]:
    """Filter, score and sort best first (ties: repository name, then issue number)."""
    expanded = profile.expanded()
    repo_cache: dict[str, RepoSignals] = {}
    seen: set[tuple[str, int]] = set()
    ranked: list[RankedIssue] = []
    for cand in candidates:
        key = (cand.issue.repo.lower(), cand.issue.number)
        if key in seen or exclusion_reason(cand, profile, now) is not None:
            continue
        seen.add(key)
        rkey = cand.repo.name_with_owner.lower()
        if rkey not in repo_cache:
            repo_cache[rkey] = repo_signals(cand.repo, now)
        ranked.append(score_candidate(cand, profile, now, weights, expanded, repo_cache[rkey], history))
    ranked.sort(key=lambda r: (-r.score, r.key))
    return ranked


__all__ = ["RankedIssue", "rank", "score_candidate"]
