"""The audit's retention check end to end: who came back after a first merged pull request."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from click.testing import CliRunner
from fakegithub import World

from ossmatch.cli import main


def described_history(world: World) -> None:
    """Five first-timers in the last year, two of whom came back; everyone else must not count.

    ana and ben merged a second pull request; cy, dee and eve merged one. old-timer's first merge
    is older than a year, maint is an owner, deps[bot] is a bot, and closed-only never got merged.
    """
    now = world.now
    repo = world.add_repo("kind/retains", languages=["Python"], files={"README.md": "# retains\n"})

    def merged(author: str, days: float, association: str = "CONTRIBUTOR") -> None:
        repo.add_pull(f"Change by {author}", author=author, author_association=association, state="MERGED",
                      created_at=now - timedelta(days=days + 1), merged_at=now - timedelta(days=days))

    for author, first, again in (("ana", 300, 200), ("ben", 100, 30), ("cy", 200, None), ("dee", 50, None),
                                 ("eve", 10, None)):
        merged(author, first, "FIRST_TIME_CONTRIBUTOR")
        if again is not None:
            merged(author, again)
    merged("old-timer", 390, "FIRST_TIME_CONTRIBUTOR")
    merged("old-timer", 100)
    merged("maint", 20, "OWNER")
    merged("maint", 15, "OWNER")
    merged("deps[bot]", 40, "NONE")
    merged("deps[bot]", 5, "NONE")
    repo.add_pull("Never merged", author="closed-only", author_association="FIRST_TIME_CONTRIBUTOR",
                  state="CLOSED", created_at=now - timedelta(days=60))


@pytest.fixture
def audit(fake_github, tmp_path):
    described_history(fake_github.world)
    env = {"GITHUB_API_URL": fake_github.rest_url, "GITHUB_TOKEN": "test-token", "GH_TOKEN": "",
           "GITHUB_GRAPHQL_URL": "", "OSSMATCH_CACHE_DIR": str(tmp_path / "cache"), "NO_COLOR": "1",
           "OSSMATCH_NOW": fake_github.world.now.isoformat()}
    result = CliRunner().invoke(main, ["audit", "kind/retains", "--format", "json"], env=env)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["audits"][0]


def test_retention_is_the_share_of_last_years_first_timers_who_came_back(audit) -> None:
    check = next(c for c in audit["checks"] if c["id"] == "retention")
    assert check["reason"] == (
        "2 of 5 first-time contributors from the last year (40%) came back for another merged pull request."
    )
    assert check["outcome"] == "pass" and check["score"] == 10
    assert check["remediation"].startswith("Follow up on first contributions")
