"""Options shared by several commands, spelled the same everywhere."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
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
    from ossmatch.github.client import GitHubClient
    from ossmatch.github.settings import GitHubSettings

    settings = GitHubSettings.from_env()
    return GitHubClient.open(settings, use_cache=not options.no_cache, refresh=options.refresh)


def write_output(text: str, output: Path | None) -> None:
    """Write to ``output`` atomically (temp file + rename), or to stdout when None."""
    if output is None:
        click.echo(text, nl=not text.endswith("\n"))
        return
    from ossmatch.files import atomic_write_text

    atomic_write_text(output, text)
