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


def test_show_costs_two_graphql_requests_and_then_none_from_cache(story, tmp_path: Path) -> None:
    # The issue, and the token's own history (what suggest scores next steps and claims with).
    story.clear_log()
    assert run(story, "acme/widgets#13", cache=tmp_path).exit_code == 0
    assert [r.kind for r in story.log] == ["graphql", "graphql"]
    story.clear_log()
    assert run(story, "acme/widgets#13", cache=tmp_path).exit_code == 0
    assert story.log == []


def test_show_without_a_token_uses_rest_and_says_what_is_missing(story) -> None:
    # a URL from the configured GitHub's web host (issue 25: another host's URLs are refused)
    result = run(story, f"{story.root_url}/acme/widgets/issues/13", token="")
    assert result.exit_code == 0, result.output
    assert "The `load_config` docstring is out of date." in result.stdout
    assert "without a token" in result.stdout
    # without a token maintainers' answers are not read: "nobody answered" would be a guess stated as fact
    quiet = story.world.repo("acme/widgets").add_issue("Nobody commented yet", body="Short.", labels=["bug"])
    result = run(story, f"acme/widgets#{quiet.number}", token="")
    who = result.stdout.split("Who to ask:", 1)[1].split("Getting started:", 1)[0]
    assert "nobody with write access has answered" not in who and "unknown without a token" in who


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


def test_show_says_plainly_when_suggest_would_not_offer_an_issue(story) -> None:
    widgets = story.world.repo("acme/widgets")
    question = widgets.add_issue("Is this still wanted?", body="A question.", labels=["bug"],
                                 created_at=story.world.now - timedelta(days=3 * 365),
                                 updated_at=story.world.now - timedelta(days=400))
    text = " ".join(run(story, f"acme/widgets#{question.number}", "--skills", "python").stdout.split())
    assert ("suggest would not offer it: it is not a beginner issue (none of the labels suggest searches for); "
            "it is stale (no update in 365 days)." in text)
    claimed = next(i.number for i in widgets.issues if i.title == "Add a --verbose flag")
    text = " ".join(run(story, f"acme/widgets#{claimed}", "--skills", "python").stdout.split())
    assert "suggest lists it with a warning: someone asked to take it, so it is marked claimed" in text
    assert text.count("suggest lists it") == 1  # the caveat does not say it twice
    ideal = " ".join(run(story, "acme/widgets#13", "--skills", "python").stdout.split())
    assert "suggest would not offer it" not in ideal and "with a warning" not in ideal


CJK_TITLE = "修复文档中的错误链接并更新安装说明以及常见问题解答页面"


def test_wrapping_counts_terminal_cells_and_piped_show_honours_columns(story) -> None:
    from ossmatch.render.wrap import cell_width

    story.world.repo("acme/widgets").add_issue(CJK_TITLE, body="说明 " * 40, labels=["good first issue"],
                                               created_at=story.world.now - timedelta(days=1))
    number = next(i.number for i in story.world.repo("acme/widgets").issues if i.title == CJK_TITLE)
    env = {"GITHUB_API_URL": story.rest_url, "GITHUB_TOKEN": "test-token", "GH_TOKEN": "", "OSSMATCH_NOW": NOW,
           "OSSMATCH_CACHE_DIR": "", "PATH": "/nonexistent", "COLUMNS": "40"}
    shown = CliRunner().invoke(main, ["show", f"acme/widgets#{number}", "--no-cache"], env=env).stdout
    lines = shown.splitlines()
    assert max(cell_width(line) for line in lines if "://" not in line) <= 40
    table = CliRunner().invoke(main, ["suggest", "--skills", "python", "--repo", "acme/widgets", "--no-cache"],
                               env=env).stdout
    title = [line for line in table.splitlines() if any("\u4e00" <= c <= "\u9fff" for c in line)]
    assert len(title) >= 2 and all(cell_width(line) <= 40 for line in title)
    wide = {**env, "COLUMNS": "100"}
    assert max(len(line) for line in CliRunner().invoke(
        main, ["show", "acme/widgets#13", "--no-cache"], env=wide).stdout.splitlines()) > 40


def test_an_issue_with_an_open_pull_request_names_it(story) -> None:
    number = next(i.number for i in story.world.repo("acme/widgets").issues if i.title == "Fixed by an open PR")
    text = " ".join(run(story, f"acme/widgets#{number}").stdout.split())
    pull = next(p.number for p in story.world.repo("acme/widgets").pulls if p.title == "Fix it")
    assert f"ossmatch would not suggest it: has an open pull request (#{pull} by @helper)." in text


def test_a_history_github_cannot_give_is_a_warning_and_the_issue_is_still_shown(story) -> None:
    story.inject("server_error", times=None, path="graphql", body="ViewerHistory")
    result = run(story, "acme/widgets#13", "--skills", "python")
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("Warning: could not read your GitHub history, so no next steps: ")
    assert result.stdout.startswith("acme/widgets#13: Update the load_config docstring\n")
    assert "Why ossmatch ranks it:\n  score " in result.stdout
