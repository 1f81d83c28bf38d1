"""The shared search language, checked directly on a small world (no HTTP)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fakegithub import World
from fakegithub.search import SearchError, search


@pytest.fixture
def world() -> World:
    w = World()
    py = w.add_repo("octo/py", languages=["Python", "Shell"], stars=500)
    rs = w.add_repo("rusty/rs", languages=["Rust"], stars=5, archived=True)
    py.add_issue("Fix the docs", labels=["good first issue"], author="amy",
                 created_at=w.now - timedelta(days=3))
    py.add_issue("Crash on start", labels=["bug", "help wanted"], assignees=["bo"],
                 body="Traceback here", created_at=w.now - timedelta(days=40))
    linked = py.add_issue("Add flag", labels=["good first issue"], comments=3,
                          created_at=w.now - timedelta(days=10))
    py.add_pull("Add flag impl", closes=[linked.number], author="dependabot[bot]")
    rs.add_issue("Rust thing", labels=["Good First Issue"], state="CLOSED",
                 created_at=w.now - timedelta(days=1))
    return w


def titles(w: World, q: str, **kw) -> list[str]:
    return [item.title for _, item in search(w, q, **kw).items]


def test_qualifiers(world):
    assert titles(world, 'label:"good first issue" is:open is:issue') == [
        "Fix the docs", "Add flag"]
    assert titles(world, 'label:"good first issue","help wanted" is:issue is:open') == [
        "Fix the docs", "Add flag", "Crash on start"]
    assert titles(world, "is:issue -label:bug repo:octo/py") == ["Fix the docs", "Add flag"]
    assert titles(world, "is:issue -linked:pr no:assignee is:open") == ["Fix the docs"]
    assert titles(world, "is:issue linked:pr") == ["Add flag"]
    assert titles(world, "language:shell is:issue comments:>=3") == ["Add flag"]
    assert titles(world, "archived:true") == ["Rust thing"]
    assert titles(world, "is:issue archived:false stars:>=100 created:>=2026-11-01") == [
        "Fix the docs", "Add flag"]
    assert titles(world, "created:<2026-11-01") == ["Crash on start"]
    assert titles(world, "org:rusty") == titles(world, "user:rusty") == ["Rust thing"]
    assert titles(world, "-org:octo") == ["Rust thing"]
    assert titles(world, "author:app/dependabot") == ["Add flag impl"]
    assert titles(world, "is:pr author:dependabot[bot]") == ["Add flag impl"]
    assert titles(world, "involves:bo") == ["Crash on start"]
    assert titles(world, "commenter:commenter") == ["Add flag"]
    assert titles(world, "traceback") == titles(world, "CRASH") == ["Crash on start"]
    assert titles(world, "state:closed") == ["Rust thing"]


def test_boolean_grouping_and_sort(world):
    assert titles(world, "(label:bug OR label:\"good first issue\") repo:octo/py is:issue "
                         "sort:created-asc") == ["Crash on start", "Add flag", "Fix the docs"]
    assert titles(world, "is:issue NOT docs repo:octo/py", sort="comments") == [
        "Add flag", "Crash on start"]
    assert titles(world, "is:issue", sort="created", order="asc")[0] == "Crash on start"


def test_operator_limit(world):
    search(world, "a OR b AND c OR d NOT e OR f")  # exactly 5
    with pytest.raises(SearchError, match="more than 5 AND / OR / NOT operators"):
        search(world, "a OR b AND c OR d NOT e OR f OR g")


def test_result_cap(world):
    repo = world.repo("octo/py")
    for i in range(1005):
        repo.add_issue(f"bulk {i}")
    result = search(world, "bulk")
    assert result.total == 1005 and len(result.items) == 1000


def test_queries_longer_than_256_characters_are_refused(world):
    with pytest.raises(SearchError, match="longer than 256 characters"):
        search(world, "is:issue " + "x" * 250)
    assert search(world, "is:issue " + "x" * 200).items == []
