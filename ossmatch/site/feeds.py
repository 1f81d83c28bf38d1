"""Atom feeds (RFC 4287) of new issues, overall and per project, built with ElementTree.

ElementTree escapes every text node, so an issue title can never become markup in a reader.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

from ossmatch.site.data import SiteIssue

ATOM = "http://www.w3.org/2005/Atom"
#: Entries per feed: readers only look at the newest, and the index file stays small.
MAX_ENTRIES = 50


def _add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        element.text = text
    return element


def atom_feed(*, feed_id: str, title: str, updated: str, issues: Sequence[SiteIssue],
              self_url: str | None, site_url: str | None) -> str:
    """A feed of ``issues``, newest first; ``feed_id`` must be a permanent IRI."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _add(feed, "id", feed_id)
    _add(feed, "title", title)
    _add(feed, "updated", updated)
    _add(_add(feed, "author"), "name", "ossmatch")
    _add(feed, "generator", "ossmatch")
    if self_url:
        _add(feed, "link", rel="self", href=self_url)
    if site_url:
        _add(feed, "link", rel="alternate", href=site_url)
    newest = sorted(issues, key=lambda i: (i.created, i.repo, i.number), reverse=True)[:MAX_ENTRIES]
    for issue in newest:
        entry = _add(feed, "entry")
        _add(entry, "id", issue.url)
        _add(entry, "title", f"{issue.repo}#{issue.number}: {issue.title}")
        _add(entry, "link", rel="alternate", href=issue.url)
        _add(entry, "published", issue.created)
        _add(entry, "updated", issue.created)
        for label in issue.labels:
            _add(entry, "category", term=label)
        summary = "; ".join([f"labels: {', '.join(issue.labels)}" if issue.labels else "", *issue.reasons])
        _add(entry, "summary", summary.strip("; ") or issue.title)
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
