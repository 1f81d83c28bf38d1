"""Turn a ``Site`` into files: HTML pages, issues.json, Atom feeds and the static assets."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from ossmatch.render.jinja import render_template
from ossmatch.render.text import clean_deep
from ossmatch.site.build import Site
from ossmatch.site.data import DIFFICULTIES, KINDS, SiteIssue, iso
from ossmatch.site.feeds import atom_feed

#: Same-origin only: no inline script or style, nothing from any other origin, no plugins, no <base>.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
       "base-uri 'none'; form-action 'none'")
STATIC = ("site.css", "filter.js", "favicon.svg")
SCHEMA = "issues.schema.json"
#: Marks a directory as written by ``ossmatch site``, so a rebuild may replace it.
MARKER = ".ossmatch-site"


def _asset(name: str) -> str:
    return resources.files("ossmatch.site").joinpath(name if name == SCHEMA else f"static/{name}").read_text("utf-8")


def _issue_json(issue: SiteIssue) -> dict[str, Any]:
    return {
        "repo": issue.repo, "number": issue.number, "url": issue.url, "title": issue.title,
        "labels": list(issue.labels), "created_at": issue.created, "reasons": list(issue.reasons),
        "mentored": issue.mentored, "fresh": issue.fresh, "language": issue.language,
        "kinds": list(issue.kinds), "difficulty": issue.difficulty, "area": issue.area,
        "score": issue.score,
    }


def issues_json(site: Site) -> str:
    data = {
        "version": 1,
        "community": site.community.name,
        "generated_at": iso(site.generated_at),
        "issues": [_issue_json(i) for i in site.issues],
        "projects": [
            {"repo": p.name, "url": p.url, "page": f"projects/{p.slug}.html", "issues": len(p.issues),
             "grade": p.audit.grade if p.audit else None, "score": p.audit.score if p.audit else None}
            for p in site.projects
        ],
    }
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def _context(site: Site, root: str) -> dict[str, Any]:
    return {
        "community": site.community.model_dump(), "csp": CSP, "root": root,
        "generated": site.generated_at.strftime("%Y-%m-%d %H:%M UTC"),
    }


def render_site(site: Site) -> dict[str, str]:
    """Every file of the site, by path relative to the output directory.

    Every string is cleaned first, as for every other output: XML 1.0 forbids most control
    characters (a feed holding ESC or NUL is "not well-formed" to every reader), and issues.json
    is read by scripts and terminals alike.
    """
    site = clean_deep(site, newlines=False)
    base = site.community.url
    updated = iso(site.generated_at)
    feed_id = base or f"urn:ossmatch:community:{site.community.name}"
    files: dict[str, str] = {
        "index.html": render_template("site/index.html.j2", {
            **_context(site, ""),
            "issues": [i.model_dump() for i in site.issues],
            "groups": [g.model_dump() for g in site.groups],
            "projects": [p.model_dump() for p in site.projects],
            "skipped": list(site.skipped), "languages": list(site.languages), "areas": list(site.areas),
            "kinds": list(KINDS), "difficulties": list(DIFFICULTIES),
        }),
        "issues.json": issues_json(site),
        "feed.xml": atom_feed(
            feed_id=feed_id, title=f"{site.community.name}: new good first issues", updated=updated,
            issues=site.issues, self_url=f"{base}feed.xml" if base else None, site_url=base),
        MARKER: "This directory is written by `ossmatch site`; a rebuild replaces it.\n",
    }
    for project in site.projects:
        page = f"projects/{project.slug}"
        files[f"{page}.html"] = render_template(
            "site/project.html.j2", {**_context(site, "../"), "p": project.model_dump()})
        files[f"{page}.xml"] = atom_feed(
            feed_id=f"{base}{page}.xml" if base else f"{feed_id}:{project.name}",
            title=f"{project.name}: new good first issues", updated=updated, issues=project.issues,
            self_url=f"{base}{page}.xml" if base else None, site_url=f"{base}{page}.html" if base else None)
    for name in (*STATIC, SCHEMA):
        files[name] = _asset(name)
    return files
