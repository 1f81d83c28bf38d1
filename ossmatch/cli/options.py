"""Options shared by several commands, spelled the same everywhere."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ossmatch.errors import OssmatchError, UsageProblem

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
    # Deferred until the command runs, so ``ossmatch --help`` stays fast.
    from ossmatch.cli.progress import stderr_warn
    from ossmatch.github.client import GitHubClient
    from ossmatch.github.settings import GitHubSettings

    settings = GitHubSettings.from_env()
    return GitHubClient.open(settings, use_cache=not options.no_cache, refresh=options.refresh, warn=stderr_warn)


def github_web_hosts() -> frozenset[str]:
    """Hosts an issue URL may name: those of the GitHub that ``GITHUB_API_URL`` points at."""
    import os

    from ossmatch.github.settings import web_hosts

    return web_hosts(os.environ.get("GITHUB_API_URL", ""))


class OutputPath(click.ParamType):
    """An ``--output`` target: a file path, or ``-`` for stdout; never empty or a directory."""

    name = "path"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Path:
        text = os.fspath(value) if isinstance(value, os.PathLike) else str(value)
        if not text.strip():
            self.fail("is empty: give a file name, or - for stdout", param, ctx)
        if text == "-":
            return Path(text)
        from ossmatch.files import target_problem
        from ossmatch.render.wording import shorten

        problem = target_problem(text)  # first: a name too long makes even is_dir() fail
        if problem is not None:  # not a usage mistake: one line, without click's usage lines
            from ossmatch.errors import UsageProblem

            raise UsageProblem(f"cannot write {shorten(text)!r}: {problem}")
        if text.endswith(("/", os.sep)) or Path(text).is_dir():
            self.fail(f"{shorten(text)!r} names a directory: give a file name", param, ctx)
        return Path(text)


#: The ``type=`` of every ``--output`` option.
OUTPUT_PATH = OutputPath()


def write_output(text: str, output: Path | None, *, styled: bool = False) -> None:
    """Write to ``output`` (see ``ossmatch.files`` for the rules), or to stdout when None or ``-``.

    Control characters other than TAB and LF never reach the target, unless ``styled`` says the
    text carries our own terminal colours (built by rich from already-cleaned text).
    """
    # Deferred until the command runs, so ``ossmatch --help`` stays fast.
    from ossmatch.render.text import clean

    if not styled:
        text = clean(text, newlines=True)
    if output is None or str(output) == "-":
        if sys.stdout is None:  # started with stdout closed (>&-)
            raise OssmatchError("cannot write output: stdout is closed")
        click.echo(text, nl=not text.endswith("\n"), color=True if styled else None)
        return
    from ossmatch.files import atomic_write_text

    atomic_write_text(output, text)


def _profile_flags(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--skills``, ``--profile`` and ``--level``, spelt alike on every command that takes a profile."""
    func = click.option(
        "--level", type=click.Choice(["beginner", "intermediate"]), help="Override the profile's level."
    )(func)
    func = click.option(
        "--profile",
        "profile_path",
        type=click.Path(dir_okay=False, path_type=Path),
        help="A TOML profile (see `ossmatch profile init`).",
    )(func)
    return click.option("--skills", metavar="LIST", help="Comma-separated skills, e.g. python,docs,react.")(func)


def profile_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Add the profile options shared by ``suggest`` and ``digest``; passes ``profile: Profile``."""

    @_profile_flags
    @functools.wraps(func)
    def wrapper(
        *args: Any, skills: str | None, profile_path: Path | None, level: str | None, **kwargs: Any
    ) -> Any:
        return func(*args, profile=build_profile(skills, profile_path, level), **kwargs)

    return wrapper


def optional_profile_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """``profile_options`` for commands that can also run without one: ``profile`` is None then."""

    @_profile_flags
    @functools.wraps(func)
    def wrapper(
        *args: Any, skills: str | None, profile_path: Path | None, level: str | None, **kwargs: Any
    ) -> Any:
        given = skills is not None or profile_path is not None
        profile = build_profile(skills, profile_path, level) if given else None
        return func(*args, profile=profile, **kwargs)

    return wrapper


def build_profile(skills: str | None, profile_path: Path | None, level: str | None) -> Any:
    """Load the profile file (if any), add ``--skills`` and warn about skills we do not know."""
    # Deferred until the command runs, so ``ossmatch --help`` stays fast.
    from ossmatch.profile import Profile, ProfileError, load_profile, merge_cli
    from ossmatch.skills import is_known, suggest_close, typo_of
    from ossmatch.suggest.plan import check_search_budget

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
    _warn_unknown([name for name in names if not is_known(name)], suggest_close)
    check_search_budget(profile, current_time())
    return profile


#: Unknown skills named one per line up to this many; beyond it, one aggregated line.
MAX_UNKNOWN_LINES = 3


def _warn_unknown(unknown: list[str], suggest_close: Callable[[str], list[str]]) -> None:
    # Deferred until the command runs, so ``ossmatch --help`` stays fast.
    from ossmatch.cli.progress import stderr_warn

    if len(unknown) > MAX_UNKNOWN_LINES:
        shown = ", ".join(repr(name) for name in unknown[:5])
        more = f" and {len(unknown) - 5} more" if len(unknown) > 5 else ""
        stderr_warn(f"{len(unknown)} unknown skills ({shown}{more}); searching for them as words")
        return
    for name in unknown:
        close = suggest_close(name)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        stderr_warn(f"unknown skill {name!r}{hint}; searching for it as a word")


def current_time() -> datetime:
    """Now, or ``OSSMATCH_NOW`` (ISO 8601) to pin reports to a moment: for examples and tests."""
    pinned = os.environ.get("OSSMATCH_NOW", "").strip()
    if not pinned:
        return datetime.now(timezone.utc)
    problem = f"OSSMATCH_NOW must be an ISO 8601 time between 2008 and 2999 (2026-11-27T12:00:00Z), not {pinned!r}"
    try:
        moment = datetime.fromisoformat(pinned.replace("Z", "+00:00"))
    except ValueError:
        raise UsageProblem(problem) from None
    moment = moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    if not EARLIEST_NOW <= moment <= LATEST_NOW:  # date arithmetic must not overflow
        raise UsageProblem(problem)
    return moment


#: GitHub opened in 2008: no earlier moment has issues, and far-off ones overflow date arithmetic.
EARLIEST_NOW = datetime(2008, 1, 1, tzinfo=timezone.utc)
LATEST_NOW = datetime(2999, 12, 31, tzinfo=timezone.utc)


def check_login(login: str, option: str) -> str:
    """Refuse anything that is not a GitHub login, so it cannot add search qualifiers or path parts."""
    # Deferred until the command runs, so ``ossmatch --help`` stays fast.
    from ossmatch.profile import is_login

    if not is_login(login):
        raise UsageProblem(
            f"{option} {login!r} is not a GitHub login (letters, digits and hyphens, at most 39)"
        )
    return login


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
        # Deferred until the command runs, so ``ossmatch --help`` stays fast.
        from ossmatch.suggest.pipeline import Relations

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
    # Deferred until the command runs, so ``ossmatch --help`` stays fast.
    from ossmatch.cli.progress import stderr_warn
    from ossmatch.github.cache import default_cache_dir
    from ossmatch.suggest.hidden import HiddenStore, hidden_path

    return HiddenStore(hidden_path(default_cache_dir()), warn=stderr_warn)


def load_hidden() -> Any:
    """What the person hid, for ``suggest`` and ``digest`` to leave out."""
    return hidden_store().load()
