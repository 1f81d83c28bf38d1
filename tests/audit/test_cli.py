"""End-to-end ``ossmatch audit`` against the fake GitHub: grades, exit codes and messages."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from worlds import add_archived, add_dormant, add_neglected, add_slow, add_welcoming

from ossmatch.cli import main


@pytest.fixture
def run(fake_github, tmp_path, monkeypatch):
    for add in (add_welcoming, add_neglected, add_archived, add_dormant, add_slow):
        add(fake_github.world)
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
    data = json.loads(result.stdout)
    assert data["version"] == 2 and len(data["audits"]) == 1
    return data["audits"][0]


GRADES = [
    # (world, grade, why)
    ("friendly/welcoming", "A", "answers within hours, merges first-timers, every file present"),
    ("big/slow", "B", "perfect files and labels, but answers after 20 days and one first-timer a month"),
    ("sleepy/dormant", "D", "no maintainer activity in 90 days caps the grade at D"),
    ("lonely/neglected", "D", "no answers, no merges, almost no files"),
    ("frozen/archived", "F", "archived: not accepting contributions, whatever else passes"),
]


@pytest.mark.parametrize("name, grade, why", GRADES, ids=[g[0] for g in GRADES])
def test_grades_of_the_test_worlds(run, name, grade, why):
    assert _audit(run, name)["grade"] == grade, why


def test_slow_answers_are_what_to_fix_first_and_point_at_the_issues(run):
    data = _audit(run, "big/slow")
    first = data["fixes"][0]
    assert first["check"] == "issue-response" and first["file"] is None
    assert first["targets"][0]["url"].startswith("https://github.com/big/slow/issues/")
    supply = next(c for c in data["checks"] if c["id"] == "beginner-supply")
    assert supply["reason"].startswith("120 open beginner issues (GitHub's count); 50 of the 50")
    prs = next(c for c in data["checks"] if c["id"] == "newcomer-prs")
    assert prs["outcome"] == "fail" and "Small sample: 1 of the 3" in prs["reason"]


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


@pytest.mark.parametrize("name, code", [("friendly/welcoming", 0), ("lonely/neglected", 3)])
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
    assert result.exit_code == 3 and "lonely/neglected" in result.stderr
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
    assert [a["repo"] for a in json.loads(result.stdout)["audits"]] == ["friendly/welcoming"]


def test_github_failure_is_exit_1_not_the_fail_under_code(run, fake_github):
    fake_github.inject("server_error", times=None, path="graphql")
    result = run("friendly/welcoming", "--fail-under", "50")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1


def test_one_failing_repository_does_not_stop_the_others(run, fake_github):
    result = run("friendly/welcoming", "nobody/nothing", "big/slow", "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [a["repo"] for a in data["audits"]] == ["friendly/welcoming", "big/slow"]
    assert [u["repo"] for u in data["unfinished"]] == ["nobody/nothing"]
    assert "not audited: nobody/nothing" in result.stderr
    assert result.stderr.endswith("Error: 1 of 3 repositories could not be audited; the 2 finished are in "
                                  "the report\n")


def test_a_piped_table_honours_columns(run, monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")
    narrow = run("friendly/welcoming").stdout.splitlines()
    monkeypatch.setenv("COLUMNS", "120")
    wide = run("friendly/welcoming").stdout.splitlines()
    assert max(map(len, narrow)) <= 60 < max(map(len, wide)) <= 120
