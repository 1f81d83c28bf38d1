"""``ossmatch suggest --format json`` matches its published schema (ossmatch/suggest/suggest.schema.json),
with and without a token, and with a person's history (next steps, involved issues, open pull requests)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from suggest_worlds import ME, relationship_world, story_world
from worlds_2026 import world_2026

from ossmatch.cli import main

SCHEMA = json.loads((Path(__file__).parents[2] / "ossmatch" / "suggest" / "suggest.schema.json").read_text())


def suggest(fake, *args: str, token: str = "test-token") -> dict:
    env = {"GITHUB_API_URL": fake.rest_url, "GITHUB_TOKEN": token, "GH_TOKEN": "",
           "OSSMATCH_NOW": "2026-11-27T12:00:00Z", "OSSMATCH_CACHE_DIR": "", "PATH": "/nonexistent"}
    result = CliRunner().invoke(main, ["suggest", "--skills", "python,docs", "--format", "json", "--limit", "50",
                                       "--no-cache", *args], env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_the_schema_is_valid_and_strict_where_it_speaks() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    broken = {"version": 1, "issues": [{"repo": "a/b"}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, SCHEMA)


@pytest.mark.parametrize("token", ["test-token", ""])
def test_suggest_json_matches_the_schema(fake_github, token: str) -> None:
    story_world(fake_github.world)
    doc = suggest(fake_github, token=token)
    assert doc["issues"]
    jsonschema.validate(doc, SCHEMA)


def test_suggest_json_with_a_history_matches_the_schema(fake_github) -> None:
    relationship_world(fake_github.world)
    doc = suggest(fake_github, "--me", ME)
    assert doc["in_progress"] and doc["involved"] and any(i["next_step"] for i in doc["issues"])
    jsonschema.validate(doc, SCHEMA)


def test_suggest_json_of_2026_matches_the_schema_and_names_what_it_left_out(fake_github, tmp_path: Path) -> None:
    """Blockers, a tracking issue's sub-issues, crowding, AI policies, and a refusing project left out
    in its own words when the person works with AI (``ai_assisted = true``)."""
    world_2026(fake_github.world)
    profile = tmp_path / "profile.toml"
    profile.write_text('skills = ["python", "docs"]\nai_assisted = true\n')
    doc = suggest(fake_github, "--profile", str(profile))
    jsonschema.validate(doc, SCHEMA)
    assert doc["left_out_by_ai_policy"] == [{
        "repo": "noai/project", "issues": 1, "stance": "not_accepted", "source": "CONTRIBUTING.md",
        "quote": "Pull requests generated with AI tools are not accepted and will be closed without review."}]
    assert doc["left_out"]["AI-assisted contributions not accepted (ai_assisted = true)"] == 1
    issues = {(i["repo"], i["number"]): i for i in doc["issues"]}
    by_repo = {i["repo"]: i for i in doc["issues"]}
    assert "noai/project" not in by_repo
    crowded = by_repo["busy/crowd"]
    assert crowded["crowding"] == {"asked_last_week": 4, "pull_requests_open": 0, "pull_requests_closed_unmerged": 1}
    assert crowded["claims"]["people"] == 4
    assert [b["number"] for b in issues[("owner/repo", 4)]["blocked_by"]] == [2]
    assert issues[("owner/repo", 7)]["parent"]["number"] == 3
    disclosed = by_repo["disclose/project"]
    assert disclosed["ai_policy"]["stance"] == "disclosed" and disclosed["ai_policy_read"] is True
    assert all(i["ai_policy_read"] for i in doc["issues"])


def test_without_the_profile_key_nothing_is_left_out_for_its_ai_policy(fake_github) -> None:
    world_2026(fake_github.world)
    doc = suggest(fake_github)
    jsonschema.validate(doc, SCHEMA)
    assert doc["left_out_by_ai_policy"] == []
    refusing = [i for i in doc["issues"] if i["repo"] == "noai/project"]
    assert refusing and refusing[0]["ai_policy"]["stance"] == "not_accepted"


def test_every_field_the_schema_names_is_documented() -> None:
    """docs/json-output.md and the schema describe the same fields, the 2026 ones included."""
    docs = (Path(__file__).parents[2] / "docs" / "json-output.md").read_text()
    named = [*SCHEMA["properties"], *SCHEMA["$defs"]["issue"]["properties"]]
    missing = [name for name in named if f"`{name}`" not in docs and f"{name}[]`" not in docs
               and f"].{name}`" not in docs]
    assert missing == []
