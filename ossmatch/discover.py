"""The suggest/digest pipeline: profile -> query plan -> fetch -> rank.

The query plan lets GitHub's search do the cheap filtering (open, unassigned, no linked pull
request, not archived, recently active) so the few requests we make return useful candidates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from ossmatch.errors import GitHubError, OssmatchError, RateLimitError
from ossmatch.github.client import GitHubClient
from ossmatch.github.sources import GraphQLSource, IssueSource, RestSource
from ossmatch.models import Candidate, ContributorHistory, Issue
from ossmatch.profile import Profile
from ossmatch.ranking import RankedIssue, rank
from ossmatch.relationships import InProgress, in_progress, merged_projects
from ossmatch.skills import expand_skills, github_language

Progress = Callable[[str], None]

#: Labels projects use to mark issues for newcomers, in rough order of how often they appear.
BEGINNER_LABELS: tuple[str, ...] = (
    "good first issue",
    "good-first-issue",
    "good first bug",
    "beginner",
    "beginner friendly",
    "beginner-friendly",
    "first-timers-only",
    "easy",
    "starter",
    "newcomer",
    "help wanted",
    "up-for-grabs",
    "low-hanging-fruit",
    "E-easy",
)

#: Always-on qualifiers: search drops taken, fixed, archived and closed issues for us.
BASE_QUALIFIERS = "is:issue is:open no:assignee -linked:pr archived:false"

#: GitHub allows at most five AND/OR/NOT operators in one search query.
MAX_OPERATORS = 5
LABELS_PER_QUERY = 8
DEFAULT_MAX_AGE_DAYS = 365


def _quote(value: str) -> str:
    cleaned = value.replace('"', "").strip()
    return f'"{cleaned}"' if any(c in cleaned for c in " :,()") else cleaned


def _chunks(items: list[str], size: int) -> list[list[str]]:
    return [items[i : i + size] for i in range(0, len(items), size)] or [[]]


def plan_queries(profile: Profile, now: datetime) -> list[str]:
    """Search queries covering the profile's labels and languages, each within GitHub's limits.

    Labels are OR-ed with GitHub's comma syntax (no boolean operator); languages are OR-ed in
    groups of at most six (five ``OR``); unknown skill words get a query of their own.
    """
    labels = list(dict.fromkeys([*BEGINNER_LABELS, *profile.include_labels]))
    expanded = expand_skills([*profile.skills, *profile.languages])
    languages = sorted({github_language(lang) for lang in expanded.languages})
    max_age = profile.max_issue_age_days or DEFAULT_MAX_AGE_DAYS
    since = (now - timedelta(days=max_age)).date().isoformat()
    filters = [BASE_QUALIFIERS, f"updated:>={since}"]
    filters += [f"-label:{_quote(lab)}" for lab in profile.exclude_labels]
    filters += [f"-repo:{repo}" for repo in profile.exclude_repos]
    filters += [f"-org:{org}" for org in profile.exclude_orgs]
    tail = " ".join(filters)

    language_groups: list[str] = []
    for group in _chunks(languages, MAX_OPERATORS + 1):
        if len(group) == 1:
            language_groups.append(f"language:{_quote(group[0])}")
        elif group:
            language_groups.append("(" + " OR ".join(f"language:{_quote(g)}" for g in group) + ")")
    plans: list[str] = []
    for label_group in _chunks(labels, LABELS_PER_QUERY):
        label_part = "label:" + ",".join(_quote(lab) for lab in label_group)
        for language_part in language_groups or [""]:
            plans.append(" ".join(p for p in (language_part, label_part, tail) if p))
    words = sorted(w for w in expanded.words if w)
    for group in _chunks(words, MAX_OPERATORS + 1):
        if group:
            word_part = " OR ".join(_quote(w) for w in group)
            word_part = f"({word_part})" if len(group) > 1 else word_part
            plans.append(
                f"{word_part} label:"
                + ",".join(_quote(lab) for lab in labels[:LABELS_PER_QUERY])
                + f" {tail}"
            )
    return plans


#: Labels a next-step search looks for: beyond beginner labels, the next rung of difficulty.
NEXT_STEP_LABELS: tuple[str, ...] = (
    "help wanted",
    "good first issue",
    "good-first-issue",
    "medium",
    "difficulty: medium",
    "E-medium",
    "intermediate",
    "mentored",
)
NEXT_STEP_MAX_LABELS = 12
#: Projects one next-step search covers (GitHub ORs several ``repo:`` qualifiers, no operator used).
NEXT_STEP_PROJECTS = 5
#: How many next steps the default view puts first.
NEXT_STEPS_FIRST = 2


def plan_next_step_query(history: ContributorHistory | None, profile: Profile, now: datetime) -> str | None:
    """One search over the projects that merged the person's work, or None when there are none."""
    if history is None:
        return None
    excluded = {r.lower() for r in profile.exclude_repos}
    orgs = {o.lower() for o in profile.exclude_orgs}
    projects = [
        p for p in merged_projects(history)
        if p.lower() not in excluded and p.split("/")[0].lower() not in orgs
    ][:NEXT_STEP_PROJECTS]
    if not projects:
        return None
    labels = list(dict.fromkeys([*NEXT_STEP_LABELS, *profile.include_labels]))[:NEXT_STEP_MAX_LABELS]
    since = (now - timedelta(days=profile.max_issue_age_days or DEFAULT_MAX_AGE_DAYS)).date().isoformat()
    parts = [f"repo:{p}" for p in projects]
    parts += [BASE_QUALIFIERS, f"updated:>={since}", "label:" + ",".join(_quote(lab) for lab in labels)]
    parts += [f"-label:{_quote(lab)}" for lab in profile.exclude_labels]
    return " ".join(parts)


def operator_count(query: str) -> int:
    """How many AND/OR/NOT operators a query uses (GitHub allows five)."""
    return sum(
        1 for token in query.replace("(", " ").replace(")", " ").split() if token in ("AND", "OR", "NOT")
    )


@dataclass
class SuggestResult:
    ranked: list[RankedIssue]
    candidates: int = 0
    repositories: int = 0
    queries: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    full_signals: bool = True
    #: Whose history shaped the result (None: nobody's).
    me: str | None = None
    #: Found issues the person already opened or commented on: theirs to follow, not new finds.
    involved: list[RankedIssue] = field(default_factory=list)
    #: The person's open pull requests, longest-waiting first.
    in_progress: list[InProgress] = field(default_factory=list)
    #: Hints about what more ossmatch could do (a token, --me), for stderr.
    notes: list[str] = field(default_factory=list)

    @property
    def next_steps(self) -> list[RankedIssue]:
        return [r for r in self.ranked if r.next_step is not None]


def choose_source(client: GitHubClient, progress: Progress) -> IssueSource:
    return GraphQLSource(client, progress) if client.has_token else RestSource(client, progress)


def gather(
    source: IssueSource, queries: Iterable[str], *, per_query: int, warnings: list[str]
) -> list[Candidate]:
    """Run each query, de-duplicate, then read each distinct repository once.

    When the quota runs out part-way, keep what was found and say so instead of failing.
    """
    issues: dict[tuple[str, int], Issue] = {}
    try:
        for query in queries:
            for issue in source.search(query, per_query):
                issues.setdefault((issue.repo, issue.number), issue)
    except RateLimitError as error:
        if not issues:
            raise
        warnings.append(f"stopped searching early: {error.message}")
    try:
        repos = source.repos(issue.repo for issue in issues.values())
    except RateLimitError as error:
        raise OssmatchError(
            f"found {len(issues)} issues but could not read their repositories: {error.message}"
        ) from None
    return [Candidate(issue=i, repo=repos[i.repo]) for i in issues.values() if i.repo in repos]


def refresh_issues(client: GitHubClient, refs: list[tuple[str, int]]) -> dict[tuple[str, int], Issue | None]:
    """Re-read issues sent earlier, to tell which were closed or taken since; None if gone."""
    return choose_source(client, lambda _m: None).issues(refs)


@dataclass(frozen=True)
class Relations:
    """Whose history to read and which view of it: ``me`` None means the token's own user."""

    me: str | None = None
    next_only: bool = False
    mentored_only: bool = False


#: The note for runs that cannot know who the person is.
TOKEN_NOTE = (
    "set GITHUB_TOKEN (or pass --me LOGIN) to see next steps in projects you contributed to, "
    "issues you are already part of and your open pull requests"
)


def read_contributor(
    client: GitHubClient, relations: Relations, *, now: datetime, warnings: list[str], notes: list[str]
) -> ContributorHistory | None:
    """The person's history, or None when nobody is known; only an explicit ``--me`` may fail the run."""
    from ossmatch.github.history import read_history

    if relations.me is None and not client.has_token:
        notes.append(TOKEN_NOTE)
        return None
    try:
        history = read_history(client, relations.me, now=now)
    except GitHubError as error:
        if relations.me is not None:
            raise
        warnings.append(f"could not read your GitHub history, so no next steps: {error.message}")
        return None
    if not history.complete:
        notes.append(
            "without a token your history comes from search: reviewers of your earlier work and "
            "review waits are not shown; set GITHUB_TOKEN for them"
        )
    return history


def arrange(ranked: list[RankedIssue], relations: Relations, limit: int) -> tuple[list[RankedIssue], list[RankedIssue]]:
    """(new finds, involved): next steps first (all with ``next_only``, else up to two), then by score."""
    involved = [r for r in ranked if r.involvement is not None]
    fresh = [r for r in ranked if r.involvement is None]
    if relations.mentored_only:
        fresh = [r for r in fresh if r.mentorship is not None]
    steps = [r for r in fresh if r.next_step is not None]
    if relations.next_only:
        return steps[:limit], involved
    first = steps[:NEXT_STEPS_FIRST]
    rest = [r for r in fresh if all(r is not f for f in first)]
    return (first + rest)[:limit], involved


def find_matches(
    client: GitHubClient,
    profile: Profile,
    *,
    now: datetime,
    limit: int = 10,
    per_query: int = 100,
    progress: Progress = lambda _m: None,
    relations: Relations | None = None,
) -> SuggestResult:
    """Search, fetch and rank: the whole ``suggest`` job, best matches first.

    With ``relations``, the person's history adds one request (two searches without a token) and
    at most one search over the projects that merged their work.
    """
    warnings: list[str] = []
    notes: list[str] = []
    source = choose_source(client, progress)
    if not source.full_signals:
        warnings.append(
            "no GitHub token: using REST search with fewer signals (no maintainer response times or "
            "claims); set GITHUB_TOKEN or GH_TOKEN for full ranking"
        )
    history = None
    if relations is not None:
        history = read_contributor(client, relations, now=now, warnings=warnings, notes=notes)
    step_query = plan_next_step_query(history, profile, now)
    if history is not None and step_query is None and relations is not None and relations.next_only:
        notes.append(f"{history.login} has no merged pull request in the last year, so there are no next steps yet")
    queries = [] if relations is not None and relations.next_only else plan_queries(profile, now)
    if step_query is not None:
        queries = [step_query, *queries]
    candidates = gather(source, queries, per_query=per_query, warnings=warnings) if queries else []
    ranked = rank(candidates, profile, now, history=history)
    chosen, involved = arrange(ranked, relations or Relations(), limit)
    return SuggestResult(
        ranked=chosen,
        candidates=len(candidates),
        repositories=len({c.repo.name_with_owner for c in candidates}),
        queries=queries,
        warnings=warnings,
        full_signals=source.full_signals,
        me=history.login if history is not None else None,
        involved=involved[:limit],
        in_progress=in_progress(history, now),
        notes=notes,
    )
