"""Jinja rendering: the only module that knows Jinja.

The environment autoescapes HTML (``.html.j2``), uses StrictUndefined so a typo in a template fails
loudly, and templates never evaluate data as template source: issue text is only ever a value in the
context, cleaned (``ossmatch.render.text.clean_deep``) before it is rendered.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from ossmatch.render.text import clean_deep, escape_markdown, one_line, safe_url
from ossmatch.render.wording import plural


def template_dir() -> Path:
    """Where templates live: inside the installed package, else the source tree's ``templates/``."""
    packaged = Path(__file__).parent.parent / "templates"
    if packaged.is_dir():
        return packaged
    return Path(__file__).parent.parent.parent / "templates"


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
    env.filters["plural"] = plural  # "1 issue", "5 issues": agreement is wording, not template logic
    return env


def render_template(name: str, context: dict[str, Any]) -> str:
    """Render ``templates/<name>`` with ``context`` (plain data: models dumped or primitives)."""
    return environment().get_template(name).render(**clean_deep(context))
