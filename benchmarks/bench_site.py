"""Benchmark ``ossmatch site``: requests for the test community, page weight, and the request budget.

Prints, as the closing note reports them:
  requests   GitHub requests for the test community (6 repositories, one archived), cold and with the cache
  weight     index.html size for the test community and for 500 issues over 50 projects (limit 300 KB)
  budget     how many repositories fit a workflow token's 1,000 requests an hour
Run: ``python benchmarks/bench_site.py``.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "site")]

from click.testing import CliRunner  # noqa: E402
from fakegithub import World, make_server  # noqa: E402
from site_worlds import COMMUNITY, NOW, community_world  # noqa: E402
from suggest_worlds import bench_world  # noqa: E402
from test_weight import NOW as WEIGHT_NOW  # noqa: E402
from test_weight import community_of  # noqa: E402

from ossmatch.cli import main  # noqa: E402
from ossmatch.github.client import GitHubClient  # noqa: E402
from ossmatch.github.settings import GitHubSettings  # noqa: E402
from ossmatch.site.build import assemble  # noqa: E402
from ossmatch.site.collect import SEARCHES_PER_REQUEST, collect, plan_queries  # noqa: E402
from ossmatch.site.config import Community  # noqa: E402
from ossmatch.site.pages import render_site  # noqa: E402


def build(work: Path, rest_url: str) -> tuple[str, int]:
    (work / "community.toml").write_text(COMMUNITY)
    summary = work / "summary.md"
    summary.unlink(missing_ok=True)
    env = {"GITHUB_API_URL": rest_url, "GITHUB_TOKEN": "test-token", "GH_TOKEN": "", "OSSMATCH_NOW": NOW,
           "OSSMATCH_CACHE_DIR": str(work / "cache"), "PATH": os.environ.get("PATH", "")}
    result = CliRunner().invoke(main, ["site", "--config", str(work / "community.toml"), "--output",
                                       str(work / "site"), "--summary", str(summary)], env=env)
    assert result.exit_code == 0, result.output
    line = next(x for x in summary.read_text().splitlines() if x.startswith("| GitHub requests"))
    return line.split("|")[2].strip(), (work / "site" / "index.html").stat().st_size


def _searches(repos: int) -> int:
    """Issue searches for a list of ``repos`` repositories (one page each while under 100 issues)."""
    listed = Community(name="x", repositories=[f"community-org/project-{n}" for n in range(repos)])
    return len(plan_queries(listed))


def _measure(repos: int, audit: bool) -> tuple[int, int]:
    """Requests and GraphQL points of one cold build over ``repos`` listed repositories."""
    world = World()
    world.add_token("test-token", "tester")
    bench_world(world, repos=repos, per_repo=2)
    community = Community(name="bench", repositories=[f"bench{r:02d}/project" for r in range(repos)], audit=audit)
    with make_server(world) as fake:
        os.environ.update(GITHUB_API_URL=fake.rest_url, GITHUB_TOKEN="test-token")
        client = GitHubClient(GitHubSettings.from_env())
        collect(community, client, WEIGHT_NOW)
    return client.stats["http_requests"], client.stats["graphql_cost"]


def main_() -> None:
    world = World()
    world.add_token("test-token", "tester")
    community_world(world)
    with tempfile.TemporaryDirectory() as tmp, make_server(world) as fake:
        work = Path(tmp)
        cold, size = build(work, fake.rest_url)
        warm, _ = build(work, fake.rest_url)
    print("requests  test community (6 repositories, 1 archived, 5 audited)")
    print(f"          cold:   {cold}")
    print(f"          cached: {warm}")
    print(f"weight    index.html for the test community (13 issues): {size / 1024:.1f} KB")
    community, collected = community_of(500)
    index = render_site(assemble(community, collected, WEIGHT_NOW))["index.html"].encode()
    print(f"weight    index.html for 500 issues over 50 projects: {len(index) / 1024:.1f} KB (limit 300 KB)")
    print("budget    measured on the fake GitHub (GitHub's GraphQL cost formula), 2 issues per repository:")
    for repos in (10, 25, 50):
        for audit in (False, True):
            requests, points = _measure(repos, audit)
            print(f"          {repos:3d} listed repositories, audit {'on ' if audit else 'off'}: "
                  f"{requests:3d} requests, {points:4d} GraphQL points")
    org = Community(name="x", organizations=["community-org"])
    print(f"budget    an organisation is searched as one scope: {len(plan_queries(org))} searches "
          "however many repositories it has")
    print(f"          searches per listed repository: {_searches(100) / 100:.2f}; "
          f"{SEARCHES_PER_REQUEST} searches share one request")

if __name__ == "__main__":
    main_()
