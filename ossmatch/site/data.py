"""The adapter between ossmatch's ranking and audit and the portal: the only module that reads them.

The site shows issues as a generic newcomer would see them (no personal skills) and each project's
audit from a maintainer's view. Ranking and audit grading evolve on their own; when their public
functions change, this module is the one place the site has to follow.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta, timezone

from ossmatch.audit.evaluate import AuditResult
from ossmatch.models import Candidate, Model, Repo
from ossmatch.profile import Profile, ScoreWeights
from ossmatch.render.timefmt import humanize_ago, humanize_hours
from ossmatch.site.config import Area
from ossmatch.skills import expand_skills
from ossmatch.suggest.project_signals import RepoSignals, repo_signals
from ossmatch.suggest.scoring import RankedIssue, rank
from ossmatch.suggest.signals import categorize_label
from ossmatch.suggest.skillfit import match_skills
from ossmatch.vocabulary import is_maintainer

#: A newcomer with no declared skills: skill fit carries no weight, the other components keep
#: their default proportions.
GENERIC_NEWCOMER = Profile(weights=ScoreWeights(skill=0.0))
#: "Fresh this week": opened within this many days.
FRESH_DAYS = 7
#: Reasons shown per issue: one or two that set it apart, not the full list.
MAX_REASONS = 2
#: Reasons already visible elsewhere on the card (age, labels) or about personal skills.
#: The difficulty is on the card, and the site (no reader's level) does not order by it.
_REDUNDANT_REASON = re.compile(r"^(opened |labelled '|labelled (hard|medium difficulty):|matches your |"
                               r"does not obviously match your )")
#: Kinds of work offered as a filter, from the shared label vocabulary (``categorize_label``).
KIND_OF_CATEGORY: dict[str, str] = {
    "docs": "docs", "test": "tests", "bug": "bug", "feature": "feature", "enhancement": "feature",
}
#: Design work has no category in the shared vocabulary; these label words mark it.
_DESIGN_LABEL = re.compile(r"\b(design|ux|ui|a11y|accessibility|css)\b", re.IGNORECASE)
KINDS: tuple[str, ...] = ("docs", "tests", "bug", "feature", "design")
DIFFICULTIES: tuple[str, ...] = ("easy", "medium", "hard", "unrated")
#: Checks whose reasons are the newcomer numbers a project page shows, in this order.
NUMBER_CHECKS: tuple[tuple[str, str], ...] = (
    ("issue-response", "Response time"),
    ("newcomer-prs", "First-timer pull requests"),
    ("new-contributors", "New contributors"),
    ("retention", "Retention"),
)
#: Checks that say how to get started.
START_CHECKS: tuple[str, ...] = ("contributing", "code-of-conduct")
#: Fixes shown per project: the three that would help newcomers most.
TOP_FIXES = 3
#: Maintainers named as "who answers" on a project page.
MAX_ANSWERERS = 3
OTHER = "Other"
#: Issue evidence at least this strong means a label or the title names the skill (body mentions are weaker).
AREA_NAMED = 0.45


def slug(name: str) -> str:
    """``owner/repo`` -> ``owner.repo``: owners have no dots, so the page name is unambiguous."""
    return name.replace("/", ".", 1)


class SiteIssue(Model):
    repo: str
    #: The project page's file name without extension.
    slug: str
    number: int
    url: str
    title: str
    labels: tuple[str, ...]
    created_at: datetime
    #: ``created_at`` as ISO 8601 (UTC, seconds), for ``<time datetime>`` and the feeds.
    created: str
    age: str
    reasons: tuple[str, ...]
    mentored: bool
    fresh: bool
    language: str
    kinds: tuple[str, ...]
    difficulty: str
    area: str
    score: float


class Fix(Model):
    title: str
    reason: str
    remediation: str


class AuditView(Model):
    score: int | None
    grade: str | None
    fixes: tuple[Fix, ...]


class Number(Model):
    label: str
    value: str


class SiteProject(Model):
    name: str
    slug: str
    url: str
    description: str
    language: str
    stars: int
    archived: bool
    issues: tuple[SiteIssue, ...] = ()
    audit: AuditView | None = None
    numbers: tuple[Number, ...] = ()
    contributing_url: str | None = None
    start_notes: tuple[str, ...] = ()
    answerers: tuple[str, ...] = ()
    #: Issues beyond the site's per-project cap, folded into one line, and the best score among them.
    more: int = 0
    more_top: float | None = None


def iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def rank_for_newcomer(candidates: Iterable[Candidate], now: datetime) -> list[RankedIssue]:
    """Best first for a newcomer with no declared skills; claimed issues never appear. The site has no
    reader's level to prefer easier issues by (each card says its difficulty), so it is in score order."""
    ranked = [r for r in rank(candidates, GENERIC_NEWCOMER, now) if "claimed" not in r.flags]
    return sorted(ranked, key=lambda r: (-r.score, *r.sort_key()[1:]))


def distinct_reasons(reasons: Sequence[str]) -> tuple[str, ...]:
    """The first reasons (the ranking orders them by how much they set the issue apart) that are not
    already on the card (age, labels) and not about personal skills."""
    return tuple(r for r in reasons if not _REDUNDANT_REASON.match(r))[:MAX_REASONS]


def kinds_of(labels: Iterable[str]) -> tuple[str, ...]:
    found: set[str] = set()
    for label in labels:
        found.update(KIND_OF_CATEGORY[c] for c in categorize_label(label) if c in KIND_OF_CATEGORY)
        if _DESIGN_LABEL.search(label):
            found.add("design")
    return tuple(k for k in KINDS if k in found)


def difficulty_of(labels: Iterable[str]) -> str:
    """From difficulty labels: hard beats medium beats an explicit beginner label."""
    categories = {c for label in labels for c in categorize_label(label)}
    if "difficult" in categories:
        return "hard"
    if "medium" in categories:
        return "medium"
    if "gfi" in categories:
        return "easy"
    return "unrated"


def area_of(candidate: Candidate, areas: Sequence[Area]) -> str:
    """The area an issue belongs to, by the suggest skill match, else ``Other``.

    An area whose topical skills (docs, testing, frameworks; not languages) the issue's labels or
    title name wins, so a docs issue in a Python project is a docs issue; otherwise the strongest
    overall match, where the repository's languages count most.
    """
    best, best_fit = OTHER, (False, 0.0)
    for area in areas:
        expanded = expand_skills(area.skills)
        topical = match_skills(candidate, expanded.model_copy(update={"languages": frozenset()}))
        fit = (topical.issue_score >= AREA_NAMED, round(match_skills(candidate, expanded).score, 9))
        if fit[1] > 0 and fit > best_fit:
            best, best_fit = area.name, fit
    return best


def site_issue(ranked: RankedIssue, now: datetime, areas: Sequence[Area]) -> SiteIssue:
    issue, repo = ranked.issue, ranked.repo
    age_hours = (now - issue.created_at).total_seconds() / 3600
    labels = issue.label_names
    language = repo.primary_language or OTHER
    area = area_of(Candidate(issue=issue, repo=repo), areas) if areas else language
    return SiteIssue(
        repo=repo.name_with_owner, slug=slug(repo.name_with_owner), number=issue.number, url=issue.url,
        title=issue.title, labels=labels, created_at=issue.created_at, created=iso(issue.created_at),
        age=humanize_ago(age_hours),
        reasons=distinct_reasons(ranked.reasons), mentored=ranked.mentorship is not None,
        fresh=now - issue.created_at <= timedelta(days=FRESH_DAYS), language=language,
        kinds=kinds_of(labels), difficulty=difficulty_of(labels), area=area, score=round(ranked.score, 2),
    )


def audit_view(result: AuditResult) -> AuditView:
    """Grade and the three fixes the audit ranks first (expected score gain per effort, gates first)."""
    reasons = {c.id: c.reason for c in result.checks}
    return AuditView(score=result.score, grade=result.grade, fixes=tuple(
        Fix(title=f.title, reason=reasons.get(f.check, ""), remediation=f.action)
        for f in result.fixes[:TOP_FIXES]))


def signal_numbers(signals: RepoSignals) -> tuple[Number, ...]:
    """Newcomer numbers from the repository's recent activity (when there is no audit)."""
    numbers: list[Number] = []
    if signals.median_first_response_hours is not None:
        numbers.append(Number(label="Response time", value=(
            f"maintainers answer new issues in {humanize_hours(signals.median_first_response_hours)} "
            f"(median of {signals.issues_sampled} recent issues)")))
    if signals.newcomer_pr_merge_rate is not None and signals.newcomer_prs_decided:
        merged = round(signals.newcomer_pr_merge_rate * signals.newcomer_prs_decided)
        numbers.append(Number(label="First-timer pull requests", value=(
            f"{merged} of {signals.newcomer_prs_decided} recent first-timer pull requests were merged")))
    return tuple(numbers)


def audit_numbers(result: AuditResult) -> tuple[Number, ...]:
    """Newcomer numbers as the audit measured them, each in the check's own words."""
    by_id = {c.id: c for c in result.checks}
    return tuple(Number(label=label, value=by_id[cid].reason)
                 for cid, label in NUMBER_CHECKS if cid in by_id and by_id[cid].outcome != "error")


def start_notes(result: AuditResult) -> tuple[str, ...]:
    by_id = {c.id: c for c in result.checks}
    return tuple(by_id[cid].reason for cid in START_CHECKS if cid in by_id)


def answerers(repo: Repo) -> tuple[str, ...]:
    """Maintainers who most often answered recent issues (bots excluded): who a newcomer will meet."""
    counts: Counter[str] = Counter()
    for issue in repo.recent_issues:
        for comment in issue.comments:
            login = comment.author.login
            if login and is_maintainer(comment.author, comment.association):
                counts[login] += 1
    return tuple(login for login, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_ANSWERERS])


def project(repo: Repo, issues: Sequence[SiteIssue], audit: AuditResult | None,
            contributing_url: str | None, now: datetime) -> SiteProject:
    numbers = audit_numbers(audit) if audit is not None else signal_numbers(repo_signals(repo, now))
    return SiteProject(
        name=repo.name_with_owner, slug=slug(repo.name_with_owner), url=repo.url, description=repo.description or "",
        language=repo.primary_language or OTHER, stars=repo.stars, archived=repo.archived,
        issues=tuple(issues), audit=audit_view(audit) if audit is not None else None,
        numbers=numbers, contributing_url=contributing_url,
        start_notes=start_notes(audit) if audit is not None else (), answerers=answerers(repo),
    )
