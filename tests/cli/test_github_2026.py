"""GitHub in 2026 against the fake: closed doors, Copilot assignments, crowding, AI policies, blocked
issues and tracking issues, as suggest and show say them; and a pre-2026 server (GitHub Enterprise
Server) where everything still works without the newer fields."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from worlds_2026 import world_2026

from ossmatch.cli import main

NOW = "2026-11-27T12:00:00Z"


@pytest.fixture
def fake(fake_github):
    world_2026(fake_github.world)
    return fake_github


def run(fake, *args: str, cache: Path | None = None) -> Result:
    env = {"GITHUB_API_URL": fake.rest_url, "GITHUB_TOKEN": "test-token", "GH_TOKEN": "", "OSSMATCH_NOW": NOW,
           "OSSMATCH_CACHE_DIR": str(cache) if cache else "", "PATH": "/nonexistent"}
    flags = [] if cache else ["--no-cache"]
    return CliRunner().invoke(main, [*args, *flags], env=env, catch_exceptions=False)


def suggest_json(fake, *extra: str) -> dict:
    result = run(fake, "suggest", "--skills", "python,docs", "--format", "json", "--limit", "30", *extra)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def refs(doc: dict) -> list[str]:
    return [f"{i['repo']}#{i['number']}" for i in doc["issues"]]


def test_suggest_never_offers_a_shut_door_a_taken_or_blocked_issue_or_a_tracking_issue(fake) -> None:
    doc = suggest_json(fake)
    listed = refs(doc)
    for absent in ("closed/door#13", "mail/patches#13", "agent/twins#13", "owner/repo#1", "owner/repo#3"):
        assert absent not in listed
    # the free twin of the Copilot-assigned issue, the closed blocker's issue and the sub-issues stay
    for present in ("agent/twins#14", "owner/repo#4", "owner/repo#6", "owner/repo#7", "busy/crowd#13"):
        assert present in listed
    assert doc["left_out"] == {"pull requests limited to collaborators": 1, "pull requests turned off": 1,
                               "blocked by an open issue": 1,
                               "a tracking issue (its open sub-issues are offered instead)": 1}


def test_suggest_footer_says_what_was_left_out_and_why(fake) -> None:
    result = run(fake, "suggest", "--skills", "python,docs", "--limit", "30")
    assert result.exit_code == 0, result.output
    footer = " ".join(result.stdout.split())
    assert ("left out 4 issues: 1 tracking issue whose open sub-issues are listed instead, 1 blocked by an open "
            "issue, 1 where pull requests are limited to collaborators, 1 where pull requests are turned off"
            ) in footer


def test_the_digest_says_what_was_left_out_in_its_footer_not_as_a_warning(fake) -> None:
    said = ("Left out 4 issues: 1 tracking issue whose open sub-issues are listed instead, 1 blocked by an open "
            "issue, 1 where pull requests are limited to collaborators, 1 where pull requests are turned off.")
    for fmt in ("text", "markdown", "html"):
        result = run(fake, "digest", "--skills", "python,docs", "--format", fmt)
        assert result.exit_code == 0, result.output
        footer = " ".join(result.stdout.split())
        assert said in footer and footer.index("owner/repo") < footer.index(said) < footer.index("Matched for")
        assert "left out" not in result.stderr.lower()


def test_sub_issues_name_their_parent_and_need_no_label_of_their_own(fake) -> None:
    doc = suggest_json(fake)
    by_ref = {f"{i['repo']}#{i['number']}": i for i in doc["issues"]}
    unlabelled = by_ref["owner/repo#6"]
    assert unlabelled["labels"] == []
    part_of = "part of owner/repo#3 'Docstrings for every public module' (1 of 3 done)"
    assert part_of in unlabelled["reasons"][:2]
    assert unlabelled["parent"]["number"] == 3 and unlabelled["parent"]["sub_issues_done"] == 1
    assert by_ref["owner/repo#4"]["blocked_by"] == [
        {"repo": "owner/repo", "number": 2, "title": "Pick a date format",
         "url": "https://github.com/owner/repo/issues/2", "state": "CLOSED"}]


def test_crowding_is_counted_and_lowers_the_odds(fake) -> None:
    doc = suggest_json(fake)
    crowded = next(i for i in doc["issues"] if i["repo"] == "busy/crowd")
    assert crowded["reasons"][0] == ("4 people asked to take this in the last week; 1 pull request for it was "
                                     "closed unmerged")
    assert "crowded" in crowded["flags"] and crowded["components"]["crowd_factor"] < 0.5
    assert crowded["score"] < min(i["score"] for i in doc["issues"] if i["repo"] != "busy/crowd")


def test_ai_policy_flag_json_and_profile(fake, tmp_path: Path) -> None:
    doc = suggest_json(fake)
    refusing = next(i for i in doc["issues"] if i["repo"] == "noai/project")
    assert "AI: not accepted" in refusing["flags"]
    assert refusing["ai_policy"] == {
        "stance": "not_accepted", "source": "CONTRIBUTING.md",
        "quote": "Pull requests generated with AI tools are not accepted and will be closed without review."}
    assert next(i for i in doc["issues"] if i["repo"] == "disclose/project")["ai_policy"]["stance"] == "disclosed"
    profile = tmp_path / "me.toml"
    profile.write_text('skills = ["python", "docs"]\nai_assisted = true\n')
    result = run(fake, "suggest", "--profile", str(profile), "--limit", "30")
    assert result.exit_code == 0, result.output
    assert "noai/project" not in result.stdout and "disclose/project" in result.stdout
    assert "1 where AI-assisted contributions are not accepted" in " ".join(result.stdout.split())


def test_write_access_opens_a_collaborators_only_door(fake) -> None:
    fake.world.repo("closed/door").collaborators["tester"] = "WRITE"
    assert "closed/door#13" in refs(suggest_json(fake))


def test_interaction_limits_close_the_door_like_the_policy(fake) -> None:
    fake.world.repo("agent/twins").interaction_limit = "COLLABORATORS_ONLY"
    doc = suggest_json(fake)
    assert "agent/twins#14" not in refs(doc)
    assert doc["left_out"]["interactions limited to collaborators or past contributors"] == 1


def test_the_cold_suggest_still_costs_two_requests(fake) -> None:
    run(fake, "suggest", "--skills", "python,docs")
    assert len(fake.log) == 2
    assert all(entry.counted for entry in fake.log)


def show(fake, target: str) -> str:
    result = run(fake, "show", target)
    assert result.exit_code == 0, result.output
    return " ".join(result.stdout.split())


def test_show_says_it_plainly(fake) -> None:
    assert "assigned to Copilot (coding agent) an hour ago" in show(fake, "agent/twins#13")
    door = show(fake, "closed/door#13")
    assert "Pull requests here are limited to collaborators: GitHub would not let you open one" in door
    assert "ossmatch would not suggest it: pull requests limited to collaborators." in door
    assert "Pull requests are turned off in this repository" in show(fake, "mail/patches#13")
    assert "Blocked by owner/repo#5 (open): Design the JSON output" in show(fake, "owner/repo#1")
    unblocked = show(fake, "owner/repo#4")
    assert "Was blocked by owner/repo#2 (closed): Pick a date format; closed, so it no longer blocks" in unblocked
    assert "would not suggest" not in unblocked
    tracking = show(fake, "owner/repo#3")
    assert ("Tracking issue: 2 open sub-issues (1 of 3 done); the sub-issues are the tasks: "
            "- #6 Docstrings for ossmatch.cli (free) - #7 Docstrings for ossmatch.io (free)") in tracking
    assert "Part of owner/repo#3 'Docstrings for every public module' (1 of 3 done)" in show(fake, "owner/repo#6")
    assert ('AI policy (CONTRIBUTING.md): AI-assisted contributions not accepted: "Pull requests generated with '
            'AI tools are not accepted and will be closed without review."') in show(fake, "noai/project#13")
    assert "4 people asked to take this in the last week" in show(fake, "busy/crowd#13")
    assert ("AI policy: none stated in AGENTS.md, AI_POLICY.md, the contributing guide or the pull-request "
            "template") in show(fake, "busy/crowd#13")


def test_issue_types_show_where_an_organisation_uses_them(fake) -> None:
    fake.world.add_user("owner", "Organization")
    fake.world.repo("owner/repo").issue(4).issue_type = "Task"
    assert "· type: Task ·" in show(fake, "owner/repo#4")
    assert "type:" not in show(fake, "busy/crowd#13")


# --------------------------------------------------------------------------- a pre-2026 server

def test_a_pre_2026_server_still_works_quietly_and_is_remembered(fake, tmp_path: Path) -> None:
    fake.world.pre_2026 = True
    cache = tmp_path / "cache"
    first = run(fake, "suggest", "--skills", "python,docs", "--limit", "30", cache=cache)
    assert first.exit_code == 0, first.output
    assert first.stderr.strip() == "" or "doesn't exist" not in first.stderr
    assert "agent/twins#14" in first.stdout and "left out" not in first.stdout
    assert "agent/twins#13" in first.stdout  # a Copilot assignment is invisible without assignedActors
    refused = [e for e in fake.log if e.query and not e.counted]
    assert len(refused) == 1  # the first query, answered "Field ... doesn't exist", then asked without
    fake.clear_log()
    again = run(fake, "show", "owner/repo#1", cache=cache)
    assert again.exit_code == 0, again.output
    assert all(e.counted for e in fake.log), "the host is remembered: no query is refused twice"
    assert "Blocked by" not in again.stdout and "owner/repo#1: Add a --json flag" in again.stdout


def test_pre_2026_show_and_audit(fake) -> None:
    fake.world.pre_2026 = True
    shown = run(fake, "show", "agent/twins#14")
    assert shown.exit_code == 0 and "Why ossmatch ranks it:" in shown.stdout
    audited = run(fake, "audit", "owner/repo")
    assert audited.exit_code == 0, audited.output
    assert "owner/repo: grade" in audited.stdout and "doesn't exist" not in audited.output


def test_an_issue_type_is_skill_evidence_only_where_it_says_something() -> None:
    from datetime import datetime, timezone

    from ossmatch.models import Candidate, Issue, Repo
    from ossmatch.profile import Profile
    from ossmatch.suggest.skillfit import match_skills

    now = datetime(2026, 11, 27, tzinfo=timezone.utc)
    base = Issue(repo="o/r", number=1, url="https://github.com/o/r/issues/1", title="Tidy the loader",
                 created_at=now, updated_at=now)
    repo = Repo(name_with_owner="o/r", url="https://github.com/o/r")
    skills = Profile(skills=("docs",)).expanded()

    def fit(issue_type: str | None) -> float:
        match = match_skills(Candidate(issue=base.model_copy(update={"issue_type": issue_type}), repo=repo), skills)
        return sum(e.issue for e in match.evidence)

    assert fit("Documentation") > fit(None) == fit("Bug") == 0
