"""Options shared by several commands, spelled the same everywhere."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from ossmatch.github.client import GitHubClient


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
    from ossmatch.cli.progress import stderr_warn
    from ossmatch.github.client import GitHubClient
    from ossmatch.github.settings import GitHubSettings

    settings = GitHubSettings.from_env()
    return GitHubClient.open(settings, use_cache=not options.no_cache, refresh=options.refresh, warn=stderr_warn)


def write_output(text: str, output: Path | None) -> None:
    """Write to ``output`` atomically (temp file + rename), or to stdout when None."""
    if output is None:
        click.echo(text, nl=not text.endswith("\n"))
        return
    from ossmatch.files import atomic_write_text

    atomic_write_text(output, text)


def profile_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Add the profile options shared by ``suggest`` and ``digest``; passes ``profile: Profile``."""

    @click.option("--skills", metavar="LIST", help="Comma-separated skills, e.g. python,docs,react.")
    @click.option(
        "--profile",
        "profile_path",
        type=click.Path(dir_okay=False, path_type=Path),
        help="A TOML profile (see `ossmatch profile init`).",
    )
    @click.option(
        "--level", type=click.Choice(["beginner", "intermediate"]), help="Override the profile's level."
    )
    @functools.wraps(func)
    def wrapper(
        *args: Any, skills: str | None, profile_path: Path | None, level: str | None, **kwargs: Any
    ) -> Any:
        return func(*args, profile=build_profile(skills, profile_path, level), **kwargs)

    return wrapper


def build_profile(skills: str | None, profile_path: Path | None, level: str | None) -> Any:
    """Load the profile file (if any), add ``--skills`` and warn about skills we do not know."""
    from ossmatch.errors import UsageProblem
    from ossmatch.profile import Profile, ProfileError, load_profile, merge_cli
    from ossmatch.skills import is_known, suggest_close, typo_of

    names = [s.strip() for s in (skills or "").split(",") if s.strip()]
    if skills is not None and not names:
        raise UsageProblem("--skills is empty: give a comma-separated list such as python,docs")
    try:
        base = load_profile(profile_path) if profile_path else Profile()
        profile = merge_cli(base, names)
        if level:
            profile = profile.model_copy(update={"level": level})
    except ProfileError as error:
        raise UsageProblem(str(error)) from None
    for name in names:
        typo = typo_of(name)
        if typo is not None:
            raise UsageProblem(f"unknown skill {name!r}: did you mean {typo}?")
        if not is_known(name):
            close = suggest_close(name)
            hint = f" (did you mean {', '.join(close)}?)" if close else ""
            click.echo(f"Warning: unknown skill {name!r}{hint}; searching for it as a word", err=True)
    return profile


def current_time() -> datetime:
    """Now, or ``OSSMATCH_NOW`` (ISO 8601) to pin reports to a moment: for examples and tests."""
    import os

    from ossmatch.errors import UsageProblem

    pinned = os.environ.get("OSSMATCH_NOW", "").strip()
    if not pinned:
        return datetime.now(timezone.utc)
    try:
        moment = datetime.fromisoformat(pinned.replace("Z", "+00:00"))
    except ValueError:
        raise UsageProblem(f"OSSMATCH_NOW must be an ISO 8601 time (2026-11-27T12:00:00Z), not {pinned!r}") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


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
        from ossmatch.discover import Relations
        from ossmatch.errors import UsageProblem

        login = (me or "").strip().removeprefix("@") or None
        if me is not None and login is None:
            raise UsageProblem("--me is empty: give a GitHub login such as --me octocat")
        relations = Relations(me=login, next_only=next_only, mentored_only=mentored_only)
        return func(*args, relations=relations, **kwargs)

    return wrapper
