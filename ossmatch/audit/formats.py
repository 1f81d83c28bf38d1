"""Audit outputs: JSON, SARIF 2.1.0, shields.io badge JSON, Markdown and the terminal table (``table.py``).

Each format is a pure function from one ``AuditReport`` to text, registered in ``FORMATS`` so
the CLI and tests treat them alike. JSON carries ``version`` so consumers can detect changes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ossmatch import __version__
from ossmatch.audit.evaluate import AuditResult, CheckResult
from ossmatch.audit.registry import CheckSpec, Evidence, all_checks
from ossmatch.audit.table import PLAIN_WIDTH, fix_where, to_table
from ossmatch.audit.unfinished import Unfinished
from ossmatch.errors import UsageProblem
from ossmatch.project import project_home
from ossmatch.render.formats import Formats, Screen
from ossmatch.render.jinja import render_template

#: 2: always ``{"version", "audits": [...]}``; evidence, gates, fixes, weights and limits added.
JSON_VERSION = 2
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
BADGE_LABEL = "newcomer friendly"
BADGE_COLORS = {"A": "brightgreen", "B": "green", "C": "yellow", "D": "orange", "F": "red"}
ICONS = {"pass": "✅", "warn": "⚠️", "fail": "❌", "not_available": "⚪", "error": "💥"}
SARIF_LEVELS = {"fail": "error", "warn": "warning"}
#: Formats that describe exactly one repository (a badge has room for one grade).
ONE_REPOSITORY = frozenset({"badge"})


@dataclass(frozen=True)
class AuditReport:
    """Everything an audit format renders: the finished audits and the repositories not finished."""

    results: Sequence[AuditResult]
    unfinished: Sequence[Unfinished] = field(default=())


FORMATS: Formats[AuditReport] = Formats("audit")


def check_fit(fmt: str, *, many: bool) -> None:
    """Refuse, before any request, a format that describes one repository when many are asked for."""
    if many and fmt in ONE_REPOSITORY:
        raise UsageProblem(f"--format {fmt} describes one repository; audit them one at a time")


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
    check_fit("badge", many=len(results) != 1)
    return _dumps(badge_dict(results[0]))


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
    return {"audits": audits, "version": __version__, "home": project_home(),
            "unfinished": [u.describe() for u in unfinished]}


def to_markdown(results: Sequence[AuditResult], *, unfinished: Sequence[Unfinished] = ()) -> str:
    return render_template("audit.md.j2", markdown_context(results, unfinished))


@FORMATS.register("table", styled=True)
def table_format(report: AuditReport, screen: Screen) -> str:
    """``to_table`` at the screen's width (the terminal's, or ``COLUMNS``), else plain at ``PLAIN_WIDTH``."""
    width = screen.columns or PLAIN_WIDTH
    return to_table(report.results, color=screen.color, width=width, unfinished=report.unfinished)


def _of_report(render: Callable[..., str]) -> Callable[[AuditReport, Screen], str]:
    """A format of the results and what was not finished, taking the report (no screen needed)."""

    def format_report(report: AuditReport, screen: Screen) -> str:
        return render(report.results, unfinished=report.unfinished)

    return format_report


FORMATS.register("markdown")(_of_report(to_markdown))
FORMATS.register("json")(_of_report(to_json))
FORMATS.register("sarif")(_of_report(to_sarif))
FORMATS.register("badge")(_of_report(to_badge))
