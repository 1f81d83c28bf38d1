"""Open issues that look beginner-friendly but carry no beginner label: "consider labelling".

The ranking core's ``newcomer_fit`` estimates whether a newcomer could resolve an issue; an
unlabelled issue it rates highly is a cheap way for maintainers to grow their beginner supply.
"""

from __future__ import annotations

from datetime import datetime

from ossmatch.audit.evaluate import LabelCandidate
from ossmatch.models import Issue
from ossmatch.snapshot import RepoSnapshot
from ossmatch.vocabulary import is_beginner_label

#: Only issues the model rates above this share of the issues it was trained on. Raw probabilities
#: sit near the ~10% base rate, so the percentile is the meaningful scale.
MIN_FIT = 0.6
#: A newcomer needs a description to start from; shorter bodies are never suggested.
MIN_BODY = 100
MAX_CANDIDATES = 5


def _reasons(issue: Issue, fit: float) -> tuple[str, ...]:
    """Plain facts behind the suggestion, so a maintainer can judge it quickly."""
    reasons = [f"rated more newcomer-friendly than {fit:.0%} of issues in the research data"]
    if len(issue.body.strip()) >= 150:
        reasons.append("well described")
    if "`" in issue.body or "http" in issue.body:
        reasons.append("points into the code")
    if issue.comment_count <= 2:
        reasons.append(f"{issue.comment_count} comments, so little to catch up on")
    docs = [n for n in issue.label_names if "doc" in n.lower() or "test" in n.lower()]
    if docs:
        reasons.append(f"labelled {', '.join(docs)}")
    return tuple(reasons)


def label_candidates(snapshot: RepoSnapshot, now: datetime) -> tuple[LabelCandidate, ...]:
    """Up to five unassigned open issues without a beginner label, best fit first."""
    from ossmatch.ranking import newcomer_fit, newcomer_percentile
    from ossmatch.signals import issue_signals

    if not snapshot.open_issues:
        return ()
    repo = snapshot.to_repo()
    scored: list[LabelCandidate] = []
    for issue in snapshot.open_issues:
        if issue.assignees or issue.open_closing_prs or issue.locked:
            continue
        if len(issue.body.strip()) < MIN_BODY:
            continue
        if any(is_beginner_label(name) for name in issue.label_names):
            continue
        fit = newcomer_percentile(newcomer_fit(issue_signals(issue, repo)))
        if fit >= MIN_FIT:
            scored.append(LabelCandidate(number=issue.number, title=issue.title, url=issue.url,
                                         fit=round(fit, 2), reasons=_reasons(issue, fit)))
    scored.sort(key=lambda c: (-c.fit, c.number))
    return tuple(scored[:MAX_CANDIDATES])
