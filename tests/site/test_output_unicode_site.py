"""Issue 25: arbitrary Unicode through the site's feeds, issues.json and pages (see
tests/test_output_unicode.py for the other formats)."""

from __future__ import annotations

import json
import tempfile
import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from unicode_checks import PROPERTY, check_html, long_text, no_forbidden, strings

NOW = datetime(2026, 11, 27, 12, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def community_site() -> Any:
    from clients import make_client, serving
    from site_worlds import COMMUNITY, community_world

    from ossmatch.site.build import assemble
    from ossmatch.site.collect import collect
    from ossmatch.site.config import parse_community

    community = parse_community(COMMUNITY)
    with serving(community_world) as fake:
        client = make_client(fake, cache_dir=Path(tempfile.mkdtemp(prefix="ossmatch-cache-")))
        return assemble(community, collect(community, client, NOW), NOW)


def hostile_site(site: Any, title: str, other: str) -> Any:
    issues = tuple(i.model_copy(update={"title": title, "labels": (other,), "reasons": (other,)})
                   for i in site.issues)
    projects = tuple(p.model_copy(update={"description": other, "issues": tuple(
        i.model_copy(update={"title": title}) for i in p.issues)}) for p in site.projects)
    return site.model_copy(update={"issues": issues, "projects": projects, "warnings": (other,)})


@PROPERTY
@given(title=long_text, other=long_text)
def test_the_site_in_every_format(community_site: Any, title: str, other: str) -> None:
    from ossmatch.site.pages import render_site

    files = render_site(hostile_site(community_site, title, other))
    feeds = [name for name in files if name.endswith(".xml")]
    assert "feed.xml" in feeds and len(feeds) > 1
    for name in feeds:
        no_forbidden(files[name], name)
        root = ET.fromstring(files[name].encode("utf-8"))  # well-formed XML 1.0
        for element in root.iter():
            no_forbidden(element.text or "", f"{name} (decoded)")
    data = json.loads(files["issues.json"])
    for text in strings(data):
        no_forbidden(text, "issues.json (decoded)")
    for name in [n for n in files if n.endswith(".html")]:
        check_html(files[name], f"site {name}")


