"""Issue 25 items 8, 9 and 10: output targets checked before any work, messages that say what is
wrong (not something else), and the decisions on foreign URLs, repeated names and read-only files."""

from __future__ import annotations

import json
import os
import stat
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from suggest_worlds import story_world

from ossmatch.cli import main

NOW = "2026-11-27T12:00:00Z"


@pytest.fixture
def story(fake_github):
    story_world(fake_github.world)
    return fake_github


def run(fake, *args: str, **extra: str) -> Result:
    env = {"GITHUB_API_URL": fake.rest_url if fake else "http://127.0.0.1:1/api/v3", "GITHUB_TOKEN": "test-token",
           "GH_TOKEN": "", "OSSMATCH_NOW": NOW, "PATH": "/nonexistent",
           "OSSMATCH_CACHE_DIR": tempfile.mkdtemp(prefix="ossmatch-cache-"), **extra}
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


def last_line(result: Result) -> str:
    assert "Traceback" not in result.output
    return result.stderr.strip().splitlines()[-1]


# ------------------------------------------------------------------ 8. long file names


def test_a_250_character_file_name_is_written(story, tmp_path: Path) -> None:
    target = tmp_path / ("a" * 245 + ".json")
    result = run(story, "suggest", "--skills", "python", "--format", "json", "--output", str(target), "--no-cache")
    assert result.exit_code == 0, result.output
    assert json.loads(target.read_text())["issues"]
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no temporary file left behind


def test_a_name_too_long_fails_before_any_request(story, tmp_path: Path) -> None:
    target = tmp_path / ("a" * 252 + ".json")
    result = run(story, "suggest", "--skills", "python", "--format", "json", "--output", str(target), "--no-cache")
    assert result.exit_code == 2
    assert "is longer than the 255 bytes its file system allows" in last_line(result)
    assert len(last_line(result)) < 300  # the name is not echoed whole
    assert story.count() == 0


# ------------------------------------------------------------------ 9. messages that mislead


def test_a_huge_reference_is_not_echoed_whole() -> None:
    result = run(None, "show", "x" * 10_000)
    assert result.exit_code == 2
    assert last_line(result) == f"Error: '{'x' * 57}...' is not an issue or repository: expected OWNER/REPO#NUMBER"


@pytest.mark.parametrize("given", ["999999999w", "3651d", "87601h", "0000000000000000000000000001w" * 1])
def test_a_duration_beyond_the_limit_says_the_limit(given: str, tmp_path: Path) -> None:
    result = run(None, "hide", "acme/widgets#1", "--for", given, OSSMATCH_CACHE_DIR=str(tmp_path))
    if given.startswith("0000"):  # a long way to write 1w is still 1w
        assert result.exit_code == 0, result.output
        return
    assert result.exit_code == 2
    assert last_line(result) == (f"Error: --for '{given}' is longer than the limit of ten years (3650 days): "
                    "leave --for out to hide it for good")


def test_a_profile_with_a_byte_order_mark_is_read(story, tmp_path: Path) -> None:
    profile = tmp_path / "profile.toml"
    profile.write_bytes(b"\xef\xbb\xbf" + b'skills = ["python", "docs"]\n')
    result = run(story, "suggest", "--profile", str(profile), "--format", "json", "--no-cache")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["profile"]["skills"] == ["python", "docs"]


def test_cache_info_on_an_unusable_cache_is_one_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = run(None, "cache", "info", OSSMATCH_CACHE_DIR=str(blocker))
    assert result.exit_code == 1
    assert result.stderr == f"Error: the cache in {blocker} is unusable (it is not a directory)\n"


def test_counted_nouns_agree() -> None:
    from pydantic import BaseModel

    from ossmatch.statefile import StateFile

    class One(BaseModel):
        value: int = 0

    warnings: list[str] = []
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "state.json"
        path.write_text('{"value": "nope"}')
        StateFile(path, One, warn=warnings.append).read(repair=False)
        path.write_text('{"value": 1,\n\n\n\n\n\n"x": "unterminated')
        StateFile(path, One, warn=warnings.append).read(repair=False)
    assert "(unexpected content (1 problem))" in warnings[0]
    assert "at at" not in warnings[1] and "Unterminated string starting at line 7" in warnings[1]


def test_site_says_1_project(fake_github, tmp_path: Path) -> None:
    repo = fake_github.world.add_repo("solo/one", languages=["Python"])
    repo.add_issue("Fix a typo", labels=["good first issue"])
    config = tmp_path / "community.toml"
    config.write_text('name = "Solo"\nrepositories = ["solo/one"]\n')
    result = run(fake_github, "site", "--config", str(config), "--output", str(tmp_path / "site"), "--no-cache")
    assert result.exit_code == 0, result.output
    assert "Wrote 1 issue from 1 project to" in result.stderr


# ------------------------------------------------------------------ 10. decisions


def test_an_issue_url_on_another_host_is_refused(story) -> None:
    result = run(story, "show", "https://evil.example.com/alpha/pyhelp/issues/212")
    assert result.exit_code == 2
    assert last_line(result) == ("Error: 'https://evil.example.com/alpha/pyhelp/issues/212' is not on 127.0.0.1, "
                                 "the GitHub ossmatch is set to use (GITHUB_API_URL): give OWNER/REPO#NUMBER or a "
                                 "URL from that host")
    assert story.count() == 0


def test_github_com_urls_are_accepted_for_the_default_api() -> None:
    from ossmatch.github.settings import web_hosts
    from ossmatch.suggest.hidden import parse_target

    hosts = web_hosts("")
    assert parse_target("https://github.com/acme/widgets/issues/13", hosts=hosts).number == 13
    assert web_hosts("https://ghe.example.com/api/v3") == {"ghe.example.com"}
    assert "octo.ghe.com" in web_hosts("https://api.octo.ghe.com")


def test_the_same_repository_named_three_times_is_audited_once(story) -> None:
    result = run(story, "audit", "acme/widgets", "acme/widgets", "ACME/widgets", "--format", "json", "--no-cache")
    assert result.exit_code == 0, result.output
    audited = json.loads(result.stdout)
    repos = [r["repo"] for r in audited["audits"]]
    assert [r.lower() for r in repos] == ["acme/widgets"]


def test_a_read_only_output_file_is_kept(story, tmp_path: Path) -> None:
    target = tmp_path / "kept.json"
    target.write_text("mine\n")
    target.chmod(stat.S_IRUSR | stat.S_IRGRP)
    result = run(story, "suggest", "--skills", "python", "--format", "json", "--output", str(target), "--no-cache")
    assert result.exit_code == 2
    assert last_line(result).endswith("the file is read-only; make it writable (chmod u+w) or choose another name")
    assert target.read_text() == "mine\n" and story.count() == 0
    # and should it turn read-only while the run works, the write itself refuses too
    from ossmatch.errors import OssmatchError
    from ossmatch.files import atomic_write_text

    with pytest.raises(OssmatchError, match="it is read-only"):
        atomic_write_text(target, "theirs\n")
    assert target.read_text() == "mine\n"
    assert os.listdir(tmp_path) == ["kept.json"]
