"""``ossmatch hide``/``unhide``/``hidden`` end to end: suggest and digest leave hidden issues out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from suggest_worlds import story_world

from ossmatch.cli import main

NOW = "2026-11-27T12:00:00Z"


@pytest.fixture
def story(fake_github):
    story_world(fake_github.world)
    return fake_github


def run(fake, cache: Path, *args: str, now: str = NOW) -> Result:
    env = {
        "GITHUB_API_URL": fake.rest_url if fake else "http://127.0.0.1:9",
        "GITHUB_TOKEN": "test-token",
        "GH_TOKEN": "",
        "OSSMATCH_NOW": now,
        "OSSMATCH_CACHE_DIR": str(cache),
        "PATH": "/nonexistent",
    }
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


def found(fake, cache: Path) -> list[tuple[str, int]]:
    result = run(fake, cache, "suggest", "--skills", "python,docs", "--format", "json", "--limit", "50",
                 "--per-repo", "0", "--no-cache")
    assert result.exit_code == 0, result.output
    return [(i["repo"], i["number"]) for i in json.loads(result.stdout)["issues"]]


def test_hide_an_issue_and_a_repository_then_unhide(story, tmp_path: Path) -> None:
    before = found(story, tmp_path)
    assert ("acme/widgets", 13) in before and any(repo == "misc/variants" for repo, _ in before)

    result = run(story, tmp_path, "hide", "acme/widgets#13")
    assert result.exit_code == 0
    assert result.stdout == "Hid issue acme/widgets#13; `ossmatch unhide acme/widgets#13` brings it back.\n"
    result = run(story, tmp_path, "hide", "Misc/Variants", "--for", "30d")
    assert result.stdout == (
        "Hid repository (all its issues) Misc/Variants until 2026-12-27 12:00 UTC; "
        "`ossmatch unhide Misc/Variants` brings it back.\n"
    )
    after = found(story, tmp_path)
    assert ("acme/widgets", 13) not in after
    assert not any(repo == "misc/variants" for repo, _ in after)
    assert set(after) == {ref for ref in before if ref[0] != "misc/variants" and ref != ("acme/widgets", 13)}

    listed = run(story, tmp_path, "hidden").stdout
    assert listed == (
        "acme/widgets#13  issue, hidden 2026-11-27, for good\n"
        "Misc/Variants  repository, hidden 2026-11-27, until 2026-12-27\n"
    )
    table = run(story, tmp_path, "suggest", "--skills", "python,docs", "--limit", "3", "--no-cache").stdout
    assert "hidden issues left out (ossmatch hidden lists them)" in " ".join(table.split())

    shown = run(story, tmp_path, "show", "acme/widgets#13", "--no-cache").stdout
    assert "You hid it (or its repository)" in shown
    assert run(story, tmp_path, "unhide", "acme/widgets#13").stdout == "Unhid acme/widgets#13.\n"
    assert run(story, tmp_path, "unhide", "acme/widgets#13").stdout == "acme/widgets#13 was not hidden.\n"
    assert ("acme/widgets", 13) in found(story, tmp_path)


def test_a_hide_for_a_while_expires(story, tmp_path: Path) -> None:
    run(story, tmp_path, "hide", "acme/widgets", "--for", "2w")
    assert run(story, tmp_path, "hidden", now="2026-12-12T12:00:00Z").stdout == "Nothing is hidden.\n"


def test_the_digest_leaves_hidden_issues_out(story, tmp_path: Path) -> None:
    def digest() -> str:
        result = run(story, tmp_path, "digest", "--skills", "python,docs", "--limit", "5", "--format", "text")
        assert result.exit_code == 0, result.output
        return result.stdout

    assert "acme/widgets/issues/13" in digest()
    run(story, tmp_path, "hide", "acme/widgets#13")
    assert "acme/widgets/issues/13" not in digest()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["hide", "acme"], "Error: 'acme' is not an issue or repository: expected OWNER/REPO#NUMBER or OWNER/REPO\n"),
        (["hide", "acme/widgets#1", "--for", "soon"],
         "Error: --for 'soon' is not a duration: use a number and a unit, e.g. 12h, 30d, 2w or 3m\n"),
        (["unhide", "#3"], "Error: '#3' is not an issue or repository: expected OWNER/REPO#NUMBER or OWNER/REPO\n"),
    ],
)
def test_bad_input_is_a_one_line_usage_error(tmp_path: Path, args: list[str], message: str) -> None:
    result = run(None, tmp_path, *args)
    assert result.exit_code == 2 and result.stderr == message


def test_a_damaged_hidden_file_is_moved_aside_and_suggest_still_runs(story, tmp_path: Path) -> None:
    (tmp_path / "digest").mkdir()
    (tmp_path / "digest" / "hidden.json").write_text("{broken")
    result = run(story, tmp_path, "suggest", "--skills", "python,docs", "--format", "json", "--no-cache")
    assert result.exit_code == 0
    assert "Warning: hidden issues: state" in result.stderr and "moved it to hidden.json.corrupt-" in result.stderr
    assert len(list((tmp_path / "digest").glob("hidden.json.corrupt-*"))) == 1


def test_hiding_twice_says_so_and_a_typo_is_refused(story, tmp_path: Path) -> None:
    assert run(story, tmp_path, "hide", "acme/widgets#13").stdout.startswith("Hid issue acme/widgets#13")
    again = run(story, tmp_path, "hide", "acme/widgets#13")
    assert again.stdout == ("acme/widgets#13 was already hidden for good; "
                            "`ossmatch unhide acme/widgets#13` brings it back.\n")
    typo = run(story, tmp_path, "hide", "nosuch/repo#5")
    assert typo.exit_code == 2
    assert typo.stderr == "Error: GitHub has no issue nosuch/repo#5; check the name (nothing was hidden)\n"
    assert run(story, tmp_path, "hide", "acme/nosuch").exit_code == 2
    assert "nosuch" not in run(story, tmp_path, "hidden").stdout
