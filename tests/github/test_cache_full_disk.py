"""Issue 25 item 4: a full disk is not a damaged cache; the cache is kept and the run goes on."""

from __future__ import annotations

import hashlib
import json
import os
import shlex
import sqlite3
import sys
from pathlib import Path

from mounts import fill, in_namespace, mount_tmpfs
from suggest_worlds import story_world

OSSMATCH = f"{shlex.quote(sys.executable)} -m ossmatch"


def _env(fake, cache: Path) -> dict[str, str]:
    return {**os.environ, "GITHUB_API_URL": fake.rest_url, "GITHUB_TOKEN": "test-token", "GH_TOKEN": "",
            "OSSMATCH_NOW": "2026-11-27T12:00:00Z", "OSSMATCH_CACHE_DIR": str(cache), "PATH": os.environ["PATH"]}


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_full_disk_keeps_the_cache_and_the_answer(fake_github, tmp_path: Path) -> None:
    story_world(fake_github.world)
    disk, out = tmp_path / "disk", tmp_path / "out"
    disk.mkdir()
    out.mkdir()
    cache = disk / "cache"
    suggest = f"{OSSMATCH} suggest --skills python --format json"
    script = "\n".join([
        mount_tmpfs(disk, 1024),
        f"{suggest} > {out}/first.json 2> {out}/first.err",
        f"cp {cache}/cache.db {out}/before.db",
        fill(disk),
        f"{suggest} > {out}/second.json 2> {out}/second.err || echo $? > {out}/second.code",
        f"{suggest} > {out}/third.json 2> {out}/third.err || echo $? > {out}/third.code",
        f"ls -a {cache} > {out}/listing",
        f"cp {cache}/cache.db {out}/after.db 2>/dev/null || cat {cache}/cache.db > {out}/after.db",
    ])
    done = in_namespace(script, env=_env(fake_github, cache))
    assert done.returncode == 0, done.stderr
    assert not (out / "second.code").exists() and not (out / "third.code").exists()
    first = json.loads((out / "first.json").read_text())
    for run in ("second", "third"):
        again = json.loads((out / f"{run}.json").read_text())
        assert [i["url"] for i in again["issues"]] == [i["url"] for i in first["issues"]]
        err = (out / f"{run}.err").read_text()
        assert "damaged" not in err and "Traceback" not in err
        # Notes (the level ordering the list) are information; the one warning is the full disk.
        assert [line for line in err.strip().splitlines() if not line.startswith("Note: ")] == [
            f"Warning: the disk holding the cache in {cache} is full; running without the cache this time "
            "(it is kept as it is: free some space to use it again)"]
    listing = (out / "listing").read_text().split()
    assert not [name for name in listing if "corrupt" in name], listing
    assert _digest(out / "after.db") == _digest(out / "before.db")  # the same healthy cache
    with sqlite3.connect(out / "after.db") as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("SELECT count(*) FROM Cache").fetchone()[0] > 0


def test_a_disk_filling_up_mid_run_stops_saving_but_keeps_reading(tmp_path: Path) -> None:
    disk, out = tmp_path / "disk", tmp_path / "out"
    disk.mkdir()
    out.mkdir()
    program = f"""
import json
from pathlib import Path
from ossmatch.github.cache import ResponseCache
warnings = []
cache = ResponseCache(Path({str(disk / "cache")!r}), warnings.append)
cache.set("kept", {{"answer": 1}}, None)
import subprocess
subprocess.run({fill(disk)!r}, shell=True, check=True)
for i in range(200):
    cache.set(f"new-{{i}}", {{"padding": "x" * 4000}}, None)
print(json.dumps({{"warnings": warnings, "kept": cache.get("kept"), "usable": cache.usable}}))
"""
    (out / "program.py").write_text(program)
    done = in_namespace("\n".join([mount_tmpfs(disk, 512), f"{shlex.quote(sys.executable)} {out}/program.py"]))
    assert done.returncode == 0, done.stderr
    said = json.loads(done.stdout)
    assert said["kept"] == {"answer": 1} and said["usable"] is True
    assert said["warnings"] == [f"the disk holding the cache in {disk / 'cache'} is full; new answers are not "
                                "saved this time (the cache is kept as it is)"]
