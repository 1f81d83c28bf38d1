"""Requests spent on hostile-sized input: ``suggest`` with 10,000 skills, a 200,000-entry sent state,
and the largest profile ossmatch accepts, counted at the fake GitHub.

Run: ``python benchmarks/bench_budget.py`` (``--source DIR`` runs another checkout's ``ossmatch``,
to measure before a change).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from fakegithub import World, make_server  # noqa: E402
from suggest_worlds import story_world  # noqa: E402


def _sent_state(path: Path, entries: int) -> None:
    issues = {
        f"acme/widgets#{i}": {"repo": "acme/widgets", "number": i, "url": f"https://github.com/acme/widgets/issues/{i}",
                              "title": "t", "first_sent": "2026-11-01T00:00:00Z", "last_sent": "2026-11-01T00:00:00Z"}
        for i in range(1000, 1000 + entries)
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"version": 1, "issues": issues}))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=ROOT, help="checkout whose ossmatch to run")
    args = parser.parse_args()
    source = args.source.resolve()

    world = World()
    world.add_token("bench-token", "bench")
    story_world(world)
    languages = ["python", "javascript", "typescript", "go", "rust", "java", "ruby", "php", "c", "c++"]
    widest = {
        "skills": [*languages, *[f"word{i}" for i in range(20)]],
        "include_labels": [f"label {i}" for i in range(20)],
    }
    rows = []
    with make_server(world) as server, tempfile.TemporaryDirectory(prefix="ossmatch-budget-") as tmp:
        profile = Path(tmp) / "widest.toml"
        profile.write_text("".join(f"{key} = {json.dumps(value)}\n" for key, value in widest.items()))
        state_cache = Path(tmp) / "state-cache"
        _sent_state(state_cache / "digest" / "sent.json", 200_000)
        scenarios = [
            ("suggest --skills <10,000 skills>",
             ["suggest", "--skills", ",".join(f"skill{i}" for i in range(10_000)), "--format", "json"], None),
            ("suggest --profile <widest accepted>", ["suggest", "--profile", str(profile), "--format", "json"], None),
            ("digest with a 200,000-entry sent.json", ["digest", "--skills", "python"], state_cache),
        ]
        for name, argv, cache in scenarios:
            env = dict(
                os.environ, GITHUB_TOKEN="bench-token", GITHUB_API_URL=server.rest_url, GITHUB_GRAPHQL_URL="",
                OSSMATCH_CACHE_DIR=str(cache or Path(tmp) / "cache"), OSSMATCH_NOW="2026-11-27T12:00:00Z",
                PYTHONPATH=str(source),
            )
            server.clear_log()
            done = subprocess.run([sys.executable, "-m", "ossmatch", *argv, "--no-cache"], env=env, cwd=source,
                                  capture_output=True, text=True, check=False, timeout=600)
            graphql = sum(1 for r in server.log if r.kind == "graphql")
            points = sum(r.cost or 0 for r in server.log)
            stderr_lines = len(done.stderr.splitlines())
            rows.append((name, done.returncode, len(server.log), graphql, points, stderr_lines))
    print(f"ossmatch input budgets, running {source}")
    print(f"  {'scenario':<40} {'exit':>4} {'requests':>8} {'graphql':>7} {'points':>6} {'stderr lines':>12}")
    for name, code, requests, graphql, points, lines in rows:
        print(f"  {name:<40} {code:>4} {requests:>8} {graphql:>7} {points:>6} {lines:>12}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
