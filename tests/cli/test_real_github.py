"""Issue 9 end to end: the CLI against a fake GitHub that behaves like api.github.com in 2026."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from suggest_worlds import ME, relationship_world, story_world

from ossmatch import __version__
from ossmatch.cli import main

NOW = "2026-11-27T12:00:00Z"
#: Lines PyGithub and urllib3 log; none may reach our users' stderr.
LIBRARY_LINES = ("Request POST", "Request GET", "Required backoff", "Setting next backoff", "Retrying (",
                 "Following Github server", "Traceback")


def env_for(fake, token: str | None = "test-token", **extra: str) -> dict[str, str]:
    return {
        "GITHUB_API_URL": fake.rest_url,
        "GITHUB_TOKEN": token or "",
        "GH_TOKEN": "",
        "OSSMATCH_NOW": NOW,
        "OSSMATCH_CACHE_DIR": tempfile.mkdtemp(prefix="ossmatch-cache-"),  # never a cache another test filled
        "OSSMATCH_MAX_WAIT": "2",
        "PATH": "/nonexistent",
        **extra,
    }


def run(fake, *args: str, token: str | None = "test-token", **extra: str) -> Result:
    return CliRunner().invoke(main, [*args, "--no-cache"], env=env_for(fake, token, **extra), catch_exceptions=False)


def suggest(fake, *args: str, token: str | None = "test-token") -> tuple[dict, str]:
    result = run(fake, "suggest", "--skills", "python,docs", "--format", "json", "--limit", "50", *args, token=token)
    assert result.exit_code == 0, result.output
    assert not any(line in result.stderr for line in LIBRARY_LINES), result.stderr
    return json.loads(result.stdout), result.stderr


def titles(doc: dict) -> list[str]:
    return [i["title"] for i in doc["issues"]]


@pytest.fixture
def story(fake_github):
    story_world(fake_github.world)
    return fake_github


# ------------------------------------------------------------------ 1. advanced search ANDs repo:


def test_next_steps_are_found_across_two_projects(fake_github) -> None:
    relationship_world(fake_github.world)
    world = fake_github.world
    second = world.repo("twins/lib")
    second.add_pull("Tidy the parser", author=ME, state="MERGED", created_at=world.now - timedelta(days=20),
                    merged_at=world.now - timedelta(days=19), merged_by="lead")
    second.add_issue("Parse nested tables", labels=["help wanted"], author="lead", author_association="OWNER",
                     created_at=world.now - timedelta(days=3))
    doc, _ = suggest(fake_github, "--me", ME, "--next")
    steps = {(i["repo"], i["title"]) for i in doc["issues"] if i["next_step"]}
    assert ("acme/widgets", "Validate unknown config keys") in steps
    assert ("twins/lib", "Parse nested tables") in steps
    searched = [str(v) for r in fake_github.log if r.query and "query Discover" in r.query
                for k, v in (r.variables or {}).items() if k.startswith("q")]
    assert any("(repo:" in q and " OR repo:" in q for q in searched), searched


# ------------------------------------------------------------------ 2. GraphQL failures


def test_rate_limit_in_its_2026_form_keeps_what_was_found(fake_github) -> None:
    from fakegithub.server import Fault

    # the first search round (general searches and history together) goes through, then the
    # 2026-style limit answers the next one (the next-step searches)
    relationship_world(fake_github.world)
    story = fake_github

    class AfterFirst(Fault):
        def matches(self, path: str, kind: str, body: str = "") -> bool:
            seen = sum(1 for r in story.log if r.query and "query Discover" in r.query)
            return super().matches(path, kind, body) and seen >= 1

    story.faults.append(AfterFirst("graphql_rate_limit", times=None, body="query Discover"))
    doc, err = suggest(story, "--skills", "python,docs,javascript,rust,go", "--me", ME)
    assert titles(doc), "issues found before the limit are ranked"
    assert "stopped searching early: GitHub's GraphQL rate limit is used up" in err


def test_resource_limits_keep_partial_data_and_retry_smaller(story) -> None:
    story.world.resource_limit = 1  # each query resolves one repository lookup
    story.world.repo("ghost/town").heavy = True  # too expensive even alone
    doc, err = suggest(story)
    assert doc["issues"][0]["title"] == "Update the load_config docstring"  # signals intact
    assert "Improve the docstring of parse" in titles(doc)  # ghost/town's issue still listed
    assert ("ranked issues in ghost/town without its activity signals: it exceeds GitHub's GraphQL "
            "resource limits") in err
    batches = [len(r.variables) // 2 for r in story.log if r.query and "RepoSignals" in r.query]
    assert batches[0] > 1 and batches[-1] == 1 and batches == sorted(batches, reverse=True)


def test_timeout_is_retried_once_with_smaller_batches(story) -> None:
    story.inject("graphql_timeout", body="RepoSignals", times=1)
    doc, err = suggest(story)
    assert doc["issues"][0]["title"] == "Update the load_config docstring"
    assert "without its activity signals" not in err
    assert sum(1 for r in story.log if r.fault == "graphql_timeout") == 1
    sizes = [len(r.variables) // 2 for r in story.log if r.query and "RepoSignals" in r.query]
    assert len(sizes) >= 2 and max(sizes) < sum(sizes)  # the same repositories, in smaller batches


def test_timeout_that_persists_degrades_instead_of_failing(story) -> None:
    story.inject("graphql_timeout", body="RepoSignals", times=None)
    doc, err = suggest(story)
    assert "Update the load_config docstring" in titles(doc)
    assert "without its activity signals: GitHub timed out reading it" in err


# ------------------------------------------------------------------ 3. the Actions token


def test_bot_viewer_skips_history_with_a_note_naming_me(story) -> None:
    story.world.add_installation_token("ghs_actions")
    doc, err = suggest(story, token="ghs_actions")
    assert doc["me"] is None and titles(doc)
    assert "github-actions[bot], an app rather than a person" in err and "--me LOGIN" in err
    assert not any(i.get("involvement") for i in doc["issues"])


# ------------------------------------------------------------------ 7. FORBIDDEN organisation


def test_forbidden_organisation_is_named(story) -> None:
    story.world.add_repo("corp/tool", languages=["Python"]).add_issue(
        "Corp docs", labels=["good first issue"], created_at=story.world.now - timedelta(days=2))
    story.world.forbidden_orgs["corp"] = "ip_allow_list"
    doc, err = suggest(story)
    assert "Corp docs" not in titles(doc) and titles(doc)
    assert "skipped issues from the corp organisation: its IP allow list does not admit this machine" in err


def test_saml_organisation_is_reported_when_search_hides_its_issues(story) -> None:
    """GraphQL search withholds SAML-protected hits as null nodes; GitHub's message names no org."""
    story.world.add_repo("sso/lib", languages=["Python"]).add_issue(
        "SSO docs", labels=["good first issue"], created_at=story.world.now - timedelta(days=2))
    story.world.forbidden_orgs["sso"] = "saml"
    doc, err = suggest(story)
    assert "SSO docs" not in titles(doc) and titles(doc)
    assert ("skipped issues from an organisation: it enforces SAML single sign-on and this token is not "
            "authorized for it") in err


# ------------------------------------------------------------------ 8. clean edges


def test_secondary_rate_limit_outlasting_retries_says_so(story) -> None:
    story.inject("secondary", times=None, seconds=1)
    result = run(story, "suggest", "--skills", "python")
    assert result.exit_code != 0
    assert "secondary rate limit" in result.stderr and "try again in 1 seconds" in result.stderr
    assert "kept failing with server errors" not in result.stderr


def test_401_without_a_token_does_not_blame_the_token(story) -> None:
    story.world.private_mode = True
    result = run(story, "suggest", "--skills", "python", token=None)
    assert result.exit_code != 0
    assert "rejected the token" not in result.stderr
    assert "requires authentication" in result.stderr and "set GITHUB_TOKEN" in result.stderr


def test_http_api_url_redirecting_to_https_is_a_one_line_error() -> None:
    from fakegithub import World, make_server

    world = World()
    world.add_token("test-token", "tester")
    with make_server(world, redirect_to_https=True) as fake:
        result = run(fake, "suggest", "--skills", "python")
    assert result.exit_code == 2
    https = fake.rest_url.replace("http://", "https://")
    assert result.stderr.strip().splitlines() == [f"Error: GITHUB_API_URL redirects to https: set it to {https}"]


def test_requests_say_who_we_are_and_which_api_version(story) -> None:
    run(story, "suggest", "--skills", "python", token=None)
    run(story, "suggest", "--skills", "python")
    assert story.log
    for request in story.log:
        headers = {k.lower(): v for k, v in request.request_headers.items()}
        assert headers["user-agent"] == f"ossmatch/{__version__}"
        assert headers["x-github-api-version"] == "2022-11-28"


def test_incomplete_rest_search_gets_a_warning(story) -> None:
    story.world.search_incomplete = True
    result = run(story, "suggest", "--skills", "python", token=None)
    assert result.exit_code == 0, result.output
    assert "results are incomplete" in result.stderr


@pytest.mark.parametrize("fault", ["secondary", "rate_limit_403", "server_error", "graphql_rate_limit"])
def test_no_library_log_line_reaches_stderr(story, fault: str, tmp_path: Path) -> None:
    """A real process (no pytest log capture): only ossmatch's own lines may be on stderr."""
    story.inject(fault, times=None, seconds=1)
    env = {**os.environ, **env_for(story), "PATH": os.environ.get("PATH", ""), "OSSMATCH_CACHE_DIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "ossmatch", "suggest", "--skills", "python", "--no-cache"],
                          env=env, capture_output=True, text=True, timeout=120)
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert lines, "a fault must be reported"
    assert all(line.startswith(("Error:", "Warning:", "Note:")) for line in lines), done.stderr


# ------------------------------------------------------------------ 2. audit --org past a failure


def test_org_audit_continues_past_a_repository_github_gives_up_on(fake_github, tmp_path: Path) -> None:
    from audit.worlds import add_welcoming

    add_welcoming(fake_github.world)
    fake_github.world.add_repo("friendly/slow", languages=["Python"], pushed_at=fake_github.world.now)
    fake_github.inject("graphql_timeout", times=None, body='"slow"')
    result = CliRunner().invoke(main, ["audit", "--org", "friendly", "--format", "json", "--no-cache"],
                                env=env_for(fake_github, NO_COLOR="1"))
    audited = json.loads(result.stdout)["audits"]
    assert [a["repo"] for a in audited] == ["friendly/welcoming"]
    assert "friendly/slow: GitHub gave up on a query" in result.stderr
    assert result.stderr.strip().endswith("1 of 2 repositories could not be audited; the 1 finished are in the report")
    assert result.exit_code == 1


# ------------------------------------------------------------------ 2. profile init past resource limits


def test_profile_from_github_falls_back_when_contributions_exceed_resource_limits(fake_github, tmp_path: Path) -> None:
    world = fake_github.world
    world.add_repo("busy/tool", languages=["Rust"], topics=["cli"])
    world.add_repo("other/lib", languages=["Go"]).add_pull("Fix", author="busy", state="MERGED")
    world.heavy_users.add("busy")
    target = tmp_path / "me.toml"
    result = CliRunner().invoke(main, ["profile", "init", str(target), "--from-github", "busy"],
                                env=env_for(fake_github))
    assert result.exit_code == 0, result.output
    assert "inferring from their own repositories only" in result.stderr
    assert "rust" in target.read_text().lower()
    assert [r.query.split("(")[0].split()[-1] for r in fake_github.log if r.query] == ["UserRepos", "UserOwnRepos"]



# ------------------------------------------------------------------ 6. private maintainers


def _hide_membership(world, name: str = "acme/widgets", login: str = "maintainer") -> None:
    """The maintainer keeps their org membership private: outside tokens read CONTRIBUTOR/NONE.
    What still shows them: they merge pull requests and label and close issues."""
    repo = world.repo(name)
    for issue in repo.issues:
        if issue.author == login:
            issue.author_association = "CONTRIBUTOR"
        for comment in issue.comments:
            if comment.author == login:
                comment.author_association = "NONE"
                issue.add_event("LABELED_EVENT", login, label="question", created_at=comment.created_at)
    for pull in repo.pulls:
        for review in pull.reviews:
            if review.author == login:
                review.author_association = "CONTRIBUTOR"


def test_private_maintainers_are_recognised_in_suggest(story) -> None:
    before, _ = suggest(story)
    _hide_membership(story.world)
    doc, _ = suggest(story)
    assert doc["issues"][0]["title"] == "Update the load_config docstring"
    signals = doc["issues"][0]["signals"]["repo"]
    assert signals["median_first_response_hours"] == pytest.approx(3, abs=0.5)
    assert signals == before["issues"][0]["signals"]["repo"]  # as if their membership were public


def test_private_maintainers_pass_the_audit_response_check(fake_github) -> None:
    from audit.worlds import add_welcoming

    add_welcoming(fake_github.world)
    before = CliRunner().invoke(main, ["audit", "friendly/welcoming", "--format", "json", "--no-cache"],
                                env=env_for(fake_github, NO_COLOR="1"))
    expected = next(c for c in json.loads(before.stdout)["audits"][0]["checks"] if c["id"] == "issue-response")
    repo = fake_github.world.repo("friendly/welcoming")
    logins = {c.author for i in repo.issues for c in i.comments if c.author_association in ("MEMBER", "OWNER")}
    for login in logins:
        _hide_membership(fake_github.world, "friendly/welcoming", login)
        for pull in repo.pulls:
            pull.merged_by = pull.merged_by or login
    result = CliRunner().invoke(main, ["audit", "friendly/welcoming", "--format", "json", "--no-cache"],
                                env=env_for(fake_github, NO_COLOR="1"))
    check = next(c for c in json.loads(result.stdout)["audits"][0]["checks"] if c["id"] == "issue-response")
    assert expected["outcome"] == "pass"
    assert (check["outcome"], check["reason"]) == (expected["outcome"], expected["reason"])


def test_rate_limit_while_reading_repositories_reads_them_through_rest(story) -> None:
    story.inject("graphql_rate_limit", body="RepoSignals", times=None)
    doc, err = suggest(story)
    assert "Update the load_config docstring" in titles(doc)
    said = " ".join(err.split())
    assert ("GitHub's GraphQL rate limit ran out after 0 of 3 repositories; read 3 more through REST (a separate "
            "budget): for those, claims and maintainer answers come from recent comments, and response times and "
            "merge rates are missing") in said
    assert any(r.kind == "rest" and r.path.startswith("/repos/") and r.status == 200 for r in story.log)
    # What REST read still counts: the claim on "Add a --verbose flag" is seen.
    claimed = next(i for i in doc["issues"] + [f for g in doc["folded"].values() for f in g["issues"]]
                   if i["title"] == "Add a --verbose flag")
    assert "claimed" in claimed["flags"]


def test_rate_limit_while_reading_repositories_with_rest_gone_too_ranks_without_their_signals(story) -> None:
    story.inject("graphql_rate_limit", body="RepoSignals", times=None)
    story.inject("rate_limit_403", path="/repos/", times=None)
    doc, err = suggest(story)
    assert "Update the load_config docstring" in titles(doc)
    assert "repositories (GitHub's GraphQL rate limit is used up; try again later); their issues are ranked " \
           "without activity signals" in err


def test_a_search_github_gives_up_on_is_asked_again_smaller(story) -> None:
    def searches_per_document() -> list[int]:
        return [r.query.count("search(") for r in story.log if r.query and "query Discover" in r.query]

    suggest(story)
    (usual,) = searches_per_document()
    story.clear_log()
    story.inject("graphql_timeout", body="query Discover", times=1)
    doc, _ = suggest(story)
    assert doc["issues"][0]["title"] == "Update the load_config docstring"
    assert sum(1 for r in story.log if r.fault == "graphql_timeout") == 1
    # after the document GitHub gave up on (logged as the fault), the same searches in two halves
    assert searches_per_document() == [usual // 2, usual - usual // 2]
