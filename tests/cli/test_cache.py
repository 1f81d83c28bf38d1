"""``ossmatch cache info|clear``, --refresh, and two processes sharing one cache."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from suggest_worlds import story_world

from ossmatch.cli import main


def _env(fake, cache: Path) -> dict[str, str]:
    return {
        "GITHUB_API_URL": fake.rest_url,
        "GITHUB_TOKEN": "test-token",
        "OSSMATCH_CACHE_DIR": str(cache),
        "OSSMATCH_NOW": "2026-11-27T12:00:00Z",
    }


def test_info_and_clear(fake_github, tmp_path: Path) -> None:
    story_world(fake_github.world)
    runner = CliRunner()
    env = _env(fake_github, tmp_path)
    assert runner.invoke(main, ["suggest", "--skills", "python", "--format", "json"], env=env).exit_code == 0
    info = runner.invoke(main, ["cache", "info"], env=env)
    assert info.exit_code == 0
    assert f"directory: {tmp_path}" in info.stdout
    entries = int(info.stdout.split("entries:")[1].split()[0])
    assert entries >= 2
    cleared = runner.invoke(main, ["cache", "clear"], env=env)
    assert cleared.stdout == f"removed {entries} cached answers\n"
    assert "entries:   0" in runner.invoke(main, ["cache", "info"], env=env).stdout


def test_refresh_fetches_again_and_no_cache_writes_nothing(fake_github, tmp_path: Path) -> None:
    story_world(fake_github.world)
    runner = CliRunner()
    env = _env(fake_github, tmp_path)
    args = ["suggest", "--skills", "python", "--format", "json"]
    runner.invoke(main, args, env=env)
    fake_github.clear_log()
    assert runner.invoke(main, [*args, "--refresh"], env=env).exit_code == 0
    assert fake_github.count("graphql") >= 2
    other = tmp_path / "unused"
    assert runner.invoke(main, [*args, "--no-cache"], env=_env(fake_github, other)).exit_code == 0
    assert not other.exists()


def test_two_processes_at_once_share_the_cache_safely(fake_github, tmp_path: Path) -> None:
    story_world(fake_github.world)
    env = {**os.environ, **_env(fake_github, tmp_path)}
    cmd = [sys.executable, "-m", "ossmatch", "suggest", "--skills", "python,docs", "--format", "json"]
    procs = [subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    outputs = [p.communicate(timeout=60) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [err for _, err in outputs]
    import difflib

    assert outputs[0][0] == outputs[1][0], "\n".join(
        difflib.unified_diff(outputs[0][0].decode().splitlines(), outputs[1][0].decode().splitlines(), lineterm="")
    )
    fake_github.clear_log()
    again = subprocess.run(cmd, env=env, capture_output=True, check=True)
    assert again.stdout == outputs[0][0]
    assert fake_github.quota_requests() == []


def test_a_damaged_cache_warns_and_the_run_succeeds(fake_github, tmp_path: Path) -> None:
    story_world(fake_github.world)
    (tmp_path / "cache.db").write_bytes(b"garbage" * 500)
    result = CliRunner().invoke(
        main, ["suggest", "--skills", "python", "--format", "json"], env=_env(fake_github, tmp_path)
    )
    assert result.exit_code == 0
    assert "Warning: the cache in" in result.stderr and "was damaged" in result.stderr
