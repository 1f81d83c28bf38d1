"""Golden files for every audit format, SARIF schema validation and the badge's exact keys.

Regenerate goldens with ``OSSMATCH_UPDATE_GOLDEN=1 pytest tests/audit``. The SARIF schema is the
2.1.0 (rtm.5) schema vendored from the MIT-licensed npm package ``@microsoft/jest-sarif``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest
from helpers import NOW, comment, file, issue, labels, snap

from ossmatch.audit.candidates import LabelCandidate
from ossmatch.audit.evaluate import evaluate
from ossmatch.audit.formats import FORMATS, AuditReport, badge_dict, to_sarif
from ossmatch.audit.registry import all_checks
from ossmatch.audit.table import to_table

GOLDEN = Path(__file__).parent / "golden"
SCHEMA = Path(__file__).parent / "sarif-schema-2.1.0.json"
AUDIT_SCHEMA = Path(__file__).parents[2] / "ossmatch" / "audit" / "audit.schema.json"
UPDATE = os.environ.get("OSSMATCH_UPDATE_GOLDEN") == "1"
HOSTILE = "Evil <script>alert(1)</script> [click](javascript:alert(1)) | pipe"


def _result():
    """A fixed audit touching every outcome, including untrusted label and issue text."""
    snapshot = snap(
        name_with_owner="acme/widgets",
        url="https://github.com/acme/widgets",
        license="MIT",
        files=(file("README.md", "# Widgets\n\nSee CONTRIBUTING.md."),
               file(".github/ossmatch.toml", '[exempt]\npr-template = "We take patches by mail"\n')),
        labels=labels((HOSTILE, None), ("good first issue", "Newcomers welcome")),
        beginner_issues=(issue(1, body="fix", labels=("good first issue",)),),
        recent_issues=(issue(2, comments=(comment("boss", "OWNER", NOW),)),
                       issue(3, created=30).model_copy(update={"title": HOSTILE})),
    )
    result = evaluate(snapshot, NOW, with_candidates=False)
    candidate = LabelCandidate(number=7, title=HOSTILE, url="https://github.com/acme/widgets/issues/7",
                               fit=0.81, reasons=("short (40 words)", "names one file (src/a.py)",
                                                          "no design question"))
    return result.model_copy(update={"candidates": (candidate,)})



def _render(fmt, results, **options):
    return FORMATS.render(fmt, AuditReport(results, **options)).text


@pytest.mark.parametrize("fmt, suffix", [("json", "json"), ("sarif", "sarif"), ("badge", "json"),
                                         ("markdown", "md"), ("table", "txt")])
def test_golden(fmt, suffix):
    text = _render(fmt, [_result()])
    path = GOLDEN / f"audit-{fmt}.{suffix}"
    if UPDATE:
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_sarif_is_valid_2_1_0_with_one_rule_per_check():
    result = _result()
    log = json.loads(to_sarif([result]))
    jsonschema.validate(log, json.loads(SCHEMA.read_text(encoding="utf-8")))
    run = log["runs"][0]
    assert [rule["id"] for rule in run["tool"]["driver"]["rules"]] == [s.id for s in all_checks()]
    reported = {r["ruleId"] for r in run["results"]}
    expected = {c.id for c in result.checks if c.outcome in ("fail", "warn") and not c.exempt}
    assert reported == expected and "pr-template" not in reported
    for item in run["results"]:
        uri = item["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert uri and not uri.startswith("/") and "://" not in uri


def test_badge_has_only_shields_keys():
    badge = badge_dict(_result())
    assert list(badge) == ["schemaVersion", "label", "message", "color"]
    assert badge["schemaVersion"] == 1


def test_markdown_escapes_github_text():
    text = _render("markdown", [_result()])
    assert "<script>" not in text and "](javascript:" not in text
    assert text.index("| Check |") < text.index("<details>")


def _validate(text: str) -> dict:
    data = json.loads(text)
    jsonschema.validate(data, json.loads(AUDIT_SCHEMA.read_text(encoding="utf-8")),
                        format_checker=jsonschema.FormatChecker())
    return data


def test_json_has_one_shape_for_one_or_many_repositories_and_follows_the_schema():
    from ossmatch.audit.unfinished import Unfinished

    one = _validate(_render("json", [_result()]))
    assert one["version"] == 2 and [a["repo"] for a in one["audits"]] == ["acme/widgets"]
    second = _result().model_copy(update={"repo": "acme/gadgets"})
    many = _validate(_render("json", [_result(), second],
                                     unfinished=[Unfinished("acme/later", "quota used up", NOW)]))
    assert [a["repo"] for a in many["audits"]] == ["acme/widgets", "acme/gadgets"]
    assert many["unfinished"] == [{"repo": "acme/later", "reason": "quota used up",
                                   "resume_at": NOW.isoformat()}]
    check = next(c for c in one["audits"][0]["checks"] if c["id"] == "issue-response")
    assert check["evidence"][0] == {"url": "https://github.com/o/r/issues/3", "title": f"#3 {HOSTILE}",
                                    "why": "no maintainer answer after 30 days"}


def test_the_schema_rejects_the_old_flat_shape():
    flat = {"version": 1, "repo": "a/b", "score": 1, "grade": "D", "checks": []}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(flat, json.loads(AUDIT_SCHEMA.read_text(encoding="utf-8")))


def test_evidence_links_in_every_format():
    result = _result()
    url = "https://github.com/o/r/issues/3"
    markdown = _render("markdown", [result])
    assert f"]({url}): no maintainer answer after 30 days" in markdown
    sarif = json.loads(_render("sarif", [result]))
    found = next(r for r in sarif["runs"][0]["results"] if r["ruleId"] == "issue-response")
    assert found["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"] == url
    assert "#3" in _render("table", [result])  # the top fixes name what to answer


def test_table_shows_the_top_three_fixes_under_the_grade():
    result = _result()
    lines = _render("table", [result]).splitlines()
    assert lines[0].startswith("acme/widgets: grade ")
    fixes = [line.strip() for line in lines[1:4]]
    assert [f.split(". ", 1)[1].split(":")[0] for f in fixes] == [f.title for f in result.fixes[:3]]
    assert all(f.startswith(f"fix {n}.") for n, f in enumerate(fixes, 1))


def test_markdown_what_to_fix_follows_impact():
    result = _result()
    text = _render("markdown", [result])
    positions = [text.index(f"{f.title}: +{f.gain:g} points") for f in result.fixes]
    assert positions == sorted(positions)


def test_several_repositories_get_a_summary():
    first = _result()
    second = first.model_copy(update={"repo": "acme/gadgets", "score": 12, "grade": "D"})
    assert "Summary" in to_table([first, second])
    assert "## Summary" in _render("markdown", [first, second])
    assert len(json.loads(_render("json", [first, second]))["audits"]) == 2


def test_exempt_check_leaves_the_score():
    result = _result()
    exempt = next(c for c in result.checks if c.id == "pr-template")
    assert exempt.exempt == "We take patches by mail" and not exempt.counts


def test_a_fix_on_the_labels_page_says_so() -> None:
    """'Beginner label: +5 points, low effort; the labels page', not a bare 'Labels'."""
    from ossmatch.audit.evaluate import Fix
    from ossmatch.audit.registry import Evidence
    from ossmatch.audit.table import fix_line

    page = Evidence(url="https://github.com/o/r/labels", title="Labels", why="no beginner label")
    line = fix_line(Fix(check="beginner-label", title="Beginner label", action="x", effort="low", gain=5,
                        targets=(page,)))
    assert line.endswith("; the labels page")
