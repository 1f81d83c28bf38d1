"""Audit outputs: JSON, SARIF 2.1.0, shields.io badge JSON, Markdown and a terminal table.

Each format is a pure function from ``AuditResult`` objects to text, registered in ``FORMATS`` so
the CLI and tests treat them alike. JSON carries ``version`` so consumers can detect changes.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Callable, Sequence
from typing import Any

from ossmatch import __version__
from ossmatch.audit.evaluate import AuditResult, CheckResult
from ossmatch.audit.registry import CheckSpec, all_checks
from ossmatch.errors import UsageProblem

JSON_VERSION = 1
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
BADGE_LABEL = "newcomer friendly"
BADGE_COLORS = {"A": "brightgreen", "B": "green", "C": "yellow", "D": "red"}
ICONS = {"pass": "✅", "warn": "⚠️", "fail": "❌", "not_available": "⚪", "error": "💥"}
SARIF_LEVELS = {"fail": "error", "warn": "warning"}


def _dumps(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def audit_dict(result: AuditResult) -> dict[str, Any]:
    """The JSON shape of one audit (version 1)."""
    return {
        "repo": result.repo,
        "url": result.url,
        "evaluated_at": result.evaluated_at.isoformat(),
        "score": result.score,
        "grade": result.grade,
        "checks": [
            {
                "id": c.id,
                "title": c.title,
                "outcome": c.outcome,
                "score": c.score,
                "reason": c.reason,
                "remediation": c.remediation,
                "effort": c.effort,
                "tier": c.tier,
                "location": c.location,
                "exempt": c.exempt,
            }
            for c in result.checks
        ],
        "candidates": [c.model_dump(mode="json") for c in result.candidates],
        "warnings": list(result.warnings),
    }


def to_json(results: Sequence[AuditResult]) -> str:
    """One audit as an object; several as ``{"version": 1, "audits": [...]}``."""
    if len(results) == 1:
        return _dumps({"version": JSON_VERSION, **audit_dict(results[0])})
    return _dumps({"version": JSON_VERSION, "audits": [audit_dict(r) for r in results]})


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


def to_sarif(results: Sequence[AuditResult]) -> str:
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


def to_badge(results: Sequence[AuditResult]) -> str:
    if len(results) != 1:
        raise UsageProblem("--format badge describes one repository; audit them one at a time")
    return _dumps(badge_dict(results[0]))


def markdown_context(results: Sequence[AuditResult]) -> dict[str, Any]:
    """Plain data for ``audit.md.j2``; GitHub-sourced text is escaped by the template."""
    audits = []
    for result in results:
        data = audit_dict(result)
        for check in data["checks"]:
            check["icon"] = "⏭️" if check["exempt"] else ICONS[check["outcome"]]
            check["score_text"] = "n/a" if check["score"] is None else f"{check['score']:g}"
        data["to_fix"] = [
            c for c in data["checks"] if c["outcome"] in ("fail", "warn") and not c["exempt"]
        ]
        audits.append(data)
    return {"audits": audits, "version": __version__}


def to_markdown(results: Sequence[AuditResult]) -> str:
    from ossmatch.render import render_template

    return render_template("audit.md.j2", markdown_context(results))


_STYLES = {"pass": "green", "warn": "yellow", "fail": "red", "not_available": "dim",
           "error": "magenta"}
_WORDS = {"pass": "pass", "warn": "warn", "fail": "FAIL", "not_available": "n/a",
          "error": "error"}


def to_table(results: Sequence[AuditResult], *, color: bool = False, width: int = 100) -> str:
    """Rich table(s): one per repository, then a summary when there are several."""
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from ossmatch.render import clean

    buffer = io.StringIO()
    console = Console(file=buffer, width=width, force_terminal=color, no_color=not color,
                      color_system="standard" if color else None, highlight=False)
    for result in results:
        grade = f"grade {result.grade} ({result.score}/100)" if result.grade else "no score"
        table = Table(title=f"{result.repo}: {grade}", box=box.SIMPLE, title_justify="left")
        table.add_column("Check")
        table.add_column("Result")
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
            console.print(f"  consider labelling #{candidate.number} {candidate.title} "
                          f"(fit {candidate.fit:.2f})", markup=False)
        for warning in result.warnings:
            console.print(f"  warning: {warning}", markup=False)
    if len(results) > 1:
        console.print(summary_table(results))
    return buffer.getvalue()


def summary_table(results: Sequence[AuditResult]) -> Any:
    from rich import box
    from rich.table import Table

    table = Table(title="Summary", box=box.SIMPLE, title_justify="left")
    for name in ("Repository", "Grade", "Score", "Failing"):
        table.add_column(name, justify="right" if name == "Score" else "left")
    for result in results:
        failing = [c.id for c in result.checks if c.outcome == "fail" and not c.exempt]
        table.add_row(result.repo, result.grade or "-",
                      "-" if result.score is None else str(result.score),
                      ", ".join(failing) or "none")
    return table


Formatter = Callable[[Sequence[AuditResult]], str]

FORMATS: dict[str, Formatter] = {
    "table": to_table,
    "markdown": to_markdown,
    "json": to_json,
    "sarif": to_sarif,
    "badge": to_badge,
}
