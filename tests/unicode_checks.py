"""Shared by the issue 25 property tests: hostile Unicode, and what no output may carry."""

from __future__ import annotations

import html.parser
import re
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

#: What no output may carry: C0 controls but TAB and LF, DEL, C1 controls, bidi embeddings,
#: overrides and isolates, line/paragraph separators, lone surrogates and non-characters.
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029"
                       "\ud800-\udfff\ufffe\uffff]")
#: ossmatch's own styling on a terminal: SGR colours and OSC 8 hyperlinks, removed before checking.
OWN_STYLING = re.compile(r"\x1b\[[0-9;]*m|\x1b\]8;[^\x1b\x07]*(?:\x1b\\|\x07)")
#: Characters an attacker would reach for first, mixed into otherwise arbitrary text.
HOSTILE = ["\x1b[2J", "\x1b]0;title\x07", "\x00", "\x07", "\x7f", "\x9b31m", "\u202e", "\u2066", "\ud800",
           "\udfff", "\ufffe", "\uffff", "\r\n", "\r", "\u2028", "<script>", "</td>", "|", "`", "*", "_",
           "[x](javascript:alert(1))", "&amp;", "{{ 7*7 }}", "\\", "#", "]]>", "\x85"]

hostile_text = st.lists(
    st.one_of(st.text(alphabet=st.characters(codec=None, categories=None), max_size=20), st.sampled_from(HOSTILE)),
    max_size=12,
).map("".join)
long_text = st.one_of(hostile_text, hostile_text.map(lambda t: (t or "\u202e") * 400))
PROPERTY = settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                            HealthCheck.too_slow])


def no_forbidden(text: str, where: str) -> None:
    found = FORBIDDEN.findall(text)
    assert not found, f"{where}: {found[:5]!r}"


def strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (*strings(k), *strings(v))]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


class _Html(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.handlers: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.handlers += [name for name, _ in attrs if name.startswith("on")]
        self.text += [value or "" for name, value in attrs if name in ("href", "title", "alt")]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def check_html(page: str, where: str) -> _Html:
    no_forbidden(page, where)
    parsed = _Html()
    parsed.feed(page)
    parsed.close()
    assert "script" not in parsed.tags or where.startswith("site"), where  # the site loads its own filter.js
    assert not parsed.handlers, (where, parsed.handlers)
    no_forbidden("".join(parsed.text), f"{where} (decoded)")
    return parsed


