"""A person's relationship with projects: where a next step fits, what they are already part of.

Pure functions over a ``ContributorHistory`` and candidate issues. A first merged pull request is
most valuable when it leads to a second one in the same project, so issues there are offered as
"next steps" with the people who reviewed the earlier work named; issues the person already
opened or commented on are theirs to follow, not new finds; their open pull requests are listed
with a nudge when a review has waited too long.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict

from ossmatch.models import Candidate, ContributorHistory, Involvement, Issue, OwnPullRequest
from ossmatch.render.timefmt import humanize_ago
from ossmatch.render.wording import plural
from ossmatch.vocabulary import is_bot_login

#: A review that has waited longer than this gets a nudge.
REVIEW_NUDGE_AFTER = timedelta(days=7)

#: Words too common in titles and paths to say anything about what someone worked on.
_STOPWORDS = frozenset(
    {
        "a", "an", "the", "and", "or", "of", "to", "in", "on", "for", "with", "from", "into", "by",
        "at", "as", "is", "are", "be", "it", "its", "this", "that", "these", "those", "add", "adds",
        "added", "fix", "fixes", "fixed", "update", "updates", "updated", "use", "uses", "make",
        "makes", "remove", "removed", "change", "changes", "support", "allow", "when", "not", "new",
        "more", "some", "docs", "doc", "src", "lib", "main", "index", "init", "test", "tests",
        "readme", "md", "py", "js", "ts", "rs", "go", "txt", "json", "yml", "yaml", "toml", "cfg",
        "github", "workflows"
    }
)
_WORD = re.compile(r"[a-z][a-z0-9]+")


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class Credit(_Frozen):
    """Someone who reviewed or merged one of the person's pull requests."""

    login: str
    verb: Literal["reviewed", "merged"]
    number: int

    def phrase(self) -> str:
        return f"@{self.login} {self.verb} your #{self.number}"


class NextStep(_Frozen):
    """Why an issue is a next step: the person's merged work in the project, and who answered it."""

    project: str
    merged: tuple[int, ...]
    credits: tuple[Credit, ...] = ()
    #: Labels, paths or title words of the earlier work that this issue mentions too.
    touched: tuple[str, ...] = ()
    #: The person's merged pull request this issue names ("Follow-up to #140"), if any.
    follow_up: int | None = None


class InProgress(_Frozen):
    """One of the person's open pull requests and whose move it is."""

    pull: OwnPullRequest
    #: "unknown" when the history came without reviews (REST, no token).
    waiting_on: Literal["review", "you", "unknown"]
    waiting_days: float
    nudge: str | None = None


def _same(a: str | None, b: str | None) -> bool:
    return (a or "").lower() == (b or "").lower()


def merged_projects(history: ContributorHistory) -> list[str]:
    """Projects where the person has a merged pull request, most recent merge first."""
    latest: dict[str, tuple[datetime, str]] = {}
    for pull in history.merged_pulls:
        when = pull.merged_at or pull.created_at
        key = pull.repo.lower()
        if key not in latest or when > latest[key][0]:
            latest[key] = (when, pull.repo)
    return [name for _, name in sorted(latest.values(), key=lambda v: (-v[0].timestamp(), v[1]))]


def credits_for(pulls: Iterable[OwnPullRequest], login: str) -> list[Credit]:
    """Who reviewed (else merged) each pull request, newest work first; bots and the author left out."""
    found: list[Credit] = []
    seen: set[str] = set()
    for pull in sorted(pulls, key=lambda p: (p.merged_at or p.created_at, p.number), reverse=True):
        reviewers = [
            r.author.login for r in sorted(pull.reviews, key=lambda r: r.submitted_at or pull.created_at)
            if r.author.login and not r.author.is_bot and not _same(r.author.login, login)
        ]
        people = [(name, "reviewed") for name in dict.fromkeys(reviewers)]
        if not people and pull.merged_by and not _same(pull.merged_by, login) and not is_bot_login(pull.merged_by):
            people = [(pull.merged_by, "merged")]
        for name, verb in people:
            if name.lower() not in seen:
                seen.add(name.lower())
                found.append(Credit(login=name, verb=verb, number=pull.number))
    return found


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if len(w) >= 3 and w not in _STOPWORDS}


def touched_terms(pulls: Iterable[OwnPullRequest]) -> set[str]:
    """What earlier work was about: its labels, path parts and title words, lower-cased.

    The project's own name is left out: every issue there mentions it.
    """
    pulls = list(pulls)
    own = {w for p in pulls for w in re.split(r"[/._-]+", p.repo.lower())}
    terms: set[str] = set()
    for pull in pulls:
        terms |= {label.lower() for label in pull.labels}
        for path in pull.files:
            for part in re.split(r"[/.\\_-]+", path.lower()):
                if len(part) >= 3 and part not in _STOPWORDS:
                    terms.add(part)
        terms |= _words(pull.title)
    return terms - own


def matching_terms(issue: Issue, terms: set[str]) -> list[str]:
    """The ``terms`` an issue shares through its labels, title or body, sorted."""
    labels = {label.lower() for label in issue.label_names}
    text = _words(f"{issue.title}\n{issue.body}") | {w for lab in labels for w in _words(lab)}
    return sorted(t for t in terms if t in labels or t in text)


def _mentions(text: str, repo: str, number: int) -> bool:
    """``#140``, ``owner/name#140`` or a link to pull 140 of ``repo`` in ``text``."""
    pattern = (
        rf"(?<![\w/#])(?:{re.escape(repo)})?#{number}(?!\d)"
        rf"|github\.com/{re.escape(repo)}/(?:pull|issues)/{number}(?!\d)"
    )
    return re.search(pattern, text, re.IGNORECASE) is not None


def follow_up_of(issue: Issue, merged: Iterable[int]) -> int | None:
    """The merged pull request (of the person, in this project) the issue names, newest first."""
    text = f"{issue.title}\n{issue.body}"
    return next((n for n in sorted(merged, reverse=True) if _mentions(text, issue.repo, n)), None)


def next_step(candidate: Candidate, history: ContributorHistory | None) -> NextStep | None:
    """A ``NextStep`` when the issue is in a project where the person already had work merged."""
    if history is None:
        return None
    project = candidate.issue.repo.lower()
    pulls = [p for p in history.merged_pulls if p.repo.lower() == project]
    if not pulls:
        return None
    merged = tuple(sorted({p.number for p in pulls}))
    return NextStep(
        project=candidate.issue.repo,
        merged=merged,
        credits=tuple(credits_for(pulls, history.login)),
        touched=tuple(matching_terms(candidate.issue, touched_terms(pulls))),
        follow_up=follow_up_of(candidate.issue, merged),
    )


def involvement(issue: Issue, history: ContributorHistory | None) -> Involvement | None:
    """How the person already took part in an issue (the latest way), from history or the issue itself."""
    if history is None:
        return None
    login = history.login
    found = [
        i for i in history.involvements
        if i.repo.lower() == issue.repo.lower() and i.number == issue.number
    ]
    if _same(issue.author.login, login):
        found.append(Involvement(repo=issue.repo, number=issue.number, how="opened", at=issue.created_at))
    found += [
        Involvement(repo=issue.repo, number=issue.number, how="commented", at=c.created_at)
        for c in issue.comments if _same(c.author.login, login)
    ]
    # The person's own dated acts first; a search's "involves you" (dated by the issue's last update,
    # which may be someone else's comment) only when nothing better is known.
    exact = [i for i in found if i.exact]
    return max(exact or found, key=lambda i: i.at) if found else None


def _days(delta: timedelta) -> float:
    return max(0.0, delta.total_seconds() / 86400)


def waiting(pull: OwnPullRequest, login: str, now: datetime) -> InProgress:
    """Whose move it is on an open pull request, and a nudge when a review has waited a week."""
    mine = [pull.created_at, *(c.created_at for c in pull.comments if _same(c.author.login, login))]
    if pull.last_commit_at is not None:
        mine.append(pull.last_commit_at)
    theirs: list[tuple[datetime, str]] = [
        (r.submitted_at, r.state) for r in pull.reviews
        if r.submitted_at is not None and r.author.login and not r.author.is_bot
        and not _same(r.author.login, login)
    ]
    theirs += [
        (c.created_at, "COMMENTED") for c in pull.comments
        if c.author.login and not c.author.is_bot and not _same(c.author.login, login)
    ]
    my_last = max(mine)
    if pull.is_draft:
        days = _days(now - my_last)
        return InProgress(pull=pull, waiting_on="you", waiting_days=days,
                          nudge="still a draft: mark it ready for review when it is done")
    their_last = max(theirs, default=None)
    if their_last is not None and their_last[0] > my_last and their_last[1] != "APPROVED":
        days = _days(now - their_last[0])
        return InProgress(pull=pull, waiting_on="you", waiting_days=days,
                          nudge=f"a reviewer answered {humanize_ago(days * 24)}: reply or push a change")
    days = _days(now - my_last)
    nudge = None
    if now - my_last > REVIEW_NUDGE_AFTER:
        nudge = f"waiting {plural(round(days), 'day')} for review: a polite ping on the pull request is fine"
    return InProgress(pull=pull, waiting_on="review", waiting_days=days, nudge=nudge)


def in_progress(history: ContributorHistory | None, now: datetime) -> list[InProgress]:
    """The person's open pull requests, the longest-waiting first."""
    if history is None:
        return []
    if not history.complete:
        return sorted(
            (InProgress(pull=p, waiting_on="unknown", waiting_days=_days(now - p.created_at))
             for p in history.open_pulls),
            key=lambda i: (-i.waiting_days, i.pull.repo.lower(), i.pull.number),
        )
    items = [waiting(p, history.login, now) for p in history.open_pulls]
    return sorted(items, key=lambda i: (-i.waiting_days, i.pull.repo.lower(), i.pull.number))
