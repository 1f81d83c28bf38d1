"""End-to-end ``ossmatch audit`` against the fake GitHub: grades, exit codes and messages."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from worlds import add_neglected, add_welcoming

from ossmatch.cli import main


@pytest.fixture
def run(fake_github, tmp_path, monkeypatch):
    add_welcoming(fake_github.world)
    add_neglected(fake_github.world)
    env = {"GITHUB_API_URL": fake_github.rest_url, "GITHUB_TOKEN": "test-token",
           "OSSMATCH_CACHE_DIR": str(tmp_path / "cache"), "GITHUB_GRAPHQL_URL": "",
           "GH_TOKEN": "", "NO_COLOR": "1",
           "OSSMATCH_NOW": fake_github.world.now.isoformat()}

    def invoke(*args: str):
        return CliRunner().invoke(main, ["audit", *args], env=env)

    return invoke


def _audit(run, name: str) -> dict:
    result = run(name, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_welcoming_repository_scores_high(run):
    data = _audit(run, "friendly/welcoming")
    assert data["grade"] in ("A", "B") and data["score"] >= 75
    assert [c["id"] for c in data["checks"] if c["outcome"] == "fail"] == []


def test_a_well_described_unlabelled_issue_is_suggested_for_labelling(run):
    candidates = _audit(run, "friendly/welcoming")["candidates"]
    titles = [c["title"] for c in candidates]
    assert "Explain the cache settings in the docs" in titles
    assert not any(t.startswith("Crash") for t in titles)  # "It crashes." is no place to start


def test_neglected_repository_scores_low_with_the_expected_failures(run):
    data = _audit(run, "lonely/neglected")
    assert data["grade"] == "D"
    failing = {c["id"] for c in data["checks"] if c["outcome"] == "fail"}
    assert failing >= {"contributing", "code-of-conduct", "license", "beginner-label",
                       "beginner-supply", "issue-response", "newcomer-prs", "maintained"}


@pytest.mark.parametrize("name, code", [("friendly/welcoming", 0), ("lonely/neglected", 1)])
def test_fail_under(run, name, code):
    result = run(name, "--format", "badge", "--fail-under", "50")
    assert result.exit_code == code
    assert json.loads(result.stdout)["schemaVersion"] == 1
    if code:
        assert result.stderr.startswith("Error: score below --fail-under 50: lonely/neglected (")
        assert result.stderr.count("\n") == 1


def test_fail_under_with_several_repositories(run, tmp_path):
    out = tmp_path / "audit.sarif"
    result = run("friendly/welcoming", "lonely/neglected", "--format", "sarif",
                 "--output", str(out), "--fail-under", "50")
    assert result.exit_code == 1 and "lonely/neglected" in result.stderr
    assert "friendly/welcoming (" not in result.stderr
    assert len(json.loads(out.read_text())["runs"]) == 2


def test_unknown_repository_is_a_one_line_error(run):
    result = run("nobody/nothing")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
    assert "nobody/nothing" in result.stderr and "Traceback" not in result.output


@pytest.mark.parametrize("args", [("not-a-repo",), ("a/b/c",), (), ("o/r", "--org", "o")])
def test_bad_repository_syntax_is_a_usage_error(run, args):
    result = run(*args)
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ")


def test_table_lists_every_repository_and_a_summary(run):
    result = run("friendly/welcoming", "lonely/neglected")
    assert result.exit_code == 0, result.output
    assert "friendly/welcoming: grade" in result.stdout and "Summary" in result.stdout


def test_markdown_to_a_file(run, tmp_path):
    out = tmp_path / "summary.md"
    result = run("friendly/welcoming", "--format", "markdown", "--output", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert out.read_text().startswith("## Newcomer audit: [friendly/welcoming]")


def test_org_audit(run):
    result = run("--org", "friendly", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["repo"] == "friendly/welcoming"
