"""Issue bodies as plain text: readable, links spelled out, nothing that can drive a terminal."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ossmatch.render.plaintext import markdown_to_text, wrap_lines


def test_markdown_and_html_become_plain_lines() -> None:
    body = (
        "## Steps\r\n\r\n- [ ] read **the** code\n- [x] done\n* item\n\n"
        "See [docs](https://example.org/d) and ![shot](https://example.org/s.png).\n"
        "<!-- template comment -->\n<details><summary>Log</summary>line one<br>line two</details>\n"
        "```sh\nmake test\n```\n---\n> quoted &amp; escaped\n\n\n\nend"
    )
    assert markdown_to_text(body) == [
        "STEPS",
        "",
        "[ ] read the code",
        "[x] done",
        "- item",
        "",
        "See docs (https://example.org/d) and [image: shot].",
        "",
        "Log",
        "line one",
        "line two",
        "    make test",
        "",
        "quoted & escaped",
        "",
        "end",
    ]


def test_wrapping_keeps_words_and_code() -> None:
    lines = wrap_lines(["- a list item with several words in it", "    code stays as it is, however long it is"], 20)
    assert lines == ["- a list item with", "  several words in", "  it", "    code stays as it is, however long it is"]


@given(st.text())
def test_no_control_character_survives(body: str) -> None:
    for line in markdown_to_text(body + "&#27;[2J&#x202e;"):
        assert not any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 or c in "\u202e\u2066" for c in line)
