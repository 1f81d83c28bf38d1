"""The ``suggest`` result in each output format: JSON, Markdown, HTML, and a terminal view.

JSON is the documented, versioned contract (``SCHEMA_VERSION``); Markdown and HTML come from
templates; the terminal view uses rich with clickable links, or plain text when not a TTY.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

    from ossmatch.discover import SuggestResult
    from ossmatch.profile import Profile
    from ossmatch.ranking import RankedIssue
    from ossmatch.relationships import InProgress

#: Bump when a field is removed or changes meaning; adding fields keeps the version.
SCHEMA_VERSION = 1
FORMATS = ("table", "json", "markdown", "html")


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
        "created_at": issue.created_at.isoformat(),
        "updated_at": issue.updated_at.isoformat(),
        "comments": issue.comment_count,
        "mentored": item.mentorship.model_dump(mode="json") if item.mentorship else None,
        "next_step": item.next_step is not None,
        "next_step_detail": item.next_step.model_dump(mode="json") if item.next_step else None,
        "involved": item.involvement is not None,
        "involvement": item.involvement.model_dump(mode="json") if item.involvement else None,
        "signals": {
            "issue": json.loads(item.signals.model_dump_json()),
            "repo": json.loads(item.repo_signals.model_dump_json()),
            "repo_stars": repo.stars,
            "repo_languages": list(repo.languages),
        },
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
        "status": _WHOSE[item.waiting_on],
        "waiting_days": round(item.waiting_days, 1),
        "nudge": item.nudge,
    }


def document(result: SuggestResult, profile: Profile, now: datetime) -> dict[str, Any]:
    return {
        "version": SCHEMA_VERSION,
        "generated_at": now.isoformat(),
        "profile": json.loads(profile.model_dump_json()),
        "candidates": result.candidates,
        "repositories": result.repositories,
        "full_signals": result.full_signals,
        "warnings": list(result.warnings),
        "issues": [issue_entry(item) for item in result.ranked],
        "me": result.me,
        "involved": [issue_entry(item) for item in result.involved],
        "in_progress": [pull_entry(item) for item in result.in_progress],
    }


def to_json(result: SuggestResult, profile: Profile, now: datetime) -> str:
    return json.dumps(document(result, profile, now), indent=2, sort_keys=False) + "\n"


def to_template(name: str, result: SuggestResult, profile: Profile, now: datetime) -> str:
    from ossmatch.render import render_template

    return render_template(name, document(result, profile, now))


def render(fmt: str, result: SuggestResult, profile: Profile, now: datetime) -> str:
    """Text for any format but ``table`` (which prints to a console)."""
    if fmt == "json":
        return to_json(result, profile, now)
    if fmt == "markdown":
        return to_template("suggest.md.j2", result, profile, now)
    if fmt == "html":
        return to_template("suggest.html.j2", result, profile, now)
    raise ValueError(f"unknown format {fmt!r}")


#: Reasons shown per issue in the table (all of them with ``--explain``, in JSON, Markdown and HTML):
#: reasons come strongest first, and a fourth rarely adds what the first three did not.
TABLE_REASONS = 3


def _reasons(item: RankedIssue, explain: bool) -> list[str]:
    if not explain:
        return list(item.reasons[:TABLE_REASONS])
    parts = ", ".join(f"{k} {v:.3g}" for k, v in sorted(item.components.items()))
    return [*item.reasons, f"score components: {parts}"]


def print_table(result: SuggestResult, console: Console, explain: bool = False) -> None:
    """A rich table on a terminal; numbered plain text when piped or with NO_COLOR."""
    if not result.ranked:
        console.print("No matching issues found. Try more skills or --level intermediate.", markup=False)
    elif not console.is_terminal or console.no_color:
        for rank, item in enumerate(result.ranked, 1):
            issue = item.issue
            flags = f" [{', '.join(sorted(item.flags))}]" if item.flags else ""
            lines = [f"{rank}. {issue.repo}#{issue.number} ({item.score:.0f}){flags} {_flat(issue.title)}"]
            lines.append(f"   {issue.url}")
            lines += [f"   - {reason}" for reason in _reasons(item, explain)]
            console.print("\n".join(lines), markup=False, highlight=False, soft_wrap=True)
    else:
        _print_rich(result, console, explain)
    _print_yours(result, console)


def _print_yours(result: SuggestResult, console: Console) -> None:
    """Issues the person is already part of, and their open pull requests, as plain lines."""
    if result.involved:
        lines = ["", "You're involved (not new finds):"]
        for item in result.involved:
            issue = item.issue
            lines.append(f"- {issue.repo}#{issue.number} {_flat(issue.title)}")
            lines.append(f"  {issue.url}")
            lines += [f"  {reason}" for reason in item.reasons[:1]]
        console.print("\n".join(lines), markup=False, highlight=False, soft_wrap=True)
    if result.in_progress:
        lines = ["", "Your pull requests in progress:"]
        for entry in result.in_progress:
            pull = entry.pull
            whose = _WHOSE[entry.waiting_on]
            lines.append(f"- {pull.repo}#{pull.number} {_flat(pull.title)} ({whose})")
            lines.append(f"  {pull.url}")
            if entry.nudge:
                lines.append(f"  {entry.nudge}")
        console.print("\n".join(lines), markup=False, highlight=False, soft_wrap=True)


def _print_rich(result: SuggestResult, console: Console, explain: bool) -> None:
    from rich.style import Style
    from rich.table import Table
    from rich.text import Text

    from ossmatch.render import safe_url

    table = Table(show_lines=True, title="Issues for you, best first")
    table.add_column("#", justify="right")
    table.add_column("Score", justify="right")
    table.add_column("Issue", overflow="fold")
    table.add_column("Why", overflow="fold")
    for rank, item in enumerate(result.ranked, 1):
        issue = item.issue
        link = safe_url(issue.url)
        cell = Text(f"{issue.repo}#{issue.number}\n", style=Style(bold=True, link=None if link == "#" else link))
        cell.append(_flat(issue.title))
        if item.flags:
            cell.append("\n" + ", ".join(sorted(item.flags)), style="yellow")
        why = Text("\n".join(f"• {reason}" for reason in _reasons(item, explain)))
        table.add_row(str(rank), f"{item.score:.0f}", cell, why)
    console.print(table)


_WHOSE = {
    "review": "waiting for review",
    "you": "waiting for you",
    "unknown": "review state unknown without a token",
}


def _flat(text: str) -> str:
    return " ".join(text.split())
