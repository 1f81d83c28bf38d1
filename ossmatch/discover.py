"""The suggest/digest pipeline: profile -> query plan -> fetch -> rank.

The query plan lets GitHub's search do the cheap filtering (open, unassigned, no linked pull
request, not archived, recently active) so the few requests we make return useful candidates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from ossmatch.errors import GitHubError, NotAPerson, OssmatchError, RateLimitError
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

#: GitHub allows at most five AND/OR/NOT operators in one search query...
MAX_OPERATORS = 5
#: ...and no query longer than 256 characters.
MAX_QUERY_LENGTH = 256
#: Room kept for exclusions (``-repo:``, ``-org:``, ``-label:``); ranking applies them all anyway.
MAX_FILTER_LENGTH = 150
#: Room for one group of OR-ed languages.
MAX_LANGUAGE_LENGTH = 70
DEFAULT_MAX_AGE_DAYS = 365


def _quote(value: str) -> str:
    cleaned = value.replace('"', "").strip()
    return f'"{cleaned}"' if any(c in cleaned for c in " :,()") else cleaned


def _labels(labels: list[str]) -> str:
    """Labels OR-ed with GitHub's comma syntax, which uses no boolean operator."""
    return "label:" + ",".join(_quote(lab) for lab in labels)


def _any_of(values: list[str], prefix: str = "") -> str:
    """``prefix`` + one value, or several OR-ed in parentheses."""
    terms = [f"{prefix}{_quote(v)}" for v in values]
    return terms[0] if len(terms) == 1 else "(" + " OR ".join(terms) + ")"


def pack(items: list[str], render: Callable[[list[str]], str], budget: int, most: int = 1000) -> list[list[str]]:
    """Split ``items`` in order into groups whose rendering fits ``budget`` characters (at most ``most``
    items each); an item too long on its own still gets a group, so nothing is dropped."""
    groups: list[list[str]] = []
    for item in items:
        if groups and len(groups[-1]) < most and len(render([*groups[-1], item])) <= budget:
            groups[-1].append(item)
        else:
            groups.append([item])
    return groups


def _filters(profile: Profile, now: datetime, *, extra: Iterable[str] = ()) -> str:
    """The qualifiers every query shares; exclusions only while they fit (ranking applies them all)."""
    since = (now - timedelta(days=profile.max_issue_age_days or DEFAULT_MAX_AGE_DAYS)).date().isoformat()
    tail = f"{BASE_QUALIFIERS} updated:>={since}"
    exclusions = [f"-label:{_quote(lab)}" for lab in profile.exclude_labels]
    exclusions += [f"-repo:{repo}" for repo in profile.exclude_repos]
    exclusions += [f"-org:{org}" for org in profile.exclude_orgs]
    for part in [*extra, *exclusions]:
        if len(tail) + 1 + len(part) <= MAX_FILTER_LENGTH:
            tail += f" {part}"
    return tail


def plan_queries(profile: Profile, now: datetime) -> list[str]:
    """Search queries covering the profile's labels and languages, each within GitHub's limits.

    Labels are OR-ed with commas (no boolean operator), languages in groups of at most six (five
    ``OR``), and labels are packed so that no query exceeds 256 characters. Unknown skill words
    get queries of their own.
    """
    labels = list(dict.fromkeys([*BEGINNER_LABELS, *profile.include_labels]))
    expanded = expand_skills([*profile.skills, *profile.languages])
    languages = sorted({github_language(lang) for lang in expanded.languages})
    tail = _filters(profile, now)

    def language_part(group: list[str]) -> str:
        return _any_of(group, "language:")

    def with_labels(head: str) -> list[str]:
        room = MAX_QUERY_LENGTH - len(tail) - len(head) - 2
        return [" ".join(p for p in (head, _labels(group), tail) if p) for group in pack(labels, _labels, room)]

    plans: list[str] = []
    for group in pack(languages, language_part, MAX_LANGUAGE_LENGTH, MAX_OPERATORS + 1) or [[]]:
        plans += with_labels(language_part(group) if group else "")
    words = sorted(w for w in expanded.words if w)
    for group in pack(words, _any_of, MAX_LANGUAGE_LENGTH, MAX_OPERATORS + 1):
        plans += with_labels(_any_of(group))[:1]  # the most common labels; words narrow enough
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
#: Projects the next-step searches cover, most recent first.
NEXT_STEP_PROJECTS = 5
#: How many next steps the default view puts first.
NEXT_STEPS_FIRST = 2


def plan_next_step_queries(history: ContributorHistory | None, profile: Profile, now: datetime) -> list[str]:
    """Searches over the projects that merged the person's work; none without such projects.

    Projects are OR-ed in parentheses, ``(repo:a/b OR repo:c/d)``: since September 2025 GitHub's
    issue search ANDs repeated ``repo:`` qualifiers written side by side (cli/cli
    ``pkg/search/query.go``), so ``repo:a/b repo:c/d`` would find nothing. Each query stays within
    5 operators and 256 characters; projects that do not fit go to a further query.
    """
    if history is None:
        return []
    excluded = {r.lower() for r in profile.exclude_repos}
    orgs = {o.lower() for o in profile.exclude_orgs}
    projects = [
        p for p in merged_projects(history)
        if p.lower() not in excluded and p.split("/")[0].lower() not in orgs
    ][:NEXT_STEP_PROJECTS]
    if not projects:
        return []
    labels = list(dict.fromkeys([*NEXT_STEP_LABELS, *profile.include_labels]))[:NEXT_STEP_MAX_LABELS]
    tail = _filters(profile.model_copy(update={"exclude_repos": (), "exclude_orgs": ()}), now)

    def repos(group: list[str]) -> str:
        return _any_of(group, "repo:")

    # Labels fill what the longest single project leaves; projects join a query while they fit.
    longest = max(len(repos([p])) for p in projects)
    label_part = pack(labels, _labels, MAX_QUERY_LENGTH - len(tail) - longest - 2)[0]
    head = f"{_labels(label_part)} {tail}"
    groups = pack(projects, repos, MAX_QUERY_LENGTH - len(head) - 1, MAX_OPERATORS + 1)
    return [f"{repos(group)} {head}" for group in groups]


def plan_next_step_query(history: ContributorHistory | None, profile: Profile, now: datetime) -> str | None:
    """The first next-step search (the most recent projects), or None."""
    planned = plan_next_step_queries(history, profile, now)
    return planned[0] if planned else None


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
    """Re-read issues sent earlier from GitHub itself (not the cache), to tell which were closed,
    taken or deleted since; None if gone. Up to 100 issues per GraphQL request."""
    return choose_source(client, lambda _m: None).issues(refs, fresh=True)


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
    except NotAPerson as error:
        notes.append(error.message)
        return None
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
    step_queries = plan_next_step_queries(history, profile, now)
    if history is not None and not step_queries and relations is not None and relations.next_only:
        notes.append(f"{history.login} has no merged pull request in the last year, so there are no next steps yet")
    queries = [] if relations is not None and relations.next_only else plan_queries(profile, now)
    queries = [*step_queries, *queries]
    candidates = gather(source, queries, per_query=per_query, warnings=warnings) if queries else []
    warnings += source.notices
    ranked = rank(candidates, profile, now, history=history)
    chosen, involved = arrange(ranked, relations or Relations(), limit)
    return SuggestResult(
        ranked=chosen,
        candidates=len(candidates),
        repositories=len({c.repo.name_with_owner for c in candidates}),
        warnings=warnings,
        full_signals=source.full_signals,
        me=history.login if history is not None else None,
        involved=involved[:limit],
        in_progress=in_progress(history, now),
        notes=notes,
    )
