"""The query plan and the gathering step of the suggest pipeline (no network)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import datetime, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ossmatch.errors import RateLimitError
from ossmatch.github.sources.shared import Found, Notices, Searches, search_each
from ossmatch.models import Issue, Repo
from ossmatch.profile import Profile
from ossmatch.suggest.pipeline import gather
from ossmatch.suggest.plan import (
    BEGINNER_LABELS,
    MAX_OPERATORS,
    MAX_QUERY_LENGTH,
    MAX_SLICES,
    date_slices,
    operator_count,
    plan_next_step_queries,
    plan_next_step_query,
    plan_queries,
    plan_repo_queries,
)

NOW = datetime(2026, 11, 27, 12, tzinfo=timezone.utc)


def test_every_beginner_label_variant_is_searched() -> None:
    plan = " ".join(plan_queries(Profile(skills=("python",)), NOW))
    for label in BEGINNER_LABELS:
        assert (f'"{label}"' if " " in label else label) in plan


def test_base_filters_languages_and_exclusions() -> None:
    profile = Profile(
        skills=("django", "ts"), exclude_repos=("a/b",), exclude_orgs=("corp",), exclude_labels=("wontfix",),
        max_issue_age_days=30,
    )
    for query in plan_queries(profile, NOW):
        assert "is:issue is:open no:assignee -linked:pr archived:false" in query
        assert "updated:>=2026-10-28" in query
        assert "-repo:a/b" in query and "-org:corp" in query and "-label:wontfix" in query
        assert "(language:python OR language:typescript)" in query


def test_unknown_skills_become_search_words() -> None:
    queries = plan_queries(Profile(skills=("python", "quantum-foo")), NOW)
    assert any(q.startswith("quantum-foo label:") for q in queries)


@given(st.lists(st.sampled_from(["python", "js", "ts", "go", "rust", "ruby", "java", "c", "cpp", "php", "kotlin",
                                 "swift", "scala", "haskell", "elixir", "dart", "r", "lua"]), min_size=1, max_size=18),
       st.lists(st.text(alphabet="abcdefghij", min_size=3, max_size=8), max_size=10))
def test_no_query_exceeds_githubs_operator_limit(skills: list[str], words: list[str]) -> None:
    for query in plan_queries(Profile(skills=tuple(skills + words)), NOW):
        assert operator_count(query) <= MAX_OPERATORS
        assert len(query) <= MAX_QUERY_LENGTH


NAMES = st.text(alphabet="abcdefghijklmnopqrstuvwxyz-", min_size=2, max_size=20)


@given(
    st.lists(st.sampled_from(["python", "javascript", "typescript", "go", "rust", "docs"]), min_size=1, max_size=6),
    st.lists(NAMES, max_size=8),
    st.lists(st.tuples(NAMES, NAMES).map("/".join), max_size=12),
    st.lists(NAMES, max_size=6),
)
def test_every_query_fits_githubs_256_characters(
    skills: list[str], include: list[str], exclude_repos: list[str], exclude_labels: list[str]
) -> None:
    profile = Profile(
        skills=tuple(skills), include_labels=tuple(include), exclude_repos=tuple(exclude_repos),
        exclude_labels=tuple(exclude_labels),
    )
    queries = plan_queries(profile, NOW)
    assert all(len(q) <= MAX_QUERY_LENGTH for q in queries), [len(q) for q in queries]
    searched = " ".join(queries)
    for label in [*BEGINNER_LABELS, *include]:
        assert (f'"{label}"' if " " in label else label) in searched  # packing never drops a label


def _issue(repo: str, number: int) -> Issue:
    return Issue(repo=repo, number=number, url=f"https://github.com/{repo}/issues/{number}", title="t",
                 created_at=NOW, updated_at=NOW)


class ScriptedSource:
    """An IssueSource whose searches return scripted pages, and can run out of quota."""

    full_signals = True

    def __init__(self, pages: list[list[Issue] | Exception]) -> None:
        self.pages = pages
        self.notices = Notices()

    def find(self, searches: Searches, **_: object) -> Found:
        return Found(issues=search_each(self.search, searches, self.notices))

    def search(self, query: str, max_results: int) -> list[Issue]:
        page = self.pages.pop(0)
        if isinstance(page, Exception):
            raise page
        return page

    def repos(self, names: Iterable[str], trackers: Iterable[tuple[str, int]] = ()) -> dict[str, Repo]:
        return {n: Repo(name_with_owner=n, url=f"https://github.com/{n}") for n in set(names)}

    def issues(self, refs: Sequence[tuple[str, int]]) -> dict[tuple[str, int], Issue | None]:
        return {}


def test_gather_deduplicates_across_queries() -> None:
    source = ScriptedSource([[_issue("a/b", 1), _issue("a/b", 2)], [_issue("a/b", 2), _issue("c/d", 1)]])
    found = gather(source, Searches(("q1", "q2"), 200, 100), warnings=[])
    assert sorted((c.issue.repo, c.issue.number) for c in found) == [("a/b", 1), ("a/b", 2), ("c/d", 1)]


def test_running_out_of_quota_midway_keeps_what_was_found_and_says_so() -> None:
    warnings: list[str] = []
    source = ScriptedSource([[_issue("a/b", 1)], RateLimitError("GitHub's rate limit is used up")])
    found = gather(source, Searches(("q1", "q2"), 200, 100), warnings=warnings)
    assert [c.issue.number for c in found] == [1]
    assert source.notices.lines == ["stopped searching early: GitHub's rate limit is used up; "
                                    "ranked the 1 issue found before that"]


def test_running_out_of_quota_before_anything_is_found_is_an_error() -> None:
    source = ScriptedSource([RateLimitError("GitHub's rate limit is used up")])
    with pytest.raises(RateLimitError):
        gather(source, Searches(("q1",), 100, 100), warnings=[])


def test_next_step_query_fits_with_many_long_project_names() -> None:
    from datetime import timedelta

    from ossmatch.models import ContributorHistory, OwnPullRequest

    pulls = tuple(
        OwnPullRequest(
            repo=f"a-rather-long-organisation-{i}/an-even-longer-repository-name-{i}", number=i,
            state="MERGED", created_at=NOW - timedelta(days=i + 1), merged_at=NOW - timedelta(days=i),
        )
        for i in range(5)
    )
    history = ContributorHistory(login="me", since=NOW, pulls=pulls)
    query = plan_next_step_query(history, Profile(), NOW)
    assert query is not None and len(query) <= MAX_QUERY_LENGTH
    assert query.lstrip("(").startswith("repo:a-rather-long-organisation-0/")  # most recent project first
    assert "is:issue is:open no:assignee -linked:pr archived:false" in query
    # projects that do not fit go to further queries, each within GitHub's limits, none dropped
    planned = plan_next_step_queries(history, Profile(), NOW)
    assert len(planned) > 1 and planned[0] == query
    assert all(len(q) <= MAX_QUERY_LENGTH and operator_count(q) <= 5 for q in planned)
    covered = [p for q in planned for p in re.findall(r"repo:(\S+?)[) ]", q)]
    assert covered == [p.repo for p in pulls]


REPO_NAMES = st.from_regex(r"[a-z][a-z0-9-]{0,38}/[a-z][a-z0-9._-]{0,99}", fullmatch=True)


@given(st.lists(REPO_NAMES, min_size=1, max_size=8), st.lists(NAMES, max_size=6))
def test_every_sliced_repo_query_fits_githubs_256_characters(repos: list[str], include: list[str]) -> None:
    """``suggest --repo`` searches are sliced by date like the broad ones: each slice still fits."""
    queries = plan_repo_queries(repos, Profile(skills=("python",), include_labels=tuple(include)), NOW)
    slices = [s for q in queries for s in date_slices(q, NOW, MAX_SLICES)]
    assert all(len(s) <= MAX_QUERY_LENGTH for s in slices), max(len(s) for s in slices)
