"""Progress and warnings on stderr, so stdout stays clean for results."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import click
from rich.console import Console
from rich.text import Text

from ossmatch.render.text import clean
from ossmatch.render.wrap import MIN_WIDTH, fill


def stderr_warn(message: str) -> None:
    """``Warning: ...`` on stderr, sanitised (it may quote GitHub) and wrapped at word boundaries on a terminal."""
    click.echo(wrap_for_terminal(f"Warning: {clean(message)}", sys.stderr), err=True)


def wrap_for_terminal(text: str, stream: object) -> str:
    """``text`` wrapped to the terminal's width with a hanging indent; unchanged when not a terminal."""
    isatty = getattr(stream, "isatty", None)
    if not callable(isatty) or not isatty():
        return text


    return fill(text, max(MIN_WIDTH, shutil.get_terminal_size().columns), hang=2)


@contextmanager
def progress_reporter(title: str) -> Iterator[Callable[[str], None]]:
    """A spinner with the latest step on a terminal; silence when stderr is not a TTY."""
    if not sys.stderr.isatty():
        yield lambda _message: None
        return


    console = Console(stderr=True)
    with console.status(Text(title)) as status:
        yield lambda message: status.update(Text(f"{title}: {clean(message)}"))
