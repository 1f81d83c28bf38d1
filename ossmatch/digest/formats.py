"""The digest in each output format: plain text, Markdown and HTML, each from its template.

A mail carries the ``text`` and ``html`` formats as its two parts (``compose.build_message``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ossmatch.render.formats import Formats, Screen
from ossmatch.render.jinja import render_template

if TYPE_CHECKING:
    from ossmatch.digest.compose import DigestContext

FORMATS: Formats[DigestContext] = Formats("digest")


@FORMATS.register("text")
def text_format(context: DigestContext, screen: Screen) -> str:
    return render_template("digest.txt.j2", context.model_dump())


@FORMATS.register("markdown")
def markdown_format(context: DigestContext, screen: Screen) -> str:
    return render_template("digest.md.j2", context.model_dump())


@FORMATS.register("html")
def html_format(context: DigestContext, screen: Screen) -> str:
    return render_template("digest.html.j2", context.model_dump())


def render_digest(context: DigestContext, fmt: str) -> str:
    """``context`` in format ``fmt`` (a file, no terminal styles)."""
    return FORMATS.render(fmt, context).text
