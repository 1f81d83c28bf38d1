"""Benchmark ``ossmatch suggest`` against the fake GitHub with realistic latency.

Measures, as a user would see them (the real CLI in a subprocess):
  cold   a first run over 100 candidates in 50 repositories, empty cache
  warm   the same run again within the cache TTL
  help   ``ossmatch --help`` (start-up cost: heavy modules are imported lazily)
and prints the numbers with the targets. Run: ``python benchmarks/bench_suggest.py``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from fakegithub import World, make_server  # noqa: E402
from suggest_worlds import bench_world  # noqa: E402

TARGETS = {"cold_requests": 6, "cold_seconds": 3.0, "warm_quota_requests": 0, "warm_seconds": 1.0, "help_seconds": 0.3}


def ossmatch() -> list[str]:
    exe = shutil.which("ossmatch")
    return [exe] if exe else [sys.executable, "-m", "ossmatch"]


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr.strip()}")
    return elapsed, done


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency", type=float, default=0.150, help="seconds added to every request")
    parser.add_argument("--help-runs", type=int, default=5)
    args = parser.parse_args()

    world = World()
    world.add_token("bench-token", "bench")
    bench_world(world, repos=50, per_repo=2)
    cache = tempfile.mkdtemp(prefix="ossmatch-bench-")
    try:
        with make_server(world, latency=args.latency) as server:
            env = dict(
                os.environ,
                GITHUB_TOKEN="bench-token",
                GITHUB_API_URL=server.rest_url,
                OSSMATCH_CACHE_DIR=cache,
                OSSMATCH_NOW="2026-11-27T12:00:00Z",
            )
            cmd = [*ossmatch(), "suggest", "--skills", "python,docs", "--format", "json", "--limit", "10"]
            cold, _ = timed(cmd, env)
            cold_requests = len(server.log)
            cold_points = sum(r.cost or 0 for r in server.log)
            server.clear_log()
            warm, _ = timed(cmd, env)
            warm_requests = len(server.log)
            warm_quota = len(server.quota_requests())
        helps = [timed([*ossmatch(), "--help"], dict(os.environ))[0] for _ in range(args.help_runs)]
    finally:
        shutil.rmtree(cache, ignore_errors=True)

    help_median = statistics.median(helps)
    rows = [
        ("cold: HTTP requests", cold_requests, f"<= {TARGETS['cold_requests']}"),
        ("cold: GraphQL points", cold_points, ""),
        ("cold: wall seconds", f"{cold:.2f}", f"< {TARGETS['cold_seconds']}"),
        ("warm: HTTP requests", warm_requests, ""),
        ("warm: quota-counted requests", warm_quota, f"== {TARGETS['warm_quota_requests']}"),
        ("warm: wall seconds", f"{warm:.2f}", f"< {TARGETS['warm_seconds']}"),
        ("--help: median seconds", f"{help_median:.3f}", f"< {TARGETS['help_seconds']}"),
    ]
    print(f"ossmatch suggest benchmark: 100 candidates in 50 repositories, {args.latency * 1000:.0f} ms latency")
    for name, value, target in rows:
        print(f"  {name:<30} {value!s:>8}   {target}")
    ok = (
        cold_requests <= TARGETS["cold_requests"]
        and cold < TARGETS["cold_seconds"]
        and warm_quota == TARGETS["warm_quota_requests"]
        and warm < TARGETS["warm_seconds"]
        and help_median < TARGETS["help_seconds"]
    )
    print("all targets met" if ok else "some targets missed")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
