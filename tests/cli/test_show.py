"""``ossmatch show`` against the fake GitHub: one request, the page a newcomer needs, nothing unsafe."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from suggest_worlds import story_world

from ossmatch.cli import main

NOW = "2026-11-27T12:00:00Z"


@pytest.fixture
def story(fake_github):
    story_world(fake_github.world)
    widgets = fake_github.world.repo("acme/widgets")
    widgets.files["CONTRIBUTING.md"] = "Run `make test` before you open a pull request."
    issue = widgets.issue(13)
    issue.body += "\n<!-- hidden note -->\n**Bold** and [the docs](https://example.org/docs) \x1b[31mred\n"
    now = fake_github.world.now
    people = ((4, "early", "NONE"), (3, "curious", "NONE"), (2, "helper", "MEMBER"), (1, "asker", "NONE"))
    for day, who, role in people:
        issue.add_comment(f"Comment by {who}.", author=who, author_association=role,
                          created_at=now - timedelta(days=day))
    return fake_github


def run(fake, *args: str, token: str = "test-token", cache: Path | None = None) -> Result:
    env = {
        "GITHUB_API_URL": fake.rest_url,
        "GITHUB_TOKEN": token,
        "GH_TOKEN": "",
        "OSSMATCH_NOW": NOW,
        "OSSMATCH_CACHE_DIR": str(cache) if cache else "",
        "PATH": "/nonexistent",
    }
    flags = [] if cache else ["--no-cache"]
    return CliRunner().invoke(main, ["show", *args, *flags], env=env, catch_exceptions=False)


def test_show_prints_the_issue_comments_contacts_links_and_ranking(story) -> None:
    result = run(story, "acme/widgets#13", "--skills", "python,docs")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("acme/widgets#13: Update the load_config docstring\nhttps://github.com/acme/widgets/issues/13\n")
    assert "The `load_config` docstring is out of date." in out
    assert "the docs (https://example.org/docs)" in out and "**" not in out and "hidden note" not in out
    assert "\x1b" not in out
    assert "Last comments (3 of 4):\n  @curious, 3 days ago:\n    Comment by curious." in out
    assert "Comment by early" not in out
    assert "Who to ask:\n  - @helper (member): commented here 2 days ago\n  - @maintainer (member)" in out
    assert "contributing guide: https://github.com/acme/widgets/blob/" in out
    assert "README: https://github.com/acme/widgets#readme" in out
    assert "Why ossmatch ranks it:\n  score " in out and ", for skills python, docs" in out
    assert "- matches your" in out


def test_show_costs_one_graphql_request_and_then_none_from_cache(story, tmp_path: Path) -> None:
    story.clear_log()
    assert run(story, "acme/widgets#13", cache=tmp_path).exit_code == 0
    assert [r.kind for r in story.log] == ["graphql"]
    story.clear_log()
    assert run(story, "acme/widgets#13", cache=tmp_path).exit_code == 0
    assert story.log == []


def test_show_without_a_token_uses_rest_and_says_what_is_missing(story) -> None:
    # a URL from the configured GitHub's web host (issue 25: another host's URLs are refused)
    result = run(story, f"{story.root_url}/acme/widgets/issues/13", token="")
    assert result.exit_code == 0, result.output
    assert "The `load_config` docstring is out of date." in result.stdout
    assert "without a token" in result.stdout


def test_an_assigned_issue_says_why_it_is_not_suggested(story) -> None:
    number = next(i.number for i in story.world.repo("acme/widgets").issues if i.assignees)
    result = run(story, f"acme/widgets#{number}")
    assert result.exit_code == 0, result.output
    assert "ossmatch would not suggest it: assigned" in result.stdout


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("acme/widgets", "Error: 'acme/widgets' names a repository, not an issue: expected OWNER/REPO#NUMBER\n"),
        ("not an issue", "Error: 'not an issue' is not an issue or repository: expected OWNER/REPO#NUMBER\n"),
    ],
)
def test_bad_targets_are_one_line_usage_errors(story, target: str, message: str) -> None:
    result = run(story, target)
    assert result.exit_code == 2 and result.stderr == message


def test_a_missing_issue_is_a_one_line_error(story) -> None:
    result = run(story, "acme/widgets#9999")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: acme/widgets#9999 is not an issue") and "Traceback" not in result.output
