"""Options shared by several commands, spelled the same everywhere."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from ossmatch.cli.progress import stderr_warn
from ossmatch.clock import current_time as current_time  # re-exported: the commands read the clock here
from ossmatch.errors import OssmatchError, UsageProblem
from ossmatch.files import atomic_write_text, target_problem
from ossmatch.github.client import GitHubClient
from ossmatch.github.settings import GitHubSettings
from ossmatch.profile import check_login
from ossmatch.render.text import clean
from ossmatch.render.wording import shorten
from ossmatch.suggest.hidden import default_store
from ossmatch.suggest.inputs import build_profile as from_inputs
from ossmatch.suggest.pipeline import Relations


@dataclass(frozen=True)
class GitHubOptions:
    no_cache: bool
    refresh: bool


def github_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Add ``--no-cache`` and ``--refresh``, passed to the command as ``github: GitHubOptions``."""

    @click.option("--no-cache", is_flag=True, help="Neither read nor write the cache.")
    @click.option("--refresh", is_flag=True, help="Ignore cached answers but store fresh ones.")
    @functools.wraps(func)
    def wrapper(*args: Any, no_cache: bool, refresh: bool, **kwargs: Any) -> Any:
        return func(*args, github=GitHubOptions(no_cache=no_cache, refresh=refresh), **kwargs)

    return wrapper


def open_client(options: GitHubOptions) -> GitHubClient:
    """Build the GitHub client from the environment and the command's cache flags."""
    settings = GitHubSettings.from_env()
    return GitHubClient.open(settings, use_cache=not options.no_cache, refresh=options.refresh, warn=stderr_warn)


class OutputPath(click.ParamType):
    """An ``--output`` target: a file path, or ``-`` for stdout; never empty or a directory."""

    name = "path"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Path:
        text = os.fspath(value) if isinstance(value, os.PathLike) else str(value)
        if not text.strip():
            self.fail("is empty: give a file name, or - for stdout", param, ctx)
        if text == "-":
            return Path(text)

        problem = target_problem(text)  # first: a name too long makes even is_dir() fail
        if problem is not None:  # not a usage mistake: one line, without click's usage lines

            raise UsageProblem(f"cannot write {shorten(text)!r}: {problem}")
        if text.endswith(("/", os.sep)) or Path(text).is_dir():
            self.fail(f"{shorten(text)!r} names a directory: give a file name", param, ctx)
        parent = Path(text).parent
        if not parent.is_dir():
            # Said before any work, and no directory is made for a typo: a shell's > would not either.
            self.fail(f"{shorten(text)!r}: the directory {shorten(str(parent))!r} does not exist", param, ctx)
        return Path(text)


#: The ``type=`` of every ``--output`` option.
OUTPUT_PATH = OutputPath()


def write_output(text: str, output: Path | None, *, styled: bool = False) -> None:
    """Write to ``output`` (see ``ossmatch.files`` for the rules), or to stdout when None or ``-``.

    Control characters other than TAB and LF never reach the target, unless ``styled`` says the
    text carries our own terminal colours (built by rich from already-cleaned text).
    """
    if not styled:
        text = clean(text, newlines=True)
    if output is None or str(output) == "-":
        if sys.stdout is None:  # started with stdout closed (>&-)
            raise OssmatchError("cannot write output: stdout is closed")
        click.echo(text, nl=not text.endswith("\n"), color=True if styled else None)
        return

    atomic_write_text(output, text)


#: The profile read when no --profile is given and this file is in the working directory: the file
#: ``ossmatch profile init`` writes by default.
DEFAULT_PROFILE = "ossmatch.toml"


def default_profile_path(profile_path: Path | None) -> Path | None:
    """``--profile`` when given, else ``./ossmatch.toml`` when it exists, else None."""
    if profile_path is not None:
        return profile_path
    here = Path(DEFAULT_PROFILE)
    return here if here.is_file() else None


def _profile_flags(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--skills``, ``--profile`` and ``--level``, spelt alike on every command that takes a profile."""
    func = click.option(
        "--level", type=click.Choice(["beginner", "intermediate"]), help="Override the profile's level."
    )(func)
    func = click.option(
        "--profile",
        "profile_path",
        type=click.Path(dir_okay=False, path_type=Path),
        help=f"A TOML profile (see `ossmatch profile init`); default: ./{DEFAULT_PROFILE} when it exists.",
    )(func)
    return click.option("--skills", metavar="LIST", help="Comma-separated skills, e.g. python,docs,react.")(func)


def profile_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Add the profile options shared by ``suggest`` and ``digest``; passes ``profile: Profile``."""

    @_profile_flags
    @functools.wraps(func)
    def wrapper(
        *args: Any, skills: str | None, profile_path: Path | None, level: str | None, **kwargs: Any
    ) -> Any:
        return func(*args, profile=build_profile(skills, default_profile_path(profile_path), level), **kwargs)

    return wrapper


def optional_profile_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """``profile_options`` for commands that can also run without one: ``profile`` is None then."""
    return _optional_profile(func, level_alone=False)


def scoring_profile_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """``optional_profile_options`` for commands that score without skills (``show``): ``--level``
    alone is a profile too, so it is None only when none of the three is given."""
    return _optional_profile(func, level_alone=True)


def _optional_profile(func: Callable[..., Any], *, level_alone: bool) -> Callable[..., Any]:
    @_profile_flags
    @functools.wraps(func)
    def wrapper(
        *args: Any, skills: str | None, profile_path: Path | None, level: str | None, **kwargs: Any
    ) -> Any:
        profile_path = default_profile_path(profile_path)
        given = skills is not None or profile_path is not None or (level_alone and level is not None)
        profile = build_profile(skills, profile_path, level) if given else None
        return func(*args, profile=profile, **kwargs)

    return wrapper


def build_profile(skills: str | None, profile_path: Path | None, level: str | None) -> Any:
    """``--profile``, ``--skills`` and ``--level`` as one profile (``ossmatch.suggest.inputs``);
    warnings about unknown skills go to stderr."""
    names = None if skills is None else skills.split(",")
    return from_inputs(names, profile_path, level, warn=stderr_warn)


def relationship_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Add ``--me``, ``--next`` and ``--mentored-only``; passes ``relations: Relations``."""

    @click.option(
        "--me",
        metavar="LOGIN",
        help="Whose GitHub history to read (default: the token's own user).",
    )
    @click.option("--next", "next_only", is_flag=True, help="Only next steps in projects that merged your work.")
    @click.option("--mentored-only", is_flag=True, help="Only issues where a maintainer offered to mentor.")
    @functools.wraps(func)
    def wrapper(*args: Any, me: str | None, next_only: bool, mentored_only: bool, **kwargs: Any) -> Any:
        login = (me or "").strip().removeprefix("@") or None
        if me is not None and login is None:
            raise UsageProblem("--me is empty: give a GitHub login such as --me octocat")
        if login is not None:
            check_login(login, "--me")
        relations = Relations(me=login, next_only=next_only, mentored_only=mentored_only, hidden=load_hidden())
        return func(*args, relations=relations, **kwargs)

    return wrapper


def hidden_store() -> Any:
    """The hidden-issues file (``ossmatch hide``), beside the digest state in the cache dir."""
    return default_store(warn=stderr_warn)


def load_hidden() -> Any:
    """What the person hid, for ``suggest`` and ``digest`` to leave out."""
    return hidden_store().load()


def starter_command(file: str, what: str, starter: str, next_step: Callable[[Path], str]) -> click.Command:
    """An ``init`` subcommand writing a commented starter ``file`` (``what`` it holds), then saying
    ``next_step`` for the path written."""

    @click.command("init", help=f"Write a commented starter {file}.")
    @click.option("--output", type=click.Path(dir_okay=False, path_type=Path), default=Path(file),
                  show_default=True, help=f"Where to write the starter {what}.")
    @click.option("--force", is_flag=True, help="Replace an existing file.")
    def init(output: Path, force: bool) -> None:
        write_starter(output, starter, force=force)
        click.echo(f"Wrote {output}: {next_step(output)}", err=True)

    return init


def write_starter(output: Path, text: str, *, force: bool) -> None:
    """Write an ``init`` command's commented starter file; an existing file is the user's and stays
    unless ``--force`` says otherwise."""
    if output.exists() and not force:
        raise UsageProblem(f"{output} already exists; use --force to replace it")
    atomic_write_text(output, text)
