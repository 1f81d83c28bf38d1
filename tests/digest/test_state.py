"""The sent-state file: round trips, damaged files moved aside, and the plan built on it."""

from __future__ import annotations

import json
import threading
from pathlib import Path

from digest.helpers import NOW, make_issue, make_match

from ossmatch.digest.plan import gone_statuses, plan_digest, sent_records, status_of
from ossmatch.digest.state import SentState, StateStore, with_sent, with_statuses


def _record(store: StateStore, *matches: object) -> SentState:
    return store.update(lambda s: with_sent(s, sent_records(matches, NOW)))  # type: ignore[arg-type]


def test_missing_file_is_an_empty_state(tmp_path: Path) -> None:
    assert StateStore(tmp_path / "sent.json").load() == SentState()


def test_round_trip_keeps_first_sent_date(tmp_path: Path) -> None:
    store = StateStore(tmp_path / "digest" / "sent.json")
    _record(store, make_match(number=1))
    later = NOW.replace(year=2026)
    store.update(lambda s: with_sent(s, sent_records([make_match(number=1)], later)))
    entry = store.load().issues["acme/widgets#1"]
    assert (entry.first_sent, entry.last_sent) == (NOW, later)
    assert json.loads(store.path.read_text())["version"] == 1


def test_damaged_file_is_moved_aside_and_rebuilt(tmp_path: Path) -> None:
    path = tmp_path / "sent.json"
    path.write_text('{"version": 1, "issues": {')
    warnings: list[str] = []
    store = StateStore(path, warn=warnings.append)

    assert store.load() == SentState()
    (aside,) = tmp_path.glob("sent.json.corrupt-*")
    assert aside.read_text() == '{"version": 1, "issues": {'
    assert len(warnings) == 1 and "damaged" in warnings[0] and aside.name in warnings[0]
    _record(store, make_match())
    assert store.load().was_sent("acme/widgets", 1)


def test_wrong_shape_counts_as_damaged(tmp_path: Path) -> None:
    path = tmp_path / "sent.json"
    path.write_text('{"version": 7, "issues": []}')
    warnings: list[str] = []
    assert StateStore(path, warn=warnings.append).load() == SentState()
    assert "unexpected content" in warnings[0]


def test_concurrent_updates_lose_nothing(tmp_path: Path) -> None:
    store = StateStore(tmp_path / "sent.json")
    threads = [threading.Thread(target=_record, args=(store, make_match(number=n))) for n in range(1, 21)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(store.load().issues) == 20


def test_reset_forgets(tmp_path: Path) -> None:
    store = StateStore(tmp_path / "sent.json")
    _record(store, make_match())
    store.reset()
    assert store.load() == SentState()


def test_plan_skips_sent_and_reports_changes_once() -> None:
    sent = with_sent(SentState(), sent_records([make_match(number=n) for n in (1, 2, 3, 4)], NOW))
    ranked = [make_match(number=n) for n in (1, 5, 6)]
    refreshed = {
        ("acme/widgets", 1): make_issue(number=1),
        ("acme/widgets", 2): make_issue(number=2, state="CLOSED"),
        ("acme/widgets", 3): make_issue(number=3, assignees=("someone",)),
        ("acme/widgets", 4): None,
    }
    plan = plan_digest(ranked, sent, refreshed, limit=1)

    assert [m.issue.number for m in plan.new] == [5]
    assert [s.number for s in plan.still_open] == [1]
    assert {(g.sent.number, g.status) for g in plan.gone} == {
        (2, "closed"),
        (3, "assigned"),
        (4, "missing"),
    }
    after = with_statuses(sent, gone_statuses(plan), NOW)
    assert plan_digest(ranked, after, refreshed, limit=1).gone == ()


def test_status_of() -> None:
    assert status_of(make_issue()) == "open"
    assert status_of(make_issue(open_closing_prs=1)) == "linked_pr"
    assert status_of(None) == "missing"
