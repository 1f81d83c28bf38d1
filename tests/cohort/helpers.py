"""Running ``ossmatch cohort`` against the fake GitHub, and reading its JSON summary."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from ossmatch.cli import main

NOW = "2026-11-27T12:00:00Z"


def env_for(fake: Any, cache: Path, **extra: str) -> dict[str, str]:
    return {"GITHUB_API_URL": fake.rest_url, "GITHUB_TOKEN": "test-token", "GH_TOKEN": "",
            "OSSMATCH_CACHE_DIR": str(cache), "OSSMATCH_NOW": NOW, "OSSMATCH_COHORT_EMAILS": "", **extra}


def run(fake: Any, tmp: Path, *args: str, **extra: str) -> Result:
    return CliRunner().invoke(main, ["cohort", *args], env=env_for(fake, tmp / "cache", **extra))


def summary(fake: Any, tmp: Path, roster: Path, *args: str, **extra: str) -> dict[str, Any]:
    result = run(fake, tmp, "--roster", str(roster), "--format", "json", *args, **extra)
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def offers(data: dict[str, Any]) -> dict[str, list[str]]:
    """login -> ``owner/repo#N`` offered."""
    return {a["login"]: [f"{i['repo']}#{i['number']}" for i in a["issues"]] for a in data["assignments"]}
