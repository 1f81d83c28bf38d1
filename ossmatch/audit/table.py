"""The audit as a terminal table: per repository the grade, the gates and the top fixes, then the
checks; a summary when several were audited. Also how a fix is said in one line (Markdown uses it too).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from rich import box
from rich.console import Console
from rich.padding import Padding
from rich.style import Style
from rich.table import Table
from rich.text import Text

from ossmatch.audit.evaluate import AuditResult, Fix
from ossmatch.audit.unfinished import Unfinished
from ossmatch.render.text import clean, safe_url
from ossmatch.render.wrap import fill

#: Fixes the table shows under the grade: the three worth most per unit of effort.
TOP_FIXES = 3
#: Width of the table when it does not go to a colour terminal (a file, a pipe, ``NO_COLOR``):
#: wide enough for a check id, its result, score and a short reason on one line.
PLAIN_WIDTH = 100


def fix_where(fix: Fix) -> str:
    """Where to act, in a few words: the file, or the issues, pull requests or labels to open."""
    if fix.file:
        missing = any(t.why == "missing" for t in fix.targets)
        return f"{'add' if missing else 'edit'} {fix.file}"
    names = ["the labels page" if t.url.endswith("/labels") else t.title.split(" ", 1)[0] if t.title.startswith("#")
             else t.title for t in fix.targets]
    if not names:
        return ""
    shown = ", ".join(names[:TOP_FIXES])
    more = len(names) - TOP_FIXES
    return shown + (f" and {more} more" if more > 0 else "")


def fix_line(fix: Fix) -> str:
    where = fix_where(fix)
    return (f"{fix.title}: +{fix.gain:g} points, {fix.effort} effort"
            + (f"; {where}" if where else ""))


_STYLES = {"pass": "green", "warn": "yellow", "fail": "red", "not_available": "dim",
           "error": "magenta"}
_WORDS = {"pass": "pass", "warn": "warn", "fail": "FAIL", "not_available": "n/a",
          "error": "error"}


def to_table(results: Sequence[AuditResult], *, color: bool = False, width: int = PLAIN_WIDTH,
             unfinished: Sequence[Unfinished] = ()) -> str:
    """Per repository: the grade, the gates, the top three fixes, then the checks table."""
    def linked(text: str, url: str) -> Text:
        """Clickable on a terminal (OSC 8), like suggest's list; plain text has no links."""
        target = safe_url(url)
        return Text(text, style=Style(link=target if color and target != "#" else None))

    buffer = io.StringIO()
    console = Console(file=buffer, width=width, force_terminal=color, no_color=not color,
                      color_system="standard" if color else None, highlight=False)
    for result in results:
        grade = f"grade {result.grade} ({result.score}/100)" if result.grade else "no score"
        console.print(linked(result.repo, result.url).append(f": {grade}"))
        for gate in result.gates:
            console.print(fill(gate.reason, width, indent=2), markup=False)
        for number, fix in enumerate(result.fixes[:TOP_FIXES], 1):
            lead = f"fix {number}. "
            console.print(fill(f"{lead}{fix_line(fix)}", width, indent=2, hang=len(lead)), markup=False)
        table = Table(box=box.SIMPLE)
        # Check ids are what exemptions and the docs use: never wrapped or cut, even at 40 columns.
        table.add_column("Check", no_wrap=True, min_width=max((len(c.id) for c in result.checks), default=5))
        table.add_column("Result", no_wrap=True)
        table.add_column("Score", justify="right")
        table.add_column("Why")
        for check in result.checks:
            word = "exempt" if check.exempt else _WORDS[check.outcome]
            style = "dim" if check.exempt else _STYLES[check.outcome]
            score = "-" if check.score is None else f"{check.score:g}"
            reason = f"{check.reason} (exempt: {check.exempt})" if check.exempt else check.reason
            # Text, not a markup string: an exemption reason is the repository's text.
            table.add_row(check.id, Text(word, style=style), score, Text(clean(reason)))
        console.print(table)
        for candidate in result.candidates:
            line = Text("consider labelling ").append_text(linked(f"#{candidate.number}", candidate.url))
            line.append(f" {clean(candidate.title)}: {'; '.join(candidate.reasons)}")
            console.print(Padding(line, (0, 0, 0, 2)))  # every wrapped line indented, not only the first
        for limit in result.limits:
            console.print(fill(f"without a token: {limit}", width, indent=2, hang=4), markup=False)
        for warning in result.warnings:
            console.print(fill(f"warning: {warning}", width, indent=2, hang=4), markup=False)
    if len(results) > 1:
        console.print(summary_table(results))
    for item in unfinished:
        console.print(f"not audited: {item.describe()}", markup=False)
    if color:
        return buffer.getvalue()
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())  # no padding to the width


def summary_table(results: Sequence[AuditResult]) -> Any:
    table = Table(title="Summary", box=box.SIMPLE, title_justify="left")
    for name in ("Repository", "Grade", "Score", "Fix first"):
        table.add_column(name, justify="right" if name == "Score" else "left")
    for result in results:
        first = result.fixes[0].title if result.fixes else "nothing"
        table.add_row(result.repo, result.grade or "-",
                      "-" if result.score is None else str(result.score), first)
    return table
