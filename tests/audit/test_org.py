"""Whole organisations within the quota: every live repository, re-runs from the cache, partial results.

An organisation of 33 repositories (more than the 30 the audit used to stop at), each cheap to audit.
"""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from click.testing import CliRunner
from clients import make_client
from fakegithub.contract import validate_logged
from worlds import add_welcoming

from ossmatch.cli import main
from ossmatch.github.snapshot_graphql import fetch_snapshot

ORG = "big-org"
SIZE = 33


def _org(world) -> list[str]:
    world.add_user(ORG, "Organization")
    names = []
    for i in range(SIZE):
        repo = world.add_repo(f"{ORG}/repo-{i:02}", files={"README.md": f"# repo {i}\n"},
                              labels=[("good first issue", "Good for newcomers")])
        repo.add_issue("A question", author=f"user{i}", created_at=world.now - timedelta(days=5))
        repo.add_commit("Work", author="maint", committed_at=world.now - timedelta(days=1))
        names.append(repo.full_name)
    world.add_repo(f"{ORG}/old", archived=True)  # archived: takes no contributions, not audited
    return names


@pytest.fixture
def env(fake_github, tmp_path):
    return {"GITHUB_API_URL": fake_github.rest_url, "GITHUB_TOKEN": "test-token",
            "OSSMATCH_CACHE_DIR": str(tmp_path / "cache"), "GITHUB_GRAPHQL_URL": "", "GH_TOKEN": "",
            "NO_COLOR": "1", "OSSMATCH_NOW": fake_github.world.now.isoformat()}


def _run(env, *args: str):
    return CliRunner().invoke(main, ["audit", *args], env=env)


def test_an_organisation_larger_than_30_is_audited_whole(fake_github, env):
    names = _org(fake_github.world)
    result = _run(env, "--org", ORG, "--format", "json")
    assert result.exit_code == 0, result.output
    assert sorted(a["repo"] for a in json.loads(result.stdout)["audits"]) == names


def test_max_repos_says_how_many_were_left_out(fake_github, env):
    _org(fake_github.world)
    result = _run(env, "--org", ORG, "--format", "json", "--max-repos", "10")
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)["audits"]) == 10
    assert "auditing the 10 most recently pushed of 33 live repositories of big-org; 23 left out" in result.stderr


def test_a_rerun_within_the_cache_freshness_sends_no_graphql_request(fake_github, env):
    _org(fake_github.world)
    first = _run(env, "--org", ORG, "--format", "json")
    assert first.exit_code == 0 and fake_github.count("graphql") == SIZE
    fake_github.clear_log()
    later = {**env, "OSSMATCH_NOW": (fake_github.world.now + timedelta(minutes=40)).isoformat()}
    second = _run(later, "--org", ORG, "--format", "json")
    assert second.exit_code == 0, second.output
    assert fake_github.count("graphql") == 0
    assert not fake_github.quota_requests()  # REST answers are revalidated by ETag: 304s are free
    assert len(json.loads(second.stdout)["audits"]) == SIZE


def _snapshot_cost(fake_github, name: str) -> int:
    """GraphQL points one snapshot costs in the fake (GitHub's own cost formula)."""
    fetch_snapshot(make_client(fake_github), name, fake_github.world.now)
    cost = next(e.cost for e in fake_github.log if e.kind == "graphql")
    fake_github.clear_log()
    return int(cost)


def test_quota_running_out_keeps_what_was_finished(fake_github, env, tmp_path):
    names = _org(fake_github.world)
    cost = _snapshot_cost(fake_github, names[0])
    bucket = fake_github.bucket("graphql", "test-token")
    bucket.used = bucket.limit - cost * 14 - cost // 2  # room for 14 snapshots
    out = tmp_path / "audit.json"
    result = _run(env, "--org", ORG, "--format", "json", "--output", str(out))
    assert result.exit_code == 1
    data = json.loads(out.read_text())
    assert [a["repo"] for a in data["audits"]] == names[:14]
    assert [u["repo"] for u in data["unfinished"]] == names[14:]
    assert all(u["resume_at"] for u in data["unfinished"])
    assert "rate limit" in data["unfinished"][0]["reason"]
    assert "not audited: big-org/repo-14" in result.stderr and "resume after" in result.stderr
    assert result.stderr.endswith(f"Error: {SIZE - 14} of {SIZE} repositories could not be audited; the 14 "
                                  "finished are in the report\n")


def test_a_failing_repository_is_reported_and_the_others_go_on(fake_github, env):
    names = _org(fake_github.world)
    fake_github.inject("server_error", times=3, path="graphql")  # the first repository's query and retries
    result = _run(env, "--org", ORG, "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [a["repo"] for a in data["audits"]] == names[1:]
    assert data["unfinished"] == [{"repo": names[0], "resume_at": None,
                                   "reason": f"127.0.0.1:{fake_github.port} kept failing with server errors; "
                                             "try again later"}]


def test_without_a_token_the_audit_reads_rest_within_the_hourly_limit(fake_github, env):
    add_welcoming(fake_github.world)
    tokenless = {**env, "GITHUB_TOKEN": "", "PATH": "/nonexistent"}  # no `gh auth token` either
    result = _run(tokenless, "friendly/welcoming", "--format", "json")
    assert result.exit_code == 0, result.output
    assert "no GitHub token: auditing through REST" in result.stderr
    assert fake_github.count("graphql") == 0
    assert len(fake_github.quota_requests()) <= 20  # three repositories an hour within 60 requests
    for entry in fake_github.log:
        validate_logged(entry)
    audit = json.loads(result.stdout)["audits"][0]
    outcomes = {c["id"]: c["outcome"] for c in audit["checks"]}
    assert outcomes["stale-bot"] == "not_available"
    for check in ("readme", "contributing", "code-of-conduct", "license", "beginner-label", "beginner-supply",
                  "issue-response", "newcomer-prs", "new-contributors", "maintained", "pr-template"):
        assert outcomes[check] == "pass", (check, audit["checks"])
    assert audit["limits"] and "set GITHUB_TOKEN" in audit["limits"][0]
    assert audit["grade"] == "A"


def test_without_a_token_busy_comment_threads_do_not_make_answered_issues_look_unanswered(fake_github, env):
    from fakegithub import Comment

    world = fake_github.world
    repo = world.add_repo("busy/chatty", files={"README.md": "# chatty\n"})
    old = world.now - timedelta(days=80)
    repo.add_issue("Answered long ago", author="asker", created_at=old,
                   comments=[Comment(author="maint", author_association="OWNER", created_at=old + timedelta(hours=3))])
    new = world.now - timedelta(days=10)
    chatty = repo.add_issue("Busy thread", author="asker2", created_at=new,
                            comments=[Comment(author="maint", author_association="OWNER",
                                              created_at=new + timedelta(hours=1))])
    for i in range(210):
        chatty.add_comment(f"me too {i}", author=f"fan{i}", created_at=new + timedelta(hours=2, minutes=i))
    later = new + timedelta(days=1)  # opened after the oldest comment read: all its comments are read
    repo.add_issue("Recent question", author="asker3", created_at=later,
                   comments=[Comment(author="maint", author_association="OWNER",
                                     created_at=later + timedelta(hours=3))])
    tokenless = {**env, "GITHUB_TOKEN": "", "PATH": "/nonexistent"}
    result = _run(tokenless, "busy/chatty", "--format", "json")
    assert result.exit_code == 0, result.output
    check = next(c for c in json.loads(result.stdout)["audits"][0]["checks"] if c["id"] == "issue-response")
    assert check["reason"].startswith("Maintainers answered 1 of 1 issues"), check
