"""The one word wrapper every terminal layout uses: greedy, never breaking a word.

``wrap`` lays out any pieces that have a length (suggest's styled words); ``fill`` is the same for
a plain string (the audit table's notes, warnings on stderr, issue bodies in ``show``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

Piece = TypeVar("Piece")

#: The narrowest terminal we lay out for (suggest's list, ``show``, warnings): below this, lines are
#: laid out as if the terminal were this wide and the terminal wraps them itself.
MIN_WIDTH = 40

#: The narrowest line ``fill`` lays out: below it, a word or two a line is harder to read than an
#: overflowing line (textwrap's own minimum for a useful layout is about this).
NARROWEST_FILL = 20


def wrap(
    pieces: Sequence[Piece],
    width: int,
    *,
    length: Callable[[Piece], int],
    indent: int = 0,
    first_indent: int | None = None,
) -> list[tuple[int, list[Piece]]]:
    """Greedy word wrap: each line as (its indent, its pieces), one space between pieces.

    The first line is indented ``first_indent`` (default ``indent``), the others ``indent``; a piece
    longer than the line gets a line of its own.
    """
    lines: list[tuple[int, list[Piece]]] = []
    current: list[Piece] = []
    start = indent if first_indent is None else first_indent
    used = start
    for piece in pieces:
        need = length(piece) + (1 if current else 0)
        if current and used + need > width:
            lines.append((start, current))
            current, start = [], indent
            used, need = start, length(piece)
        current.append(piece)
        used += need
    if current:
        lines.append((start, current))
    return lines


def fill_lines(text: str, width: int, *, indent: int = 0, hang: int = 0) -> list[str]:
    """``text`` wrapped at word boundaries to ``width`` (at least ``NARROWEST_FILL``), indented, its
    later lines indented ``hang`` more. Runs of whitespace become one space."""
    laid = wrap(text.split(), max(width, NARROWEST_FILL), length=len, indent=indent + hang, first_indent=indent)
    return [" " * start + " ".join(words) for start, words in laid]


def fill(text: str, width: int, *, indent: int = 0, hang: int = 0) -> str:
    """``fill_lines`` joined with newlines."""
    return "\n".join(fill_lines(text, width, indent=indent, hang=hang))
