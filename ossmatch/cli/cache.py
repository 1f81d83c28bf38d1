"""``ossmatch cache``: see or clear the response cache."""

from __future__ import annotations

import click

from ossmatch.cli.progress import stderr_warn
from ossmatch.errors import OssmatchError
from ossmatch.github.cache import ResponseCache, default_cache_dir
from ossmatch.render.wording import plural


@click.group("cache")
def command() -> None:
    """Inspect or clear the cache (OSSMATCH_CACHE_DIR, else your user cache directory)."""


def _open() -> ResponseCache:
    """The cache, or one error saying why it cannot be used (not a warning and then an error)."""
    said: list[str] = []
    cache = ResponseCache(default_cache_dir(), said.append)
    if not cache.usable:
        raise OssmatchError(cache.problem or f"the cache in {cache.directory} is unusable")
    for line in said:  # a damaged file moved aside: the cache works, and the user should know
        stderr_warn(line)
    return cache


@command.command("info")
def info() -> None:
    """Show where the cache is, how many answers it holds and its size."""
    cache = _open()
    details = cache.info()
    cache.close()
    click.echo(f"directory: {details['directory']}")
    click.echo(f"entries:   {details['entries']}")
    click.echo(f"size:      {details['size_bytes'] / 1024:.1f} KiB")


@command.command("clear")
def clear() -> None:
    """Delete every cached GitHub answer (the digest's sent-state is kept)."""
    cache = _open()
    removed = cache.clear()
    cache.close()
    click.echo(f"removed {plural(removed, 'cached answer')}")
