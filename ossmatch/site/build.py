"""Assemble the portal from what was collected: pure, so the same data always builds the same site."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from pydantic import BaseModel, ConfigDict

from ossmatch.site.collect import Collected, left_out
from ossmatch.site.config import Community
from ossmatch.site.data import (
    OTHER,
    SiteIssue,
    SiteProject,
    project,
    rank_for_newcomer,
    site_issue,
)
from ossmatch.suggest.fold import Fold, fold
from ossmatch.suggest.scoring import RankedIssue


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


def _more(folded: Fold[RankedIssue] | None) -> dict[str, object]:
    """A project's issues beyond the cap: how many, and the best score among them (as its cards say it)."""
    if folded is None:
        return {"more": 0, "more_top": None}
    return {"more": len(folded.issues), "more_top": round(folded.top_score, 2)}


def assemble(community: Community, collected: Collected, now: datetime) -> Site:
    # a visitor can contribute to none of a left-out repository's issues, whatever the builder's token may do
    ranked = rank_for_newcomer([c for c in collected.candidates if left_out(c.repo) is None], now)
    kept, folds = fold(ranked, community.issues_per_project, len(ranked))
    shown = [site_issue(item, now, community.areas) for item in kept]
    per_project: dict[str, list[SiteIssue]] = defaultdict(list)
    for issue in shown:
        per_project[issue.repo.lower()].append(issue)
    # folded, never dropped silently: the project says how many more, up to which score
    folded = {repo.lower(): f for repo, f in folds.items()}
    reasons = {n: why for n, r in collected.repos.items() if (why := left_out(r))}
    skipped = tuple(sorted(f"{n} ({why})" for n, why in reasons.items()))
    projects = tuple(
        project(repo, per_project.get(name.lower(), []), collected.audits.get(name),
                collected.contributing.get(name), now)
        .model_copy(update=_more(folded.get(name.lower())))
        for name, repo in sorted(collected.repos.items(), key=lambda kv: kv[0].lower())
        if name not in reasons
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
