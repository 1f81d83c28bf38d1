"""``ossmatch suggest`` end to end: the CLI against the fake GitHub's story world."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from suggest_worlds import EVIL_TITLE, story_world

from ossmatch.cli import main

NOW = "2026-11-27T12:00:00Z"


@pytest.fixture
def story(fake_github):
    story_world(fake_github.world)
    return fake_github


def run(fake, *args: str, token: str | None = "test-token", cache: Path | None = None) -> Result:
    env = {
        "GITHUB_API_URL": fake.rest_url,
        "GITHUB_TOKEN": token or "",
        "GH_TOKEN": "",
        "OSSMATCH_NOW": NOW,
        "OSSMATCH_CACHE_DIR": str(cache) if cache else "",
        "PATH": "/nonexistent",  # no `gh` to ask for a token
    }
    flags = [] if cache else ["--no-cache"]
    return CliRunner().invoke(main, ["suggest", *args, *flags], env=env, catch_exceptions=False)


def issues_of(result: Result) -> list[dict]:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["issues"]


def titles(result: Result) -> list[str]:
    return [i["title"] for i in issues_of(result)]


def test_the_ideal_issue_ranks_first(story) -> None:
    found = titles(run(story, "--skills", "python,docs", "--format", "json", "--limit", "50"))
    assert found[0] == "Update the load_config docstring"


def test_taken_fixed_and_archived_issues_never_appear(story) -> None:
    found = titles(run(story, "--skills", "python,docs", "--format", "json", "--limit", "50"))
    for absent in ("Taken already", "Fixed by an open PR", "Archived issue"):
        assert absent not in found


def test_a_claimed_issue_is_flagged_and_below_every_free_one_in_a_live_project(story) -> None:
    issues = issues_of(run(story, "--skills", "python,docs", "--format", "json", "--limit", "50", "--per-repo", "0"))
    claimed = next(i for i in issues if i["title"] == "Add a --verbose flag")
    assert "claimed" in claimed["flags"]
    assert claimed["reasons"][0] == "someone asked to take this 2 days ago"
    live = [i for i in issues if "inactive-maintainers" not in i["flags"]]
    assert live[-1] is claimed
    # A dormant project is no better a bet than a claimed issue: it ranks below it.
    assert issues[-1]["repo"] == "ghost/town"


def test_stale_issue_ranks_below_fresh_ones_in_the_same_repo(story) -> None:
    found = titles(run(story, "--skills", "python,docs", "--format", "json", "--limit", "50", "--per-repo", "0"))
    assert found.index("Rename an old helper") > found.index("Document the retry option")


def test_dead_repository_ranks_below_a_responsive_one(story) -> None:
    issues = issues_of(run(story, "--skills", "python,docs", "--format", "json", "--limit", "50"))
    found = [i["title"] for i in issues]
    assert found.index("Improve the docstring of parse") > found.index("Update the load_config docstring")
    dead = next(i for i in issues if i["repo"] == "ghost/town")
    # only stale[bot] ever answered there: bots are not maintainer responses
    assert dead["signals"]["repo"]["median_first_response_hours"] is None
    assert dead["signals"]["repo"]["response_rate"] == 0


def test_label_variants_are_found(story) -> None:
    found = titles(run(story, "--skills", "python", "--format", "json", "--limit", "50"))
    for variant in ("Variant up-for-grabs", "Variant first-timers-only", "Variant easy", "Document the retry option"):
        assert variant in found


def test_other_languages_are_left_out(story) -> None:
    assert "Rust only issue" not in titles(run(story, "--skills", "python", "--format", "json", "--limit", "50"))


@pytest.mark.parametrize("fmt", ["table", "markdown", "html", "json"])
def test_hostile_title_is_inert_in_every_format(story, fmt: str) -> None:
    result = run(story, "--skills", "python,docs", "--format", fmt, "--limit", "50")
    assert result.exit_code == 0, result.output
    out = result.stdout
    if fmt == "html":
        assert "<script>" not in out and "<img" not in out and 'href="javascript:' not in out
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    if fmt == "markdown":
        assert "<script>" not in out and "](javascript:" not in out
        assert r"\[click\]\(javascript:alert\(1\)\)" in out
    if fmt == "json":
        assert EVIL_TITLE in titles(result)
    assert not re.search(r"(?<![\d.])49(?![\d.])", out)  # {{ 7*7 }} was never evaluated
    assert "{{ 7*7 }}" in out or r"\{\{ 7\*7 \}\}" in out


def test_deleted_author_and_null_body_are_handled(story) -> None:
    issues = issues_of(run(story, "--skills", "python,docs", "--format", "json", "--limit", "50"))
    evil = next(i for i in issues if i["title"] == EVIL_TITLE)
    assert evil["signals"]["issue"]["body_words"] == 0


def test_output_file_is_written_and_stdout_stays_empty(story, tmp_path: Path) -> None:
    target = tmp_path / "out" / "issues.json"
    target.parent.mkdir()
    result = run(story, "--skills", "python", "--format", "json", "--output", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(target.read_text())["version"] == 1
    assert [p.name for p in target.parent.iterdir()] == ["issues.json"]


def test_second_run_within_ttl_makes_no_quota_request(story, tmp_path: Path) -> None:
    first = run(story, "--skills", "python,docs", "--format", "json", cache=tmp_path)
    story.clear_log()
    second = run(story, "--skills", "python,docs", "--format", "json", cache=tmp_path)
    assert story.quota_requests() == []
    assert issues_of(first) == issues_of(second)


def test_cold_run_uses_few_requests(story) -> None:
    run(story, "--skills", "python,docs", "--format", "json")
    assert story.count() <= 4


def test_without_a_token_rest_search_still_works_and_says_what_is_missing(story) -> None:
    result = run(story, "--skills", "python,docs", "--format", "json", "--limit", "50", token=None)
    found = titles(result)
    assert "Update the load_config docstring" in found
    assert "Taken already" not in found and "Archived issue" not in found
    assert all(r.kind == "rest" for r in story.log)
    # Said once, as a note about the token with the budget used and how to get one; no per-row flag.
    assert result.stderr.count("no GitHub token") == 1
    assert "of the 60 requests an hour" in result.stderr and "gh auth login" in result.stderr
    assert "https://github.com/settings/personal-access-tokens/new" in result.stderr
    assert not any("no-activity-data" in i["flags"] for i in issues_of(result))


def test_without_a_token_claims_and_a_dormant_project_are_still_seen(story) -> None:
    issues = issues_of(run(story, "--skills", "python,docs", "--format", "json", "--limit", "50", "--per-repo", "0",
                           token=None))
    claimed = next(i for i in issues if i["title"] == "Add a --verbose flag")
    assert "claimed" in claimed["flags"] and claimed["reasons"][0] == "someone asked to take this 2 days ago"
    dead = next(i for i in issues if i["repo"] == "ghost/town")
    assert "inactive-maintainers" in dead["flags"]
    top3 = [i["title"] for i in issues[:3]]
    assert "Add a --verbose flag" not in top3 and "Improve the docstring of parse" not in top3
    assert len({round(i["score"], 6) for i in issues[:5]}) >= 3  # not all bunched together


def order_value(issue: dict) -> float:
    """What the list is ordered by: the score, unless a preference (weights, level) moved the issue."""
    return issue["score"] if issue["preference"] is None else issue["preference"]


def test_a_repository_over_the_cap_folds_under_its_last_issue_in_score_order(story) -> None:
    beginner = json.loads(run(story, "--skills", "python,docs", "--format", "json", "--limit", "50").stdout)
    values = [order_value(i) for i in beginner["issues"]]
    assert values == sorted(values, reverse=True)
    # The hard issue folds under a lower score because of the level: the list says so.
    hard = next(i for i in beginner["folded"]["acme/widgets"]["issues"] if i["title"] == "Redesign the plugin loader")
    assert hard["score"] > min(i["score"] for i in beginner["issues"] if i["repo"] == "acme/widgets")
    assert any(n.startswith("your level (beginner) puts issues labelled medium or hard later")
               for n in beginner["notes"])
    # Where no preference moved an issue (intermediate: only hard issues come later) the order is the score's.
    doc = json.loads(run(story, "--skills", "python,docs", "--format", "json", "--limit", "50",
                         "--level", "intermediate").stdout)
    scores = [i["score"] for i in doc["issues"] if i["preference"] is None]
    assert len(scores) >= 5 and scores == sorted(scores, reverse=True)
    widgets = [n for n, i in enumerate(doc["issues"]) if i["repo"] == "acme/widgets"]
    assert len(widgets) == 3
    folded = doc["folded"]["acme/widgets"]
    assert folded["count"] == len(folded["issues"]) >= 2
    assert folded["top_score"] == max(i["score"] for i in folded["issues"]) <= doc["issues"][widgets[-1]]["score"]
    assert doc["issues"][widgets[-1]]["fold"]["command"] == "ossmatch suggest --repo acme/widgets"
    assert doc["issues"][widgets[-1]]["fold"]["option"] == "--repo acme/widgets"
    assert all(doc["issues"][n]["fold"] is None for n in widgets[:-1])
    table = run(story, "--skills", "python,docs", "--limit", "50", "--level", "intermediate").stdout
    line = (f"+{folded['count']} more in acme/widgets, up to score {folded['top_score']:.0f}: "
            "add `--repo acme/widgets` to this command")
    assert line in " ".join(table.split())
    # The line sits under the repository's last shown issue, before the next issue.
    last = doc["issues"][widgets[-1]]
    assert table.index(f"acme/widgets#{last['number']}") < table.index("+") < table.index(f"\n{widgets[-1] + 2:>2}. ")
    every = issues_of(run(story, "--skills", "python,docs", "--format", "json", "--repo", "acme/widgets"))
    assert {i["repo"] for i in every} == {"acme/widgets"}
    assert len(every) == 3 + folded["count"]


@pytest.mark.parametrize("args", [("--format", "xml"), ("--limit", "0"), ("--limit", "300"), ("--repo", "nope"),
                                  ("--per-repo", "-1"), ("--bogus",)])
def test_every_bad_option_value_is_one_line(fake_github, args: tuple[str, ...]) -> None:
    result = run(fake_github, "--skills", "python", *args)
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
    assert "(see ossmatch suggest --help)" in result.stderr and "Usage:" not in result.stderr


def test_token_never_appears_in_output(story) -> None:
    result = run(story, "--skills", "python,docs", "--format", "json", token="test-token")
    assert "test-token" not in result.output


def test_bad_token_is_a_one_line_error(story) -> None:
    result = run(story, "--skills", "python", token="nope")
    assert result.exit_code == 1
    assert result.stderr == "Error: GitHub rejected the token (401 Bad credentials): check GITHUB_TOKEN or GH_TOKEN\n"


def test_a_misspelt_skill_is_refused_with_the_correction(story) -> None:
    result = run(story, "--skills", "pyhton,docs", "--format", "json")
    assert result.exit_code == 2
    assert "unknown skill 'pyhton': did you mean python?" in result.stderr
    assert result.stdout == "" and not story.log  # nothing was searched for a word that matches nothing


def test_an_unknown_skill_is_searched_as_a_word_and_nothing_unrelated_is_listed(story) -> None:
    result = run(story, "--skills", "cobol", "--format", "json")
    assert result.exit_code == 0
    assert "Warning: unknown skill 'cobol'; searching for it as a word" in result.stderr
    queries = [str(v) for r in story.log if r.kind == "graphql" for v in (r.variables or {}).values()]
    assert any("cobol" in q for q in queries)
    # Beginner issues were found, but none shows cobol: none is listed, and stderr says what to try.
    assert issues_of(result) == []
    assert "none of the" in result.stderr and "matches cobol" in result.stderr and "try" in result.stderr


def test_an_unknown_skill_in_the_table_prints_no_rows(story) -> None:
    result = run(story, "--skills", "cobol")
    assert result.exit_code == 0
    assert "does not obviously match" not in result.stdout and "#" not in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--skills", "python", "--format", "pdf"], "Invalid value for '--format'"),
        (["--skills", " , "], "Error: --skills is empty: give a comma-separated list such as python,docs"),
        ([], ("Error: no skills given: use --skills python,docs or --profile PATH "
              "(or `ossmatch profile init` writes ./ossmatch.toml, read by default)")),
        (["--skills", "python", "--limit", "0"], "Invalid value for '--limit'"),
    ],
)
def test_bad_input_exits_2_with_one_line(fake_github, args: list[str], message: str) -> None:
    result = run(fake_github, *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_malformed_profile_names_the_bad_key(fake_github, tmp_path: Path) -> None:
    profile = tmp_path / "me.toml"
    profile.write_text('skils = ["python"]\n')
    result = run(fake_github, "--profile", str(profile))
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ") and "skils" in result.stderr
    assert result.stderr.count("\n") == 1


def test_profile_that_is_not_toml_is_one_line(fake_github, tmp_path: Path) -> None:
    profile = tmp_path / "me.toml"
    profile.write_text("skills = [python\n")
    result = run(fake_github, "--profile", str(profile))
    assert result.exit_code == 2 and result.stderr.count("\n") == 1


def test_level_decides_how_much_a_hard_issue_counts(story) -> None:
    def hard(level: str) -> dict:
        issues = issues_of(run(story, "--skills", "python,docs", "--format", "json", "--repo", "acme/widgets",
                               "--level", level))
        return next(i for i in issues if i["title"] == "Redesign the plugin loader")

    beginner, intermediate = hard("beginner"), hard("intermediate")
    # The level is a preference: it moves the issue down the list, never its chance.
    assert beginner["score"] == intermediate["score"]
    assert beginner["preference"] < intermediate["preference"] < intermediate["score"]
    assert any("labelled hard" in r for r in beginner["reasons"])
    assert beginner["components"]["difficulty_factor"] == 0.5


def test_table_to_a_file_is_plain_numbered_text(story, tmp_path: Path) -> None:
    target = tmp_path / "issues.txt"
    result = run(story, "--skills", "python,docs", "--output", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    text = target.read_text()
    assert text.startswith(
        " 1. Update the load_config docstring\n    acme/widgets#13 · score 45 · https://github.com/acme/widgets/issues/13\n"
    )
    assert "\x1b[" not in text


def test_the_list_shows_the_leading_reasons_and_explain_shows_all_with_components(story) -> None:
    issues = issues_of(run(story, "--skills", "python,docs", "--per-repo", "0", "--format", "json"))
    short = run(story, "--skills", "python,docs", "--per-repo", "0")
    assert short.exit_code == 0
    first = " ".join(short.stdout.split("\n 2. ")[0].split())
    assert issues[0]["reasons"][0] in first
    assert not any(reason in first for reason in issues[0]["reasons"][2:])
    full = run(story, "--skills", "python,docs", "--per-repo", "0", "--explain")
    first = " ".join(full.stdout.split("\n 2. ")[0].split())
    assert all(f"- {reason}" in first for reason in issues[0]["reasons"])
    assert "score components: " in first and "base_rate 0.105" in first and "project_factor" in first
    assert run(story, "--skills", "python,docs", "--per-repo", "0", "-v").stdout == full.stdout


def test_scores_in_the_top_ten_are_spread_and_distinct_unless_equal(story) -> None:
    issues = issues_of(run(story, "--skills", "python,docs", "--format", "json", "--per-repo", "0"))
    scores = [i["score"] for i in issues]
    assert [order_value(i) for i in issues] == sorted((order_value(i) for i in issues), reverse=True)
    assert max(scores) - min(scores) > 20  # not bunched within a few points
    assert all(0 < s < 100 for s in scores)


def test_a_low_score_shows_what_holds_it_down_in_the_list(story) -> None:
    issues = issues_of(run(story, "--skills", "python,docs", "--format", "json", "--limit", "50", "--per-repo", "0"))
    claimed = next(i for i in issues if i["title"] == "Add a --verbose flag")
    assert claimed["holding_down"][0] == "someone asked to take this 2 days ago"
    table = run(story, "--skills", "python,docs", "--limit", "50", "--per-repo", "0").stdout
    assert "someone asked to take this 2 days ago" in _entry(table, "Add a --verbose flag")
    assert "no maintainer activity in the last 90 days" in _entry(table, "Improve the docstring of parse")


def _entry(table: str, title: str) -> str:
    """The lines under one issue's title in the list (reference, URL where spelled out, reasons)."""
    lines = table.split(title, 1)[1].splitlines()[1:]
    end = next((n for n, line in enumerate(lines) if re.match(r"\s*\d+\. |$", line)), len(lines))
    return "\n".join(lines[:end])


def test_small_messages_say_only_what_is_true(story, tmp_path: Path) -> None:
    explained = run(story, "--skills", "python,docs", "--explain").stdout
    assert "--explain for every reason" not in explained and "ossmatch show OWNER/REPO#N" in explained
    doc = json.loads(run(story, "--skills", "python,docs,quiltmaking", "--format", "json").stdout)
    assert any("unknown skill 'quiltmaking'" in w for w in doc["warnings"])
    missing = tmp_path / "nowhere" / "x.txt"
    result = run(story, "--skills", "python", "--output", str(missing))
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert "does not exist" in result.stderr and not missing.parent.exists()


def test_a_profile_s_weights_order_the_list_and_say_so_but_leave_the_scores(story, tmp_path: Path) -> None:
    profile = tmp_path / "me.toml"
    profile.write_text('skills = ["python", "docs"]\n[weights]\nskill = 1.0\nnewcomer = 0.0\nmaintainer = 0.0\n'
                       'freshness = 0.0\n')
    plain = {(i["repo"], i["number"]): i["score"] for i in issues_of(
        run(story, "--skills", "python,docs", "--format", "json", "--limit", "50", "--per-repo", "0"))}
    result = run(story, "--profile", str(profile), "--format", "json", "--limit", "50", "--per-repo", "0")
    weighted = issues_of(result)
    assert all(i["score"] == plain[(i["repo"], i["number"])] for i in weighted)
    assert all(i["preference"] is not None for i in weighted)
    said = " ".join(result.stderr.split())
    assert "your profile's weights and your level (beginner) set the order of this list" in said
    assert "which they do not change" in said


@pytest.mark.parametrize("command", ["suggest", "digest", "audit"])
def test_an_option_missing_its_value_points_to_its_commands_help(command: str) -> None:
    result = CliRunner().invoke(main, [command, "--format"])
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert result.stderr == f"Error: Option '--format' requires an argument (see ossmatch {command} --help)\n"


def test_a_pipe_and_an_output_file_lay_the_list_out_alike(story, tmp_path, monkeypatch) -> None:
    """``suggest > f`` and ``suggest --output f`` write the same text (no COLUMNS: the file width)."""
    monkeypatch.delenv("COLUMNS", raising=False)
    piped = run(story, "--skills", "python,docs")
    assert piped.exit_code == 0, piped.output
    target = tmp_path / "list.txt"
    written = run(story, "--skills", "python,docs", "--output", str(target))
    assert written.exit_code == 0, written.output
    assert piped.stdout == target.read_text()


def test_format_help_says_what_each_registered_format_is_for() -> None:
    """``--format`` in ``suggest --help`` names every format the registry holds, each with its use."""
    from ossmatch.cli.suggest import command
    from ossmatch.suggest.formats import FORMATS

    option = next(p for p in command.params if p.name == "fmt")
    assert option.help
    for name in FORMATS.names():
        assert re.search(rf"\b{name}: \w", option.help), name
    result = CliRunner().invoke(main, ["suggest", "--help"])
    assert "for scripts" in " ".join(result.output.split())
