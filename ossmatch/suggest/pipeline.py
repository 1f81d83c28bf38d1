"""The suggest/digest pipeline: profile -> query plan -> fetch -> rank."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

from ossmatch.errors import GitHubError, NotAPerson, OssmatchError, RateLimitError
from ossmatch.github.client import GitHubClient
from ossmatch.github.history import read_history
from ossmatch.github.sources import STOPPED_EARLY, Found, IssueSource, Person, Searches, open_source, stopped_early
from ossmatch.github.sources.shared import PAGE
from ossmatch.models import Candidate, ContributorHistory, Issue, Repo
from ossmatch.profile import Profile
from ossmatch.render.wording import plural
from ossmatch.suggest.filters import LEFT_OUT_WORDS, AiRefusal, Triaged, ai_refusals, excluded_counts, triage
from ossmatch.suggest.fold import Fold, fold
from ossmatch.suggest.hidden import HiddenState
from ossmatch.suggest.limits import DEFAULT_DEPTH, DEFAULT_LIMIT, PER_REPO_DEFAULT
from ossmatch.suggest.plan import general_queries, next_step_projects, plan_next_step_queries, plan_slices
from ossmatch.suggest.relationships import InProgress, in_progress
from ossmatch.suggest.scoring import RankedIssue, contributed_repos, rank_triaged

Progress = Callable[[str], None]


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
    #: How many issues passed every filter, before ``limit`` cut the list ("showing 10 of 101").
    matched: int = 0
    #: How many ranked issues were left out because the person hid them.
    hidden: int = 0
    #: Per shown repository, its issues beyond ``per_repo`` (folded under its last shown issue).
    folds: dict[str, Fold] = field(default_factory=dict)
    #: Issues left out for a reason worth saying (a shut door, blocked, a tracking issue), by reason.
    left_out: dict[str, int] = field(default_factory=dict)
    #: The projects left out for refusing AI-assisted work (``ai_assisted = true``), with their words.
    ai_refused: list[AiRefusal] = field(default_factory=list)
    #: How the answer was fetched when GitHub made it take a detour (a request split in smaller
    #: ones): shown with ``-v`` only.
    details: list[str] = field(default_factory=list)

    @property
    def partial(self) -> bool:
        """Whether a search stopped before its end (quota, deadline, GitHub giving up): the list is
        ranked from what was found and says so in every format."""
        return any(w.startswith(STOPPED_EARLY) for w in self.warnings)

    @property
    def next_steps(self) -> list[RankedIssue]:
        return [r for r in self.ranked if r.next_step is not None]


def searches_for(queries: Iterable[str], *, depth: int, per_query: int, now: datetime,
                 sliced: Iterable[str] = ()) -> Searches:
    """The searches as the planner shapes them: the ``sliced`` ones (the broad searches) split into
    date slices asked side by side; narrow ones (next steps in a few projects) asked whole."""
    wanted = tuple(queries)
    broad = [q for q in sliced if q in wanted]
    slices: dict[str, list[str]] = {q: [q] for q in wanted}
    slices.update(plan_slices(broad, depth, now))
    return Searches(queries=wanted, depth=depth, per_query=per_query, slices=slices)


def collect(found: Found, into: dict[tuple[str, int], Issue] | None = None) -> dict[tuple[str, int], Issue]:
    """Every issue found, once, in query order."""
    issues = dict(into or {})
    for results in found.issues.values():
        for issue in results:
            issues.setdefault((issue.repo, issue.number), issue)
    return issues


def gather(
    source: IssueSource, searches: Searches, *, warnings: list[str],
    found: dict[tuple[str, int], Issue] | None = None, also_read: Iterable[str] = (),
) -> list[Candidate]:
    """Run the searches, de-duplicate, then read each distinct repository once.

    ``found`` holds issues already found (by a combined search); the repositories in ``also_read``
    (theirs, and those the searches are confined to) travel with the searches where the source
    can. When the quota runs out part-way, keep what was found and say so instead of failing.
    """
    issues: dict[tuple[str, int], Issue] = dict(found or {})
    known: dict[str, Repo] = {}
    asked = [(i.repo, i.number) for i in issues.values() if i.open_sub_issues > 0]
    try:
        if searches.queries:
            answer = source.find(searches, repos=also_read, trackers=asked)
            issues, known = collect(answer, issues), answer.repos
    except RateLimitError as error:
        if not issues:
            raise
        warnings.append(stopped_early(error.message, len(issues)))
    trackers = [(i.repo, i.number) for i in issues.values() if i.open_sub_issues > 0]
    # A repository read alongside the searches is read again only for a tracking issue those
    # searches found in it (its sub-issues); the others in the order found, so a source that
    # cannot read them all reads the first ones.
    late = {name for name, number in trackers if (name, number) not in asked and name in known}
    unread = [name for name in dict.fromkeys(i.repo for i in issues.values()) if name not in known or name in late]
    try:
        repos = {**known, **(source.repos(unread, trackers) if unread else {})}
    except RateLimitError as error:
        raise OssmatchError(
            f"found {plural(len(issues), 'issue')} but could not read their repositories: {error.message}"
        ) from None
    found_here = [Candidate(issue=i, repo=repos[i.repo]) for i in issues.values() if i.repo in repos]
    # A tracking issue's open sub-issues are the tasks: candidates in its place, labelled or not.
    tasks = [Candidate(issue=sub, repo=repo) for repo in repos.values() for sub in repo.sub_issues
             if (sub.repo, sub.number) not in issues]
    return found_here + tasks


def refresh_issues(
    client: GitHubClient, refs: list[tuple[str, int]], warnings: list[str] | None = None
) -> dict[tuple[str, int], Issue | None]:
    """Re-read issues sent earlier from GitHub itself (not the cache), to tell which were closed,
    taken or deleted since; None if gone. Up to 100 issues per GraphQL request. What could not
    be re-checked (a refusing organisation) goes to ``warnings``."""
    source = open_source(client)
    found = source.issues(refs, fresh=True)
    if warnings is not None:
        warnings.extend(source.notices)
    return found


@dataclass(frozen=True)
class Relations:
    """Whose history to read and which view of it: ``me`` None means the token's own user."""

    me: str | None = None
    next_only: bool = False
    mentored_only: bool = False
    #: Issues and repositories the person hid (``ossmatch hide``): left out of every view.
    hidden: HiddenState | None = None


#: The note for runs that cannot know who the person is.
TOKEN_NOTE = (
    "set GITHUB_TOKEN (or pass --me LOGIN) to see next steps in projects you contributed to, "
    "issues you are already part of and your open pull requests"
)


def read_contributor(
    client: GitHubClient, relations: Relations, *, now: datetime, warnings: list[str], notes: list[str]
) -> ContributorHistory | None:
    """The person's history, or None when nobody is known; only an explicit ``--me`` may fail the run."""
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


def per_query_share(depth: int, queries: int) -> int:
    """Each query's fair share of ``depth`` candidates, in whole pages so no request is half used."""
    if queries <= 0:
        return 0
    share = -(-depth // queries)
    return max(PAGE, -(-share // PAGE) * PAGE)


class Arranged(NamedTuple):
    """What one list shows (``arrange``)."""

    new: list[RankedIssue]
    involved: list[RankedIssue]
    folds: dict[str, Fold]
    #: How many new finds were eligible before ``limit`` and ``per_repo`` cut them ("showing 10 of 101").
    matched: int


def arrange(ranked: list[RankedIssue], relations: Relations, limit: int,
            per_repo: int = PER_REPO_DEFAULT) -> Arranged:
    """(new finds, involved, folds, how many new finds matched): in score order, always (with
    ``next_only`` only next steps), at most ``per_repo`` issues of one repository; the rest of a
    repository folds under its last shown issue."""
    involved = [r for r in ranked if r.involvement is not None]
    fresh = [r for r in ranked if r.involvement is None]
    if relations.mentored_only:
        fresh = [r for r in fresh if r.mentorship is not None]
    if relations.next_only:
        fresh = [r for r in fresh if r.next_step is not None]
    chosen, folds = fold(fresh, per_repo, limit)
    return Arranged(chosen, involved, folds, len(fresh))


#: Said when a profile's ``weights`` order the list: the scores stay the chance, so the order may not.
PREFERENCE_NOTE = ("your profile's weights set the order of this list; each score is still the chance of a "
                   "merged pull request, which weights do not change, so a lower score may come first")


def preference_note(ranked: list[RankedIssue], level: str) -> str | None:
    """One note for whatever preference ordered the shown issues (weights, level or both), or None
    when every issue is ordered by its score: the scores stay the chance, so the order may not."""
    by = {cause for r in ranked for cause in r.preferred_by}
    if by == {"weights"}:
        return PREFERENCE_NOTE
    if by == {"level"}:
        return (f"your level ({level}) puts issues labelled medium or hard later in this list; each score is "
                "still the chance of a merged pull request, which the level does not change, so a lower score "
                "may come first")
    if by:
        return (f"your profile's weights and your level ({level}) set the order of this list; each score is "
                "still the chance of a merged pull request, which they do not change, so a lower score may "
                "come first")
    return None


def no_match_note(profile: Profile, considered: int) -> str:
    """What to say when none of the issues found shows any declared skill."""
    skills = ", ".join(profile.skills or profile.languages) or "your skills"
    return (
        f"none of the {considered} issues found matches {skills}, so none is listed; try a more common "
        "skill (a language such as python or javascript, or docs, testing, frontend), check its spelling, "
        "or add languages to your profile"
    )


def _history_round(
    client: GitHubClient, source: IssueSource, relations: Relations | None, general: list[str], *,
    now: datetime, depth: int, per_query: int | None, warnings: list[str], notes: list[str],
) -> tuple[ContributorHistory | None, dict[tuple[str, int], Issue], list[str]]:
    """(history, issues found, general searches still to run): a source that reads the person's
    history asks the general searches with it in one round, so none is left for the next."""
    if relations is None:
        return None, {}, general
    if not source.reads_history:
        return read_contributor(client, relations, now=now, warnings=warnings, notes=notes), {}, general
    # Searches and history travel together: the next-step searches then follow in one more round.
    share = per_query if per_query is not None else per_query_share(depth, len(general))
    answer = source.find(searches_for(general, depth=depth, per_query=share, now=now, sliced=general),
                         person=Person(relations.me), now=now)
    found = collect(answer)
    history = answer.history if answer.history is not None else read_contributor(
        client, relations, now=now, warnings=warnings, notes=notes)
    return history, found, []


def _fetch(
    client: GitHubClient, source: IssueSource, profile: Profile, relations: Relations | None,
    repos: Sequence[str], *, now: datetime, depth: int, per_query: int | None,
    warnings: list[str], notes: list[str],
) -> tuple[list[Candidate], ContributorHistory | None, int]:
    """(candidates, history, searches asked): the person's history and the searches it shapes
    (next steps in their projects) beside the general ones, in as few rounds as the source allows."""
    next_only = relations is not None and relations.next_only
    general = [] if next_only else general_queries(profile, now, repos)
    searched = len(general)
    history, found, general = _history_round(client, source, relations, general, now=now, depth=depth,
                                             per_query=per_query, warnings=warnings, notes=notes)
    step_queries = plan_next_step_queries(history, profile, now)
    if history is not None and not step_queries and next_only:
        notes.append(f"{history.login} has no merged pull request in the last year, so there are no next steps yet")
    queries = [*step_queries, *general]
    share = per_query if per_query is not None else per_query_share(depth, len(queries))
    searched += len(step_queries)
    searches = searches_for(queries, depth=share * len(queries), per_query=share, now=now, sliced=general)
    # Next steps come only from the person's projects: those and the repositories found so far are
    # read in the same request as the next-step searches.
    alongside = (sorted({i.repo for i in found.values()} | set(next_step_projects(history, profile)))
                 if step_queries else [])
    candidates = (gather(source, searches, warnings=warnings, found=found, also_read=alongside)
                  if queries or found else [])
    return candidates, history, searched


def _left_out(triaged: Triaged, profile: Profile) -> tuple[dict[str, int], list[AiRefusal]]:
    """(issues left out for a reason worth saying, by reason; projects refusing AI-assisted work)."""
    left_out = {r: n for r, n in excluded_counts(triaged).items() if r in LEFT_OUT_WORDS}
    ai_refused = ai_refusals(triaged) if profile.ai_assisted else []
    return left_out, ai_refused


def _drop_hidden(ranked: list[RankedIssue], relations: Relations | None,
                 now: datetime) -> tuple[list[RankedIssue], int]:
    """(the ranked issues the person did not hide, how many they hid)."""
    hidden = relations.hidden if relations is not None else None
    shown = [r for r in ranked if hidden is None or not hidden.covers(r.issue.repo, r.issue.number, now)]
    return shown, len(ranked) - len(shown)


def _choose(
    ranked: list[RankedIssue], profile: Profile, relations: Relations, repos: Sequence[str], *,
    limit: int, per_repo: int, notes: list[str],
) -> tuple[list[RankedIssue], list[RankedIssue], dict[str, Fold], int]:
    """(new finds, involved, folds, how many matched before ``limit``): the issues that match the
    person, cut to the list they see, with a note when none matches or a preference ordered them."""
    if ranked and not any(r.skill_matched for r in ranked):
        notes.append(no_match_note(profile, len(ranked)))
    # An issue that shows none of the declared skills is no match: neither listed nor counted (next
    # steps and issues the person is part of stay: they are about the person, not the skills).
    ranked = [r for r in ranked if r.skill_matched or r.next_step is not None or r.involvement is not None]
    if repos:
        wanted = {r.lower() for r in repos}
        ranked = [r for r in ranked if r.issue.repo.lower() in wanted]
        per_repo = 0  # one project's issues, asked for by name: no cap
    chosen, involved, folds, matched = arrange(ranked, relations, limit, per_repo)
    # Folded issues count too: a preference may have put a higher score under a fold line.
    preferred = preference_note([*chosen, *involved[:limit], *(i for f in folds.values() for i in f.issues)],
                                profile.level)
    if preferred is not None:
        notes.append(preferred)
    return chosen, involved, folds, matched


def _add_budget_note(note: str | None, notes: list[str]) -> None:
    """Put the source's note about its request budget first, folding the missing-token note into it
    (one note about the missing token, not two)."""
    if note is None:
        return
    if TOKEN_NOTE in notes:
        notes.remove(TOKEN_NOTE)
        also = TOKEN_NOTE.removeprefix("set GITHUB_TOKEN (or pass --me LOGIN) to ")
        note += f"; a token would also let you {also}"
    notes.insert(0, note)


def find_matches(
    client: GitHubClient,
    profile: Profile,
    *,
    now: datetime,
    limit: int = DEFAULT_LIMIT,
    per_query: int | None = None,
    depth: int = DEFAULT_DEPTH,
    per_repo: int = PER_REPO_DEFAULT,
    progress: Progress = lambda _m: None,
    relations: Relations | None = None,
    repos: Sequence[str] = (),
) -> SuggestResult:
    """Search, fetch and rank: the whole ``suggest`` job, best matches first.

    With ``relations``, the person's history adds one request (two searches without a token) and
    at most one search over the projects that merged their work. With ``repos``, only those
    repositories are searched and listed, without the per-repository cap.
    """
    warnings: list[str] = []
    notes: list[str] = []
    source = open_source(client, progress, now)
    candidates, history, searched = _fetch(client, source, profile, relations, repos, now=now, depth=depth,
                                           per_query=per_query, warnings=warnings, notes=notes)
    warnings += source.notices
    # Why each candidate cannot be offered, decided once for the ranking and the counts of what was left out.
    triaged = triage(candidates, profile, now, contributed_repos(history))
    ranked = rank_triaged(triaged, profile, now, history=history)
    left_out, ai_refused = _left_out(triaged, profile)
    considered = len(ranked)
    ranked, hidden = _drop_hidden(ranked, relations, now)
    chosen, involved, folds, matched = _choose(ranked, profile, relations or Relations(), repos,
                                               limit=limit, per_repo=per_repo, notes=notes)
    repositories = len({c.repo.name_with_owner for c in candidates})
    if candidates:
        # Said as progress (on a terminal) and in JSON (`candidates`, `repositories`), not as a note.
        progress(f"considered {considered} open issues in {repositories} repositories "
                 f"({len(candidates)} found by {searched} searches)")
    _add_budget_note(source.budget_note(repositories), notes)
    return SuggestResult(
        ranked=chosen, candidates=len(candidates), repositories=repositories, warnings=warnings,
        full_signals=source.full_signals, me=history.login if history is not None else None,
        involved=involved[:limit], in_progress=in_progress(history, now), notes=notes, matched=matched,
        hidden=hidden, folds=folds, left_out=left_out, ai_refused=ai_refused, details=list(source.details),
    )
