"""Open issues that look beginner-friendly but carry no beginner label: "consider labelling".

A newcomer model estimates whether a newcomer could resolve an issue; an unlabelled issue it rates
highly is a cheap way for maintainers to grow their beginner supply. Each suggestion says why in
plain facts ("short, names one file, no design question"), so a maintainer can judge it at a glance.
The model is passed in (``fit``), so tests and other callers supply their own.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime

from ossmatch.models import Issue, Model, Repo
from ossmatch.render.wording import plural
from ossmatch.repo_facts import RepoSnapshot
from ossmatch.suggest.newcomer_model import newcomer_fit, newcomer_percentile
from ossmatch.suggest.signals import issue_signals
from ossmatch.vocabulary import is_beginner_label, is_bigger_step_label

#: Only issues the model rates above this share of the issues it was trained on. Raw probabilities
#: sit near the ~10% base rate, so the percentile is the meaningful scale.
MIN_FIT = 0.6
#: A newcomer needs a description to start from; shorter bodies are never suggested.
MIN_BODY = 100
#: Issues suggested for labelling: a short list a maintainer can act on in one sitting (chosen).
MAX_CANDIDATES = 5
#: At most this many words reads as "short": a small, bounded task (Tan et al. 2020).
SHORT_WORDS = 150
#: Comments beyond this mean a discussion a newcomer must first catch up on.
FEW_COMMENTS = 2

class LabelCandidate(Model):
    """An open issue without a beginner label that looks like one, with the plain reasons why."""

    number: int
    title: str
    url: str
    #: The newcomer model's percentile among the research issues, in [0, 1].
    fit: float
    reasons: tuple[str, ...] = ()


#: The model: an issue and its repository to a percentile in [0, 1].
Fit = Callable[[Issue, Repo], float]

_FILE = re.compile(r"(?<![\w/])((?:[\w.-]+/)*[\w-]+\.(?:py|js|ts|tsx|jsx|go|rs|java|kt|md|rst|rb|c|h|"
                   r"cpp|cs|php|swift|yml|yaml|toml|json|html|css))\b")
_DESIGN = re.compile(r"\b(should we|what do you think|proposal|rfc|design|discuss|trade-?offs?|"
                     r"which approach|open question|api change|breaking change)\b", re.IGNORECASE)


def model_fit(issue: Issue, repo: Repo) -> float:
    """The shipped newcomer model (RecGFI features), as a percentile of the research issues."""
    return newcomer_percentile(newcomer_fit(issue_signals(issue, repo)))


def reasons(issue: Issue, fit: float) -> tuple[str, ...]:
    """Plain facts behind the suggestion, the model's rating last."""
    body = issue.body or ""
    found: list[str] = []
    words = len(body.split())
    if words <= SHORT_WORDS:
        found.append(f"short ({words} words)")
    files = sorted(set(_FILE.findall(body)))
    if len(files) == 1:
        found.append(f"names one file ({files[0]})")
    elif files:
        found.append(f"names {len(files)} files")
    elif "`" in body:
        found.append("points into the code")
    if not _DESIGN.search(f"{issue.title}\n{body}"):
        found.append("no design question")
    if issue.comment_count <= FEW_COMMENTS:
        found.append(f"{plural(issue.comment_count, 'comment')} to catch up on")
    kinds = [n for n in issue.label_names if "doc" in n.lower() or "test" in n.lower()]
    if kinds:
        found.append(f"labelled {', '.join(kinds)}")
    found.append(f"the newcomer model rates it above {fit:.0%} of issues in the research data")
    return tuple(found)


def label_candidates(snapshot: RepoSnapshot, now: datetime, fit: Fit = model_fit
                     ) -> tuple[LabelCandidate, ...]:
    """Up to five unassigned open issues without a beginner or bigger-step label, best fit first."""
    if not snapshot.open_issues:
        return ()
    repo = snapshot.to_repo()
    scored: list[LabelCandidate] = []
    for issue in snapshot.open_issues:
        if issue.assignees or issue.open_closing_prs or issue.locked:
            continue
        if len((issue.body or "").strip()) < MIN_BODY:
            continue
        if any(is_beginner_label(name) or is_bigger_step_label(name) for name in issue.label_names):
            continue
        rating = fit(issue, repo)
        if rating >= MIN_FIT:
            scored.append(LabelCandidate(number=issue.number, title=issue.title, url=issue.url,
                                         fit=round(rating, 2), reasons=reasons(issue, rating)))
    scored.sort(key=lambda c: (-c.fit, c.number))
    return tuple(scored[:MAX_CANDIDATES])
