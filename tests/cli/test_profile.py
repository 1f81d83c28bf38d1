"""``ossmatch profile init``: a starter profile, or one inferred from a GitHub account."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from ossmatch.cli import main
from ossmatch.profile import load_profile


def _env(fake, token: str | None = "test-token") -> dict[str, str]:
    return {"GITHUB_API_URL": fake.rest_url, "GITHUB_TOKEN": token or "", "GH_TOKEN": "", "PATH": "/nonexistent"}


def test_init_writes_a_starter_profile_that_loads(tmp_path: Path) -> None:
    target = tmp_path / "me.toml"
    result = CliRunner().invoke(main, ["profile", "init", str(target)])
    assert result.exit_code == 0
    assert f"wrote {target}" in result.stdout
    load_profile(target)


def test_init_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "me.toml"
    target.write_text("# mine\n")
    result = CliRunner().invoke(main, ["profile", "init", str(target)])
    assert result.exit_code == 2
    assert result.stderr == f"Error: {target} already exists; use --force to overwrite it\n"
    assert target.read_text() == "# mine\n"
    assert CliRunner().invoke(main, ["profile", "init", str(target), "--force"]).exit_code == 0


def _octocat(world) -> None:
    for i, lang in enumerate(["Python", "Python", "Rust"]):
        world.add_repo(f"octocat/project{i}", languages=[lang], topics=["cli"] if i == 0 else [])


def test_from_github_infers_languages_and_topics(fake_github, tmp_path: Path) -> None:
    _octocat(fake_github.world)
    fake_github.world.add_repo("other/lib", languages=["Go"]).add_pull("Fix", author="octocat", state="MERGED")
    target = tmp_path / "me.toml"
    result = CliRunner().invoke(
        main, ["profile", "init", str(target), "--from-github", "octocat"], env=_env(fake_github)
    )
    assert result.exit_code == 0, result.output
    profile = load_profile(target)
    known = [s.lower() for s in (*profile.languages, *profile.skills)]
    assert known[0] == "python" and "go" in known
    assert "inferred from github.com/octocat" in target.read_text()
    assert [r.kind for r in fake_github.log] == ["graphql"]


def test_from_github_without_a_token_uses_rest(fake_github, tmp_path: Path) -> None:
    _octocat(fake_github.world)
    target = tmp_path / "me.toml"
    result = CliRunner().invoke(
        main, ["profile", "init", str(target), "--from-github", "octocat"], env=_env(fake_github, token=None)
    )
    assert result.exit_code == 0, result.output
    assert all(r.kind == "rest" for r in fake_github.log)
    assert "python" in [s.lower() for s in (*load_profile(target).languages, *load_profile(target).skills)]


def test_from_github_unknown_user_is_one_line(fake_github, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["profile", "init", str(tmp_path / "x.toml"), "--from-github", "nobody-here"], env=_env(fake_github)
    )
    assert result.exit_code == 1
    assert result.stderr == "Error: no GitHub user named 'nobody-here'\n"
    assert not (tmp_path / "x.toml").exists()


def test_the_starter_profile_advises_only_commands_that_exist(tmp_path: Path) -> None:
    """Every `ossmatch ...` the starter profile quotes parses (it once advised a nonexistent --profile)."""
    import re

    from ossmatch.profile import STARTER_PROFILE

    commands = re.findall(r"`(ossmatch [^`]+)`", STARTER_PROFILE)
    assert commands
    for command in commands:
        args = command.replace("FILE", str(tmp_path / "p.toml")).split()[1:]
        result = CliRunner().invoke(main, [*args, "--help"])
        assert result.exit_code == 0, f"{command}: {result.output}"


def test_the_profile_init_writes_is_read_by_default_in_its_directory(fake_github, tmp_path: Path, monkeypatch) -> None:
    import json

    from suggest_worlds import story_world

    story_world(fake_github.world)
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(main, ["profile", "init"]).exit_code == 0
    assert (tmp_path / "ossmatch.toml").is_file()
    env = {**_env(fake_github), "OSSMATCH_NOW": "2026-11-27T12:00:00Z", "OSSMATCH_CACHE_DIR": ""}
    result = CliRunner().invoke(main, ["suggest", "--format", "json", "--no-cache"], env=env)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["profile"]["skills"] == list(load_profile(tmp_path / "ossmatch.toml").skills)
    assert "--profile" in CliRunner().invoke(main, ["suggest", "--help"]).stdout
    assert "ossmatch.toml" in " ".join(CliRunner().invoke(main, ["suggest", "--help"]).stdout.split())
