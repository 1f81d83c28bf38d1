"""Odd inputs and environments: input budgets, logins, exclusions, numbers, sizes, nesting,
unusable caches, encodings, COLUMNS=0, Ctrl-C. Each is one line and the right exit code, or a
graceful fallback; never a traceback and, for bad input, never a request to GitHub."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from clients import cli_env
from hostile_worlds import HOSTILE_REPO, add_hostile
from suggest_worlds import story_world

import ossmatch.cli.suggest as suggest_cli
from ossmatch.cli import main
from ossmatch.digest.state import StateStore
from ossmatch.github.cache import ResponseCache


@pytest.fixture
def story(fake_github: Any) -> Any:
    story_world(fake_github.world)
    fake_github.world.add_token("test-token", "reader")
    return fake_github


def _env(fake: Any, tmp_path: Path, **extra: str) -> dict[str, str]:
    return cli_env(fake, tmp_path, **extra)


def _run(fake: Any, tmp_path: Path, *args: str, **env: str) -> Result:
    return CliRunner().invoke(main, list(args), env=_env(fake, tmp_path, **env))


def _refused(result: Result, fake: Any, fragment: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("Error: "), result.stderr
    assert fragment in result.stderr
    assert fake.count() == 0, "bad input must not cost a request"


def test_ten_thousand_skills_are_refused_before_any_request(story: Any, tmp_path: Path) -> None:
    skills = ",".join(f"skill{i}" for i in range(10_000))
    _refused(_run(story, tmp_path, "suggest", "--skills", skills), story, "skills has 10000 entries; at most 30")


@pytest.mark.parametrize(("count", "fragment"), [(10_000, "larger than 64 KiB"), (1_000, "at most 30 are allowed")])
def test_thousands_of_skills_in_a_profile_are_refused(story: Any, tmp_path: Path, count: int, fragment: str) -> None:
    profile = tmp_path / "big.toml"
    profile.write_text("skills = [" + ",".join(f'"s{i}"' for i in range(count)) + "]\n")
    _refused(_run(story, tmp_path, "digest", "--profile", str(profile)), story, fragment)


def test_a_plan_over_the_search_budget_is_refused(story: Any, tmp_path: Path) -> None:
    from ossmatch.skills import LANGUAGES

    profile = tmp_path / "wide.toml"
    languages = [name for name in LANGUAGES][:30]
    profile.write_text(
        f"languages = {json.dumps(languages)}\n"
        f"skills = {json.dumps([f'word{i}' for i in range(30)])}\n"
        f"include_labels = {json.dumps([f'a rather long label {i}' for i in range(20)])}\n"
    )
    _refused(_run(story, tmp_path, "suggest", "--profile", str(profile)), story, "searches; at most 60 per run")
    # ``--repo`` sends its own searches, over those repositories: the wide profile's plan is not sent, so
    # it is not refused for it...
    alone = _run(story, tmp_path, "suggest", "--profile", str(profile), "--repo", "acme/widgets", "--format", "json")
    assert alone.exit_code == 0, alone.output
    # ...but the searches it does send count: 200 repositories need more than 60.
    many = [arg for n in range(200) for arg in ("--repo", f"org{n}/repo{n}")]
    story.clear_log()
    _refused(_run(story, tmp_path, "suggest", "--skills", "python", *many), story,
             "searches; at most 60 per run: use fewer repositories or labels")


def test_many_unknown_skills_give_one_warning(story: Any, tmp_path: Path) -> None:
    result = _run(story, tmp_path, "suggest", "--skills", "python,zzq1,zzq2,zzq3,zzq4,zzq5,zzq6", "--format", "json")
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if "unknown skill" in line]
    assert warnings == [
        "Warning: 6 unknown skills ('zzq1', 'zzq2', 'zzq3', 'zzq4', 'zzq5' and 1 more); searching for them as words"
    ]


@pytest.mark.parametrize(
    ("toml", "fragment"),
    [
        (f'skills = ["{"x" * 120}"]', "at most 50 fit a GitHub search"),
        ('skills = ["python"]\ninclude_labels = ["' + "l" * 80 + '"]', "include_labels entry"),
        ('skills = ["python"]\nexclude_repos = ["a/b is:closed"]', "entry 'a/b is:closed' is not OWNER/NAME"),
        ('skills = ["python"]\nexclude_orgs = ["evil org:x"]', "is not a GitHub login"),
        ('skills = ["python"]\nexclude_labels = ["a\\" label:x \\""]', "contains a quote"),
        ('skills = ["python"]\nweights = {skill = inf}', "weights.skill: must be a finite number"),
        ('skills = ["python"]\nweights = {skill = nan}', "weights.skill: must be a finite number"),
        ('skills = ["python"]\nmax_issue_age_days = 1000000', "max_issue_age_days: must be <= 3650"),
        ("a = " + "[" * 3000 + "]" * 3000, "nested too deeply"),
    ],
)
def test_bad_profiles_are_one_line_exit_2(story: Any, tmp_path: Path, toml: str, fragment: str) -> None:
    profile = tmp_path / "p.toml"
    profile.write_text(toml + "\n")
    _refused(_run(story, tmp_path, "suggest", "--profile", str(profile)), story, fragment)


def test_profile_from_dev_zero_is_bounded(story: Any, tmp_path: Path) -> None:
    _refused(_run(story, tmp_path, "suggest", "--profile", "/dev/zero"), story, "larger than 64 KiB")


@pytest.mark.parametrize("login", ["x is:open repo:a/b", "../../repos/a/b", "a/b", "x" * 40, "a_b", "a.b", "---"])
def test_logins_follow_github_rules(story: Any, tmp_path: Path, login: str) -> None:
    _refused(_run(story, tmp_path, "suggest", "--skills", "python", "--me", login), story, "is not a GitHub login")
    _refused(_run(story, tmp_path, "profile", "init", str(tmp_path / "p.toml"), "--from-github", login), story,
             "is not a GitHub login")
    assert not (tmp_path / "p.toml").exists()


@pytest.mark.parametrize("login", ["octocat", "a-b", "A1", "x" * 39, "@octocat", "foo-", "0----0"])
def test_valid_logins_pass(login: str) -> None:
    from ossmatch.profile import check_login

    assert check_login(login.removeprefix("@"), "--me") == login.removeprefix("@")


@pytest.mark.parametrize("moment", ["0001-01-01T00:00:00Z", "9999-12-31T00:00:00Z", "yesterday"])
def test_ossmatch_now_out_of_range_is_exit_2(story: Any, tmp_path: Path, moment: str) -> None:
    _refused(_run(story, tmp_path, "suggest", "--skills", "python", OSSMATCH_NOW=moment), story,
             "OSSMATCH_NOW must be an ISO 8601 time between 2008 and 2999")


def test_columns_zero_falls_back_to_a_default_width(story: Any, tmp_path: Path) -> None:
    result = _run(story, tmp_path, "suggest", "--skills", "python,docs", COLUMNS="0", FORCE_COLOR="1")
    assert result.exit_code == 0, result.output
    assert "Update the load_config docstring" in result.stdout and "acme/widgets" in result.stdout


def test_ctrl_c_is_exit_130_interrupted(story: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*_args: Any, **_kwargs: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(suggest_cli, "find_matches", interrupted)
    result = _run(story, tmp_path, "suggest", "--skills", "python")
    assert result.exit_code == 130
    assert result.stderr == "Interrupted\n"
    assert suggest_cli is not None


def test_progress_only_on_a_terminal(story: Any, tmp_path: Path) -> None:
    result = _run(story, tmp_path, "digest", "--skills", "python,docs")
    assert result.exit_code == 0, result.output
    progress = [line for line in result.stderr.splitlines() if not line.startswith(("Warning: ", "Note: "))]
    assert progress == [], "progress must not reach a stderr that is not a terminal"


# --------------------------------------------------------------------------- caches


@contextlib.contextmanager
def _read_only_directory(path: Path) -> Iterator[None]:
    """A read-only file system when this process may mount one (root ignores permissions), else 0555."""
    path.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", str(path)],
                      capture_output=True, check=False).returncode == 0:
        try:
            yield
        finally:
            subprocess.run(["umount", str(path)], check=False)
        return
    path.chmod(0o555)
    try:
        yield
    finally:
        path.chmod(0o755)


def test_read_only_cache_runs_without_it_and_warns_once(story: Any, tmp_path: Path) -> None:
    cache = tmp_path / "ro"
    with _read_only_directory(cache):
        result = _run(story, tmp_path, "suggest", "--skills", "python,docs", "--format", "json",
                      OSSMATCH_CACHE_DIR=str(cache))
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["issues"]
    warnings = [line for line in result.stderr.splitlines() if "cache" in line]
    assert len(warnings) == 1 and "is unusable" in warnings[0] and "running without it" in warnings[0]


def test_cache_dir_that_is_a_file_runs_without_it(story: Any, tmp_path: Path) -> None:
    blocker = tmp_path / "cache-file"
    blocker.write_text("not a directory")
    result = _run(story, tmp_path, "suggest", "--skills", "python", "--format", "json",
                  OSSMATCH_CACHE_DIR=str(blocker))
    assert result.exit_code == 0, result.output
    assert result.stderr.count("is unusable") == 1
    assert blocker.read_text() == "not a directory"


def test_undecodable_cache_value_is_a_miss(tmp_path: Path) -> None:
    warnings: list[str] = []
    cache = ResponseCache(tmp_path, warnings.append)
    big = {"body": "x" * 100_000}  # large values live in their own file
    cache.set("k", big, ttl=None)
    (value_file,) = [p for p in tmp_path.rglob("*.val")]
    value_file.write_bytes(b"\xff\xfe\x00garbage" * 100)
    assert cache.get("k") is None
    cache.set("k2", {"ok": 1}, ttl=None)
    assert cache.get("k2") == {"ok": 1}
    assert warnings == []


def test_huge_or_deeply_nested_sent_state_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "sent.json"
    path.write_text('{"version": 1, "issues": {' + ",".join(
        f'"a/b#{i}": {{"repo": "a/b", "number": {i}, "url": "u", "title": "t", '
        f'"first_sent": "2025-01-01T00:00:00Z", "last_sent": "2025-01-01T00:00:00Z"}}'
        for i in range(200_000)) + "}}")
    warnings: list[str] = []
    assert StateStore(path, warnings.append).load().issues == {}
    assert "larger than 8 MB" in warnings[0]

    path.write_text("[" * 100_000 + "]" * 100_000)
    assert StateStore(path, warnings.append).load().issues == {}
    assert "nested too deeply" in warnings[1]


def test_non_utf8_output_encoding_never_crashes(fake_github: Any, tmp_path: Path) -> None:
    add_hostile(fake_github.world)
    fake_github.world.add_token("test-token", "reader")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OSSMATCH_", "GITHUB_", "GH_"))}
    env.update(_env(fake_github, tmp_path, PYTHONIOENCODING="latin-1", LANG="C", LC_ALL="C"))
    env["PATH"] = os.path.dirname(sys.executable)
    done = subprocess.run([sys.executable, "-m", "ossmatch", "suggest", "--skills", "python,docs"],
                          env=env, capture_output=True, check=False, timeout=120)
    assert done.returncode == 0, done.stderr
    assert HOSTILE_REPO.encode() in done.stdout
    assert b"Traceback" not in done.stderr


def test_cache_commands_on_an_unusable_cache_are_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "cache-file"
    blocker.write_text("x")
    for command in (["cache", "info"], ["cache", "clear"]):
        result = CliRunner().invoke(main, command, env={"OSSMATCH_CACHE_DIR": str(blocker)})
        assert result.exit_code == 1, result.output
        assert result.stderr.splitlines()[-1].startswith("Error: ")
        assert "Traceback" not in result.output
