"""Assemble the portal from what was collected: pure, so the same data always builds the same site."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from pydantic import BaseModel, ConfigDict

from ossmatch.site.collect import Collected
from ossmatch.site.config import Community
from ossmatch.site.data import (
    OTHER,
    SiteIssue,
    SiteProject,
    project,
    rank_for_newcomer,
    site_issue,
)
from ossmatch.suggest.filters import closed_door


class Group(BaseModel):
    """A section of the index: one area (or language, when the community names no areas)."""

    model_config = ConfigDict(frozen=True)

    name: str
    anchor: str
    issues: tuple[SiteIssue, ...]


class Site(BaseModel):
    """Everything the pages show; the templates and feeds read only this."""

    model_config = ConfigDict(frozen=True)

    community: Community
    generated_at: datetime
    issues: tuple[SiteIssue, ...]
    groups: tuple[Group, ...]
    projects: tuple[SiteProject, ...]
    #: Projects left out, with why (archived).
    skipped: tuple[str, ...]
    warnings: tuple[str, ...]
    requests: int
    not_modified: int = 0
    points: int = 0
    languages: tuple[str, ...]
    areas: tuple[str, ...]


def anchor(name: str) -> str:
    return "g-" + "".join(ch if ch.isalnum() else "-" for ch in name.lower())


def _ordered(names: set[str], preferred: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Configured order first, then alphabetical, ``Other`` last."""
    rest = sorted(n for n in names if n not in preferred and n != OTHER)
    tail = (OTHER,) if OTHER in names else ()
    return tuple(n for n in preferred if n in names) + tuple(rest) + tail


def assemble(community: Community, collected: Collected, now: datetime) -> Site:
    ranked = rank_for_newcomer(collected.candidates, now)
    per_project: dict[str, list[SiteIssue]] = defaultdict(list)
    shown: list[SiteIssue] = []
    folded: dict[str, list[float]] = defaultdict(list)
    for item in ranked:
        issue = site_issue(item, now, community.areas)
        if len(per_project[issue.repo]) < community.issues_per_project:
            per_project[issue.repo].append(issue)
            shown.append(issue)
        else:  # folded, never dropped silently: the project says how many more, up to which score
            folded[issue.repo].append(issue.score)
    shut = {n: door for n, r in collected.repos.items() if not r.archived and (door := closed_door(r))}
    skipped = tuple(sorted([f"{n} (archived)" for n, r in collected.repos.items() if r.archived]
                           + [f"{n} ({door})" for n, door in shut.items()]))
    projects = tuple(
        project(repo, per_project.get(name, []), collected.audits.get(name), collected.contributing.get(name), now)
        .model_copy(update={"more": len(folded.get(name, [])), "more_top": max(folded.get(name, []), default=None)})
        for name, repo in sorted(collected.repos.items(), key=lambda kv: kv[0].lower())
        if not repo.archived and name not in shut
    )
    area_names = tuple(a.name for a in community.areas)
    grouping = {i.area for i in shown}
    groups = tuple(
        Group(name=name, anchor=anchor(name), issues=tuple(i for i in shown if i.area == name))
        for name in _ordered(grouping, area_names)
    )
    return Site(
        community=community, generated_at=now, issues=tuple(shown), groups=groups, projects=projects,
        skipped=skipped, warnings=tuple(collected.warnings), requests=collected.requests,
        not_modified=collected.not_modified, points=collected.points,
        languages=_ordered({i.language for i in shown}),
        areas=_ordered(grouping, area_names) if community.areas else (),
    )
