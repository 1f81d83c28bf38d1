"""GitHub-flavoured Markdown (with the bits of HTML issues contain) as plain text for a terminal.

Issue bodies are untrusted: the result never contains control characters (no terminal escapes,
no bidirectional overrides), HTML is dropped to its text, and links keep their address beside
their text so nothing is hidden behind a label.
"""

from __future__ import annotations

import html
import re

from ossmatch.render.text import clean
from ossmatch.render.wrap import NARROWEST_FILL, wrap_words

_COMMENT = re.compile(r"<!--.*?(-->|$)", re.DOTALL)
_BREAK = re.compile(r"<br\s*/?>|</p>|</div>|</li>|</summary>", re.IGNORECASE)
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]+)[^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)[^)]*\)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_TASK = re.compile(r"^(\s*)[-*+]\s+\[([ xX])\]\s+")
_BULLET = re.compile(r"^(\s*)[-*+]\s+")
_FENCE = re.compile(r"^\s*(```|~~~)")
_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")


def safe_text(text: str) -> str:
    """The shared sanitiser, keeping line breaks (CR LF and CR become LF, tabs four spaces)."""
    return clean(text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    "), newlines=True)


def _inline(line: str) -> str:
    line = _IMAGE.sub(lambda m: f"[image: {m[1] or 'no description'}]", line)
    line = _LINK.sub(lambda m: m[1] if m[1] == m[2] else f"{m[1]} ({m[2]})", line)
    line = _EMPHASIS.sub(r"\2", line)
    return line


def markdown_to_text(body: str) -> list[str]:
    """Lines of plain text: paragraphs joined, lists and code blocks kept as lines (code indented)."""
    text = safe_text(body)
    text = _COMMENT.sub("", text)
    text = _BREAK.sub("\n", text)
    text = _TAG.sub("", text)
    text = html.unescape(text)
    text = safe_text(text)  # an entity can decode to a control character
    out: list[str] = []
    in_code = False
    for raw in text.split("\n"):
        if _FENCE.match(raw):
            in_code = not in_code
            continue
        if in_code:
            out.append("    " + raw.rstrip())
            continue
        line = raw.rstrip()
        if _RULE.match(line):
            out.append("")
            continue
        heading = _HEADING.match(line)
        if heading:
            out += ["", _inline(heading[1]).upper() if len(heading[1]) < 60 else _inline(heading[1])]
            continue
        task = _TASK.match(line)
        if task:
            mark = "[x]" if task[2] in "xX" else "[ ]"
            out.append(f"{task[1]}{mark} {_inline(line[task.end():].strip())}")
            continue
        bullet = _BULLET.match(line)
        if bullet:
            out.append(f"{bullet[1]}- {_inline(line[bullet.end():].strip())}")
            continue
        out.append(_inline(line.strip().removeprefix("> ")))
    return _squeeze(out)


def _squeeze(lines: list[str]) -> list[str]:
    """No leading, trailing or doubled blank lines."""
    result: list[str] = []
    for line in lines:
        if not line.strip() and (not result or not result[-1].strip()):
            continue
        result.append(line)
    while result and not result[-1].strip():
        result.pop()
    return result


def wrap_lines(lines: list[str], width: int, indent: str = "") -> list[str]:
    """Wrap prose lines at word boundaries to ``width``; code (indented 4+) and blank lines stay as they are."""
    wrapped: list[str] = []
    for line in lines:
        if not line.strip() or line.startswith("    "):
            wrapped.append((indent + line).rstrip())
            continue
        lead = len(line) - len(line.lstrip())
        hang = lead + (2 if line.lstrip().startswith(("- ", "[ ] ", "[x] ")) else 0)
        if line.lstrip().startswith(("[ ] ", "[x] ")):
            hang += 2
        first, rest = indent + " " * lead, indent + " " * hang
        room = max(NARROWEST_FILL, width - len(indent)) + len(indent)
        for index, (_, words) in enumerate(wrap_words(line.split(), room, indent=len(rest), first_indent=len(first))):
            wrapped.append((first if index == 0 else rest) + " ".join(words))
    return wrapped
