"""Terminal cell widths: a CJK character or an emoji takes two columns, a combining mark none.

Wrapping by ``len`` overflows a 40-column terminal with a CJK title; these measure what the
terminal shows (rich's cell measurement, the same tables as wcwidth).
"""

from __future__ import annotations


def cell_width(text: str) -> int:
    """Columns ``text`` takes on a terminal."""
    from rich.cells import cell_len

    return int(cell_len(text))


def chop(word: str, width: int) -> list[str]:
    """``word`` in pieces no wider than ``width`` columns, when it is too wide and holds wide
    characters (CJK text has no spaces but may break between any two characters); any other word,
    a URL say, is kept whole."""
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


def wrap_cells(words: list[str], width: int, first: int = 0, rest: int = 0) -> list[list[str]]:
    """Greedy word wrap by cell width: lines of words; the first line starts ``first`` columns in,
    the others ``rest``. A word wider than the line gets a line of its own (CJK text is broken)."""
    lines: list[list[str]] = []
    current: list[str] = []
    start = first
    used = start
    for whole in words:
        for word in chop(whole, max(1, width - rest)):
            need = cell_width(word) + (1 if current else 0)
            if current and used + need > width:
                lines.append(current)
                current, start = [], rest
                used, need = start, cell_width(word)
            current.append(word)
            used += need
    if current:
        lines.append(current)
    return lines
