"""Issue 25 item 5: a read-only cache directory (a read-only mount, as some CI caches are) still lets
every reading command run once ``hidden.json`` exists: reading the hidden list takes no lock."""

from __future__ import annotations

import json
import os
import shlex
import sys
from pathlib import Path

from click.testing import CliRunner
from mounts import in_namespace, read_only
from suggest_worlds import story_world

from ossmatch.cli import main

OSSMATCH = f"{shlex.quote(sys.executable)} -m ossmatch"


def test_reading_commands_run_on_a_read_only_mount_with_a_hidden_list(fake_github, tmp_path: Path) -> None:
    story_world(fake_github.world)
    cache, out = tmp_path / "cache", tmp_path / "out"
    out.mkdir()
    env = {**os.environ, "GITHUB_API_URL": fake_github.rest_url, "GITHUB_TOKEN": "test-token", "GH_TOKEN": "",
           "OSSMATCH_NOW": "2026-11-27T12:00:00Z", "OSSMATCH_CACHE_DIR": str(cache)}
    hid = CliRunner().invoke(main, ["hide", "acme/widgets#13"], env=env)
    assert hid.exit_code == 0, hid.output
    assert (cache / "digest" / "hidden.json").exists()
    runs = {"suggest": "suggest --skills python,docs --format json", "hidden": "hidden",
            "digest": "digest --skills python,docs", "hide": "hide acme/widgets#2"}
    each = "{{ %s %s > {out}/%s.out 2> {out}/%s.err && echo 0 || echo $?; }} > {out}/%s.code"
    script = "\n".join([read_only(cache), f"touch {cache}/probe 2> {out}/probe.err || true",
                        *(each.format(out=out) % (OSSMATCH, args, name, name, name) for name, args in runs.items())])
    done = in_namespace(script, env=env)
    assert done.returncode == 0, done.stderr
    assert "Read-only file system" in (out / "probe.err").read_text()  # really read-only, even for root

    def result(name: str) -> tuple[int, str, str]:
        return (int((out / f"{name}.code").read_text()), (out / f"{name}.out").read_text(),
                (out / f"{name}.err").read_text())

    for name in ("suggest", "hidden", "digest"):
        code, _, stderr = result(name)
        assert code == 0, (name, stderr)
        assert "cannot lock" not in stderr and "Traceback" not in stderr
    suggested = json.loads(result("suggest")[1])
    assert suggested["hidden"] == 1
    assert "acme/widgets#13" not in {f"{i['repo']}#{i['number']}" for i in suggested["issues"]}
    assert "acme/widgets#13" in result("hidden")[1]
    # changing the list needs a writable directory: said in one line
    code, _, stderr = result("hide")
    assert code == 1 and stderr.strip().splitlines()[-1].endswith("Read-only file system")


def test_a_file_where_the_digest_folder_goes_is_named(tmp_path: Path) -> None:
    (tmp_path / "digest").write_text("not a folder")
    result = CliRunner().invoke(main, ["hide", "acme/widgets#13"], env={"OSSMATCH_CACHE_DIR": str(tmp_path),
                                                                        "GITHUB_API_URL": "http://127.0.0.1:9"})
    assert result.exit_code == 1
    assert result.stderr.strip() == (f"Error: cannot lock {tmp_path}/digest/hidden.json.lock: {tmp_path}/digest "
                                     "is a file, not a folder; move it away")
