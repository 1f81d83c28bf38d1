"""The ``suggest`` result in each output format: a terminal list (``table``), JSON, Markdown, HTML.

JSON is the documented, versioned contract (``SCHEMA_VERSION``); Markdown and HTML come from
templates; the terminal list is ``ossmatch.suggest.listing``. Each format is registered in
``FORMATS`` and renders from one ``SuggestReport``.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from rich.console import Console

from ossmatch.project import project_home
from ossmatch.render.formats import Formats, Screen
from ossmatch.render.jinja import render_template
from ossmatch.render.wording import plural
from ossmatch.suggest.components import crowding
from ossmatch.suggest.fold import fold_after
from ossmatch.suggest.listing import WHOSE, empty_advice, footer_text, print_table
from ossmatch.suggest.missing import missing_signals

if TYPE_CHECKING:
    from ossmatch.models import Issue, IssueLink
    from ossmatch.profile import Profile
    from ossmatch.suggest.claims import Claim
    from ossmatch.suggest.fold import Fold
    from ossmatch.suggest.pipeline import SuggestResult
    from ossmatch.suggest.relationships import InProgress
    from ossmatch.suggest.scoring import RankedIssue

#: Bump when a field is removed or changes meaning; adding fields keeps the version.
SCHEMA_VERSION = 1
#: Width of the plain list written to a file: wide enough that most titles keep to one line.
FILE_WIDTH = 120


@dataclass(frozen=True)
class SuggestReport:
    """Everything a ``suggest`` format renders: the result, for whom and when, and how to say it."""

    result: SuggestResult
    profile: Profile
    now: datetime
    #: What to try when nothing matched (``empty_advice`` for the filters used).
    advice: str | None = None
    #: The terminal list with every reason and the score's parts.
    explain: bool = False


FORMATS: Formats[SuggestReport] = Formats("suggest")


def issue_entry(item: RankedIssue) -> dict[str, Any]:
    """One ranked issue as plain data: the shape of ``issues[]`` in the JSON output."""
    issue, repo = item.issue, item.repo
    return {
        "repo": issue.repo,
        "number": issue.number,
        "url": issue.url,
        "title": issue.title,
        "labels": list(issue.label_names),
        "score": round(item.score, 2),
        "components": {k: round(v, 4) for k, v in sorted(item.components.items())},
        "reasons": list(item.reasons),
        "flags": sorted(item.flags),
        "holding_down": list(item.holding_down),
        "preference": None if item.preference is None else round(item.preference, 2),
        "missing_signals": list(missing_signals(item.repo)),
        "created_at": issue.created_at.isoformat(),
        "updated_at": issue.updated_at.isoformat(),
        "comments": issue.comment_count,
        "mentored": item.mentorship.model_dump(mode="json") if item.mentorship else None,
        "next_step": item.next_step is not None,
        "next_step_detail": item.next_step.model_dump(mode="json") if item.next_step else None,
        "involved": item.involvement is not None,
        "involvement": item.involvement.model_dump(mode="json") if item.involvement else None,
        **issue_model_2026(item),
        "signals": {
            "issue": json.loads(item.signals.model_dump_json()),
            "repo": json.loads(item.repo_signals.model_dump_json()),
            "repo_stars": repo.stars,
            "repo_languages": list(repo.languages),
        },
    }


def issue_model_2026(item: RankedIssue) -> dict[str, Any]:
    """Dependencies, sub-issues, the issue type and the project's AI policy, as JSON."""
    issue, repo = item.issue, item.repo

    def link(x: IssueLink) -> dict[str, Any]:
        return {"repo": x.repo, "number": x.number, "title": x.title, "url": x.url, "state": x.state}

    return {
        "issue_type": issue.issue_type,
        "blocked_by": [link(b) for b in issue.blocked_by],
        "parent": ({**link(issue.parent), "sub_issues_total": issue.parent.sub_issues_total,
                    "sub_issues_done": issue.parent.sub_issues_done} if issue.parent else None),
        "sub_issues": {"total": issue.sub_issues_total, "done": issue.sub_issues_done},
        "ai_policy": repo.ai_policy.model_dump(mode="json") if repo.ai_policy else None,
        "ai_policy_read": repo.ai_policy_read,
        **claims_entry(item.claims, issue),
    }


def claims_entry(claims: tuple[Claim, ...], issue: Issue) -> dict[str, Any]:
    """Who else wants the issue: recent claims, and the crowding counts behind ``crowd_factor``."""
    people = {(c.author or "").lower() for c in claims}
    latest = min((c.age_hours for c in claims), default=None)
    crowd = crowding(claims, issue)
    return {
        "claims": {"people": len(people), "latest_hours_ago": None if latest is None else round(latest, 1)},
        "crowding": {"asked_last_week": crowd.askers, "pull_requests_open": crowd.open_pulls,
                     "pull_requests_closed_unmerged": crowd.closed_pulls},
    }


def pull_entry(item: InProgress) -> dict[str, Any]:
    """One open pull request of the person: the shape of ``in_progress[]`` in the JSON output."""
    pull = item.pull
    return {
        "repo": pull.repo,
        "number": pull.number,
        "url": pull.url,
        "title": pull.title,
        "draft": pull.is_draft,
        "created_at": pull.created_at.isoformat(),
        "waiting_on": item.waiting_on,
        "status": WHOSE[item.waiting_on],
        "waiting_days": round(item.waiting_days, 1),
        "nudge": item.nudge,
    }


def fold_summary(fold: Fold) -> dict[str, Any]:
    """How many more a repository has beyond the cap, the best of them, and the option listing them."""
    return {"repo": fold.repo, "count": len(fold.issues), "top_score": round(fold.top_score, 2),
            "command": fold.command, "option": fold.option, "text": fold.text()}


def document(result: SuggestResult, profile: Profile, now: datetime) -> dict[str, Any]:
    under = fold_after(result.ranked, result.folds)
    issues = [issue_entry(item) | {"fold": fold_summary(under[i]) if i in under else None}
              for i, item in enumerate(result.ranked)]
    return {
        "version": SCHEMA_VERSION,
        "generated_at": now.isoformat(),
        "profile": json.loads(profile.model_dump_json()),
        "candidates": result.candidates,
        "repositories": result.repositories,
        "matched": result.matched,
        "hidden": result.hidden,
        "left_out": dict(result.left_out),
        "left_out_by_ai_policy": [{"repo": r.repo, "issues": r.issues, **r.policy.model_dump(mode="json")}
                                  for r in result.ai_refused],
        "full_signals": result.full_signals,
        "partial": result.partial,
        "warnings": list(result.warnings),
        "notes": list(result.notes),
        "issues": issues,
        "folded": {repo: {**fold_summary(fold), "issues": [issue_entry(item) for item in fold.issues]}
                   for repo, fold in result.folds.items()},
        "me": result.me,
        "involved": [issue_entry(item) for item in result.involved],
        "in_progress": [pull_entry(item) for item in result.in_progress],
    }


def to_json(result: SuggestResult, profile: Profile, now: datetime) -> str:
    return json.dumps(document(result, profile, now), indent=2, sort_keys=False) + "\n"


def to_template(name: str, result: SuggestResult, profile: Profile, now: datetime, advice: str | None = None) -> str:
    """Markdown or HTML: the JSON document plus the project's home and the advice for an empty result;
    each fold line also in its parts (``Fold.parts``), so a template marks its option up and says the rest as is."""
    doc = document(result, profile, now)
    under = fold_after(result.ranked, result.folds)
    for i, entry in enumerate(doc["issues"]):
        if i in under:
            lead, _option, tail = under[i].parts()
            entry["fold"] = {**entry["fold"], "lead": lead, "tail": tail}
    context = {
        **doc,
        "home": project_home(),
        "advice": advice or empty_advice(),
        "found": f"{plural(result.candidates, 'candidate')} in {plural(result.repositories, 'repository')}",
        "footer": footer_text(result, hints=False),
    }
    return render_template(name, context)


@FORMATS.register("table", styled=True)
def table_format(report: SuggestReport, screen: Screen) -> str:
    """The compact list (``print_table``): styled for a colour terminal, plain for a pipe or a file."""
    columns = FILE_WIDTH if screen.columns is None else screen.columns
    out = io.StringIO()
    if screen.color:
        console = Console(file=out, width=columns, force_terminal=True, no_color=False)
    else:
        console = Console(file=out, width=columns, force_terminal=False, no_color=True)
    print_table(report.result, console, explain=report.explain, advice=report.advice)
    return out.getvalue()


@FORMATS.register("json")
def json_format(report: SuggestReport, screen: Screen) -> str:
    return to_json(report.result, report.profile, report.now)


@FORMATS.register("markdown")
def markdown_format(report: SuggestReport, screen: Screen) -> str:
    return to_template("suggest.md.j2", report.result, report.profile, report.now, report.advice)


@FORMATS.register("html")
def html_format(report: SuggestReport, screen: Screen) -> str:
    return to_template("suggest.html.j2", report.result, report.profile, report.now, report.advice)
