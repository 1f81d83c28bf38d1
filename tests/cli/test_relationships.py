"""Relationships end to end: next steps, mentored issues, involvement and open PRs against the fake GitHub."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from fakegithub import Review
from suggest_worlds import GOOD_BODY, ME, relationship_world, story_world

from ossmatch.cli import main

NOW = "2026-11-27T12:00:00Z"


@pytest.fixture
def world(fake_github):
    relationship_world(fake_github.world)
    return fake_github


def run(fake, command: str, *args: str, token: str | None = "test-token", cache: Path | None = None) -> Result:
    env = {
        "GITHUB_API_URL": fake.rest_url,
        "GITHUB_TOKEN": token or "",
        "GH_TOKEN": "",
        "OSSMATCH_NOW": NOW,
        "OSSMATCH_CACHE_DIR": str(cache) if cache else "",
        "PATH": "/nonexistent",
    }
    flags = [] if cache else ["--no-cache"]
    return CliRunner().invoke(main, [command, *args, *flags], env=env, catch_exceptions=False)


def suggest(fake, *args: str, token: str | None = "test-token") -> dict:
    result = run(fake, "suggest", "--skills", "python,docs", "--format", "json", "--limit", "50", *args, token=token)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def titles(doc: dict, key: str = "issues") -> list[str]:
    return [i["title"] for i in doc[key]]


def test_next_steps_in_the_project_that_merged_your_work_rank_by_score_with_the_reviewer(world) -> None:
    doc = suggest(world, "--me", ME)
    scores = [i["score"] for i in doc["issues"]]
    assert scores == sorted(scores, reverse=True)  # a next step is boosted, never lifted out of order
    first, second = (i for i in doc["issues"] if i["next_step"])
    assert {first["title"], second["title"]} == {"Validate unknown config keys", "Speed up widget rendering"}
    assert first["repo"] == "acme/widgets" and "@alice reviewed your #13" in first["reasons"]
    assert doc["issues"].index(first) <= 1
    config = next(i for i in doc["issues"] if i["title"] == "Validate unknown config keys")
    assert "close to your earlier work there: config" in config["reasons"]
    assert config["next_step_detail"]["credits"] == [{"login": "alice", "verb": "reviewed", "number": 13}]
    assert sum(i["next_step"] for i in doc["issues"]) == 2
    assert doc["me"] == ME and doc["version"] == 1


def test_without_history_the_same_issues_do_not_lead(world) -> None:
    found = titles(suggest(world, token=None))
    assert found[0] != "Validate unknown config keys"


def test_next_shows_only_next_steps(world) -> None:
    doc = suggest(world, "--me", ME, "--next")
    assert sorted(titles(doc)) == ["Speed up widget rendering", "Validate unknown config keys"]


def test_a_mentored_issue_outranks_its_twin_and_says_why(world) -> None:
    doc = suggest(world, "--me", ME)
    by_title = {i["title"]: i for i in doc["issues"]}
    mentored, plain = by_title["Add type hints to the printer"], by_title["Add type hints to the parser"]
    assert mentored["score"] > plain["score"]
    assert titles(doc).index(mentored["title"]) < titles(doc).index(plain["title"])
    assert mentored["mentored"] == {"kind": "comment", "evidence": "I can mentor", "mentor": "lead"}
    assert 'mentored: @lead offered help ("I can mentor")' in mentored["reasons"]
    assert plain["mentored"] is None and "mentored" not in plain["flags"]


def test_mentored_only_keeps_just_those(world) -> None:
    assert titles(suggest(world, "--me", ME, "--mentored-only")) == ["Add type hints to the printer"]


def test_issues_you_opened_or_commented_on_are_marked_not_suggested(world) -> None:
    doc = suggest(world, "--me", ME)
    assert "Crash on empty input" not in titles(doc) and "Add a --quiet flag" not in titles(doc)
    involved = {i["title"]: i for i in doc["involved"]}
    assert involved["Crash on empty input"]["reasons"][0] == "you're involved: you opened this 4 days ago"
    assert involved["Add a --quiet flag"]["reasons"][0] == "you're involved: you commented on this 24 hours ago"
    assert all(i["involved"] for i in doc["involved"]) and not any(i["involved"] for i in doc["issues"])


def test_your_open_pull_requests_are_in_progress_with_a_nudge(world) -> None:
    pulls = {p["title"]: p for p in suggest(world, "--me", ME)["in_progress"]}
    assert pulls["Add YAML support"]["waiting_on"] == "review"
    assert pulls["Add YAML support"]["nudge"] == "waiting 12 days for review: a polite ping on the pull request is fine"
    assert pulls["Handle missing files"]["waiting_on"] == "you"


def test_the_tokens_own_user_is_used_without_me(world) -> None:
    doc = suggest(world, token="newbie-token")
    assert doc["me"] == ME and any(i["next_step"] for i in doc["issues"][:2])


@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
def test_every_format_shows_involvement_and_pull_requests(world, fmt: str) -> None:
    result = run(world, "suggest", "--skills", "python,docs", "--me", ME, "--format", fmt, "--limit", "50")
    assert result.exit_code == 0, result.output
    out = result.stdout.replace("\\#", "#")  # Markdown escapes '#'
    assert "@alice reviewed your #13" in out
    assert "involved" in out and "Crash on empty input" in out
    assert "Add YAML support" in out and "waiting 12 days for review" in out


def test_a_me_run_adds_at_most_two_requests(world) -> None:
    run(world, "suggest", "--skills", "python,docs", "--format", "json", token="")
    world.clear_log()
    run(world, "suggest", "--skills", "python,docs", "--format", "json")
    without = world.count()
    world.clear_log()
    run(world, "suggest", "--skills", "python,docs", "--format", "json", "--me", ME)
    assert world.count() - without <= 2


def test_unknown_me_is_a_one_line_error(world) -> None:
    result = run(world, "suggest", "--skills", "python", "--me", "nobody-here")
    assert result.exit_code == 1
    assert result.stderr == "Error: no GitHub user named 'nobody-here'\n"


def test_with_me_but_no_token_history_comes_from_search(world) -> None:
    result = run(world, "suggest", "--skills", "python,docs", "--format", "json", "--limit", "50", "--me", ME,
                 token=None)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert any(i["next_step"] and i["repo"] == "acme/widgets" for i in doc["issues"])
    assert "Crash on empty input" in titles(doc, "involved")
    assert {p["waiting_on"] for p in doc["in_progress"]} == {"unknown"}
    assert "Note: without a token your history comes from search" in result.stderr
    assert all(r.kind == "rest" for r in world.log)


def test_without_token_or_me_everything_works_and_the_note_says_what_a_token_adds(fake_github) -> None:
    story_world(fake_github.world)
    result = run(fake_github, "suggest", "--skills", "python,docs", "--format", "json", token=None)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["issues"] and doc["in_progress"] == [] and doc["involved"] == [] and doc["me"] is None
    assert "Note: no GitHub token:" in result.stderr
    assert "a token would also let you see next steps in projects you contributed to" in result.stderr
    notes = [line for line in result.stderr.splitlines() if line.startswith("Note:")]
    assert sum("token" in line for line in notes) == 1  # one note about the missing token, not one per topic
    assert doc["candidates"] == 10 and doc["repositories"] == 3  # how many were considered


def test_digest_has_a_your_projects_section(world, tmp_path: Path) -> None:
    result = run(world, "digest", "--skills", "python,docs", "--me", ME, cache=tmp_path)
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert text.splitlines()[0].endswith("and 2 next steps in your projects")
    section = text[text.index("Your projects"):text.index("Preview made by")]
    assert "Next step: Validate unknown config keys" in section
    assert "@alice reviewed your #13" in section
    assert "Your pull request: Add YAML support (acme/widgets#16), waiting for review" in section
    assert "waiting 12 days for review" in section
    assert "Your pull request: Handle missing files (other/project#17), waiting for your reply" in section
    assert "Crash on empty input" not in text


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_digest_your_projects_in_other_formats(world, tmp_path: Path, fmt: str) -> None:
    result = run(world, "digest", "--skills", "python,docs", "--me", ME, "--format", fmt, cache=tmp_path)
    assert result.exit_code == 0, result.output
    assert "Your projects" in result.stdout and "Validate unknown config keys" in result.stdout


def test_digest_marks_next_steps_sent(world, tmp_path: Path) -> None:
    first = run(world, "digest", "--skills", "python,docs", "--me", ME, "--mark-sent", cache=tmp_path)
    assert "Next step: Validate unknown config keys" in first.stdout
    widgets = world.world.repo("acme/widgets")
    widgets.add_issue("Document config precedence", labels=["help wanted"], author="alice",
                      author_association="MEMBER", created_at=world.world.now - timedelta(days=1))
    second = run(world, "digest", "--skills", "python,docs", "--me", ME, "--refresh", cache=tmp_path)
    assert "Next step: Document config precedence" in second.stdout
    assert "Next step: Validate unknown config keys" not in second.stdout


def test_reviews_by_the_person_themselves_are_not_credited(world) -> None:
    pr = world.world.repo("acme/widgets").pull(13)
    pr.reviews.insert(0, Review(author=ME, author_association="CONTRIBUTOR", state="COMMENTED",
                                submitted_at=world.world.now - timedelta(days=42)))
    first = next(i for i in suggest(world, "--me", ME)["issues"] if i["next_step"])
    assert "@alice reviewed your #13" in first["reasons"]
    assert not any(f"@{ME}" in r for r in first["reasons"])


def test_the_follow_up_to_your_merged_pull_request_ranks_first_for_its_author(world) -> None:
    """The issue naming newbie's merged #13 beats generic issues of the same project and stronger ones elsewhere."""
    widgets = world.world.repos["acme/widgets"]
    for n in range(4):
        widgets.add_issue(f"Document option {n}", body=GOOD_BODY, labels=["good first issue", "documentation"],
                          author="alice", author_association="MEMBER", created_at=world.world.now - timedelta(days=1))
    widgets.add_issue("Cache parsed configs", body="Follow-up to #13: the loader re-reads the file on every call.",
                      labels=["help wanted"], author="alice", author_association="MEMBER",
                      created_at=world.world.now - timedelta(days=6))
    doc = suggest(world, "--me", ME)
    first = doc["issues"][0]
    assert first["title"] == "Cache parsed configs"
    assert first["reasons"][0] == "follow-up to your merged #13 in acme/widgets"
    assert first["next_step_detail"]["follow_up"] == 13
    # Without the person's history it is just another issue.
    assert titles(suggest(world, token=None))[0] != "Cache parsed configs"


def test_newcomers_are_counted_from_merge_history_when_github_says_contributor(fake_github) -> None:
    """GitHub computes authorAssociation when read: merged first-timers read CONTRIBUTOR."""
    world = fake_github.world
    repo = world.add_repo("acme/fresh", languages=["Python"], stars=100, pushed_at=world.now - timedelta(days=1))
    for i in range(3):
        repo.add_pull(f"First fix {i}", author=f"first{i}", author_association="CONTRIBUTOR", state="MERGED",
                      created_at=world.now - timedelta(days=10 + i), merged_at=world.now - timedelta(days=9 + i),
                      merged_by="maint")
    repo.add_issue("Improve the docs", body=GOOD_BODY, labels=["good first issue", "documentation"],
                   author="maint", author_association="MEMBER", created_at=world.now - timedelta(days=2))
    doc = suggest(fake_github)
    item = doc["issues"][0]
    assert item["signals"]["issue"]["repo_newcomer_share"] == 1.0
    assert item["signals"]["repo"]["newcomer_prs_decided"] == 3
    assert "3 of 3 recent newcomer pull requests were merged" in item["reasons"]
