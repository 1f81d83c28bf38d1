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

import bisect
import json
import math
import re
import struct
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime
from functools import lru_cache
from importlib import resources
from typing import Any

from pydantic import BaseModel, ConfigDict

from ossmatch.models import Candidate, ContributorHistory, Involvement, Issue, Repo
from ossmatch.profile import DEFAULT_WEIGHTS, Profile, ScoreWeights
from ossmatch.relationships import NextStep, involvement, next_step
from ossmatch.signals import (
    LABEL_CATEGORIES,
    Claim,
    IssueSignals,
    Mentorship,
    RepoSignals,
    categorize_label,
    find_claims,
    find_mentorship,
    issue_signals,
    repo_signals,
)
from ossmatch.skills import (
    FRAMEWORKS,
    RELATED_LANGUAGES,
    ExpandedSkills,
    keywords_for,
    normalize_skill,
    skill_display,
    text_has_keyword,
)
from ossmatch.timefmt import humanize_ago, humanize_hours

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

# --------------------------------------------------------------------------- hard filters

REASON_ASSIGNED = "assigned to someone"
REASON_LINKED_PR = "has an open pull request"
REASON_REPO_ARCHIVED = "repository archived"
REASON_REPO_DISABLED = "repository disabled"
REASON_REPO_LOCKED = "repository locked"
REASON_ISSUE_LOCKED = "issue locked"
REASON_ISSUE_CLOSED = "issue closed"
REASON_EXCLUDED_REPO = "repository excluded by profile"
REASON_EXCLUDED_ORG = "organization excluded by profile"
REASON_EXCLUDED_LABEL = "label excluded by profile"
REASON_FEW_STARS = "fewer stars than min_stars"
REASON_TOO_OLD = "older than max_issue_age_days"


def exclusion_reason(candidate: Candidate, profile: Profile, now: datetime) -> str | None:
    """Why an issue can't be offered at all (a stable phrase, for counting), or None."""
    issue, repo = candidate.issue, candidate.repo
    if issue.state != "OPEN":
        return REASON_ISSUE_CLOSED
    if issue.assignees:
        return REASON_ASSIGNED
    if issue.open_closing_prs > 0:
        return REASON_LINKED_PR
    if repo.archived:
        return REASON_REPO_ARCHIVED
    if repo.disabled:
        return REASON_REPO_DISABLED
    if repo.locked:
        return REASON_REPO_LOCKED
    if issue.locked:
        return REASON_ISSUE_LOCKED
    name = (repo.name_with_owner or issue.repo).lower()
    if name in {r.lower() for r in profile.exclude_repos}:
        return REASON_EXCLUDED_REPO
    if name.split("/")[0] in {o.lower() for o in profile.exclude_orgs}:
        return REASON_EXCLUDED_ORG
    excluded_labels = {lab.lower() for lab in profile.exclude_labels}
    if any(lab.lower() in excluded_labels for lab in issue.label_names):
        return REASON_EXCLUDED_LABEL
    if repo.stars < profile.min_stars:
        return REASON_FEW_STARS
    if (profile.max_issue_age_days is not None
            and (now - issue.created_at).total_seconds() > profile.max_issue_age_days * 86400):
        return REASON_TOO_OLD
    return None


def excluded(candidates: Iterable[Candidate], profile: Profile, now: datetime) -> dict[str, int]:
    """How many candidates each hard filter removed, most common first (for --verbose)."""
    counts = Counter(
        r for c in candidates if (r := exclusion_reason(c, profile, now)) is not None
    )
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


# --------------------------------------------------------------------------- skill fit

# Evidence strengths, combined as a noisy-OR so several weak hints add up but never exceed 1.
_PRIMARY_LANGUAGE = 0.7
_OTHER_LANGUAGE = (0.45, 0.3, 0.2)
_RELATED_LANGUAGE = 0.5
_IN_LABEL = 0.6
_IN_TITLE = 0.45
_IN_TOPIC = 0.4
_IN_DESCRIPTION = 0.3
_IN_BODY = 0.2


def _noisy_or(strengths: Iterable[float]) -> float:
    miss = 1.0
    for s in strengths:
        miss *= 1.0 - min(max(s, 0.0), 1.0)
    return 1.0 - miss


def _language_strength(repo: Repo, lang: str) -> float:
    best = 0.0
    ordered = [repo.primary_language] if repo.primary_language else []
    ordered += [lang for lang in repo.languages if lang != repo.primary_language]
    for idx, repo_lang in enumerate(ordered):
        n = normalize_skill(repo_lang)
        strength = (_PRIMARY_LANGUAGE if idx == 0
                    else _OTHER_LANGUAGE[min(idx - 1, len(_OTHER_LANGUAGE) - 1)])
        if n == lang:
            best = max(best, strength)
        elif lang in RELATED_LANGUAGES.get(n, frozenset()):
            best = max(best, strength * _RELATED_LANGUAGE / _PRIMARY_LANGUAGE)
    return best


def _text_strength(candidate: Candidate, keywords: Sequence[str]) -> float:
    issue, repo = candidate.issue, candidate.repo
    labels = " | ".join(issue.label_names)
    topics = " | ".join(t.replace("-", " ") for t in repo.topics) + " | " + " | ".join(repo.topics)
    places = (
        (labels, _IN_LABEL),
        (issue.title, _IN_TITLE),
        (topics, _IN_TOPIC),
        (repo.description or "", _IN_DESCRIPTION),
        (issue.body or "", _IN_BODY),
    )
    found = [s for text, s in places if any(text_has_keyword(text, k) for k in keywords)]
    # Several places count, but less than independent evidence would.
    return _noisy_or(s * (1.0 if i == 0 else 0.5) for i, s in
                     enumerate(sorted(found, reverse=True)))


def skill_fit(candidate: Candidate, skills: ExpandedSkills) -> tuple[float, list[str]]:
    """Score in [0, 1] and the matched skills (display names, strongest first)."""
    evidence: list[tuple[float, str]] = []
    for lang in sorted(skills.languages):
        s = _language_strength(candidate.repo, lang)
        if lang not in FRAMEWORKS and len(lang) > 2:
            # Languages named in topics or labels count too ("python" topic on a C repo).
            s = max(s, 0.5 * _text_strength(candidate, keywords_for(lang)))
        if s > 0:
            evidence.append((s, skill_display(lang)))
    for fw in sorted(skills.frameworks):
        s = _text_strength(candidate, keywords_for(fw))
        if s > 0:
            evidence.append((s, fw))
    for interest in sorted(skills.interests):
        s = _text_strength(candidate, keywords_for(interest))
        if s > 0:
            evidence.append((s, interest))
    for word in sorted(skills.words):
        s = _text_strength(candidate, (word,))
        if s > 0:
            evidence.append((s, word))
    score = _noisy_or(s for s, _ in evidence)
    # Rounded so float noise from set-ordered keywords cannot reorder equal evidence between runs.
    matched = [name for _, name in sorted(evidence, key=lambda e: (-round(e[0], 9), e[1]))]
    return score, matched


# --------------------------------------------------------------------------- newcomer fit

MODEL_RESOURCE = "data/newcomer_model.json"


def _f32(x: float) -> float:
    """sklearn trees compare float32 inputs; round the same way to land on the same leaf."""
    return float(struct.unpack("f", struct.pack("f", x))[0])


@lru_cache(maxsize=1)
def load_newcomer_model() -> dict[str, Any]:
    """The shipped model (loaded once)."""
    text = resources.files("ossmatch").joinpath(MODEL_RESOURCE).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


#: Derived model features are written ``op(field)`` or ``op(field,field)`` in the model's feature
#: list (e.g. ``log1p(body_words)``, ``logratio(repo_stars,repo_contributors)``); plain names are
#: IssueSignals fields or ``label_<category>`` flags.  The fitting script computes training
#: features with these same functions.
_MODEL_OPS: dict[str, Callable[..., float]] = {
    "log1p": lambda v: math.log1p(max(v, 0.0)),
    "sqrt": lambda v: math.sqrt(max(v, 0.0)),
    "log01": lambda v: math.log(max(v, 0.0) + 0.01),
    "zero": lambda v: 1.0 if v == 0 else 0.0,
    "logratio": lambda a, b: math.log1p(max(a, 0.0)) - math.log1p(max(b, 0.0)),
    "times": lambda a, b: a * b,
    "per": lambda a, b: a / max(b, 1.0),
}
_MODEL_FEATURE = re.compile(r"^(\w+)\(([\w,]+)\)$")


def _model_feature(name: str, values: Mapping[str, float]) -> float:
    match = _MODEL_FEATURE.match(name)
    if match is None:
        return values[name]
    op, args = match.group(1), match.group(2).split(",")
    return float(_MODEL_OPS[op](*(values[a] for a in args)))


def model_base_values(signals: IssueSignals, medians: Mapping[str, float]) -> dict[str, float]:
    """Input fields as floats (label categories as 0/1 flags); None becomes the training median."""
    values: dict[str, float] = {}
    for cat in LABEL_CATEGORIES:
        values[f"label_{cat}"] = 1.0 if cat in signals.label_categories else 0.0
    for name, value in signals.model_dump(exclude={"label_categories"}).items():
        values[name] = float(medians[name]) if value is None else float(value)
    return values


def model_features(signals: IssueSignals, model: Mapping[str, Any] | None = None) -> list[float]:
    """Feature vector in the model's order; None signals become the training median."""
    m = model if model is not None else load_newcomer_model()
    values = model_base_values(signals, m["medians"])
    return [_model_feature(name, values) for name in m["features"]]


def _tree_value(node: Mapping[str, Any], x: Sequence[float], f32: bool = True) -> float:
    if f32:
        while "value" not in node:
            node = node["left"] if _f32(x[node["feature"]]) <= node["threshold"] else node["right"]
    else:
        while "value" not in node:
            node = node["left"] if x[node["feature"]] <= node["threshold"] else node["right"]
    return float(node["value"])


def model_probability(x: Sequence[float], model: Mapping[str, Any] | None = None) -> float:
    """Pure-Python evaluation of the exported model on one feature vector: intercept, plus a
    linear term, plus boosted-tree groups (``float32`` groups compare inputs rounded like
    sklearn's DecisionTreeRegressor; the others compare float64 like HistGradientBoosting)."""
    m = model if model is not None else load_newcomer_model()
    raw = float(m["base_score"])
    raw += sum(c * v for c, v in zip(m.get("linear", ()), x, strict=False))
    for group in m["tree_groups"]:
        f32 = bool(group["float32"])
        raw += sum(_tree_value(t, x, f32) for t in group["trees"])
    if raw >= 0:
        return 1.0 / (1.0 + math.exp(-raw))
    e = math.exp(raw)
    return e / (1.0 + e)


def newcomer_fit(signals: IssueSignals) -> float:
    """Probability in [0, 1] that a newcomer resolves an issue like this (RecGFI model)."""
    return model_probability(model_features(signals))


def newcomer_percentile(probability: float) -> float:
    """Where a probability falls among the training issues, in [0, 1]: the raw probabilities
    are small (base rate ~10%), so the percentile is what gets mixed with other components."""
    qs: list[float] = load_newcomer_model()["percentiles"]
    i = bisect.bisect_right(qs, probability)
    return min(1.0, max(0.0, (i - 1) / (len(qs) - 1))) if i else 0.0


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


__all__ = [
    "CLAIM_FACTOR", "RankedIssue", "excluded", "exclusion_reason", "freshness",
    "last_activity", "load_newcomer_model", "maintainer_fit", "model_features",
    "model_probability", "newcomer_fit", "newcomer_percentile", "rank", "score_candidate",
    "skill_fit",
]
