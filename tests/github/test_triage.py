"""Maintainers by what they do: triage events and merges count, whatever the association says."""

from __future__ import annotations

from datetime import datetime, timezone

from ossmatch.github.parse import triaged_by
from ossmatch.models import Actor, Issue, PullRequest
from ossmatch.vocabulary import acting_maintainers, is_maintainer

NOW = datetime(2026, 11, 27, tzinfo=timezone.utc)


def test_triage_events_name_their_actors_but_not_an_author_closing_their_own_issue() -> None:
    node = {"author": {"login": "Reporter"}, "timelineItems": {"nodes": [
        {"__typename": "LabeledEvent", "actor": {"login": "quiet"}},
        {"__typename": "ClosedEvent", "actor": {"login": "reporter"}},
        {"__typename": "AssignedEvent", "actor": None},
        {"__typename": "ClosedEvent", "actor": {"login": "lead"}},
        {"__typename": "AssignedEvent", "actor": {"login": "quiet"}},
    ]}}
    assert triaged_by(node) == ("quiet", "lead")


def test_acting_maintainers_count_as_maintainers_but_bots_never_do() -> None:
    issue = Issue(repo="o/r", number=1, url="u", title="t", created_at=NOW, updated_at=NOW,
                  triaged_by=("Quiet", "triage[bot]"))
    pull = PullRequest(repo="o/r", number=2, url="u", title="p", created_at=NOW, merged_by="merger")
    known = acting_maintainers([issue], [pull])
    assert known == {"quiet", "merger"}
    assert is_maintainer(Actor(login="quiet"), "NONE", known=known)
    assert is_maintainer(Actor(login="merger"), "CONTRIBUTOR", known=known)
    assert not is_maintainer(Actor(login="someone"), "CONTRIBUTOR", known=known)
    assert not is_maintainer(Actor(login="triage[bot]"), "NONE", known=frozenset({"triage[bot]"}))
