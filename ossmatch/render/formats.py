"""One interface for every output format: a feature's result in, text out.

Each feature (suggest, audit, digest) keeps a ``Formats`` registry in its own ``formats.py`` and
registers each of its formats there with ``@FORMATS.register("name")``. The CLI offers the
registry's names as ``--format`` choices and calls ``render``; it never tests which format it holds.
A format receives the feature's one result object and the ``Screen`` the text is going to.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from rich.console import Console

from ossmatch.errors import UsageProblem

Result = TypeVar("Result")
Result_contra = TypeVar("Result_contra", contravariant=True)


@dataclass(frozen=True)
class Screen:
    """What a format may know about where its text goes.

    ``color``: a terminal that shows styles and links (not a file, a pipe, or ``NO_COLOR``).
    ``columns``: that terminal's width when the text goes to stdout; None for a file.
    """

    color: bool = False
    columns: int | None = None


#: Where a format's text goes when nobody says: a file, no styles.
FILE = Screen()


def stdout_screen() -> Screen:
    """The screen stdout is: rich's reading of the terminal (``NO_COLOR``, ``FORCE_COLOR``, ``COLUMNS``),
    or, piped, the same as a file."""
    console = Console()
    if not console.is_terminal:  # a pipe lays out as a file does: ``> f`` and ``--output f`` agree
        return file_screen()
    return Screen(color=not console.no_color, columns=console.width)


def file_screen() -> Screen:
    """A file or ``-``: no styles; ``COLUMNS`` when set (or the terminal's width, when stdout is one)
    sets the width, else the format chooses its own."""
    value = os.environ.get("COLUMNS", "").strip()
    if value.isdigit() and int(value) > 0:
        return Screen(columns=int(value))
    return Screen(columns=shutil.get_terminal_size().columns) if sys.stdout.isatty() else FILE


@dataclass(frozen=True)
class Rendered:
    """A format's text; ``styled`` when it carries our own terminal styles (built from cleaned text)."""

    text: str
    styled: bool = False


class Format(Protocol[Result_contra]):
    """One output format of a feature: its name on the command line and how it renders."""

    @property
    def name(self) -> str: ...

    @property
    def styled(self) -> bool:
        """Whether the text may carry terminal styles when the screen shows them."""
        ...

    def render(self, result: Result_contra, screen: Screen) -> str: ...


@dataclass(frozen=True)
class _FunctionFormat(Generic[Result]):
    """A format that is one function of the result and the screen."""

    name: str
    function: Callable[[Result, Screen], str]
    styled: bool = False

    def render(self, result: Result, screen: Screen) -> str:
        return self.function(result, screen)


class Formats(Generic[Result]):
    """A feature's formats by name, in the order they were registered."""

    def __init__(self, feature: str) -> None:
        self.feature = feature
        self._formats: dict[str, Format[Result]] = {}

    def register(
        self, name: str, *, styled: bool = False
    ) -> Callable[[Callable[[Result, Screen], str]], Callable[[Result, Screen], str]]:
        """Decorate ``function(result, screen) -> str`` to register it as format ``name``."""

        def add(function: Callable[[Result, Screen], str]) -> Callable[[Result, Screen], str]:
            if name in self._formats:
                raise ValueError(f"{self.feature} already has a format named {name!r}")
            self._formats[name] = _FunctionFormat(name, function, styled)
            return function

        return add

    def names(self) -> tuple[str, ...]:
        return tuple(self._formats)

    def __getitem__(self, name: str) -> Format[Result]:
        try:
            return self._formats[name]
        except KeyError:
            raise UsageProblem(
                f"{self.feature} has no format {name!r}; choose one of {', '.join(self._formats)}"
            ) from None

    def render(self, name: str, result: Result, screen: Screen = FILE) -> Rendered:
        """``result`` in format ``name`` for ``screen``."""
        chosen = self[name]
        return Rendered(chosen.render(result, screen), styled=chosen.styled and screen.color)
