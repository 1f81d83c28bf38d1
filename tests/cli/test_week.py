"""Issue 19's week of use, end to end: every line of suggest and the digest agrees with the others."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from suggest_worlds import CLAIMED_TITLE, GOOD_BODY, MEDIUM_STEP, MENTORED_STEP, NEWCOMER, week_world

from ossmatch.cli import main

NOW = "2026-11-27T12:00:00Z"


@pytest.fixture
def week(fake_github):
    week_world(fake_github.world)
    return fake_github


def run(fake, *args: str, cache: Path | None = None, token: str | None = "nora-token") -> Result:
    env = {"GITHUB_API_URL": fake.rest_url, "GITHUB_TOKEN": token or "", "GH_TOKEN": "", "OSSMATCH_NOW": NOW,
           "OSSMATCH_CACHE_DIR": str(cache) if cache else "", "PATH": "/nonexistent", "COLUMNS": "100"}
    flags = [] if cache else ["--no-cache"]
    return CliRunner().invoke(main, [*args, *flags], env=env, catch_exceptions=False)


def test_suggest_is_in_score_order_with_the_cap_and_the_fold(week) -> None:
    doc = json.loads(run(week, "suggest", "--skills", "python,docs", "--format", "json").stdout)
    scores = [i["score"] for i in doc["issues"]]
    assert len(scores) == 10 and scores == sorted(scores, reverse=True)
    by_repo: dict[str, int] = {}
    for item in doc["issues"]:
        by_repo[item["repo"]] = by_repo.get(item["repo"], 0) + 1
    assert by_repo["alpha/pyhelp"] == 3 and max(by_repo.values()) == 3
    fold = doc["folded"]["alpha/pyhelp"]
    assert fold["count"] == 6 and fold["top_score"] <= min(i["score"] for i in doc["issues"]
                                                           if i["repo"] == "alpha/pyhelp")
    one = json.loads(run(week, "suggest", "--skills", "python,docs", "--format", "json", "--per-repo", "1").stdout)
    assert sum(i["repo"] == "alpha/pyhelp" for i in one["issues"]) == 1
    assert one["folded"]["alpha/pyhelp"]["count"] == 8


def test_the_digest_fills_up_next_steps_first_and_never_offers_a_claimed_issue(week, tmp_path: Path) -> None:
    result = run(week, "digest", "--skills", "python,docs", "--me", NEWCOMER, "--limit", "10", cache=tmp_path)
    assert result.exit_code == 0, result.output
    text = result.stdout
    subject = text.splitlines()[0]
    assert subject == "8 new beginner-friendly issues for you, and 2 next steps in your projects"
    projects, new = text.split("\n1. ", 1)
    # The mentored next step in her second project and the medium-difficulty one in her first.
    assert MENTORED_STEP in projects and MEDIUM_STEP in projects
    assert new.count(" - score ") == 8
    assert CLAIMED_TITLE not in text and "! claimed" not in text
    # Said once, in the footer, and never counted in the subject.
    footer = " ".join(text.split("\n--\n", 1)[1].split())
    assert footer.startswith("Not listed: 1 new issue someone already asked to take (claimed), not counted above.")
    assert "No open issues match" not in text
    # Said once: the labels line, not again as a reason; a mentor's offer, not again as "! mentored".
    assert "labelled 'good first issue'" not in new and "! mentored" not in text
    # The cap folds alpha/pyhelp's others under its last listed issue.
    assert "+6 more in alpha/pyhelp, up to score" in new
    # A digest's reader ran no command: the line names the one that lists them, with their skills.
    assert "add `--repo alpha/pyhelp` to `ossmatch suggest` with your skills" in " ".join(new.split())


def test_a_smaller_limit_still_holds_the_next_steps_and_fills_the_rest(week, tmp_path: Path) -> None:
    text = run(week, "digest", "--skills", "python,docs", "--me", NEWCOMER, "--limit", "4", cache=tmp_path).stdout
    assert text.splitlines()[0] == "2 new beginner-friendly issues for you, and 2 next steps in your projects"


def test_a_second_tokenless_run_within_the_hour_sends_nothing(week, tmp_path: Path) -> None:
    args = ("suggest", "--skills", "python,docs", "--me", NEWCOMER)
    first = run(week, *args, cache=tmp_path, token=None)
    sent = len(week.log)
    assert first.exit_code == 0 and 0 < sent <= 60
    assert f"in {sent} of the 60 requests" in " ".join(first.stderr.split())
    week.clear_log()
    second = run(week, *args, cache=tmp_path, token=None)
    assert week.log == []
    assert second.stdout == first.stdout
    assert f"in 0 of the 60 requests an hour GitHub allows without one, reusing {sent} answers" in " ".join(
        second.stderr.split())


def test_only_real_skill_matches_are_listed_and_counted(week) -> None:
    doc = json.loads(run(week, "suggest", "--skills", "docs", "--format", "json", "--limit", "100",
                         "--per-repo", "0").stdout)
    assert doc["issues"] and doc["matched"] == len(doc["issues"])
    # Only a next step (her own project) may be listed without a skill match, and it says so.
    assert all(i["next_step"] for i in doc["issues"] if "does not match any of your skills" in i["reasons"])
    titles = [i["title"] for i in doc["issues"]]
    # "Fix a small bug" issues sit in projects with a documentation topic but are no docs work.
    assert not any(t.startswith("Fix a small bug") for t in titles)
    assert all(any(r.startswith("matches your documentation") for r in i["reasons"]) or i["next_step"]
               for i in doc["issues"])


def _show_score(fake, target: str) -> tuple[int | None, str]:
    result = run(fake, "show", target, "--skills", "python,docs")
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    found = re.search(r"score (\d+): about \1% chance", text)
    return (int(found.group(1)) if found else None), text


def test_show_gives_the_number_suggest_gives(week) -> None:
    # A stale issue (no update in three years, "+1" comments) that suggest never offers.
    from datetime import datetime, timedelta, timezone

    long_ago = datetime(2023, 11, 1, tzinfo=timezone.utc)
    stale = week.world.repos["delta/tiny"].add_issue(
        "Support the old config format", body=GOOD_BODY, labels=["good first issue", "documentation"],
        author="delta", author_association="OWNER", created_at=long_ago, updated_at=long_ago + timedelta(days=30))
    doc = json.loads(run(week, "suggest", "--skills", "python,docs", "--format", "json", "--limit", "100",
                         "--per-repo", "0").stdout)
    listed = {i["title"]: i for i in doc["issues"]}
    checked = []
    for title in (MENTORED_STEP, MEDIUM_STEP, CLAIMED_TITLE, "Document helper number 1", "Add a docstring to main"):
        item = listed[title]
        checked.append(item["flags"])
        score, text = _show_score(week, f"{item['repo']}#{item['number']}")
        assert score == round(item["score"]), (title, score, item["score"])
    assert ["mentored", "next-step"] in checked and ["next-step"] in checked and ["claimed"] in checked
    # The stale issue: suggest leaves it out, and show says so plainly.
    assert stale.title not in listed
    _, text = _show_score(week, f"delta/tiny#{stale.number}")
    assert "stale" in text and "suggest" in text


def test_missing_data_is_said_per_issue_and_the_note_names_only_what_a_token_adds(week) -> None:
    def suggest(*extra: str, token: str | None) -> dict:
        result = run(week, "suggest", "--skills", "python,docs", "--format", "json", "--limit", "100",
                     "--per-repo", "0", *extra, token=token)
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    assert all(i["missing_signals"] == [] for i in suggest(token="nora-token")["issues"])
    # Every repository read: the note names what a token adds, and no "other repositories".
    one = suggest("--repo", "delta/tiny", token=None)
    note = " ".join(next(w for w in one["notes"] if w.startswith("no GitHub token")).split())
    assert "read 1 of 1 repositories" in note and "other repositor" not in note
    assert "a token would add response times and merge rates" in note and "less certain, not lower" in note
    assert one["issues"] and all(i["missing_signals"] == ["response times", "merge rates",
                                                          "newcomers' share of merged pull requests"]
                                 for i in one["issues"])
    # The run's budget reads only some repositories: the others are named as unread, their issues say so.
    many = suggest(token=None)
    note = " ".join(next(w for w in many["notes"] if w.startswith("no GitHub token")).split())
    read, total = map(int, re.search(r"read (\d+) of (\d+) repositories", note).groups())  # type: ignore[union-attr]
    assert read < total
    assert f"a token would add response times, merge rates and all about the other {total - read} repositories" in note
    unread = [i for i in many["issues"] if "claims and maintainer answers" in i["missing_signals"]]
    assert unread and len({i["repo"] for i in many["issues"]} - {i["repo"] for i in unread}) > 0
