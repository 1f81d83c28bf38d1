"""The portal in 2026: projects closed to outsiders are left out and named; a pre-2026 server works."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fakegithub import World, make_server
from site_helpers import run_site
from worlds_2026 import world_2026

CONFIG = """\
name = "Twenty-six"
description = "Issues across 2026."
url = "https://example.org/portal/"
repositories = ["closed/door", "mail/patches", "agent/twins", "owner/repo", "noai/project"]
"""


def build(tmp_path: Path, *, pre_2026: bool) -> tuple[str, dict, str]:
    world = World()
    world.add_token("test-token", "tester")
    world_2026(world)
    world.pre_2026 = pre_2026
    (tmp_path / "community.toml").write_text(CONFIG)
    with make_server(world) as fake:
        result = run_site(fake.rest_url, "--config", str(tmp_path / "community.toml"), "--output",
                          str(tmp_path / "site"), "--summary", str(tmp_path / "summary.md"), "--no-cache")
    assert result.exit_code == 0, result.output
    issues = json.loads((tmp_path / "site" / "issues.json").read_text())
    return result.output, issues, (tmp_path / "summary.md").read_text()


@pytest.mark.parametrize("pre_2026", [False, True], ids=["2026", "pre-2026"])
def test_site_in_2026_and_before(tmp_path: Path, pre_2026: bool) -> None:
    output, issues, summary = build(tmp_path, pre_2026=pre_2026)
    listed = {(i["repo"], i["number"]) for i in issues["issues"]}
    assert ("agent/twins", 14) in listed
    if pre_2026:
        assert ("closed/door", 13) in listed  # the server cannot say the door is shut
        assert ("agent/twins", 13) in listed  # nor that the Copilot agent holds the issue
        assert "doesn't exist" not in output
        return
    assert ("agent/twins", 13) not in listed
    assert not {r for r, _ in listed} & {"closed/door", "mail/patches"}
    assert ("owner/repo", 1) not in listed and ("owner/repo", 3) not in listed
    assert ("owner/repo", 6) in listed
    assert "closed/door (pull requests limited to collaborators)" in summary
    assert "mail/patches (pull requests turned off)" in summary
    assert not (tmp_path / "site" / "projects" / "closed.door.html").exists()
