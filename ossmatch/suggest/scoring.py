"""One score per issue, and the ranking.

The score is an estimate a person can read: the chance, in percent, that *this person* gets a pull
request merged for *this issue*. It starts from the newcomer model's calibrated probability that a
newcomer resolves an issue like this (``model``), and each component (``components``) multiplies its
odds: the project's chance of answering and merging a newcomer (shrunk toward a prior when the
sample is small), skill match, freshness, claims, mentoring, next steps and difficulty. Nothing is
clipped, so different issues tie only when their evidence is really equal.

Ties are broken deterministically: the stronger skill match first, then the newer issue, then the
repository name and issue number. Hard filters (assigned, has a linked PR, archived...) remove
issues before scoring.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import datetime

from pydantic import BaseModel, ConfigDict

from ossmatch.aipolicy import FLAGS as AI_FLAGS
from ossmatch.aipolicy import WORDS as AI_WORDS
from ossmatch.models import Candidate, ContributorHistory, Involvement, Issue, IssueLink, Repo
from ossmatch.profile import DEFAULT_WEIGHTS, Profile, ScoreWeights
from ossmatch.render.timefmt import humanize_ago
from ossmatch.skills import ExpandedSkills
from ossmatch.suggest.claims import Claim, Mentorship, find_claims, find_mentorship
from ossmatch.suggest.components import (
    OFTEN_RATIO,
    WANTED_LABEL_FACTOR,
    Part,
    Reason,
    claim_part,
    crowd_part,
    difficulty_part,
    freshness_part,
    mentor_part,
    newcomer_reasons,
    next_step_part,
    odds,
    probability,
    project_part,
    skill_part,
)
from ossmatch.suggest.filters import Triaged, triage
from ossmatch.suggest.newcomer_model import base_rate, newcomer_fit
from ossmatch.suggest.project_signals import RepoSignals, repo_signals
from ossmatch.suggest.relationships import NextStep, involvement, next_step
from ossmatch.suggest.signals import IssueSignals, issue_signals, with_repo_comments
from ossmatch.suggest.skillfit import SkillMatch, match_skills
from ossmatch.vocabulary import is_offered_label


class RankedIssue(BaseModel):
    """One recommendation: the issue, its score and the reasons in plain words.

    ``reasons`` are ordered by how much their evidence distinguishes this issue (strongest first);
    ``components`` holds the model probability and every odds factor behind ``score``.
    """

    model_config = ConfigDict(frozen=True)

    issue: Issue
    repo: Repo
    #: Percent chance of a merged pull request for this person (0-100, never clipped).
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
    #: Whether any declared skill shows in the issue or its repository.
    skill_matched: bool = True
    #: Each reason's evidence weight (log-odds it moves), parallel to ``reasons``.
    reason_weights: tuple[float, ...] = ()
    #: The order value (percent) under the profile's ``weights`` and level when they move it from the
    #: score; None when the issue is ordered by ``score`` itself.
    preference: float | None = None
    #: What set ``preference``: ``"weights"`` (the profile's) and/or ``"level"`` (its difficulty labels
    #: at the person's level); empty when the issue is ordered by its score.
    preferred_by: tuple[str, ...] = ()
    #: The reasons that pull the score down (a part cutting the odds to ``HOLDS_DOWN`` or less),
    #: strongest first: a list that shows one or two reasons shows one of these too.
    holding_down: tuple[str, ...] = ()

    @property
    def key(self) -> tuple[str, int]:
        return (self.issue.repo.lower(), self.issue.number)

    def sort_key(self) -> tuple[float, float, float, str, int]:
        """Best first (by the profile's preference when its weights set one, else by score); equal
        values: stronger skill match, newer issue, then repository and number."""
        order = self.score if self.preference is None else self.preference
        return (-order, -self.components.get("skill_match", 0.0),
                -self.issue.created_at.timestamp(), self.issue.repo.lower(), self.issue.number)


def _exponents(profile: Profile, weights: ScoreWeights | Mapping[str, float] | None) -> dict[str, float]:
    """How strongly each component counts, relative to the defaults (1.0 everywhere by default):
    a profile's ``weights`` become exponents on the odds factors, so doubling a weight doubles
    that component's effect on the log-odds."""
    if weights is None:
        w = (profile.weights or DEFAULT_WEIGHTS).as_dict()
    elif isinstance(weights, ScoreWeights):
        w = weights.as_dict()
    else:
        w = {**DEFAULT_WEIGHTS.as_dict(), **{k: float(v) for k, v in weights.items()}}
    default = DEFAULT_WEIGHTS.as_dict()
    total, default_total = sum(w.values()), sum(default.values())
    if total <= 0:
        return dict.fromkeys(default, 1.0)
    return {k: (w[k] / total) / (default[k] / default_total) for k in default}


def combine(p: float, parts: Iterable[Part], exponents: Mapping[str, float] | None = None) -> float:
    """The starting probability with every part's odds factor applied."""
    log_odds = math.log(odds(p))
    for part in parts:
        log_odds += (exponents or {}).get(part.name, 1.0) * math.log(part.factor)
    return probability(math.exp(log_odds))


#: Decimals kept in a score: enough that only equal evidence ties, few enough that the last bits of
#: floating point (which may differ between platforms) never reach the output.
SCORE_DIGITS = 6

#: How far the newcomer model may move the odds from the base rate, as an exponent on its odds ratio
#: (chosen: the model was fit on resolved issues of 100 projects, CV AUC 0.79; live open issues differ,
#: so at half strength one feature, such as a newcomer reporter, cannot outweigh skills and project).
MODEL_TRUST = 0.5

#: Which profile weight scales which part.
_WEIGHT_OF = {"project": "maintainer", "skill": "skill", "freshness": "freshness"}


def _model_chance(issue: Issue, repo: Repo, sig: IssueSignals) -> float:
    """The newcomer model's chance for this issue, or the usual rate when the project's activity was
    not read (no token): the model would fill its strongest inputs with training medians and land
    below the usual rate. Missing data is not evidence: the output says the signals are missing instead."""
    if not repo.has_activity:
        return base_rate()
    # The reporter's own status is left out: in RecGFI a newcomer reporter mostly marks newcomers who
    # fix their own report, which says nothing about the chance of *this* person (training median used).
    return newcomer_fit(sig.model_copy(update={"reporter_is_newcomer": None, "reporter_commits": None}))


def _toward_model(base: float, p_model: float, strength: float) -> float:
    """The base rate moved toward the model's chance, ``strength`` an exponent on its odds ratio."""
    return probability(odds(base) * (odds(p_model) / odds(base)) ** strength)


def _others_claims(issue: Issue, history: ContributorHistory | None, now: datetime) -> tuple[Claim, ...]:
    """The claims on the issue, but the person's own: theirs competes with nobody."""
    me = history.login.lower() if history is not None else None
    return tuple(c for c in find_claims(issue, now) if me is None or (c.author or "").lower() != me)


def _parts(issue: Issue, profile: Profile, rs: RepoSignals, match: SkillMatch, expanded: ExpandedSkills,
           claims: tuple[Claim, ...], mentorship: Mentorship | None, step: NextStep | None,
           now: datetime) -> list[Part]:
    """The odds factors that make the chance (the difficulty, a preference, is not among them)."""
    include = {lab.lower() for lab in profile.include_labels}
    wanted = next((lab for lab in issue.label_names if lab.lower() in include), None)
    return [
        project_part(rs),
        skill_part(match, wanted, WANTED_LABEL_FACTOR, has_skills=not expanded.is_empty),
        freshness_part(issue, now),
        claim_part(claims, now),
        crowd_part(claims, issue),
        mentor_part(mentorship),
        next_step_part(step),
    ]


def _chances(base: float, p_model: float, parts: list[Part], difficulty: Part,
             exps: Mapping[str, float]) -> tuple[float, float, tuple[str, ...]]:
    """(the chance, the preference, what set the preference): the score is the chance and nothing
    else; a profile's weights and level order the list (``preference``) but never change the chance
    of a merged pull request."""
    # The newcomer weight scales how far the model may move away from the base rate.
    p_start = _toward_model(base, p_model, MODEL_TRUST * exps["newcomer"])
    preferred = combine(p_start, [*parts, difficulty], {part: exps[w] for part, w in _WEIGHT_OF.items()})
    neutral = all(abs(v - 1.0) < 1e-9 for v in exps.values())
    p = combine(_toward_model(base, p_model, MODEL_TRUST), parts)  # the chance: no weight in it
    by = (() if neutral else ("weights",)) + (("level",) if difficulty.factor != 1.0 else ())
    return p, preferred, by


def _explain(parts: list[Part], model_reasons: tuple[Reason, ...], issue: Issue, repo: Repo,
             involved: Involvement | None, now: datetime) -> tuple[list[Reason], set[str], dict[str, float]]:
    """(reasons strongest first, flags, each part's factor and detail): the parts' evidence, then
    context that is no evidence (the tracking issue, the AI policy, the person's own part in it)."""
    reasons: list[Reason] = list(model_reasons)
    flags: set[str] = set()
    components: dict[str, float] = {}
    for part in parts:
        reasons.extend(part.reasons)
        flags |= part.flags
        components[f"{part.name}_factor"] = part.factor
        components.update(part.detail)
    if issue.parent is not None:
        reasons.append(Reason(part_of(issue.parent), PARENT_REASON_WEIGHT))
    if repo.ai_policy is not None:
        flags.add(AI_FLAGS[repo.ai_policy.stance])
        reasons.append(Reason(f"{AI_WORDS[repo.ai_policy.stance]} ({repo.ai_policy.source}: "
                              f"\"{repo.ai_policy.quote}\")", AI_REASON_WEIGHT))
    if involved is not None:
        flags.add("involved")
        how = "opened" if involved.how == "opened" else "commented on"
        when = humanize_ago(_hours(involved.at, now)) if involved.exact else "(GitHub's search does not say when)"
        reasons.append(Reason(f"you're involved: you {how} this {when}",
                              math.inf))
    return sorted(reasons, key=lambda r: -r.weight), flags, components


def _holding_down(parts: list[Part], difficulty: Part, model_reasons: tuple[Reason, ...]) -> tuple[str, ...]:
    """The reasons that pull the score down, strongest first (the difficulty is a preference, not one)."""
    down = [(part.factor, r.text) for part in parts
            if part.factor <= HOLDS_DOWN and part is not difficulty for r in part.reasons[:1]]
    down += [(1 / OFTEN_RATIO, r.text) for r in model_reasons if r.holds_down]
    return tuple(text for _, text in sorted(down))


def score_candidate(candidate: Candidate, profile: Profile, now: datetime,
                    weights: ScoreWeights | Mapping[str, float] | None = None,
                    skills: ExpandedSkills | None = None,
                    rsig: RepoSignals | None = None,
                    history: ContributorHistory | None = None) -> RankedIssue:
    """Score one candidate that passed the hard filters; ``history`` adds next steps and involvement."""
    repo = candidate.repo
    issue = with_repo_comments(candidate.issue, repo)
    candidate = Candidate(issue=issue, repo=repo)
    expanded = skills if skills is not None else profile.expanded()
    rs = rsig if rsig is not None else repo_signals(repo, now)
    sig = issue_signals(issue, repo, rs)
    base = base_rate()
    p_model = _model_chance(issue, repo, sig)
    gfi = next((lab for lab in issue.label_names if is_offered_label(lab)), None)
    model_reasons = newcomer_reasons(p_model, base, gfi, sig.repo_newcomer_share, rs.newcomer_share_counts)
    match: SkillMatch = match_skills(candidate, expanded)
    step = next_step(candidate, history)
    claims = _others_claims(issue, history, now)
    mentorship = find_mentorship(issue)
    parts = _parts(issue, profile, rs, match, expanded, claims, mentorship, step, now)
    # The level is a preference, like the weights: a ``medium`` label is a bigger step for a beginner,
    # so it comes later in the list, but nothing says a beginner's pull request is less likely merged.
    difficulty = difficulty_part(sig.label_categories, profile.level, step)
    p, preferred, by = _chances(base, p_model, parts, difficulty, _exponents(profile, weights))
    parts.append(difficulty)
    involved = involvement(issue, history)
    ordered, flags, factors = _explain(parts, model_reasons, issue, repo, involved, now)
    components = {"newcomer_probability": p_model, "base_rate": base, "probability": p, **factors}
    return RankedIssue(
        issue=issue, repo=repo, score=round(100.0 * p, SCORE_DIGITS), components=components,
        reasons=tuple(r.text for r in ordered), reason_weights=tuple(r.weight for r in ordered),
        signals=sig, repo_signals=rs, claims=claims,
        flags=frozenset(flags), mentorship=mentorship, next_step=step, involvement=involved,
        skill_matched=bool(match.evidence) or expanded.is_empty,
        holding_down=_holding_down(parts, difficulty, model_reasons),
        preference=round(100.0 * preferred, SCORE_DIGITS) if by else None,
        preferred_by=by,
    )


#: A part whose odds factor is at most this holds the score down enough to be said in a short list
#: (chosen: a quarter off the odds, the smallest demotion ranking applies, ``medium`` at the beginner level).
HOLDS_DOWN = 0.75


#: Weight of the "part of a tracking issue" reason: context a person reads early, not evidence of
#: the chance of a merge (chosen: about a skill match's weight, so it shows among the first reasons).
PARENT_REASON_WEIGHT = 0.5
#: Weight of the AI-policy reason: the flag already says it in the list; the quote is for --explain,
#: Markdown, HTML and JSON (chosen: below every piece of evidence about the chance of a merge).
AI_REASON_WEIGHT = 0.05


def part_of(parent: IssueLink) -> str:
    """"part of owner/repo#3 'Docstrings for every public module' (1 of 3 done)"."""
    title = " ".join(parent.title.split())
    done = (f" ({parent.sub_issues_done} of {parent.sub_issues_total} done)"
            if parent.sub_issues_total else "")
    return f"part of {parent.ref} '{title}'{done}"


def _hours(start: datetime, end: datetime) -> float:
    return max(0.0, (end - start).total_seconds() / 3600)


def rank(candidates: Iterable[Candidate], profile: Profile, now: datetime,
         weights: ScoreWeights | Mapping[str, float] | None = None,
         history: ContributorHistory | None = None) -> list[RankedIssue]:
    """Rank already-fetched candidates for a profile: filter, score and sort best first (see
    :meth:`RankedIssue.sort_key` for ties). The public entry point for any front end."""
    return rank_triaged(triage(candidates, profile, now, contributed_repos(history)), profile, now, weights, history)


def rank_triaged(triaged: Triaged, profile: Profile, now: datetime,
                 weights: ScoreWeights | Mapping[str, float] | None = None,
                 history: ContributorHistory | None = None) -> list[RankedIssue]:
    """``rank`` over candidates already triaged (``filters.triage``): those with no reason, scored."""
    expanded = profile.expanded()
    repo_cache: dict[str, RepoSignals] = {}
    seen: set[tuple[str, int]] = set()
    ranked: list[RankedIssue] = []
    for cand, reason in triaged:
        key = (cand.issue.repo.lower(), cand.issue.number)
        if key in seen or reason is not None:
            continue
        seen.add(key)
        rkey = cand.repo.name_with_owner.lower()
        if rkey not in repo_cache:
            repo_cache[rkey] = repo_signals(cand.repo, now)
        ranked.append(score_candidate(cand, profile, now, weights, expanded, repo_cache[rkey], history))
    ranked.sort(key=RankedIssue.sort_key)
    return order_reasons(ranked)


def contributed_repos(history: ContributorHistory | None) -> frozenset[str]:
    """Repositories (lower case) that merged the person's work: past contributors there."""
    return frozenset(p.repo.lower() for p in history.merged_pulls) if history is not None else frozenset()


#: What a reason said on every ranked issue keeps of its weight (in issues' worth): enough to order
#: shared reasons among themselves, too little to come before anything that sets an issue apart.
SHARED_REASON_WEIGHT = 0.1
#: Numbers in a reason, so "4 of 4 ..." and "100% of ..." (one rate, said as a count or a share) count
#: as the same thing said.
_DIGITS = re.compile(r"\d+% of|\d+ of \d+|\d+(?:\.\d+)?")


def order_reasons(ranked: list[RankedIssue]) -> list[RankedIssue]:
    """Put each issue's most distinguishing reasons first: a reason's weight counts less the more of
    the ranked issues say the same thing (numbers aside), so "4 of 4 pull requests merged" on every
    row of one project sinks below what sets this issue apart."""
    n = len(ranked)
    if n <= 1:
        return ranked
    said = Counter(_DIGITS.sub("#", text) for item in ranked for text in set(item.reasons))
    out = []
    for item in ranked:
        pairs = list(zip(item.reasons, item.reason_weights or (0.0,) * len(item.reasons), strict=True))
        keyed = sorted(pairs, key=lambda rw: -(rw[1] * (n + SHARED_REASON_WEIGHT - said[_DIGITS.sub("#", rw[0])]) / n))
        out.append(item.model_copy(update={"reasons": tuple(r for r, _ in keyed),
                                           "reason_weights": tuple(w for _, w in keyed)}))
    return out


__all__ = ["RankedIssue", "combine", "rank", "rank_triaged", "score_candidate"]
