"""The digest in each output format: plain text, Markdown and HTML, each from its template.

A mail carries the ``text`` and ``html`` formats as its two parts (``compose.build_message``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ossmatch.render.formats import Formats, Screen
from ossmatch.render.jinja import render_template

if TYPE_CHECKING:
    from ossmatch.digest.compose import DigestContext

FORMATS: Formats[DigestContext] = Formats("digest")


#: Each format and the template it renders, in the order the registry lists them.
TEMPLATES = {"text": "digest.txt.j2", "markdown": "digest.md.j2", "html": "digest.html.j2"}


def _from_template(template: str) -> Callable[[DigestContext, Screen], str]:
    """A format that renders ``template`` with the digest's context (a file: the screen is unused)."""

    def render(context: DigestContext, screen: Screen) -> str:
        return render_template(template, context.model_dump())

    return render


for _name, _template in TEMPLATES.items():
    FORMATS.register(_name)(_from_template(_template))


def render_digest(context: DigestContext, fmt: str) -> str:
    """``context`` in format ``fmt`` (a file, no terminal styles)."""
    return FORMATS.render(fmt, context).text
