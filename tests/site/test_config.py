"""community.toml: validated with errors that name the key; the starter is valid; `site init`."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from ossmatch.cli import main
from ossmatch.errors import UsageProblem
from ossmatch.site.config import MAX_COMMUNITY_BYTES, STARTER, load_community, parse_community


def test_the_smallest_valid_file_is_a_name_and_repositories() -> None:
    community = parse_community('name = "Tiny"\nrepositories = ["a/b"]\n')
    assert community.name == "Tiny"
    assert community.repositories == ("a/b",)
    assert community.audit is True


def test_the_starter_is_valid() -> None:
    assert parse_community(STARTER).repositories == ("octo-org/octo-repo",)


@pytest.mark.parametrize(("text", "message"), [
    ('repositories = ["a/b"]', "x.toml: name: required key is missing"),
    ('name = "x"', "x.toml: (top level): give repositories, organizations, topics or query: which projects the portal "
                 "covers"),
    ('name = "x"\ntopics = ["Not A Topic"]',
     "x.toml: topics: 'Not A Topic' is not a GitHub topic (lowercase letters, digits and hyphens)"),
    ('name = "x"\nrepositories = ["nope"]', "x.toml: repositories: 'nope' is not OWNER/REPO"),
    ('name = "x"\nrepositories = ["a/.."]', "x.toml: repositories: 'a/..' is not OWNER/REPO"),
    ('name = "x"\nrepositories = ["a/b"]\nrepos = 1', "x.toml: repos: unknown key"),
    ('name = "x"\norganizations = ["-bad"]', "x.toml: organizations: '-bad' is not a GitHub account name"),
    ('name = "x"\nrepositories = ["a/b"]\nissues_per_project = 0',
     "x.toml: issues_per_project: Input should be greater than or equal to 1"),
    ('name = "x"\nrepositories = ["a/b"]\n[[links]]\ntitle = "t"\nurl = "javascript:alert(1)"',
     "x.toml: links.0.url: must be an http:// or https:// address"),
    ('name = "x"\nrepositories = ["a/b"]\n[[areas]]\nname = "Docs"\nskill = ["docs"]',
     "x.toml: areas.0.skills: required key is missing"),
    ('name = "x"\nrepositories = ["a/b"', "x.toml: invalid TOML:"),
])
def test_errors_name_the_bad_key(text: str, message: str) -> None:
    with pytest.raises(UsageProblem) as caught:
        parse_community(text, "x.toml")
    assert caught.value.message.startswith(message)
    assert "\n" not in caught.value.message


def test_init_writes_the_starter_and_refuses_to_overwrite(tmp_path) -> None:
    target = tmp_path / "community.toml"
    runner = CliRunner()
    first = runner.invoke(main, ["site", "init", "--output", str(target)])
    assert first.exit_code == 0, first.output
    assert target.read_text() == STARTER
    target.write_text("mine")
    again = runner.invoke(main, ["site", "init", "--output", str(target)])
    assert again.exit_code == 2
    assert again.output == f"Error: {target} already exists; use --force to replace it\n"
    assert target.read_text() == "mine"
    forced = runner.invoke(main, ["site", "init", "--output", str(target), "--force"])
    assert forced.exit_code == 0
    assert target.read_text() == STARTER


def test_a_bad_config_is_one_line_and_exit_2(tmp_path) -> None:
    config = tmp_path / "c.toml"
    config.write_text('name = "x"\nrepositories = ["a/b"]\ncolour = "red"\n')
    result = CliRunner().invoke(main, ["site", "--config", str(config), "--output", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.output == f"Error: {config}: colour: unknown key\n"
    assert not (tmp_path / "out").exists()


def test_site_needs_config_and_output() -> None:
    result = CliRunner().invoke(main, ["site"])
    assert result.exit_code == 2
    assert "give --config FILE and --output DIR" in result.output


def test_a_huge_config_is_refused_without_reading_it_all(tmp_path) -> None:
    config = tmp_path / "c.toml"
    config.write_text('name = "x"\nrepositories = ["a/b"]\n' + "#" * MAX_COMMUNITY_BYTES + "\n")
    with pytest.raises(UsageProblem, match=r"c\.toml: larger than 1024 KiB; a community file is a few hundred lines"):
        load_community(config)
