"""Does every line agree with the others? The week-of-use world of issue 19, read as its user would.

Prints, for ``ossmatch`` run against the fake GitHub:
  suggest    the top ten of ``suggest --skills python,docs`` (scores in order? how many per repository?)
  digest     the top of ``digest --skills python,docs --me nora-new``
  tokenless  the requests two tokenless ``suggest`` runs in a row send (the second within the hour)
Run: ``python benchmarks/bench_truth.py`` (``--source DIR`` runs another checkout's ``ossmatch``,
to measure before a change; ``--full`` prints the whole outputs).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from fakegithub import World, make_server  # noqa: E402
from suggest_worlds import NEWCOMER, week_world  # noqa: E402

NOW = "2026-11-27T12:00:00Z"


def run(source: Path, argv: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ossmatch", *argv], env=dict(env, PYTHONPATH=str(source)),
                          cwd=tempfile.gettempdir(), capture_output=True, text=True, check=False, timeout=600)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=ROOT, help="checkout whose ossmatch to run")
    parser.add_argument("--full", action="store_true", help="print whole outputs, not just the top")
    args = parser.parse_args()
    source = args.source.resolve()
    world = World()
    week_world(world)
    with make_server(world) as server, tempfile.TemporaryDirectory(prefix="ossmatch-truth-") as tmp:
        base = dict(os.environ, GITHUB_API_URL=server.rest_url, GITHUB_GRAPHQL_URL="", GH_TOKEN="",
                    OSSMATCH_NOW=NOW, COLUMNS="100", NO_COLOR="1")
        token = dict(base, GITHUB_TOKEN="nora-token", OSSMATCH_CACHE_DIR=str(Path(tmp) / "token"))
        print(f"issue 19's world, running {source}\n")
        done = run(source, ["suggest", "--skills", "python,docs", "--format", "json"], token)
        doc = json.loads(done.stdout)
        top = doc["issues"][:10]
        scores = [i["score"] for i in top]
        repos = Counter(i["repo"] for i in top)
        print("suggest --skills python,docs: top ten")
        ordered = scores == sorted(scores, reverse=True)
        print(f"  scores {', '.join(f'{s:.0f}' for s in scores)}; in score order: {ordered}")
        print(f"  most from one repository: {repos.most_common(1)[0][1]} ({repos.most_common(1)[0][0]})")
        table = run(source, ["suggest", "--skills", "python,docs"], token).stdout.splitlines()
        print("\n".join("  | " + line for line in (table if args.full else table[:40])))
        digest = run(source, ["digest", "--skills", "python,docs", "--me", NEWCOMER, "--limit", "10"], token)
        lines = digest.stdout.splitlines()
        print(f"\ndigest --skills python,docs --me {NEWCOMER} --limit 10 (exit {digest.returncode})")
        print("\n".join("  | " + line for line in (lines if args.full else lines[:60])))
        if digest.stderr.strip():
            print("\n".join("  ! " + line for line in digest.stderr.splitlines()))
        tokenless = dict(base, GITHUB_TOKEN="", OSSMATCH_CACHE_DIR=str(Path(tmp) / "tokenless"))
        counts = []
        for attempt in ("first", "second"):
            server.clear_log()
            done = run(source, ["suggest", "--skills", "python,docs", "--me", NEWCOMER], tokenless)
            counts.append(len(server.log))
            note = [line for line in done.stderr.splitlines() if "request" in line]
            print(f"\ntokenless {attempt} run: {len(server.log)} requests sent "
                  f"({sum(1 for r in server.log if r.status == 304)} answered 304); exit {done.returncode}")
            print("\n".join("  ! " + line for line in note))
        print(f"\ntokenless requests, two runs in a row: {counts[0]} + {counts[1]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
