"""``--format``: its choices come from a feature's format registry (``ossmatch.render.formats``)."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ossmatch.render.formats import file_screen, stdout_screen

if TYPE_CHECKING:
    from ossmatch.render.formats import Screen


class FormatChoice(click.Choice):
    """``--format``'s choices: the names in a feature's format registry (``ossmatch.render.formats``).

    The registry is imported when the option is first used or its help is shown, not when the
    command is declared, so ``ossmatch --help`` never loads the formats.
    """

    def __init__(self, module: str) -> None:
        self.module = module
        self.case_sensitive = True

    @property
    def choices(self) -> tuple[str, ...]:
        return self.registry().names()

    @choices.setter
    def choices(self, _value: object) -> None:
        """The registry is the list: nothing else sets it."""

    def registry(self) -> Any:
        return importlib.import_module(self.module).FORMATS


def format_option(
    module: str, default: str, help: str | None = None
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``--format`` with the choices ``module.FORMATS`` registers, passed to the command as ``fmt``."""
    return click.option("--format", "fmt", type=FormatChoice(module), default=default, show_default=True, help=help)


def screen_for(output: Path | None) -> Screen:
    """The screen a format renders for: the terminal when writing to stdout, else a plain file."""
    return stdout_screen() if output is None else file_screen()
