"""Benchmark ``ossmatch cohort`` against a large fake GitHub with realistic latency.

For cohorts of 5, 50 and 500 people (one language and up to two of docs/testing each; every tenth
person with merged work in one of the projects) over 400 projects with 4 beginner issues each, runs
the real CLI in a subprocess on an empty cache and prints: HTTP requests by kind (one history per
person; the search round, the repository batch and the re-check of earlier offers are shared),
wall time, candidates ranked, issues offered, and the same for a second (weekly) run, which keeps
every offer. The target: requests grow with distinct skills and repositories, not with people
(one history request more per ``HISTORY_BATCH_SIZE`` people).
Run: ``python benchmarks/bench_cohort.py`` (``--sizes 5,50`` for a quick run).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from cohort_worlds import big_cohort_world  # noqa: E402
from fakegithub import World, make_server  # noqa: E402

from ossmatch.github.histories import HISTORY_BATCH_SIZE  # noqa: E402

NOW = "2026-11-27T12:00:00Z"


def ossmatch() -> list[str]:
    exe = shutil.which("ossmatch")
    return [exe] if exe else [sys.executable, "-m", "ossmatch"]


def roster_toml(people: list[tuple[str, list[str]]]) -> str:
    lines = ['name = "Benchmark cohort"', "per_person = 2", "max_per_project = 3", ""]
    for login, skills in people:
        lines += ["[[people]]", f'login = "{login}"', "skills = [" + ", ".join(f'"{s}"' for s in skills) + "]", ""]
    return "\n".join(lines)


def _children_cpu() -> float:
    """CPU seconds of finished child processes: ossmatch's own work, not the fake server's (a thread here)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def kinds(server: Any) -> dict[str, int]:
    """Requests by what they asked for: histories, searches, repository batches, issue re-checks."""
    counts: Counter[str] = Counter()
    for request in server.log:
        query = request.query or ""
        if "UserHistories" in query:
            counts["history"] += 1
        elif "RateLimit" in query:
            counts["points left"] += 1
        elif "RefreshIssues" in query:
            counts["recheck"] += 1
        elif "search" in query and "repository(" not in query:
            counts["search"] += 1
        else:
            counts["repos/other"] += 1
    return dict(counts)


def run(size: int, repos: int, latency: float) -> dict[str, Any]:
    world = World()
    world.add_token("bench-token", "bench")
    people = big_cohort_world(world, people=size, repos=repos)
    folder = Path(tempfile.mkdtemp(prefix="ossmatch-bench-cohort-"))
    roster = folder / "cohort.toml"
    roster.write_text(roster_toml(people), encoding="utf-8")
    out: dict[str, Any] = {"people": size, "skill sets": len({tuple(s) for _l, s in people})}
    try:
        with make_server(world, latency=latency) as server:
            env = dict(os.environ, GITHUB_TOKEN="bench-token", GH_TOKEN="", GITHUB_API_URL=server.rest_url,
                       OSSMATCH_CACHE_DIR=str(folder / "cache"), OSSMATCH_NOW=NOW)
            for week in ("first", "second"):
                server.clear_log()
                server._buckets.clear()  # a week passes between runs: every rate-limit window has reset
                start, cpu = time.perf_counter(), _children_cpu()
                cmd = [*ossmatch(), "cohort", "--roster", str(roster), "--format", "json"]
                if week == "second":
                    cmd.append("--refresh")  # a week later the cached answers have expired
                done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
                elapsed, cpu = time.perf_counter() - start, _children_cpu() - cpu
                if done.returncode != 0:
                    raise SystemExit(f"cohort of {size} failed: {done.stderr.strip()}")
                data = json.loads(done.stdout)
                offered = sum(len(a["issues"]) for a in data["assignments"])
                kept = sum(1 for a in data["assignments"] for i in a["issues"] if not i["new"])
                points = sum(b.used for (_who, resource), b in server._buckets.items() if resource == "graphql")
                out[week] = {"seconds": elapsed, "cpu": cpu, "requests": len(server.log), "by kind": kinds(server),
                             "points": points, "warnings": data["warnings"],
                             "candidates": data["candidates"], "repositories": data["repositories"],
                             "offered": offered, "kept": kept, "short": len(data["left_out"])}
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--latency", type=float, default=0.050, help="seconds added to every request")
    parser.add_argument("--sizes", default="5,50,500", help="cohort sizes, comma-separated")
    parser.add_argument("--repos", type=int, default=400, help="projects in the fake world (4 issues each)")
    args = parser.parse_args()
    print(f"ossmatch cohort benchmark: {args.repos} projects, {args.repos * 4} beginner issues, "
          f"{args.latency * 1000:.0f} ms latency per request")
    ok = True
    results = []
    for size in (int(s) for s in args.sizes.split(",")):
        result = run(size, args.repos, args.latency)
        results.append(result)
        for week in ("first", "second"):
            r = result[week]
            shared = r["requests"] - r["by kind"].get("history", 0)
            print(f"  {size:>4} people, {week:<6} run: {r['requests']:>4} requests ({shared} not histories: "
                  f"{r['by kind']}), {r['points']} GraphQL points, {r['seconds']:.1f} s wall "
                  f"({r['cpu']:.1f} s CPU in ossmatch), {r['candidates']} candidates in {r['repositories']} repos, "
                  f"{r['offered']} offered ({r['kept']} kept), {r['short']} short")
            for warning in r["warnings"]:
                print(f"        warning: {warning}")
    firsts = [r["first"]["requests"] - r["first"]["by kind"].get("history", 0) for r in results]
    batches = [r["first"]["by kind"].get("history", 0) <= -(-r["people"] // HISTORY_BATCH_SIZE) for r in results]
    ok = all(batches) and max(firsts) <= 2 * min(firsts) + 10
    print(f"shared requests (search, repositories) stay flat as the cohort grows; one history request per "
          f"{HISTORY_BATCH_SIZE} people" if ok else "requests grew with people")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
