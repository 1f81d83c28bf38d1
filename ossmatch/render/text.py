"""Untrusted text made inert: the one sanitiser every output path uses.

Everything rendered from GitHub is untrusted. ``clean`` removes what can drive a terminal or hide
text (controls, NUL, bidi overrides) from titles, labels, descriptions, exemption reasons and server
messages before they reach a terminal, a file or a mail; ``escape_markdown``, ``safe_url`` and
``one_line`` make the same text inert in Markdown, links and one-line fields (headers, cells).
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any, TypeVar
from urllib.parse import urlsplit

from pydantic import BaseModel

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#|!~])")

#: Bidirectional embeddings, overrides and isolates: they reorder what a reader sees (Trojan Source).
_BIDI = (*range(0x202A, 0x202F), *range(0x2066, 0x206A))
#: C0 controls, DEL and C1 controls (8-bit CSI, OSC ...): each can drive a terminal.
_CONTROLS = (*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0))
#: Lone surrogates (from JSON "\ud800") cannot be written as UTF-8; U+FFFE and U+FFFF are not
#: characters at all, and XML 1.0 forbids them.
_UNWRITABLE = (*range(0xD800, 0xE000), 0xFFFE, 0xFFFF)
_DROP: dict[int, str | None] = {code: None for code in (*_CONTROLS, *_BIDI, *_UNWRITABLE)}
_DROP[0x09] = "\t"
#: A lone CR separates words like a space ("Fix\rtypo" is two words); CRLF is one line break (``clean``).
_DROP[0x0D] = " "
_DROP[0x2028] = " "
_DROP[0x2029] = " "
#: Multi-line text keeps LF.
_KEEP_LINES = {**_DROP, 0x0A: "\n"}
#: Single-line text turns LF into a space.
_ONE_LINE = {**_DROP, 0x0A: " "}

T = TypeVar("T")


def clean(text: object, *, newlines: bool = False) -> str:
    """Untrusted text made inert for any output: controls (C0 but TAB, DEL, C1), NUL, bidi
    overrides, lone surrogates and non-characters removed; CRLF read as LF, a lone CR as a space;
    LF kept when ``newlines`` else turned into a space."""
    return str(text).replace("\r\n", "\n").translate(_KEEP_LINES if newlines else _ONE_LINE)


def clean_deep(value: T, *, newlines: bool = True) -> T:
    """``clean`` every string inside ``value`` (dicts, lists, tuples, sets, pydantic models and
    dataclasses), returning a copy of the same shape: for whole template contexts and results."""
    return _clean_any(value, newlines)


def _clean_any(value: Any, newlines: bool) -> Any:
    if isinstance(value, str):
        return clean(value, newlines=newlines)
    if isinstance(value, dict):
        return {_clean_any(k, newlines): _clean_any(v, newlines) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_clean_any(v, newlines) for v in value]
        return type(value)(items) if not hasattr(value, "_fields") else type(value)(*items)
    if isinstance(value, BaseModel):
        changes = {name: _clean_any(getattr(value, name), newlines) for name in type(value).model_fields}
        return value.model_copy(update=changes)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: _clean_any(getattr(value, f.name), newlines) for f in dataclasses.fields(value) if f.init}
        return dataclasses.replace(value, **fields)
    return value


def escape_markdown(text: object) -> str:
    """Make untrusted text inert in Markdown: link, emphasis, code and HTML syntax are escaped."""
    flat = " ".join(clean(text).split())
    return _MARKDOWN_SPECIAL.sub(r"\\\1", flat)


#: Characters that could end a Markdown link or an HTML attribute early, or hide in a terminal line.
_URL_UNSAFE = re.compile(r"[\s()<>\"'`\\\[\]]")


def safe_url(url: object) -> str:
    """``url`` if it is an http(s) link, else ``#`` (no ``javascript:`` or data URLs), with the
    characters that could break out of Markdown link syntax or an HTML attribute percent-encoded."""
    text = clean(url).strip()
    scheme = urlsplit(text).scheme.lower()
    if scheme not in ("http", "https"):
        return "#"
    return _URL_UNSAFE.sub(lambda m: f"%{ord(m.group()):02X}", text)


def one_line(text: object) -> str:
    """Collapse whitespace, CR and LF included: for headers, table cells, subjects and titles."""
    return " ".join(clean(text).split())
