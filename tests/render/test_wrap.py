"""The one word wrapper: greedy, measured in terminal cells, with a first-line and a hanging indent."""

from __future__ import annotations

import pytest

from ossmatch.render.wrap import NARROWEST_FILL, cell_width, chop, fill, fill_lines, wrap, wrap_words

CJK = "修复文档中的错误链接"  # ten characters, twenty columns


@pytest.mark.parametrize(
    "text, width, indent, hang, lines",
    [
        ("one two three", 80, 0, 0, ["one two three"]),
        ("aaaa bbbb cccc dddd eeee", 20, 0, 0, ["aaaa bbbb cccc dddd", "eeee"]),
        ("one two three four five six", 20, 2, 4, ["  one two three four", "      five six"]),
        ("a " + "x" * 30 + " b", 20, 0, 0, ["a", "x" * 30, "b"]),  # a long word has a line of its own
        ("spaced   out\twords", 80, 0, 0, ["spaced out words"]),
        ("", 40, 2, 0, [""]),
        # wide characters take two columns: three of these four-column words a line, not four
        ("说明 " * 7, 20, 2, 2, ["  说明 说明 说明", "    说明 说明 说明", "    说明"]),
        # a long URL is never cut: it stands on a hanging line of its own
        ("see https://example.org/a/very/long/path/indeed now", 20, 0, 4,
         ["see", "    https://example.org/a/very/long/path/indeed", "    now"]),
    ],
)
def test_fill(text: str, width: int, indent: int, hang: int, lines: list[str]) -> None:
    assert fill(text, width, indent=indent, hang=hang).split("\n") == lines


def test_fill_never_lays_out_narrower_than_its_floor() -> None:
    words = " ".join(["word"] * 20)
    assert all(len(line) <= NARROWEST_FILL for line in fill(words, 5).split("\n"))
    assert fill(words, 5) == fill(words, NARROWEST_FILL)


@pytest.mark.parametrize(
    "words, width, indent, first_indent, lines",
    [
        # two columns a character: "日本語" (6) and "テキスト" (8) do not share 10 columns
        (["日本語", "テキスト"], 10, 0, None, [(0, ["日本語"]), (0, ["テキスト"])]),
        (["🎉🎉", "party", "🎉"], 10, 0, None, [(0, ["🎉🎉", "party"]), (0, ["🎉"])]),
        # a combining mark takes no column: five accented letters are five columns, not ten
        (["e\u0301" * 5, "xxxx"], 10, 0, None, [(0, ["e\u0301" * 5, "xxxx"])]),
        # CJK text wider than the line is cut between characters, to the room beside the indent
        ([CJK], 10, 0, None, [(0, ["修复文档中"]), (0, ["的错误链接"])]),
        (["a", CJK], 12, 2, 0, [(0, ["a", "修复文档中"]), (2, ["的错误链接"])]),
        # any other word wider than the line is kept whole, on a line of its own
        (["a", "supercalifragilistic", "b"], 10, 0, None, [(0, ["a"]), (0, ["supercalifragilistic"]), (0, ["b"])]),
        # a hanging indent: the first line starts at the margin, the rest four columns in
        (["one", "two", "three", "four"], 12, 4, 0, [(0, ["one", "two"]), (4, ["three"]), (4, ["four"])]),
        # an indented first line and a flush rest
        (["one", "two", "three"], 10, 0, 6, [(6, ["one"]), (0, ["two", "three"])]),
        ([], 10, 0, None, []),
    ],
)
def test_wrap_words(
    words: list[str], width: int, indent: int, first_indent: int | None, lines: list[tuple[int, list[str]]]
) -> None:
    assert wrap_words(words, width, indent=indent, first_indent=first_indent) == lines


@pytest.mark.parametrize("width", [10, 11, 15, 40])
@pytest.mark.parametrize("hang", [0, 4])
def test_wide_text_never_overflows_the_line(width: int, hang: int) -> None:
    for line in fill_lines(f"{CJK} 说明 {CJK}{CJK} ok", width, hang=hang):
        assert cell_width(line) <= max(width, NARROWEST_FILL)


@pytest.mark.parametrize(
    "word, width, pieces",
    [
        (CJK, 20, [CJK]),  # fits
        (CJK, 7, ["修复文", "档中的", "错误链", "接"]),  # an odd width leaves a column free, never half a character
        ("x" * 30, 10, ["x" * 30]),  # no wide character: kept whole
        (CJK, 0, [CJK]),
    ],
)
def test_chop(word: str, width: int, pieces: list[str]) -> None:
    assert chop(word, width) == pieces


def _text(piece: tuple[str, str]) -> str:
    return piece[0]


def _remake(piece: tuple[str, str], part: str) -> tuple[str, str]:
    return part, piece[1]


def test_wrap_measures_any_piece_and_returns_each_line_s_indent() -> None:
    pieces = [("ab", "bold"), ("cd", ""), ("ef", "dim")]
    laid = wrap(pieces, 7, text=_text, remake=_remake, indent=4, first_indent=0)
    assert laid == [
        (0, [("ab", "bold"), ("cd", "")]),
        (4, [("ef", "dim")]),
    ]


def test_a_cut_wide_word_keeps_what_its_piece_carries() -> None:
    laid = wrap([("x", ""), (CJK, "bold")], 12, text=_text, remake=_remake, indent=2, first_indent=0)
    assert laid == [(0, [("x", ""), ("修复文档中", "bold")]), (2, [("的错误链接", "bold")])]
