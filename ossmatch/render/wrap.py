"""The one word wrapper every terminal layout uses: greedy, measured in terminal cells.

A CJK character or an emoji takes two columns and a combining mark none (rich's cell measurement,
the same tables as wcwidth): wrapping by ``len`` overflows a 40-column terminal with a CJK title.
A word is never broken, with one exception: a word wider than the line that holds wide characters
is cut between characters, since CJK text has no spaces and may break anywhere. Any other word
wider than the line (a URL, say) gets a line of its own.

``wrap`` lays out any pieces (suggest's styled words), ``wrap_words`` plain words (issue bodies in
``show``), ``fill`` a string (the audit table's notes, warnings on stderr).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from rich.cells import cell_len

Piece = TypeVar("Piece")

#: The narrowest terminal we lay out for (suggest's list, ``show``, warnings): below this, lines are
#: laid out as if the terminal were this wide and the terminal wraps them itself.
MIN_WIDTH = 40

#: The narrowest line ``fill`` and ``plaintext.wrap_lines`` lay out: below it, a word or two a line
#: is harder to read than an overflowing line (textwrap's own minimum for a useful layout is about this).
NARROWEST_FILL = 20


def cell_width(text: str) -> int:
    """Columns ``text`` takes on a terminal."""
    return int(cell_len(text))


def chop(word: str, width: int) -> list[str]:
    """``word`` in pieces no wider than ``width`` columns when it is wider and holds wide characters;
    any other word is kept whole."""
    if width <= 0 or cell_width(word) <= width or cell_width(word) == len(word):
        return [word]
    pieces: list[str] = []
    current, used = "", 0
    for char in word:
        need = cell_width(char)
        if current and used + need > width:
            pieces.append(current)
            current, used = "", 0
        current += char
        used += need
    return [*pieces, current] if current else pieces


def wrap(
    pieces: Iterable[Piece],
    width: int,
    *,
    text: Callable[[Piece], str],
    remake: Callable[[Piece, str], Piece],
    indent: int = 0,
    first_indent: int | None = None,
) -> list[tuple[int, list[Piece]]]:
    """Greedy word wrap: each line as (its indent, its pieces), one space between pieces.

    ``text`` is what a piece shows; ``remake`` gives the piece for one part of a cut wide word (the
    same style, say). The first line is indented ``first_indent`` (default ``indent``), the others
    ``indent``; a wide word is cut to fit those.
    """
    lines: list[tuple[int, list[Piece]]] = []
    current: list[Piece] = []
    start = indent if first_indent is None else first_indent
    used = start
    for whole in pieces:
        parts = chop(text(whole), max(1, width - indent))
        for piece in [whole] if len(parts) == 1 else [remake(whole, part) for part in parts]:
            need = cell_width(text(piece)) + (1 if current else 0)
            if current and used + need > width:
                lines.append((start, current))
                current, start = [], indent
                used, need = start, cell_width(text(piece))
            current.append(piece)
            used += need
    if current:
        lines.append((start, current))
    return lines


def _same(word: str) -> str:
    return word


def _part(_word: str, part: str) -> str:
    return part


def wrap_words(
    words: Iterable[str], width: int, *, indent: int = 0, first_indent: int | None = None
) -> list[tuple[int, list[str]]]:
    """``wrap`` for plain words."""
    return wrap(words, width, text=_same, remake=_part, indent=indent, first_indent=first_indent)


def fill_lines(text: str, width: int, *, indent: int = 0, hang: int = 0) -> list[str]:
    """``text`` wrapped at word boundaries to ``width`` (at least ``NARROWEST_FILL``), indented, its
    later lines indented ``hang`` more. Runs of whitespace become one space."""
    laid = wrap_words(text.split(), max(width, NARROWEST_FILL), indent=indent + hang, first_indent=indent)
    return [" " * start + " ".join(words) for start, words in laid]


def fill(text: str, width: int, *, indent: int = 0, hang: int = 0) -> str:
    """``fill_lines`` joined with newlines."""
    return "\n".join(fill_lines(text, width, indent=indent, hang=hang))
