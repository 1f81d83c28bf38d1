"""A cold suggest in two round trips: sliced searches with the history, then one repository batch.

Request counts come from the fake's request log; the fallbacks from its faults and limits.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from clients import make_client
from fakegithub.graphql_api import query_cost
from graphql import parse as parse_graphql
from suggest_worlds import ME, bench_world, relationship_world, story_world

from ossmatch.cli import main
from ossmatch.github import queries
from ossmatch.github.nodes import NODE_LIMIT, node_count
from ossmatch.github.query_registry import all_documents
from ossmatch.github.sources import Person, Searches
from ossmatch.github.sources.graphql import GraphQLSource
from ossmatch.github.sources.graphql_repos import repo_batch_size
from ossmatch.profile import Profile
from ossmatch.suggest.plan import plan_queries, plan_slices

NOW = "2026-11-27T12:00:00Z"
NOW_DT = datetime(2026, 11, 27, 12, tzinfo=timezone.utc)

#: The story world's list before the searches were sliced (a cold `suggest --skills python,docs`
#: when every search was paged with cursors, at most three a repository, the rest folded): the
#: ranking's ground truth, which must not move.
STORY_TOP_TEN = [
    ("acme/widgets", 13), ("acme/widgets", 14), ("misc/variants", 13), ("misc/variants", 14),
    ("misc/variants", 15), ("acme/widgets", 19), ("ghost/town", 7),
]


def run(fake, *args: str, cache: Path | None = None) -> Result:
    env = {"GITHUB_API_URL": fake.rest_url, "GITHUB_TOKEN": "test-token", "GH_TOKEN": "", "OSSMATCH_NOW": NOW,
           "OSSMATCH_CACHE_DIR": str(cache) if cache else "", "PATH": "/nonexistent"}
    return CliRunner().invoke(main, ["suggest", *args], env=env, catch_exceptions=False)


def deep_world(fake, issues: int = 150, hours_apart: int = 1) -> None:
    """One repository with more beginner issues than a page holds, one every ``hours_apart``."""
    repo = fake.world.add_repo("octo/deep", languages=["Python"], pushed_at=NOW_DT - timedelta(days=1))
    for i in range(issues):
        repo.add_issue(f"Task {i}", labels=["good first issue"],
                       created_at=NOW_DT - timedelta(hours=hours_apart * i + 1))


def searches(depth: int = 300) -> Searches:
    wanted = plan_queries(Profile(skills=["python"]), NOW_DT)
    return Searches(tuple(wanted), depth, depth, plan_slices(wanted, depth, NOW_DT))


def test_a_cold_suggest_takes_two_requests_and_keeps_the_ranking(fake_github, tmp_path) -> None:
    story_world(fake_github.world)
    result = run(fake_github, "--skills", "python,docs", "--format", "json", cache=tmp_path)
    assert result.exit_code == 0, result.output
    import json

    doc = json.loads(result.stdout)
    assert [(i["repo"], i["number"]) for i in doc["issues"]] == STORY_TOP_TEN
    assert fake_github.count("graphql") == 2 and fake_github.count() == 2
    first, second = fake_github.log
    assert first.query is not None and "me: viewer" in first.query and first.query.count("search(") > 2
    assert second.query is not None and "repository(" in second.query and "search(" not in second.query
    fake_github.clear_log()
    again = run(fake_github, "--skills", "python,docs", "--format", "json", cache=tmp_path)
    assert again.exit_code == 0 and fake_github.quota_requests() == []  # warm: no quota


def test_a_deep_search_is_one_request_with_no_cursor(fake_github) -> None:
    deep_world(fake_github)
    found = GraphQLSource(make_client(fake_github)).find(searches(), person=Person(), now=NOW_DT)
    issues = {(i.repo, i.number) for v in found.issues.values() for i in v}
    assert len(issues) == 150  # every issue, though a page holds 100
    assert fake_github.count("graphql") == 1
    (entry,) = fake_github.log
    assert entry.variables is not None and not any(k.startswith("a") and v for k, v in entry.variables.items())
    assert found.history is not None and found.history.login == "tester"


def test_a_slice_that_fills_up_where_the_depth_wants_more_is_read_on_in_one_more_request(fake_github) -> None:
    """250 issues over ten weeks: the open-ended oldest slice holds more than a page."""
    deep_world(fake_github, issues=250, hours_apart=7)
    source = GraphQLSource(make_client(fake_github))
    found = source.find(searches(), now=NOW_DT)
    assert sum(len(v) for v in found.issues.values()) == 226  # paging query by query reads all 250
    assert fake_github.count("graphql") == 2
    assert "read on in one more request" in source.details[0]


def test_a_search_document_github_gives_up_on_is_asked_again_in_halves_said_only_as_a_detail(fake_github) -> None:
    deep_world(fake_github)
    fake_github.inject("graphql_timeout", body="query Discover")
    source = GraphQLSource(make_client(fake_github))
    found = source.find(searches(), person=Person(), now=NOW_DT)
    assert sum(len(v) for v in found.issues.values()) == 150
    assert found.history is not None
    assert fake_github.count("graphql") == 3  # the refused document, then its two halves
    assert source.notices == []
    assert source.details and "asked again in smaller requests" in source.details[0]


def test_slices_over_the_resource_limits_are_asked_again_and_the_rest_is_kept(fake_github) -> None:
    deep_world(fake_github)
    fake_github.world.search_limit = 3
    source = GraphQLSource(make_client(fake_github))
    found = source.find(searches(), now=NOW_DT)
    assert sum(len(v) for v in found.issues.values()) == 150
    # a search cannot be null, so GitHub refuses the whole document: asked again in halves until each fits
    assert fake_github.count("graphql") == 7
    assert source.notices == [] and source.details


def test_a_search_that_fails_even_alone_is_said_and_the_others_are_ranked(fake_github) -> None:
    deep_world(fake_github)
    fake_github.inject("graphql_timeout", times=None, body="created:>=")  # the newest slices, however asked
    source = GraphQLSource(make_client(fake_github))
    found = source.find(searches(), now=NOW_DT)
    kept = sum(len(v) for v in found.issues.values())
    assert 0 < kept < 150
    # the two newest slices, each in a quarter with one other that GitHub refused with it
    assert source.notices == ["stopped searching early: GitHub gave up on 4 of 8 searches even in smaller "
                              f"requests; ranked the {kept} issues found before that"]


def test_searches_github_refuses_even_one_at_a_time_are_an_error_not_nothing_found(fake_github) -> None:
    from ossmatch.errors import OverResourceLimits

    deep_world(fake_github)
    fake_github.world.search_limit = 0
    with pytest.raises(OverResourceLimits):
        GraphQLSource(make_client(fake_github)).find(searches(), now=NOW_DT)


def test_a_rate_limit_on_some_aliases_keeps_the_rest(fake_github) -> None:
    """GitHub stops part of a document (errors with a path beside data): what came back is ranked."""
    from ossmatch.github.graphql_result import GraphQLResult

    result = GraphQLResult({"s0": {"nodes": []}, "s1": None},
                           [{"type": "RATE_LIMIT", "code": "graphql_rate_limit", "path": ["s1"], "message": "x"}])
    assert result.limited() == {"s1"}


def test_the_cli_says_the_fallback_with_v_only(fake_github) -> None:
    deep_world(fake_github)
    fake_github.inject("graphql_timeout", body="query Discover")
    quiet = run(fake_github, "--skills", "python", "--format", "json")
    assert quiet.exit_code == 0 and "Detail:" not in quiet.stderr and "gave up" not in quiet.stderr
    fake_github.inject("graphql_timeout", body="query Discover")
    loud = run(fake_github, "--skills", "python", "-v")
    assert loud.exit_code == 0 and "Detail: GitHub gave up on" in loud.stderr


def test_every_repository_of_a_cold_search_travels_in_one_batch(fake_github) -> None:
    bench_world(fake_github.world, repos=120, per_repo=1)
    names = [f"bench{r:02d}/project" for r in range(120)]
    repos = GraphQLSource(make_client(fake_github)).repos(names)
    assert sorted(repos) == sorted(names)
    assert fake_github.count("graphql") == 1


def test_the_repository_batch_stays_within_githubs_node_limit() -> None:
    size = repo_batch_size()
    assert size >= 300  # a 300-deep search's repositories in one request
    assert node_count(queries.repo_batch_query(size)) <= NODE_LIMIT < node_count(queries.repo_batch_query(size + 1))


@pytest.mark.parametrize("name", sorted(all_documents()))
def test_nodes_are_counted_as_github_counts_them(name: str) -> None:
    document = all_documents()[name]
    variables = {f"f{i}": 100 for i in range(5)}
    assert node_count(document, variables) == query_cost(parse_graphql(document), None, variables)[1]


def test_a_document_over_the_node_limit_is_refused_by_the_fake(fake_github) -> None:
    """The fake holds us to GitHub's limit, so a batch sized wrong would fail the tests."""
    client = make_client(fake_github)
    with pytest.raises(Exception, match="500,000"):
        client.graphql(queries.repo_batch_query(repo_batch_size() + 1), {}, kind="repo")


#: The relationship world's list for `suggest --skills python --me newbie` before the change (in
#: score order, next steps among the new finds): the ground truth the two-request path must keep.
RELATIONSHIP_TOP = [
    ("twins/lib", 14), ("acme/widgets", 14), ("acme/widgets", 15), ("twins/lib", 13),
    ("other/project", 14), ("other/project", 13),
]


def run_as_newbie(fake, *args: str) -> Result:
    env = {"GITHUB_API_URL": fake.rest_url, "GITHUB_TOKEN": "newbie-token", "GH_TOKEN": "", "OSSMATCH_NOW": NOW,
           "OSSMATCH_CACHE_DIR": "", "PATH": "/nonexistent"}
    return CliRunner().invoke(main, ["suggest", "--skills", "python", "--me", ME, *args], env=env,
                              catch_exceptions=False)


def test_next_steps_travel_with_the_repository_batch(fake_github) -> None:
    """With a history, the next-step searches and every repository share the second request."""
    import json

    relationship_world(fake_github.world)
    result = run_as_newbie(fake_github, "--format", "json")
    assert result.exit_code == 0, result.output
    assert [(i["repo"], i["number"]) for i in json.loads(result.stdout)["issues"]] == RELATIONSHIP_TOP
    assert fake_github.count("graphql") == 2 and fake_github.count() == 2
    second = fake_github.log[1].query or ""
    assert "search(" in second and "repository(owner" in second


def test_a_combined_document_github_gives_up_on_is_split_and_said_with_v(fake_github) -> None:
    import json

    relationship_world(fake_github.world)
    fake_github.inject("graphql_timeout", body="repository(owner")
    result = run_as_newbie(fake_github, "--format", "json", "-v")
    assert result.exit_code == 0, result.output
    assert [(i["repo"], i["number"]) for i in json.loads(result.stdout)["issues"]] == RELATIONSHIP_TOP
    assert fake_github.count("graphql") == 4  # the refused one, then the search and the repositories apart
    assert "Detail: GitHub gave up on" in result.stderr and "Warning" not in result.stderr


def test_the_tokenless_path_reads_the_same_repositories_again_so_a_rerun_asks_nothing(fake_github,
                                                                                     tmp_path) -> None:
    """REST cannot batch: it reads the first repositories found, in the order found, within its
    budget; a rerun within the hour asks the same questions, all answered from the cache."""
    import json

    bench_world(fake_github.world, repos=50, per_repo=2)
    env = {"GITHUB_API_URL": fake_github.rest_url, "GITHUB_TOKEN": "", "GH_TOKEN": "", "OSSMATCH_NOW": NOW,
           "OSSMATCH_CACHE_DIR": str(tmp_path), "PATH": "/nonexistent"}
    runs = []
    found: list[str] = []
    for _ in range(2):
        fake_github.clear_log()
        result = CliRunner().invoke(main, ["suggest", "--skills", "python,docs", "--format", "json"], env=env,
                                    catch_exceptions=False)
        runs.append([(i["repo"], i["number"]) for i in json.loads(result.stdout)["issues"]])
        found = found or [item["repository_url"].split("/repos/")[1] for r in fake_github.log
                          if r.path == "/search/issues" for item in (r.json() or {}).get("items", [])]
        read = [r.path.removeprefix("/repos/") for r in fake_github.log if r.path.count("/") == 3]
        assert read == list(dict.fromkeys(found))[: len(read)]  # the first ones found, in that order
    assert runs[0] == runs[1]
    assert fake_github.log == []  # every answer is younger than its freshness: nothing sent at all


def test_a_tracking_issues_tasks_ride_in_the_combined_request(fake_github) -> None:
    """A tracking issue the first search found, in a project of the person's next steps: its open
    sub-issues come with that project in the second request, not in a third."""
    import json

    from worlds_2026 import world_2026

    world_2026(fake_github.world)
    fake_github.world.add_token("helper-token", "helper")
    fake_github.world.repos["owner/repo"].add_pull(
        "Fix the docs", author="helper", author_association="CONTRIBUTOR", state="MERGED",
        created_at=NOW_DT - timedelta(days=20), merged_at=NOW_DT - timedelta(days=19), merged_by="maintainer")
    env = {"GITHUB_API_URL": fake_github.rest_url, "GITHUB_TOKEN": "helper-token", "GH_TOKEN": "",
           "OSSMATCH_NOW": NOW, "OSSMATCH_CACHE_DIR": "", "PATH": "/nonexistent"}
    result = CliRunner().invoke(main, ["suggest", "--skills", "python,docs", "--format", "json", "--limit", "50"],
                                env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    listed = {(i["repo"], i["number"]) for i in json.loads(result.stdout)["issues"]}
    assert ("owner/repo", 6) in listed  # the unlabelled sub-issue, found through its tracking issue
    assert fake_github.count("graphql") == 2
    second = fake_github.log[1]
    assert second.query is not None and "subIssues(" in second.query and "search(" in second.query
