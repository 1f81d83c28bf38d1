"""Issue 25 items 2 and 3: a GitHub fault is never read as "nothing", and what was found before a
rate limit is ranked, shown and labelled partial in every format."""

from __future__ import annotations

import html.parser
import json
import tempfile

from click.testing import CliRunner, Result
from fakegithub.server import Fault
from suggest_worlds import bench_world, story_world

from ossmatch.cli import main
from ossmatch.suggest.listing import PARTIAL_LABEL

NOW = "2026-11-27T12:00:00Z"


def run(fake, *args: str, token: str | None = "test-token") -> Result:
    env = {"GITHUB_API_URL": fake.rest_url, "GITHUB_TOKEN": token or "", "GH_TOKEN": "", "OSSMATCH_NOW": NOW,
           "OSSMATCH_CACHE_DIR": tempfile.mkdtemp(prefix="ossmatch-cache-"), "OSSMATCH_MAX_WAIT": "2",
           "PATH": "/nonexistent"}
    return CliRunner().invoke(main, [*args, "--no-cache"], env=env, catch_exceptions=False)


class AfterRequests(Fault):
    """A fault that lets the first ``after`` matching requests through, then answers every one."""

    def __init__(self, fake, name: str, after: int, **options) -> None:
        super().__init__(name, times=None, **options)
        self.fake, self.after, self.seen = fake, after, 0

    def matches(self, path: str, kind: str, body: str = "") -> bool:
        if not super().matches(path, kind, body):
            return False
        self.seen += 1
        return self.seen > self.after


# ------------------------------------------------------------------ 2. resource limits are not "nothing"


def test_resource_limits_on_the_first_search_are_an_error_not_an_empty_list(fake_github) -> None:
    story_world(fake_github.world)
    fake_github.inject("graphql_resource_limits", times=None)
    result = run(fake_github, "suggest", "--skills", "python", "--format", "json")
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert result.stderr.strip() == ("Error: GitHub's GraphQL resource limits refused to read the searches; "
                                     "try again later")
    # asked again for less (half the searches, then its quarters), before giving up: nothing came back
    assert fake_github.count("graphql") == 4


def test_resource_limits_once_are_retried_smaller_and_the_run_succeeds(fake_github) -> None:
    story_world(fake_github.world)
    fake_github.inject("graphql_resource_limits", times=1, body="query Discover")
    result = run(fake_github, "suggest", "--skills", "python", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["issues"]


def test_show_and_audit_do_not_call_resource_limits_not_found(fake_github) -> None:
    story_world(fake_github.world)
    fake_github.inject("graphql_resource_limits", times=None)
    for args, what in ((("show", "acme/widgets#1"), "acme/widgets#1"), (("audit", "acme/widgets"), "acme/widgets")):
        result = run(fake_github, *args)
        assert result.exit_code == 1, result.output
        assert result.stderr.strip().splitlines()[-1] == (
            f"Error: GitHub's GraphQL resource limits refused to read {what}; try again later")
        assert "not found" not in result.stderr


# ------------------------------------------------------------------ 3. rate limit part-way


def _many_pages(fake) -> None:
    """Enough matching issues that a deep search takes several rounds of 100 per query."""
    bench_world(fake.world, repos=40, per_repo=15)


class _Html(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_a_rate_limit_after_two_search_pages_ranks_what_was_found_in_every_format(fake_github) -> None:
    _many_pages(fake_github)
    searches = "query Discover"
    outputs = {}
    for fmt in ("json", "table", "markdown", "html"):
        fake_github.clear_faults()
        # the sliced searches take one request, and one more to read on where a slice was full
        fake_github.faults.append(AfterRequests(fake_github, "rate_limit_403", after=1, path="graphql",
                                                seconds=3600, body=searches))
        outputs[fmt] = run(fake_github, "suggest", "--skills", "python", "--depth", "1000", "--format", fmt)
    for fmt, result in outputs.items():
        assert result.exit_code == 0, (fmt, result.output)
        assert "Traceback" not in result.stderr
        assert "Warning: stopped searching early: GitHub's rate limit is used up" in result.stderr, fmt
    doc = json.loads(outputs["json"].stdout)
    assert doc["issues"], "the issues from the first two pages are ranked"
    assert doc["partial"] is True
    assert any(w.startswith("stopped searching early: GitHub's rate limit is used up") and
               f"ranked the {doc['candidates']} issues found before that" in w for w in doc["warnings"])
    assert PARTIAL_LABEL.split(":")[0] in " ".join(outputs["table"].stdout.split())
    assert PARTIAL_LABEL.split(":")[0] in outputs["markdown"].stdout
    page = _Html()
    page.feed(outputs["html"].stdout)
    assert PARTIAL_LABEL in " ".join(" ".join(page.text).split())
    searched = [r.status for r in fake_github.log if r.kind == "graphql" and r.query and searches in r.query]
    assert searched[:1] == [200], searched


def test_a_complete_search_is_not_labelled_partial(fake_github) -> None:
    story_world(fake_github.world)
    doc = json.loads(run(fake_github, "suggest", "--skills", "python", "--format", "json").stdout)
    assert doc["partial"] is False and not any(w.startswith("stopped searching early") for w in doc["warnings"])


def test_a_rate_limit_part_way_through_a_tokenless_search_keeps_the_pages_read(fake_github) -> None:
    _many_pages(fake_github)
    fake_github.faults.append(AfterRequests(fake_github, "rate_limit_403", after=1, path="/search/issues",
                                            seconds=3600))
    result = run(fake_github, "suggest", "--skills", "python", "--depth", "200", "--format", "json", token=None)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["partial"] is True and doc["issues"]


def test_the_wait_is_said_rounded_up(fake_github) -> None:
    story_world(fake_github.world)
    fake_github.inject("rate_limit_403", times=None, seconds=60.4)
    result = run(fake_github, "suggest", "--skills", "python", token=None)
    assert result.exit_code == 1
    line = result.stderr.strip().splitlines()[-1]
    assert "resets in 60s, more than OSSMATCH_MAX_WAIT (60s)" not in line
    assert "OSSMATCH_MAX_WAIT (2s)" in line


def test_a_digest_from_a_search_cut_short_says_it_is_partial_in_every_format(fake_github) -> None:
    from ossmatch.digest.compose import PARTIAL_NOTE

    _many_pages(fake_github)
    for fmt in ("text", "markdown", "html"):
        fake_github.clear_faults()
        fake_github.faults.append(AfterRequests(fake_github, "rate_limit_403", after=1, path="graphql",
                                                seconds=3600, body="query Discover"))
        result = run(fake_github, "digest", "--skills", "python", "--format", fmt)
        assert result.exit_code == 0, (fmt, result.output)
        assert "Warning: stopped searching early" in result.stderr
        assert PARTIAL_NOTE in " ".join(result.stdout.replace("\\", "").split()), fmt
