"""The text helpers every output uses: one safe URL, one line."""

from __future__ import annotations

import pytest
from suggest_worlds import EVIL_TITLE

from ossmatch.render.text import clean, escape_markdown, one_line, safe_url


@pytest.mark.parametrize(
    "url, safe",
    [
        ("https://github.com/acme/widgets/issues/1", "https://github.com/acme/widgets/issues/1"),
        ("javascript:alert(1)", "#"),
        ("data:text/html,<b>x</b>", "#"),
        ("https://github.com/a/b/issues/1) [evil](https://evil.example",
         "https://github.com/a/b/issues/1%29%20%5Bevil%5D%28https://evil.example"),
        ('https://x.example/"onmouseover="alert(1)', "https://x.example/%22onmouseover=%22alert%281%29"),
        ("https://x.example/\x1b]8;;evil\x07", "https://x.example/%5D8;;evil"),
    ],
)
def test_safe_url_is_inert_in_markdown_html_and_terminals(url: str, safe: str) -> None:
    assert safe_url(url) == safe


@pytest.mark.parametrize(
    "text, line",
    [("a\r\nb", "a b"), ("a\rb", "a b"), ("  a \t b\n", "a b"), ("a\x1b[31mb", "a[31mb"), ("\u202eabc", "abc")],
)
def test_one_line(text: str, line: str) -> None:
    assert one_line(text) == line


def test_a_hostile_title_cannot_reach_the_terminal_as_escapes() -> None:
    hostile = "ok\x1b[31mred\x1b]8;;http://evil\x07 \u202etxt.exe\r\nnext"
    assert one_line(hostile) == "ok[31mred]8;;http://evil txt.exe next"
    assert "\x1b" not in one_line(EVIL_TITLE + "\x1b[2J")


def test_a_lone_carriage_return_separates_words_in_every_output() -> None:
    """A CR between words is a separator, as in ``one_line``: Markdown and the list keep "Fix typo" two words."""
    assert escape_markdown("Fix\rtypo") == "Fix typo"
    assert clean("Fix\rtypo") == "Fix typo"
    assert clean("body\r\nnext\rline", newlines=True) == "body\nnext line"
