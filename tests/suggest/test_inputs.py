"""What a person asks suggest for, checked before any request: one place for the CLI and the MCP server."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest

from ossmatch.errors import UsageProblem
from ossmatch.suggest.inputs import build_profile, unknown_skill_messages
from ossmatch.suggest.plan import general_queries

NOW = datetime(2026, 11, 27, 12, tzinfo=timezone.utc)


def ask(skills: list[str] | None, path: Path | None = None, level: str | None = None, option: str = "--skills"):
    said: list[str] = []
    profile = build_profile(skills, path, level, warn=said.append, option=option)
    return profile, said


def test_skills_and_level_on_top_of_the_file(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    path.write_text('skills = ["docs"]\nai_assisted = true\n')
    profile, said = ask([" python ", ""], path, "intermediate")
    assert set(profile.skills) >= {"python", "docs"} and profile.level == "intermediate" and profile.ai_assisted
    assert said == []


@pytest.mark.parametrize(("skills", "option", "message"), [
    ([" ", ""], "--skills", "--skills is empty: give a comma-separated list such as python,docs"),
    ([], "skills", "skills is empty: give a comma-separated list such as python,docs"),
    (["pyhton"], "--skills", "unknown skill 'pyhton': did you mean python?"),
])
def test_refused_before_any_request(skills: list[str], option: str, message: str) -> None:
    with pytest.raises(UsageProblem) as caught:
        ask(skills, option=option)
    assert caught.value.message == message


def test_unknown_skills_are_said_through_the_callers_channel() -> None:
    _, said = ask(["python", "qwertyz"])
    assert said == ["unknown skill 'qwertyz'; searching for it as a word"]
    many = unknown_skill_messages(["aa1", "bb2", "cc3", "dd4", "ee5", "ff6"])
    assert many == ["6 unknown skills ('aa1', 'bb2', 'cc3', 'dd4', 'ee5' and 1 more); searching for them as words"]


def test_a_profile_needing_too_many_searches_is_refused(tmp_path: Path) -> None:
    from ossmatch.skills import LANGUAGES

    path = tmp_path / "wide.toml"
    path.write_text(f"languages = {json.dumps(list(LANGUAGES)[:30])}\n"
                    f"include_labels = {json.dumps([f'a rather long label {i}' for i in range(20)])}\n")
    # The plan a run sends is counted where it is built, before any request (``plan.general_queries``).
    with pytest.raises(UsageProblem) as caught:
        general_queries(ask([f"word{i}" for i in range(30)], path)[0], NOW)
    assert "searches; at most 60 per run" in caught.value.message
