"""Issue sources against the fake: pagination, batching, partial answers, the tokenless path."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from clients import make_client
from suggest_worlds import bench_world

from ossmatch.github.sources import open_source
from ossmatch.github.sources.graphql import GraphQLSource
from ossmatch.github.sources.rest import RestSource
from ossmatch.github.sources.shared import Searches


def test_graphql_search_paginates_past_100_results(fake_github) -> None:
    repo = fake_github.world.add_repo("octo/big", languages=["Python"])
    for i in range(250):
        repo.add_issue(f"Task {i}", labels=["good first issue"])
    source = GraphQLSource(make_client(fake_github))
    query = 'repo:octo/big is:issue is:open label:"good first issue"'
    issues = source.find(Searches(queries=(query,), depth=240, per_query=240)).issues[query]
    assert len(issues) == 240
    assert len({i.number for i in issues}) == 240
    assert fake_github.count("graphql") == 3


def test_a_rate_limit_after_the_first_search_page_keeps_what_was_found(fake_github) -> None:
    repo = fake_github.world.add_repo("octo/big", languages=["Python"])
    for i in range(250):
        repo.add_issue(f"Task {i}", labels=["good first issue"])
    # GitHub's quota runs out once the first page is in
    source = GraphQLSource(make_client(fake_github),
                           lambda _: fake_github.inject("graphql_rate_limited", times=None))
    query = 'repo:octo/big is:issue is:open label:"good first issue"'
    issues = source.find(Searches(queries=(query,), depth=240, per_query=240)).issues[query]
    assert len(issues) == 100
    assert [line.split(":")[0] for line in source.notices] == ["stopped searching early"]
    assert "ranked the 100 issues found before that" in source.notices[0]


def test_signals_for_50_repositories_take_at_most_3_graphql_requests(fake_github) -> None:
    bench_world(fake_github.world, repos=50, per_repo=1)
    names = [f"bench{r:02d}/project" for r in range(50)]
    repos = GraphQLSource(make_client(fake_github)).repos(names)
    assert sorted(repos) == names
    assert fake_github.count("graphql") <= 3
    assert all(repo.recent_issues and repo.recent_pulls for repo in repos.values())


def test_a_missing_repository_is_left_out_not_fatal(fake_github) -> None:
    bench_world(fake_github.world, repos=2, per_repo=1)
    repos = GraphQLSource(make_client(fake_github)).repos(["bench00/project", "gone/away", "bench01/project"])
    assert sorted(repos) == ["bench00/project", "bench01/project"]


def test_rest_source_reads_search_and_repositories_without_a_token(fake_github) -> None:
    bench_world(fake_github.world, repos=3, per_repo=2)
    source = RestSource(make_client(fake_github, token=None))
    issues = source.search('is:issue is:open label:"good first issue"', 100)
    assert len(issues) == 6
    repos = source.repos(i.repo for i in issues)
    assert len(repos) == 3
    assert not any(r.has_activity for r in repos.values())
    assert {r.resource for r in fake_github.log} <= {"search", "core"}


def test_the_tokenless_path_stays_on_githubs_openapi_contract(fake_github, tmp_path, monkeypatch) -> None:
    """Every REST request the client sends, and every answer (304s included), matches the spec."""
    import time

    from fakegithub.contract import validate_logged

    from ossmatch.github import client as client_module

    bench_world(fake_github.world, repos=3, per_repo=2)
    later = time.time() + 2 * 3600
    for _ in range(2):  # the second pass, two hours later, revalidates by ETag and gets 304s
        source = RestSource(make_client(fake_github, token=None, cache_dir=tmp_path))
        source.repos(i.repo for i in source.search('is:issue is:open label:"good first issue"', 100))
        monkeypatch.setattr(client_module.time, "time", lambda: later)
    assert any(r.status == 304 for r in fake_github.log)
    for entry in fake_github.log:
        validate_logged(entry)


def test_rest_source_reads_only_the_first_repositories_to_spare_the_anonymous_quota(fake_github) -> None:
    bench_world(fake_github.world, repos=30, per_repo=1)
    source = RestSource(make_client(fake_github, token=None))
    repos = source.repos(f"bench{r:02d}/project" for r in range(30))
    assert len(repos) == 30
    assert fake_github.count("rest") == RestSource.BUDGET == source.used
    assert source.read_repos == RestSource.BUDGET // RestSource.PER_REPO
    assert repos["bench29/project"].languages == () and repos["bench00/project"].languages == ("Python",)


def test_rest_source_reads_each_repositorys_recent_comments_in_one_request(fake_github) -> None:
    """Claims and maintainer answers without a token: one comments request per repository."""
    from datetime import timedelta

    world = fake_github.world
    repo = world.add_repo("octo/claims", languages=["Python"], pushed_at=world.now - timedelta(days=400))
    issue = repo.add_issue("Fix it", labels=["good first issue"])
    issue.add_comment("Can I work on this?", author="eager", created_at=world.now - timedelta(days=2))
    issue.add_comment("Ancient", author="old", created_at=world.now - timedelta(days=200))
    source = RestSource(make_client(fake_github, token=None), now=world.now)
    got = source.repos(["octo/claims"])["octo/claims"]
    assert [c.body for c in got.recent_comments] == ["Can I work on this?"]
    assert got.recent_comments[0].issue_number == issue.number
    paths = [r.path for r in fake_github.log]
    assert paths == ["/repos/octo/claims", "/repos/octo/claims/issues/comments"]
    assert source.used == 2


def test_several_searches_share_one_round_trip_and_the_depth_fairly(fake_github) -> None:
    """A rare label's query gets what it can fill; the rest of the depth goes to the main query."""
    big = fake_github.world.add_repo("octo/big", languages=["Python"])
    for i in range(400):
        big.add_issue(f"Task {i}", labels=["good first issue"], created_at=fake_github.world.now - timedelta(hours=i))
    rare = fake_github.world.add_repo("octo/rare", languages=["Python"])
    for i in range(5):
        rare.add_issue(f"Rare {i}", labels=["E-easy"])
    source = GraphQLSource(make_client(fake_github))
    main_q, rare_q = 'is:issue label:"good first issue" sort:created-desc', "is:issue label:E-easy"
    found, user = source.search_many([main_q, rare_q], 300, history="viewer")
    assert len(found[rare_q]) == 5
    assert len(found[main_q]) == 295
    assert user is not None and user["login"] == "tester"  # the history came in the first document
    assert fake_github.count("graphql") == 3  # 100+5, then 100, then the last 90
    # Fresh first: the newest issues of the big query were read, the oldest left out.
    assert {i.title for i in found[main_q]} >= {"Task 0", "Task 1"}
    assert "Task 399" not in {i.title for i in found[main_q]}


def test_a_second_tokenless_run_within_the_hour_reads_fewer_repositories_instead_of_failing(fake_github) -> None:
    bench_world(fake_github.world, repos=30, per_repo=1)
    names = [f"bench{r:02d}/project" for r in range(30)]
    first = RestSource(make_client(fake_github, token=None))
    first.repos(names)
    assert first.read_repos == RestSource.BUDGET // RestSource.PER_REPO
    second = RestSource(make_client(fake_github, token=None))
    repos = second.repos(names)  # GitHub says 12 requests are left this hour
    assert len(repos) == 30
    assert second.read_repos == (60 - RestSource.BUDGET - RestSource.RESERVE) // RestSource.PER_REPO
    assert second.client.remaining["core"] >= RestSource.RESERVE


def test_the_rest_fallback_of_a_token_run_dates_its_window_from_the_runs_now(fake_github) -> None:
    """GraphQL's quota runs out while reading repositories: the REST fallback reads the comments
    of the window before the run's ``now``, not before the wall clock's."""
    now = datetime(2026, 6, 1, 15, tzinfo=timezone.utc)  # months from any wall clock this runs at
    bench_world(fake_github.world, repos=1, per_repo=1)
    fake_github.inject("graphql_rate_limit", body="RepoSignals", times=None)
    source = open_source(make_client(fake_github), now=now)
    source.repos(["bench00/project"])
    (listing,) = [r for r in fake_github.log if r.path == "/repos/bench00/project/issues/comments"]
    assert listing.params["since"] == "2026-03-03T00:00:00Z"  # 90 days before, from midnight
