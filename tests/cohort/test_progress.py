"""Progress read from a person's history, and what keeps an earlier offer theirs. Pure."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from ossmatch.cohort.progress import progress_of
from ossmatch.cohort.state import Offer
from ossmatch.cohort.week import offer_status
from ossmatch.models import Actor, ContributorHistory, Issue, OwnPullRequest, Review

NOW = datetime(2026, 11, 27, 12, tzinfo=timezone.utc)
JOINED = NOW - timedelta(days=30)


def _offer(repo: str, number: int, days_ago: int) -> Offer:
    return Offer(repo=repo, number=number, url=f"https://github.com/{repo}/issues/{number}", title="t",
                 since=NOW - timedelta(days=days_ago))


def _pull(repo: str, number: int, days_ago: int, **changes) -> OwnPullRequest:
    return OwnPullRequest(repo=repo, number=number, url=f"https://github.com/{repo}/pull/{number}",
                          created_at=NOW - timedelta(days=days_ago), **changes)


HISTORY = ContributorHistory(login="nora", since=NOW - timedelta(days=365), pulls=(
    _pull("old/project", 1, 90, state="MERGED", merged_at=NOW - timedelta(days=88)),  # before joining
    _pull("acme/widgets", 20, 20, state="MERGED", merged_at=NOW - timedelta(days=18)),
    _pull("acme/gadgets", 21, 12),  # nobody answered for 12 days
    _pull("pyorg/parser", 22, 6, reviews=(Review(author=Actor(login="lead"), association="MEMBER",
                                                 state="CHANGES_REQUESTED", submitted_at=NOW - timedelta(days=2)),)),
    _pull("webco/ui", 23, 3),  # waiting 3 days: not yet worth a nudge
))


def test_progress_counts_from_the_first_offer_and_says_whose_move_it_is() -> None:
    offers = [_offer("acme/gadgets", 5, 16), _offer("crab/shell", 6, 15), _offer("webco/ui", 7, 5)]
    p = progress_of("nora", HISTORY, offers, now=NOW, since=JOINED)
    assert (p.opened, p.merged) == (4, 1)
    assert [(r.repo, r.days) for r in p.waiting_for_review] == [("acme/gadgets", 12)]
    assert [r.repo for r in p.waiting_for_reply] == ["pyorg/parser"]
    # Two weeks with no pull request in its project: crab/shell; acme/gadgets has one, webco/ui is new.
    assert [o.repo for o in p.no_pull_request] == ["crab/shell"]


def test_progress_without_a_history_is_unknown_but_still_nudges() -> None:
    p = progress_of("nora", None, [_offer("crab/shell", 6, 15)], now=NOW, since=None)
    assert not p.known and [o.repo for o in p.no_pull_request] == ["crab/shell"]


def _issue(**changes) -> Issue:
    values = {"repo": "acme/gadgets", "number": 5, "url": "u", "title": "t", "created_at": NOW, "updated_at": NOW}
    return Issue(**{**values, **changes})


def test_an_offer_stays_while_free_or_taken_by_its_own_person() -> None:
    offer = _offer("acme/gadgets", 5, 16)
    assert offer_status(offer, _issue(), "nora", HISTORY) == "open"
    assert offer_status(offer, _issue(assignees=("Nora",)), "nora", HISTORY) == "working"
    assert offer_status(offer, _issue(assignees=("someone",)), "nora", HISTORY) == "assigned"
    assert offer_status(offer, _issue(open_closing_prs=1), "nora", HISTORY) == "working"  # her #21 there
    other = _offer("crab/shell", 6, 15)
    assert offer_status(other, _issue(repo="crab/shell", open_closing_prs=1), "nora", HISTORY) == "linked_pr"
    assert offer_status(offer, _issue(state="CLOSED"), "nora", HISTORY) == "closed"
    assert offer_status(offer, None, "nora", HISTORY) == "missing"
