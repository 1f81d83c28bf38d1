"""Progress and warnings on stderr, so stdout stays clean for results."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import click


def stderr_warn(message: str) -> None:
    """A one-line warning; it may quote GitHub, so it goes through the sanitiser."""
    from ossmatch.render import clean

    click.echo(f"Warning: {clean(message)}", err=True)


@contextmanager
def progress_reporter(title: str) -> Iterator[Callable[[str], None]]:
    """A spinner with the latest step on a terminal; silence when stderr is not a TTY."""
    if not sys.stderr.isatty():
        yield lambda _message: None
        return
    from rich.console import Console
    from rich.text import Text

    from ossmatch.render import clean

    console = Console(stderr=True)
    with console.status(Text(title)) as status:
        yield lambda message: status.update(Text(f"{title}: {clean(message)}"))
