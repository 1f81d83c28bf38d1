"""The coordinator's summary: one versioned JSON object, and the same as Markdown for a run summary.

Logins, repositories and titles only: never an email address. Titles come from GitHub and are
untrusted: escaped for Markdown, control characters removed. Our own sentences (warnings, reasons)
may quote GitHub's words, so they get the light escape of ``_inert``, which leaves ordinary
punctuation alone: the Markdown is printed as it is to a terminal and read there too.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ossmatch.cohort.progress import Progress
from ossmatch.cohort.roster import Roster
from ossmatch.cohort.state import Offer
from ossmatch.cohort.week import Released, Week
from ossmatch.render.text import escape_markdown, one_line, safe_url
from ossmatch.render.wording import plural

SUMMARY_VERSION = 1

_GONE = {
    "closed": "closed",
    "assigned": "assigned to someone else",
    "linked_pr": "someone else opened a pull request for it",
    "missing": "no longer on GitHub",
    "declined": "declined",
    "open": "handed on",
}


@dataclass(frozen=True)
class Summary:
    roster: Roster
    week: Week
    progress: list[Progress]
    now: datetime
    candidates: int
    repositories: int
    warnings: tuple[str, ...] = ()
    sent: tuple[str, ...] = ()
    #: Lowercase logins GitHub does not know: in ``left_out``, not in ``assignments``.
    unknown: frozenset[str] = frozenset()

    def assignments(self) -> list[dict[str, Any]]:
        out = []
        for person in self.roster.people:
            login = person.login.lower()
            if login in self.unknown:
                continue
            kept = self.week.kept.get(login, [])
            new = self.week.offers(login, self.now)[len(kept):]
            out.append({"login": person.login,
                        "issues": [_issue(o, new=False) for o in kept] + [_issue(o, new=True) for o in new],
                        "released": [_released(r) for r in self.week.released.get(login, [])]})
        return out

    def as_json(self) -> dict[str, Any]:
        return {
            "version": SUMMARY_VERSION,
            "cohort": self.roster.name,
            "generated": self.now.isoformat().replace("+00:00", "Z"),
            "per_person": self.roster.per_person,
            "max_per_project": self.roster.max_per_project,
            "candidates": self.candidates,
            "repositories": self.repositories,
            "assignments": self.assignments(),
            "progress": [_progress(p) for p in self.progress],
            "left_out": [{"login": s.login, "offered": s.offered, "wanted": s.wanted, "why": s.why}
                         for s in self.week.shortfalls],
            "at_capacity": [{"repo": repo, "people": n} for repo, n in self.week.at_capacity.items()],
            "mailed": list(self.sent),
            "warnings": list(self.warnings),
        }


def _issue(offer: Offer, *, new: bool) -> dict[str, Any]:
    return {"repo": offer.repo, "number": offer.number, "url": offer.url, "title": one_line(offer.title),
            "score": round(offer.score, 1), "since": offer.since.date().isoformat(), "new": new}


def _released(item: Released) -> dict[str, Any]:
    return {"repo": item.offer.repo, "number": item.offer.number, "url": item.offer.url,
            "why": _GONE[item.status]}


def _progress(p: Progress) -> dict[str, Any]:
    def pulls(items: Any) -> list[dict[str, Any]]:
        return [{"repo": i.repo, "number": i.number, "url": i.url, "days": i.days} for i in items]

    return {"login": p.login, "known": p.known, "opened": p.opened, "merged": p.merged,
            "waiting_for_review": pulls(p.waiting_for_review), "waiting_for_reply": pulls(p.waiting_for_reply),
            "no_pull_request": [{"repo": o.repo, "number": o.number, "url": o.url,
                                 "since": o.since.date().isoformat()} for o in p.no_pull_request]}


def render_json(summary: Summary) -> str:
    return json.dumps(summary.as_json(), indent=2, ensure_ascii=False) + "\n"


#: What can make Markdown do something in a sentence of ours: links and images (brackets), HTML
#: (angle brackets), code, emphasis, strike-through, table cells, and the backslash itself. An
#: underscore only starts emphasis at a word's edge, so ``GITHUB_TOKEN`` stays as it is written.
_ACTIVE = re.compile(r"([\\`*\[\]<>|~])|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")


def _inert(text: object) -> str:
    """One line of our own words, with whatever GitHub text it quotes unable to link, embed HTML or
    break a table; parentheses, ``#`` and inner underscores stay readable."""
    return _ACTIVE.sub(lambda m: "\\" + m.group(0), one_line(text))


def _link(repo: str, number: int, url: str) -> str:
    return f"[{_inert(f'{repo}#{number}')}]({safe_url(url).replace(')', '%29').replace(' ', '%20')})"


def _cell(text: object) -> str:
    """Text from GitHub (a title) in a table cell: fully escaped, pipes included."""
    return escape_markdown(one_line(text))


def render_markdown(summary: Summary) -> str:
    """For ``$GITHUB_STEP_SUMMARY`` and the coordinator's mail."""
    data = summary.as_json()
    lines = [f"## {_inert(summary.roster.name)}: this week's match", ""]
    people = len(data["assignments"])
    offered = sum(len(a["issues"]) for a in data["assignments"])
    lines.append(f"{plural(offered, 'issue')} offered to {plural(people, 'person', 'people')} "
                 f"(up to {summary.roster.per_person} each, at most {summary.roster.max_per_project} people per "
                 f"project), out of {plural(summary.candidates, 'open issue')} found in "
                 f"{plural(summary.repositories, 'repository', 'repositories')}.")
    lines += ["", "| Person | Issue | Chance | Since |", "|---|---|---|---|"]
    for entry in data["assignments"]:
        if not entry["issues"]:
            lines.append(f"| @{_inert(entry['login'])} | none this week | | |")
        for issue in entry["issues"]:
            mark = " (new)" if issue["new"] else ""
            lines.append(f"| @{_inert(entry['login'])} | {_link(issue['repo'], issue['number'], issue['url'])} "
                         f"{_cell(issue['title'])}{mark} | {issue['score']:.0f}% | {issue['since']} |")
    released = [(e["login"], r) for e in data["assignments"] for r in e["released"]]
    if released:
        lines += ["", "### Handed back", ""]
        lines += [f"- @{_inert(login)}: {_link(r['repo'], r['number'], r['url'])} ({r['why']})"
                  for login, r in released]
    lines += ["", "### Progress", "", "| Person | PRs opened | merged | waiting for review | waiting for them |"
              " offered 2+ weeks, no PR |", "|---|---|---|---|---|---|"]
    for p in data["progress"]:
        if not p["known"]:
            lines.append(f"| @{_inert(p['login'])} | unknown | | | | {_refs(p['no_pull_request'])} |")
            continue
        lines.append(f"| @{_inert(p['login'])} | {p['opened']} | {p['merged']} | {_refs(p['waiting_for_review'])} | "
                     f"{_refs(p['waiting_for_reply'])} | {_refs(p['no_pull_request'])} |")
    stalled = [(p["login"], o) for p in data["progress"] for o in p["no_pull_request"]]
    if stalled:
        lines += ["", "Offered two weeks ago or more with no pull request: a nudge, or hand it on with "
                  "`ossmatch cohort decline LOGIN OWNER/REPO#N`."]
    if data["at_capacity"]:
        lines += ["", "### Projects at capacity", ""]
        lines += [f"- {_inert(c['repo'])}: {plural(c['people'], 'person', 'people')}" for c in data["at_capacity"]]
    if data["left_out"]:
        lines += ["", "### Fewer than asked", ""]
        lines += [f"- @{_inert(s['login'])}: {s['offered']} of {s['wanted']}: {_inert(s['why'])}"
                  for s in data["left_out"]]
    if data["mailed"]:
        lines += ["", f"Mailed: {', '.join('@' + _inert(m) for m in data['mailed'])}."]
    if data["warnings"]:
        lines += ["", *[f"- {_inert(w)}" for w in data["warnings"]]]
    return "\n".join(lines) + "\n"


def _refs(items: list[dict[str, Any]]) -> str:
    parts = []
    for item in items:
        extra = f" ({item['days']} days)" if "days" in item else ""
        parts.append(_link(item["repo"], item["number"], item["url"]) + extra)
    return ", ".join(parts)
