"""Build the test community's portal once per session against the fake GitHub."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from fakegithub import World, make_server

sys.path.insert(0, str(Path(__file__).parent))

from worlds import COMMUNITY, NOW, community_world

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
        "OSSMATCH_CACHE_DIR": "", "PATH": "/nonexistent",
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


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    from fakegithub.graphql_api import NODE_MODULES, SETUP_HINT

    if not NODE_MODULES.is_dir():
        pytest.fail(f"{NODE_MODULES} is missing: {SETUP_HINT}", pytrace=False)
    site = build_community(tmp_path_factory.mktemp("community"))
    assert site.result.exit_code == 0, site.result.output
    return site
