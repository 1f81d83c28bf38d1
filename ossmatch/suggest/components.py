"""Score components: each turns one kind of evidence into an odds factor, with its reasons and flags.

The score is one estimate: the chance that this person gets a pull request merged for this issue.
It starts from the newcomer model's calibrated probability (``ossmatch.suggest.newcomer_model``) and each
component multiplies its odds by a factor (1 = no effect). Multiplying odds, rather than adding
bonuses and clipping, keeps every factor's effect proportional and the result inside (0, 1), so two
different issues never tie at a ceiling. Every tuning number below has a name and a one-line reason;
"chosen" numbers were set by hand and checked against the worlds in ``tests/suggest_worlds.py`` and
``benchmarks/bench_suggest.py`` (spread of the top ten).

A reason carries a weight: how much its evidence moves this issue's odds (``|ln factor|``), so the
reasons that distinguish an issue come first and boilerplate sinks.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

from ossmatch.models import Issue
from ossmatch.render.timefmt import humanize_ago, humanize_hours
from ossmatch.render.wording import plural
from ossmatch.suggest.claims import Claim, Mentorship
from ossmatch.suggest.project_signals import RepoSignals
from ossmatch.suggest.relationships import NextStep
from ossmatch.suggest.skillfit import SkillMatch
from ossmatch.vocabulary import MAINTAINER_ASSOCIATIONS


@dataclass(frozen=True)
class Reason:
    """A sentence of evidence and how much it distinguishes the issue (its weight in log-odds)."""

    text: str
    weight: float
    #: Set on a model reason that pulls the score down (``scoring._holding_down``): a part's reasons
    #: hold it down by their part's factor instead.
    holds_down: bool = False


@dataclass(frozen=True)
class Part:
    """One component's verdict: an odds factor, the reasons behind it and any flags."""

    name: str
    factor: float
    reasons: tuple[Reason, ...] = ()
    flags: frozenset[str] = frozenset()
    detail: dict[str, float] = field(default_factory=dict)


def odds(p: float) -> float:
    return p / (1.0 - p)


def probability(o: float) -> float:
    return o / (1.0 + o)


def _w(factor: float) -> float:
    return abs(math.log(factor)) if factor > 0 else 0.0


def _join(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


# --------------------------------------------------------------------------- newcomer model

#: "Often finished by newcomers" needs a probability at least this many times the base rate (the
#: issue brief: evidence well above the base rate, not a percentile among training issues).
OFTEN_RATIO = 1.5
#: A repository where at least this share of recent merged work came from newcomers says so.
NEWCOMER_SHARE_REASON = 0.2
#: Weight of the beginner-label reason: nearly every candidate has one, so it says little.
LABEL_REASON_WEIGHT = 0.05
#: A rate from fewer cases than this is said as a count ("1 of 1"), never a percentage: the audit's
#: newcomer and response checks call a result firm from 3 to 5 cases (``min_sample``); the larger is used.
FIRM_SAMPLE = 5


def share_text(part: int, whole: int) -> str:
    """"80% of" from a firm sample, else the count itself, "1 of 1" (then the noun)."""
    return f"{part / whole:.0%} of" if whole >= FIRM_SAMPLE else f"{part} of {whole}"


def newcomer_reasons(p: float, base_rate: float, gfi_label: str | None,
                     newcomer_share: float | None, share_counts: tuple[int, int] | None = None) -> tuple[Reason, ...]:
    """Why the model's probability is what it is; said only when the evidence holds. ``share_counts``
    (by newcomers, all merged) lets a small sample be said as a count."""
    reasons: list[Reason] = []
    if gfi_label:
        reasons.append(Reason(f"labelled '{gfi_label}'", LABEL_REASON_WEIGHT))
    ratio = p / base_rate
    if newcomer_share is None:
        # The model's strongest input is unknown (no activity read): its estimate leans on training
        # medians, which is not evidence about this issue, so it is not said either way.
        pass
    elif ratio >= OFTEN_RATIO:
        reasons.append(Reason(f"issues like this are often finished by newcomers ({ratio:.1f}x the usual rate)",
                              math.log(ratio)))
    elif ratio <= 1 / OFTEN_RATIO:
        reasons.append(Reason("issues like this are rarely finished by newcomers", -math.log(ratio), holds_down=True))
    if newcomer_share is not None and newcomer_share >= NEWCOMER_SHARE_REASON:
        share = share_text(*share_counts) if share_counts else f"{newcomer_share:.0%} of"
        reasons.append(Reason(f"{share} recent merged pull requests came from newcomers", newcomer_share))
    return tuple(reasons)


# --------------------------------------------------------------------------- project

#: Prior for the share of newcomer pull requests a project merges: Beta(2, 2), mean 0.5, worth four
#: pull requests (chosen: a weak, even prior), so 1 of 1 merged gives 0.6 and 45 of 50 gives 0.87.
MERGE_PRIOR = (2.0, 2.0)
#: Prior for the share of outsiders' issues maintainers answer: Beta(3, 1), mean 0.75, worth four
#: issues (chosen: most active projects answer most issues; a few unanswered ones move it quickly).
ANSWER_PRIOR = (3.0, 1.0)
#: Odds factor for a project with no maintainer activity in the last 90 days (chosen: a dormant
#: project rarely merges anything; see the ``ghost/town`` world, which must rank below live ones).
INACTIVE_FACTOR = 0.2
#: A median first answer within this many hours is worth mentioning as fast.
FAST_ANSWER_HOURS = 72.0
#: The first-answer time that counts as typical, odds factor 1 (chosen: a day; CHAOSS measures
#: time to first response, and active projects in the test worlds answer within hours to days).
TYPICAL_ANSWER_HOURS = 24.0
#: How steeply answer time moves the odds: factor 2 / (1 + (hours / typical) ** slope), between 2
#: (instant) and 0 (never); 0.25 makes a 3-hour answer about 1.25 and a month about 0.6 (chosen).
ANSWER_SLOPE = 0.25


def answer_time_factor(hours: float) -> float:
    """Odds factor for how fast maintainers first answer: 1 at a day, above it faster, below slower."""
    return 2.0 / (1.0 + (max(hours, 0.0) / TYPICAL_ANSWER_HOURS) ** ANSWER_SLOPE)


def beta_mean(successes: int, trials: int, prior: tuple[float, float]) -> float:
    """Posterior mean of a rate under a Beta prior: small samples stay near the prior."""
    a, b = prior
    return (a + successes) / (a + b + trials)


def project_part(rs: RepoSignals) -> Part:
    """The project's chance of answering and merging a newcomer, relative to a typical project."""
    answered = rs.responded_issues
    asked = rs.issues_judged
    merged = round((rs.newcomer_pr_merge_rate or 0.0) * rs.newcomer_prs_decided)
    decided = rs.newcomer_prs_decided
    answer = beta_mean(answered, asked, ANSWER_PRIOR)
    merge = beta_mean(merged, decided, MERGE_PRIOR)
    prior = beta_mean(0, 0, ANSWER_PRIOR) * beta_mean(0, 0, MERGE_PRIOR)
    chance = answer * merge
    factor = odds(chance) / odds(prior)
    reasons: list[Reason] = []
    flags: set[str] = set()
    inactive = rs.maintainer_active_90d is False
    if inactive:
        factor *= INACTIVE_FACTOR
        flags.add("inactive-maintainers")
        reasons.append(Reason("no maintainer activity in the last 90 days", _w(INACTIVE_FACTOR)))
    answer_factor = odds(answer) / odds(beta_mean(0, 0, ANSWER_PRIOR))
    if asked >= 3 and rs.response_rate == 0:
        reasons.append(Reason("maintainers replied to none of the recent issues from outsiders", _w(answer_factor)))
    elif asked >= 3 and rs.response_rate is not None and rs.response_rate < 0.5:
        reasons.append(Reason(f"maintainers replied to only {answered} of {asked} recent issues from outsiders",
                              _w(answer_factor)))
    elif not inactive and rs.median_first_response_hours is not None:
        hours = rs.median_first_response_hours
        speed = answer_time_factor(hours)
        factor *= speed
        weight = _w(answer_factor) + _w(speed)
        if hours <= FAST_ANSWER_HOURS or weight > 0.2:
            reasons.append(Reason(f"maintainers answer new issues in {humanize_hours(hours)}", weight))
    if decided:
        merge_factor = odds(merge) / odds(beta_mean(0, 0, MERGE_PRIOR))
        reasons.append(Reason(f"{merged} of {decided} recent newcomer pull requests were merged", _w(merge_factor)))
    return Part("project", factor, tuple(reasons), frozenset(flags),
                {"project_answer_rate": answer, "project_merge_rate": merge})


# --------------------------------------------------------------------------- skills

#: Odds factor when nothing about the issue or its repository shows a declared skill (chosen: such
#: issues may still be doable, but a person picks up far fewer of them).
SKILL_FLOOR = 0.25
#: Extra odds, at full strength, when the issue itself shows the skill rather than only its
#: repository (chosen: a Python repository's CI issue is not a Python task).
ISSUE_SKILL_GAIN = 1.0


def skill_part(match: SkillMatch, wanted_label: str | None, wanted_factor: float, *, has_skills: bool = True) -> Part:
    """How well the person's skills fit: what the issue shows counts more than the repository.
    Without declared skills (a generic newcomer) skills neither help nor hurt."""
    if not has_skills:
        factor = wanted_factor if wanted_label else 1.0
        why = (Reason(f"has the label '{wanted_label}' you asked for", _w(wanted_factor)),) if wanted_label else ()
        return Part("skill", factor, why, detail={"skill_match": 0.0, "skill_in_issue": 0.0})
    factor = (SKILL_FLOOR + (1.0 - SKILL_FLOOR) * match.score) * (1.0 + ISSUE_SKILL_GAIN * match.issue_score)
    reasons: list[Reason] = []
    in_issue, repo_only = match.in_issue, match.repo_only
    if in_issue:
        gain = 1.0 + ISSUE_SKILL_GAIN * match.issue_score
        reasons.append(Reason(f"matches your {_join(match.in_profile_order(in_issue[:3]))} skills", _w(gain)))
    if repo_only:
        words = [f"a {name} project" if name[:1].isupper() else f"a project about {name}"
                 for name in match.in_profile_order(repo_only[:2])]
        reasons.append(Reason(f"in {_join(words)}", 0.1))
    if not match.evidence:
        reasons.append(Reason("does not match any of your skills", _w(SKILL_FLOOR)))
    if wanted_label:
        factor *= wanted_factor
        reasons.append(Reason(f"has the label '{wanted_label}' you asked for", _w(wanted_factor)))
    detail = {"skill_match": match.score, "skill_in_issue": match.issue_score}
    return Part("skill", factor, tuple(reasons), detail=detail)


#: Odds factor for a label the profile's ``include_labels`` asks for (chosen: a stated preference).
WANTED_LABEL_FACTOR = 1.3


# --------------------------------------------------------------------------- freshness

#: Days over which an issue's age lowers its freshness by a factor e (chosen: a year). The decay is
#: smooth from day zero, so two issues of different ages never tie on freshness.
AGE_SCALE_DAYS = 365.0
#: Days over which silence lowers freshness by a factor e (chosen: four months).
IDLE_SCALE_DAYS = 120.0
#: Odds factor of a years-old, long-silent issue (chosen: it may be obsolete or quietly done).
FRESH_FLOOR = 0.25
#: Below this freshness an issue is flagged stale.
STALE_BELOW = 0.3


def last_activity(issue: Issue) -> datetime:
    """Latest of the issue's update time and its known comments."""
    times = [issue.updated_at, issue.created_at, *(c.created_at for c in issue.comments)]
    return max(times)


def freshness(issue: Issue, now: datetime) -> float:
    """1 for a new or recently active issue, near 0 for a years-old untouched one."""
    age_days = max(0.0, (now - issue.created_at).total_seconds() / 86400)
    idle_days = max(0.0, (now - last_activity(issue)).total_seconds() / 86400)
    age_score = math.exp(-age_days / AGE_SCALE_DAYS)
    idle_score = math.exp(-idle_days / IDLE_SCALE_DAYS)
    return 0.4 * age_score + 0.6 * idle_score


def freshness_part(issue: Issue, now: datetime) -> Part:
    fresh = freshness(issue, now)
    factor = FRESH_FLOOR + (1.0 - FRESH_FLOOR) * fresh
    age_h = (now - issue.created_at).total_seconds() / 3600
    reasons = [Reason(f"opened {humanize_ago(age_h)}", _w(factor) * 0.5)]
    idle_h = (now - last_activity(issue)).total_seconds() / 3600
    if idle_h > 24 * 60:
        reasons.append(Reason(f"no activity for {humanize_hours(idle_h).removeprefix('about ')}", _w(factor)))
    flags = frozenset({"stale"}) if fresh < STALE_BELOW else frozenset()
    return Part("freshness", factor, tuple(reasons), flags, {"freshness": fresh})


# --------------------------------------------------------------------------- claims, mentoring

#: Odds factor for a recent claim by someone else (chosen: a claimed issue is usually taken; the
#: claim may lapse, so it is not removed).
CLAIM_FACTOR = 0.25
#: Odds factor when a maintainer offered to mentor (chosen: lack of guidance is among the barriers
#: newcomers report most, Steinmacher et al., CSCW 2015; the size is a judgment, not a measurement).
MENTOR_FACTOR = 1.5


def claim_part(claims: tuple[Claim, ...], now: datetime) -> Part:
    if not claims:
        return Part("claim", 1.0)
    newest = claims[0]
    who = "the issue's author" if newest.by_issue_author else "someone"
    return Part("claim", CLAIM_FACTOR,
                (Reason(f"{who} asked to take this {humanize_ago(newest.age_hours)}", _w(CLAIM_FACTOR)),),
                frozenset({"claimed"}))


#: "Recently", for crowding: the week in which people asking to take an issue compete for it.
CROWD_WINDOW_HOURS = 7 * 24
#: Odds factor per further person asking, and per pull request already tried by someone else
#: (chosen: each is another newcomer likely to be answered first; arXiv 2604.27532 found newcomers'
#: good-first-issue pull requests merged 42% of the time in 2025, down from 62%, as issues crowd).
CROWD_FACTOR = 0.7
#: The crowding factor never goes below this (chosen: a crowded issue can still be finished).
CROWD_FLOOR = 0.2


class Crowding(NamedTuple):
    """Who else is on an issue: people who asked to take it in the last week, and pull requests
    for it by people other than the maintainers, still open or closed unmerged."""

    askers: int
    open_pulls: int
    closed_pulls: int


def crowding(claims: tuple[Claim, ...], issue: Issue) -> Crowding:
    """The counts behind the crowding factor, said in reasons and given in JSON."""
    askers = {(c.author or "").lower() for c in claims if c.age_hours <= CROWD_WINDOW_HOURS}
    tries = [p for p in issue.pull_mentions
             if p.state != "MERGED" and p.association not in MAINTAINER_ASSOCIATIONS]
    closed = sum(p.state == "CLOSED" for p in tries)
    return Crowding(len(askers), len(tries) - closed, closed)


def crowd_part(claims: tuple[Claim, ...], issue: Issue) -> Part:
    """Several people asking, and pull requests tried by others (open, or closed unmerged)."""
    counts = crowding(claims, issue)
    extra = max(0, counts.askers - 1) + counts.open_pulls + counts.closed_pulls
    if extra == 0:
        return Part("crowd", 1.0)
    factor = max(CROWD_FLOOR, CROWD_FACTOR ** extra)
    said = []
    if counts.askers > 1:
        said.append(f"{counts.askers} people asked to take this in the last week")
    closed = counts.closed_pulls
    if closed:
        said.append(f"{plural(closed, 'pull request')} for it {'was' if closed == 1 else 'were'} closed unmerged")
    still_open = counts.open_pulls
    if still_open:
        said.append(f"{plural(still_open, 'pull request')} for it {'is' if still_open == 1 else 'are'} open")
    return Part("crowd", factor, (Reason("; ".join(said), _w(factor) + _w(CLAIM_FACTOR)),), frozenset({"crowded"}))


def mentor_part(mentorship: Mentorship | None) -> Part:
    if mentorship is None:
        return Part("mentor", 1.0)
    if mentorship.kind == "label":
        text = f"mentored: labelled '{mentorship.evidence}'"
    else:
        who = f"@{mentorship.mentor}" if mentorship.mentor else "a maintainer"
        text = (f"mentored: the issue names {who} as a contact" if mentorship.kind == "contact"
                else f"mentored: {who} offered help (\"{mentorship.evidence}\")")
    return Part("mentor", MENTOR_FACTOR, (Reason(text, _w(MENTOR_FACTOR)),), frozenset({"mentored"}))


# --------------------------------------------------------------------------- next steps, difficulty

#: Odds factor for an issue in a project that already merged the person's work (chosen: maintainers
#: know them and they know the code; the brief calls it the strongest signal after follow-ups).
NEXT_STEP_FACTOR = 2.0
#: Further odds for an issue that names the person's merged pull request ("Follow-up to #140").
FOLLOW_UP_FACTOR = 4.0
#: Further odds, at most, for an issue that shares files or words with the earlier work.
TOUCHED_FACTOR = 1.5


def next_step_part(step: NextStep | None) -> Part:
    if step is None:
        return Part("next_step", 1.0)
    factor = NEXT_STEP_FACTOR
    reasons: list[Reason] = []
    if step.follow_up:
        factor *= FOLLOW_UP_FACTOR
        reasons.append(Reason(f"follow-up to your merged #{step.follow_up} in {step.project}",
                              _w(NEXT_STEP_FACTOR * FOLLOW_UP_FACTOR)))
    numbers = ", ".join(f"#{n}" for n in step.merged[-3:])
    credits = list(step.credits[:2])
    merger = (credits[0] if credits and credits[0].verb == "merged" and step.merged == (credits[0].number,)
              else None)
    if merger is not None:  # one sentence, not "gamma/export merged your #13" then "@gil merged your #13"
        credits = credits[1:]
        reasons.append(Reason(f"next step: @{merger.login} merged your #{merger.number} in {step.project}",
                              _w(NEXT_STEP_FACTOR)))
    else:
        reasons.append(Reason(f"next step: {step.project} merged your {numbers}", _w(NEXT_STEP_FACTOR)))
    if credits:
        reasons.append(Reason(_join([c.phrase() for c in credits]), 0.3))
    if step.touched:
        touched = min(TOUCHED_FACTOR, 1.0 + 0.1 * len(step.touched))
        factor *= touched
        reasons.append(Reason(f"close to your earlier work there: {', '.join(step.touched[:3])}", _w(touched)))
    return Part("next_step", factor, tuple(reasons), frozenset({"next-step"}))


#: How much a difficulty label weighs for each level: a hard issue is a poor first contribution
#: (chosen; RecGFI's "difficult" label category lowers the newcomer rate too, so this is modest).
LEVEL_FACTORS: dict[str, dict[str, float]] = {
    "beginner": {"difficult": 0.5, "medium": 0.75},
    "intermediate": {"difficult": 0.85},
}


def level_factor(categories: frozenset[str], level: str) -> tuple[float, str | None]:
    """The multiplier for an issue's difficulty labels at the person's level, and why."""
    factors = LEVEL_FACTORS.get(level, {})
    for category, words in (("difficult", "hard"), ("medium", "medium difficulty")):
        if category in categories and category in factors:
            return factors[category], f"labelled {words}: a bigger step at the {level} level, so later in the list"
    return 1.0, None


def difficulty_part(categories: frozenset[str], level: str, step: NextStep | None) -> Part:
    """Difficulty for the person's level; someone with merged work in the project is no beginner there,
    so a ``medium`` label is not a demotion in that project."""
    effective = "intermediate" if step is not None and level == "beginner" else level
    if step is not None and "difficult" not in categories:
        return Part("difficulty", 1.0)
    factor, why = level_factor(categories, effective)
    return Part("difficulty", factor, (Reason(why, _w(factor)),) if why else ())
