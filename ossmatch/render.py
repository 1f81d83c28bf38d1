"""Jinja rendering: the only module that knows Jinja.

Everything rendered from GitHub is untrusted. The environment autoescapes HTML (``.html.j2``),
uses StrictUndefined so a typo in a template fails loudly, and templates never evaluate data as
template source: issue text is only ever a value in the context.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#|!~])")


def template_dir() -> Path:
    """Where templates live: inside the installed package, else the source tree's ``templates/``."""
    packaged = Path(__file__).parent / "templates"
    if packaged.is_dir():
        return packaged
    return Path(__file__).parent.parent / "templates"


def escape_markdown(text: object) -> str:
    """Make untrusted text inert in Markdown: link, emphasis, code and HTML syntax are escaped."""
    flat = " ".join(str(text).split())
    return _MARKDOWN_SPECIAL.sub(r"\\\1", flat)


def safe_url(url: object) -> str:
    """Return ``url`` if it is an http(s) link, else ``#``: no ``javascript:`` or data URLs."""
    text = str(url).strip()
    scheme = urlsplit(text).scheme.lower()
    return text if scheme in ("http", "https") else "#"


def one_line(text: object) -> str:
    """Collapse whitespace, CR and LF included: for headers, table cells and subjects."""
    return " ".join(str(text).split())


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(template_dir())),
        autoescape=jinja2.select_autoescape(
            enabled_extensions=("html", "html.j2"), default_for_string=True, default=False
        ),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = escape_markdown
    env.filters["safe_url"] = safe_url
    env.filters["one_line"] = one_line
    return env


def render_template(name: str, context: dict[str, Any]) -> str:
    """Render ``templates/<name>`` with ``context`` (plain data: models dumped or primitives)."""
    return environment().get_template(name).render(**context)
