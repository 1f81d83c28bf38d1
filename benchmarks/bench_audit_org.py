"""Benchmark ``ossmatch audit --org`` quota use against the fake GitHub.

Prints, for a generated organisation (default 200 repositories):
  graphql points per repository   the snapshot query's cost, from GitHub's cost formula in the fake
  repositories per hour           5,000 GraphQL points an hour divided by that cost
  warm graphql requests           a re-run within the cache's freshness (target 0)
  tokenless requests              REST requests for one repository without a token (limit 60 an hour)
Run: ``python benchmarks/bench_audit_org.py [--size N]``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "audit")]

from click.testing import CliRunner  # noqa: E402
from fakegithub import World, make_server  # noqa: E402
from worlds import add_welcoming  # noqa: E402

from ossmatch.cli import main  # noqa: E402

GRAPHQL_POINTS_PER_HOUR = 5000
ANONYMOUS_REST_PER_HOUR = 60


def build(size: int) -> World:
    world = World()
    world.add_token("test-token", "tester")
    world.add_user("bench", "Organization")
    for i in range(size):
        repo = world.add_repo(f"bench/repo-{i:04}", files={"README.md": f"# repo {i}\n"},
                              labels=[("good first issue", "Good for newcomers")])
        repo.add_issue("A question", author=f"user{i}", created_at=world.now - timedelta(days=5))
    add_welcoming(world, "bench/welcoming")
    return world


def main_(size: int) -> None:
    world = build(size)
    with make_server(world) as fake, tempfile.TemporaryDirectory() as cache:
        env = {"GITHUB_API_URL": fake.rest_url, "GITHUB_TOKEN": "test-token", "GH_TOKEN": "",
               "GITHUB_GRAPHQL_URL": "", "OSSMATCH_CACHE_DIR": cache, "NO_COLOR": "1",
               "OSSMATCH_NOW": world.now.isoformat()}
        runner = CliRunner()
        cold = runner.invoke(main, ["audit", "--org", "bench", "--format", "json"], env=env)
        assert cold.exit_code == 0, cold.output
        graphql = [e for e in fake.log if e.kind == "graphql"]
        points = sum(e.cost or 0 for e in graphql) / (size + 1)
        rest = sum(1 for e in fake.log if e.kind == "rest")
        fake.clear_log()
        warm = runner.invoke(main, ["audit", "--org", "bench", "--format", "json"], env=env)
        assert warm.exit_code == 0, warm.output
        warm_graphql = fake.count("graphql")
        warm_quota = len(fake.quota_requests())
        fake.clear_log()
        anon = {**env, "GITHUB_TOKEN": "", "PATH": "/nonexistent", "OSSMATCH_CACHE_DIR": cache + "/anon"}
        tokenless = runner.invoke(main, ["audit", "bench/welcoming", "--format", "json"], env=anon)
        assert tokenless.exit_code == 0, tokenless.output
        anon_requests = len(fake.quota_requests())
    print(f"organisation size              {size + 1} repositories")
    print(f"graphql points per repository  {points:.1f}")
    print(f"rest requests, cold run        {rest} ({rest / (size + 1):.2f} per repository)")
    print(f"repositories per hour (token)  {int(GRAPHQL_POINTS_PER_HOUR // points)}")
    print(f"warm graphql requests          {warm_graphql} (target 0); quota-counted requests {warm_quota}")
    print(f"tokenless requests, 1 repo     {anon_requests} (repositories per hour: "
          f"{ANONYMOUS_REST_PER_HOUR // anon_requests})")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=200)
    main_(parser.parse_args().size)
