"""``ossmatch suggest --format json`` matches its published schema (ossmatch/suggest/suggest.schema.json),
with and without a token, and with a person's history (next steps, involved issues, open pull requests)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from suggest_worlds import ME, relationship_world, story_world

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
