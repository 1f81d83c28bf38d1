"""``ossmatch profile``: write a starter profile, or infer one from a GitHub account."""

from __future__ import annotations

from pathlib import Path

import click

from ossmatch.cli.options import (
    DEFAULT_PROFILE,
    OUTPUT_PATH,
    GitHubOptions,
    github_options,
    open_client,
    write_output,
)
from ossmatch.cli.progress import stderr_warn
from ossmatch.errors import UsageProblem
from ossmatch.files import atomic_write_text
from ossmatch.github.users import user_languages_and_topics
from ossmatch.profile import STARTER_PROFILE, check_login, infer_profile, profile_to_toml


@click.group("profile")
def command() -> None:
    """Create a profile describing your skills (TOML)."""


@command.command("init")
@click.argument("path", type=OUTPUT_PATH, default=DEFAULT_PROFILE)
@click.option("--from-github", "login", metavar="LOGIN", help="Infer languages and topics from this user.")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@github_options
def init(path: Path, login: str | None, force: bool, github: GitHubOptions) -> None:
    """Write a commented starter profile to PATH (default: ossmatch.toml)."""
    to_stdout = str(path) == "-"
    if not to_stdout and path.exists() and not force:
        raise UsageProblem(f"{path} already exists; use --force to overwrite it")
    text = STARTER_PROFILE
    if login:
        check_login(login.strip().removeprefix("@"), "--from-github")
        login = login.strip().removeprefix("@")

        languages, topics = user_languages_and_topics(open_client(github), login, warn=stderr_warn)
        if not languages and not topics:
            raise UsageProblem(f"found no public repositories or contributions for {login!r}")
        text = profile_to_toml(infer_profile(languages, topics), comment=f"inferred from github.com/{login}")
    if to_stdout:
        write_output(text, None)
        return
    atomic_write_text(path, text)
    click.echo(f"wrote {path}; edit it, then run: ossmatch suggest --profile {path}")
