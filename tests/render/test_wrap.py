"""The one word wrapper: greedy, never breaking a word, with a first-line and a hanging indent."""

from __future__ import annotations

import pytest

from ossmatch.render.wrap import NARROWEST_FILL, fill, wrap


@pytest.mark.parametrize(
    "text, width, indent, hang, lines",
    [
        ("one two three", 80, 0, 0, ["one two three"]),
        ("aaaa bbbb cccc dddd eeee", 20, 0, 0, ["aaaa bbbb cccc dddd", "eeee"]),
        ("one two three four five six", 20, 2, 4, ["  one two three four", "      five six"]),
        ("a " + "x" * 30 + " b", 20, 0, 0, ["a", "x" * 30, "b"]),  # a long word has a line of its own
        ("spaced   out\twords", 80, 0, 0, ["spaced out words"]),
        ("", 40, 2, 0, [""]),
    ],
)
def test_fill(text: str, width: int, indent: int, hang: int, lines: list[str]) -> None:
    assert fill(text, width, indent=indent, hang=hang).split("\n") == lines


def test_fill_never_lays_out_narrower_than_its_floor() -> None:
    words = " ".join(["word"] * 20)
    assert all(len(line) <= NARROWEST_FILL for line in fill(words, 5).split("\n"))
    assert fill(words, 5) == fill(words, NARROWEST_FILL)


def test_wrap_measures_any_piece_and_returns_each_line_s_indent() -> None:
    pieces = [("ab", "bold"), ("cd", ""), ("ef", "dim")]
    assert wrap(pieces, 7, length=lambda piece: len(piece[0]), indent=4, first_indent=0) == [
        (0, [("ab", "bold"), ("cd", "")]),
        (4, [("ef", "dim")]),
    ]
