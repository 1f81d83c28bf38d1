"""Each person's progress, read from their public history: what the coordinator's summary reports. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from ossmatch.cohort.state import Offer
from ossmatch.cohort.week import own_pull_since
from ossmatch.models import ContributorHistory
from ossmatch.suggest.relationships import REVIEW_NUDGE_AFTER, in_progress

#: An offer this old with no pull request in its project gets a nudge (or is handed on): two
#: weekly rounds is time enough to start, the programme guides this mirrors say.
NUDGE_AFTER = timedelta(days=14)


@dataclass(frozen=True)
class PullRef:
    repo: str
    number: int
    url: str
    days: int


@dataclass(frozen=True)
class Progress:
    login: str
    #: Pull requests opened and merged since the person's first offer (or in the last year).
    opened: int
    merged: int
    waiting_for_review: tuple[PullRef, ...]
    waiting_for_reply: tuple[PullRef, ...]
    #: Offers older than ``NUDGE_AFTER`` with no pull request in their project.
    no_pull_request: tuple[Offer, ...]
    #: False when the history could not be read (no token, or GitHub refused).
    known: bool = True


def progress_of(login: str, history: ContributorHistory | None, offers: list[Offer], *, now: datetime,
                since: datetime | None) -> Progress:
    """What the person did since ``since`` (their first offer); None history: unknown."""
    stalled = tuple(o for o in offers if now - o.since >= NUDGE_AFTER
                    and not own_pull_since(history, o.repo, o.since))
    if history is None:
        return Progress(login, 0, 0, (), (), stalled, known=False)
    start = since or history.since
    pulls = [p for p in history.pulls if p.created_at >= start]
    review: list[PullRef] = []
    reply: list[PullRef] = []
    for item in in_progress(history, now):
        pull = PullRef(item.pull.repo, item.pull.number, item.pull.url, round(item.waiting_days))
        if item.waiting_on == "you":
            reply.append(pull)
        elif item.waiting_on == "review" and item.waiting_days >= REVIEW_NUDGE_AFTER.days:
            review.append(pull)
    return Progress(login, opened=len(pulls), merged=sum(1 for p in pulls if p.merged),
                    waiting_for_review=tuple(review), waiting_for_reply=tuple(reply), no_pull_request=stalled)
