"""Audit outputs: JSON, SARIF 2.1.0, shields.io badge JSON, Markdown and a terminal table.

Each format is a pure function from ``AuditResult`` objects to text, registered in ``FORMATS`` so
the CLI and tests treat them alike. JSON carries ``version`` so consumers can detect changes.
"""

from __future__ import annotations

import hashlib
import io
import json
import textwrap
from collections.abc import Sequence
from typing import Any, Protocol

from ossmatch import __version__
from ossmatch.audit.evaluate import AuditResult, CheckResult, Fix
from ossmatch.audit.registry import CheckSpec, Evidence, all_checks
from ossmatch.audit.unfinished import Unfinished
from ossmatch.errors import UsageProblem

#: 2: always ``{"version", "audits": [...]}``; evidence, gates, fixes, weights and limits added.
JSON_VERSION = 2
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
BADGE_LABEL = "newcomer friendly"
BADGE_COLORS = {"A": "brightgreen", "B": "green", "C": "yellow", "D": "orange", "F": "red"}
ICONS = {"pass": "✅", "warn": "⚠️", "fail": "❌", "not_available": "⚪", "error": "💥"}
SARIF_LEVELS = {"fail": "error", "warn": "warning"}
#: Fixes the table shows under the grade: the three worth most per unit of effort.
TOP_FIXES = 3


def _dumps(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _evidence(items: Sequence[Evidence]) -> list[dict[str, str]]:
    return [{"url": e.url, "title": e.title, "why": e.why} for e in items]


def audit_dict(result: AuditResult) -> dict[str, Any]:
    """The JSON shape of one audit (see ``ossmatch/audit/audit.schema.json``)."""
    return {
        "repo": result.repo,
        "url": result.url,
        "evaluated_at": result.evaluated_at.isoformat(),
        "score": result.score,
        "grade": result.grade,
        "gates": [g.model_dump(mode="json") for g in result.gates],
        "checks": [
            {
                "id": c.id,
                "title": c.title,
                "group": c.group,
                "outcome": c.outcome,
                "score": c.score,
                "weight": c.weight,
                "effective_weight": c.effective_weight,
                "sample": c.sample,
                "reason": c.reason,
                "evidence": _evidence(c.evidence),
                "remediation": c.remediation,
                "effort": c.effort,
                "fix_at": c.fix_at,
                "location": c.location,
                "exempt": c.exempt,
            }
            for c in result.checks
        ],
        "fixes": [
            {"check": f.check, "title": f.title, "action": f.action, "effort": f.effort,
             "gain": f.gain, "file": f.file, "targets": _evidence(f.targets)}
            for f in result.fixes
        ],
        "candidates": [c.model_dump(mode="json") for c in result.candidates],
        "warnings": list(result.warnings),
        "limits": list(result.limits),
    }


def to_json(results: Sequence[AuditResult], *, unfinished: Sequence[Unfinished] = ()) -> str:
    """``{"version": 2, "audits": [...]}`` for one repository or many, plus what was not finished."""
    data: dict[str, Any] = {"version": JSON_VERSION, "audits": [audit_dict(r) for r in results]}
    if unfinished:
        data["unfinished"] = [u.as_dict() for u in unfinished]
    return _dumps(data)


def _rule_name(spec: CheckSpec) -> str:
    return "".join(part.capitalize() for part in spec.id.split("-"))


def _sarif_rule(spec: CheckSpec) -> dict[str, Any]:
    return {
        "id": spec.id,
        "name": _rule_name(spec),
        "shortDescription": {"text": spec.title},
        "fullDescription": {"text": spec.measures},
        "help": {"text": spec.remediation, "markdown": f"**Remediation** ({spec.effort} effort): "
                 f"{spec.remediation}"},
        "defaultConfiguration": {"level": "warning"},
        "properties": {"tags": ["newcomers", "community"], "precision": "high"},
    }


def _is_reported(check: CheckResult) -> bool:
    return check.outcome in SARIF_LEVELS and check.exempt is None


def _sarif_result(result: AuditResult, check: CheckResult, index: int) -> dict[str, Any]:
    fingerprint = hashlib.sha256(f"{result.repo.lower()}:{check.id}".encode()).hexdigest()[:32]
    return {
        "ruleId": check.id,
        "ruleIndex": index,
        "level": SARIF_LEVELS[check.outcome],
        "message": {"text": f"{check.reason} {check.remediation}"},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": check.location, "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": 1},
                }
            }
        ],
        "partialFingerprints": {"ossmatchCheck/v1": fingerprint},
        **({"relatedLocations": [
            {"id": i, "physicalLocation": {"artifactLocation": {"uri": e.url}},
             "message": {"text": f"{e.title}: {e.why}"}}
            for i, e in enumerate(check.evidence)
        ]} if check.evidence else {}),
    }


def _sarif_run(result: AuditResult, specs: tuple[CheckSpec, ...]) -> dict[str, Any]:
    index = {spec.id: i for i, spec in enumerate(specs)}
    return {
        "tool": {
            "driver": {
                "name": "ossmatch",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [_sarif_rule(spec) for spec in specs],
            }
        },
        "automationDetails": {"id": f"ossmatch-audit/{result.repo}/"},
        "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "Repository root"}}},
        "results": [
            _sarif_result(result, check, index[check.id])
            for check in result.checks
            if _is_reported(check) and check.id in index
        ],
        "properties": {"score": result.score, "grade": result.grade},
    }


def to_sarif(results: Sequence[AuditResult], *, unfinished: Sequence[Unfinished] = ()) -> str:
    """SARIF 2.1.0: one rule per check, one result per failing or warning check, one run per repo."""
    specs = all_checks()
    return _dumps({
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [_sarif_run(result, specs) for result in results],
    })


def badge_dict(result: AuditResult) -> dict[str, Any]:
    """shields.io endpoint JSON; exactly the four keys shields.io requires."""
    if result.grade is None:
        return {"schemaVersion": 1, "label": BADGE_LABEL, "message": "unknown",
                "color": "lightgrey"}
    return {
        "schemaVersion": 1,
        "label": BADGE_LABEL,
        "message": f"{result.grade} ({result.score}/100)",
        "color": BADGE_COLORS[result.grade],
    }


def to_badge(results: Sequence[AuditResult], *, unfinished: Sequence[Unfinished] = ()) -> str:
    if len(results) != 1:
        raise UsageProblem("--format badge describes one repository; audit them one at a time")
    return _dumps(badge_dict(results[0]))


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


def markdown_context(results: Sequence[AuditResult], unfinished: Sequence[Unfinished] = ()
                     ) -> dict[str, Any]:
    """Plain data for ``audit.md.j2``; GitHub-sourced text is escaped by the template."""
    audits = []
    for result in results:
        data = audit_dict(result)
        for check in data["checks"]:
            check["icon"] = "⏭️" if check["exempt"] else ICONS[check["outcome"]]
            check["score_text"] = "n/a" if check["score"] is None else f"{check['score']:g}"
        icons = {c["id"]: c["icon"] for c in data["checks"]}
        for fix, model in zip(data["fixes"], result.fixes, strict=True):
            fix["icon"] = icons.get(fix["check"], "")
            fix["where"] = fix_where(model)
            fix["gain_text"] = f"{model.gain:g}"
        audits.append(data)
    from ossmatch.project import project_home

    return {"audits": audits, "version": __version__, "home": project_home(),
            "unfinished": [u.describe() for u in unfinished]}


def to_markdown(results: Sequence[AuditResult], *, unfinished: Sequence[Unfinished] = ()) -> str:
    from ossmatch.render.jinja import render_template

    return render_template("audit.md.j2", markdown_context(results, unfinished))


_STYLES = {"pass": "green", "warn": "yellow", "fail": "red", "not_available": "dim",
           "error": "magenta"}
_WORDS = {"pass": "pass", "warn": "warn", "fail": "FAIL", "not_available": "n/a",
          "error": "error"}


def hanging(text: str, width: int, indent: int, hang: int = 0) -> str:
    """``text`` wrapped at word boundaries, indented, its later lines indented ``hang`` more."""
    return textwrap.fill(text, width=max(width, 20), initial_indent=" " * indent,
                         subsequent_indent=" " * (indent + hang), break_long_words=False, break_on_hyphens=False)


def to_table(results: Sequence[AuditResult], *, color: bool = False, width: int = 100,
             unfinished: Sequence[Unfinished] = ()) -> str:
    """Per repository: the grade, the gates, the top three fixes, then the checks table."""
    from rich import box
    from rich.console import Console
    from rich.padding import Padding
    from rich.style import Style
    from rich.table import Table
    from rich.text import Text

    from ossmatch.render.text import clean, safe_url

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
            console.print(hanging(gate.reason, width, 2), markup=False)
        for number, fix in enumerate(result.fixes[:TOP_FIXES], 1):
            console.print(hanging(f"fix {number}. {fix_line(fix)}", width, 2, len(f"fix {number}. ")), markup=False)
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
            console.print(hanging(f"without a token: {limit}", width, 2, 4), markup=False)
        for warning in result.warnings:
            console.print(hanging(f"warning: {warning}", width, 2, 4), markup=False)
    if len(results) > 1:
        console.print(summary_table(results))
    for item in unfinished:
        console.print(f"not audited: {item.describe()}", markup=False)
    if color:
        return buffer.getvalue()
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())  # no padding to the width


def summary_table(results: Sequence[AuditResult]) -> Any:
    from rich import box
    from rich.table import Table

    table = Table(title="Summary", box=box.SIMPLE, title_justify="left")
    for name in ("Repository", "Grade", "Score", "Fix first"):
        table.add_column(name, justify="right" if name == "Score" else "left")
    for result in results:
        first = result.fixes[0].title if result.fixes else "nothing"
        table.add_row(result.repo, result.grade or "-",
                      "-" if result.score is None else str(result.score), first)
    return table


class Formatter(Protocol):
    def __call__(self, results: Sequence[AuditResult], *, unfinished: Sequence[Unfinished] = ()
                 ) -> str: ...


FORMATS: dict[str, Formatter] = {
    "table": to_table,
    "markdown": to_markdown,
    "json": to_json,
    "sarif": to_sarif,
    "badge": to_badge,
}
