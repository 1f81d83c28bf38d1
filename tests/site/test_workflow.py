"""The Action's ``command: site`` (its real script, run in bash against the fake GitHub) and the
example Pages workflow: least privilege, actions pinned by SHA, cache reuse."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from fakegithub import World, make_server
from site_worlds import COMMUNITY, NOW, community_world

yaml = pytest.importorskip("yaml")

ROOT = Path(__file__).resolve().parents[2]
ACTION = yaml.safe_load((ROOT / "action.yml").read_text())
WORKFLOW = yaml.safe_load((ROOT / "examples" / "community-site.yml").read_text())
SHA_PIN = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")


def _step(name: str) -> dict:
    return next(s for s in ACTION["runs"]["steps"] if s.get("name") == name)


def test_the_action_builds_the_site_and_writes_the_run_summary(tmp_path) -> None:
    world = World()
    world.add_token("test-token", "tester")
    community_world(world)
    (tmp_path / "community.toml").write_text(COMMUNITY)
    summary = tmp_path / "step-summary.md"
    script = _step("Run ossmatch")["run"]
    with make_server(world) as fake:
        env = {
            "PATH": f"{Path(sys.executable).parent}:{os.environ.get('PATH', '/usr/bin:/bin')}",
            "OSSMATCH_COMMAND": "site", "OSSMATCH_CONFIG": "community.toml", "OSSMATCH_OUTPUT": "_site",
            "OSSMATCH_LIMIT": "5", "OSSMATCH_ME": "", "OSSMATCH_SKILLS": "", "OSSMATCH_PROFILE": "",
            "OSSMATCH_REPOSITORY": "",
            "OSSMATCH_CACHE_DIR": str(tmp_path / "cache"), "RUNNER_TEMP": str(tmp_path),
            "GITHUB_STEP_SUMMARY": str(summary), "GITHUB_TOKEN": "test-token", "GITHUB_API_URL": fake.rest_url,
            "OSSMATCH_NOW": NOW,
        }
        done = subprocess.run(["bash", "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True,
                              timeout=120)
        assert done.returncode == 0, done.stderr
        first = int(re.search(r"\| GitHub requests \| (\d+) of", summary.read_text()).group(1))
        again = subprocess.run(["bash", "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True,
                               timeout=120)
    assert again.returncode == 0, again.stderr
    assert (tmp_path / "_site" / "index.html").is_file()
    runs = re.findall(r"\| GitHub requests \| (\d+) of", summary.read_text())
    assert len(runs) == 2
    # The cache the Action keeps between runs makes a rebuild cheaper (REST answers revalidate by ETag).
    assert int(runs[1]) < first


def test_the_action_caches_the_site_requests_between_runs() -> None:
    restore, save = _step("Restore the site's request cache"), _step("Save the site's request cache")
    assert restore["if"] == "inputs.command == 'site'"
    assert restore["with"]["path"] == save["with"]["path"] == "${{ runner.temp }}/ossmatch-cache"
    assert restore["with"]["restore-keys"] == "ossmatch-site-${{ github.workflow }}-"


def test_the_example_workflow_has_least_privilege_and_pinned_pages_actions() -> None:
    assert WORKFLOW["permissions"] == {}
    build, deploy = WORKFLOW["jobs"]["build"], WORKFLOW["jobs"]["deploy"]
    assert build["permissions"] == {"contents": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build"
    assert WORKFLOW[True]["schedule"][0]["cron"]  # YAML 1.1 reads `on` as True
    uses = [s["uses"] for job in (build, deploy) for s in job["steps"] if "uses" in s]
    pages = [u for u in uses if u.startswith(("actions/upload-pages-artifact@", "actions/deploy-pages@"))]
    assert len(pages) == 2
    for action in uses:
        assert action == "ossmatch/ossmatch@v1" or SHA_PIN.match(action), action
    site = next(s for s in build["steps"] if s.get("uses") == "ossmatch/ossmatch@v1")
    assert site["with"]["command"] == "site"
