"""Hidden issues and repositories: parsing, expiry, and the state file under concurrent runs and damage."""

from __future__ import annotations

import multiprocessing
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from ossmatch.errors import UsageProblem
from ossmatch.suggest.hidden import HiddenState, HiddenStore, Target, parse_duration, parse_target, with_hidden, without

NOW = datetime(2026, 11, 27, 12, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("acme/widgets#13", Target("acme/widgets", 13)),
        ("acme/widgets", Target("acme/widgets")),
        (" Acme/Wid.gets_2#7 ", Target("Acme/Wid.gets_2", 7)),
        ("https://github.com/acme/widgets/issues/13", Target("acme/widgets", 13)),
        ("https://ghe.example.com/acme/widgets/issues/13#issuecomment-1", Target("acme/widgets", 13)),
        ("https://github.com/acme/widgets", Target("acme/widgets")),
    ],
)
def test_parse_target(text: str, expected: Target) -> None:
    assert parse_target(text) == expected


@pytest.mark.parametrize("text", ["", "acme", "acme/widgets#", "acme/widgets#x", "a b/c", "acme/widgets#0", "-x/y#1"])
def test_bad_targets_are_usage_problems(text: str) -> None:
    with pytest.raises(UsageProblem):
        parse_target(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("12h", timedelta(hours=12)), ("30d", timedelta(days=30)), ("2w", timedelta(weeks=2)),
     ("3m", timedelta(days=90)), (" 30D ", timedelta(days=30)),
     ("521w", timedelta(weeks=521)), ("3650d", timedelta(days=3650))],  # the limit is 3650 days, not 520 weeks
)
def test_parse_duration(text: str, expected: timedelta) -> None:
    assert parse_duration(text) == expected


@pytest.mark.parametrize("text", ["", "30", "d", "0d", "-1d", "1y", "99999w"])
def test_bad_durations_are_usage_problems(text: str) -> None:
    with pytest.raises(UsageProblem):
        parse_duration(text)


def test_an_issue_or_its_whole_repository_hides_it_until_it_expires() -> None:
    state = with_hidden(HiddenState(), Target("Acme/Widgets", 13), NOW, None)
    assert state.covers("acme/widgets", 13, NOW)
    assert not state.covers("acme/widgets", 14, NOW)
    state = with_hidden(state, Target("ghost/town"), NOW, timedelta(days=30))
    assert state.covers("Ghost/Town", 1, NOW + timedelta(days=29))
    assert not state.covers("ghost/town", 1, NOW + timedelta(days=30))
    assert [str(e.target) for e in state.active(NOW)] == ["Acme/Widgets#13", "ghost/town"]
    assert [str(e.target) for e in state.active(NOW + timedelta(days=31))] == ["Acme/Widgets#13"]
    assert not without(state, Target("acme/widgets", 13)).covers("acme/widgets", 13, NOW)


def _hide_many(path: str, start: int, count: int) -> None:
    store = HiddenStore(Path(path))
    for number in range(start, start + count):
        store.hide(Target("acme/widgets", number), NOW)


def test_hides_from_concurrent_processes_are_all_kept(tmp_path: Path) -> None:
    path = tmp_path / "digest" / "hidden.json"
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_hide_many, args=(str(path), 1 + 100 * i, 15)) for i in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    state = HiddenStore(path).load()
    assert len(state.entries) == 60
    assert all(state.covers("acme/widgets", 1 + 100 * i + j, NOW) for i in range(4) for j in range(15))


def test_unhide_while_others_hide_loses_nothing(tmp_path: Path) -> None:
    path = tmp_path / "hidden.json"
    store = HiddenStore(path)
    store.hide(Target("acme/widgets", 1), NOW)
    context = multiprocessing.get_context("spawn")
    worker = context.Process(target=_hide_many, args=(str(path), 500, 20))
    worker.start()
    assert store.unhide(Target("acme/widgets", 1))
    worker.join(60)
    state = store.load()
    assert not state.covers("acme/widgets", 1, NOW)
    assert len(state.entries) == 20
    assert not store.unhide(Target("acme/widgets", 1))


@pytest.mark.parametrize("damage", [b"{not json", b"\xff\xfe", b'{"version": 1, "entries": {"x": 3}}'])
def test_a_damaged_file_is_moved_aside_with_a_warning(tmp_path: Path, damage: bytes) -> None:
    path = tmp_path / "hidden.json"
    path.write_bytes(damage)
    warnings: list[str] = []
    store = HiddenStore(path, warn=warnings.append)
    assert store.load() == HiddenState()
    aside = list(tmp_path.glob("hidden.json.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == damage
    assert len(warnings) == 1 and warnings[0].startswith("hidden issues: ") and "moved it to" in warnings[0]
    store.hide(Target("acme/widgets", 2), NOW)
    assert store.load().covers("acme/widgets", 2, NOW)


def test_nothing_hidden_creates_no_file(tmp_path: Path) -> None:
    assert HiddenStore(tmp_path / "sub" / "hidden.json").load() == HiddenState()
    assert not (tmp_path / "sub").exists()


def test_a_zero_duration_is_refused_as_zero_not_as_unreadable() -> None:
    with pytest.raises(UsageProblem, match="hides nothing: give a duration longer than zero"):
        parse_duration("0d")
