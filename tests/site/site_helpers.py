"""Build the test community's portal against the fake GitHub (shared by the tests and the benchmark)."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner, Result
from fakegithub import World, make_server
from site_worlds import COMMUNITY, NOW, community_world

from ossmatch.cli import main


@dataclass
class Built:
    result: Result
    output: Path
    summary: str

    def read(self, relative: str) -> str:
        return (self.output / relative).read_text(encoding="utf-8")


def run_site(rest_url: str, *args: str, token: str = "test-token") -> Result:
    env = {
        "GITHUB_API_URL": rest_url, "GITHUB_TOKEN": token, "GH_TOKEN": "", "OSSMATCH_NOW": NOW,
        "OSSMATCH_CACHE_DIR": tempfile.mkdtemp(prefix="ossmatch-cache-"), "PATH": "/nonexistent",
    }
    return CliRunner().invoke(main, ["site", *args], env=env, catch_exceptions=False)


def build_community(directory: Path, config: str = COMMUNITY, *extra: str) -> Built:
    world = World()
    world.add_token("test-token", "tester")
    community_world(world)
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "community.toml").write_text(config)
    output = directory / "site"
    summary = directory / "summary.md"
    with make_server(world) as fake:
        result = run_site(fake.rest_url, "--config", str(directory / "community.toml"), "--output", str(output),
                          "--summary", str(summary), "--no-cache", *extra)
    return Built(result, output, summary.read_text() if summary.exists() else "")
