"""docs/audit.md's check table lists exactly the registered checks, with their current texts.

Regenerate the table with ``OSSMATCH_UPDATE_GOLDEN=1 pytest tests/audit/test_checks_doc.py``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from ossmatch.audit.registry import all_checks

ROOT = Path(__file__).parents[2]
DOC = ROOT / "docs" / "audit.md"
START, END = "<!-- checks:start -->", "<!-- checks:end -->"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _thresholds(spec) -> str:
    parts = [f"{t.describe()}: {t.reason}" for t in spec.thresholds]
    if spec.min_sample:
        parts.append(f"firm from {spec.min_sample} items; fewer weigh less and cannot pass")
    return "<br>".join(_cell(p) for p in parts) or "-"


def checks_table() -> str:
    rows = ["| Check | Weight (group): why | What it measures | Thresholds | Remediation (effort) |",
            "|---|---|---|---|---|"]
    rows += [
        f"| `{s.id}` | {s.weight:g} ({s.group}): {_cell(s.weight_reason)} | {_cell(s.measures)} | "
        f"{_thresholds(s)} | {_cell(s.remediation)} ({s.effort}) |"
        for s in all_checks()
    ]
    return "\n".join(rows)


def test_audit_doc_lists_every_check():
    text = DOC.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(START) + r"\n(.*?)\n?" + re.escape(END), re.DOTALL)
    if os.environ.get("OSSMATCH_UPDATE_GOLDEN") == "1":
        text = pattern.sub(lambda _m: f"{START}\n{checks_table()}\n{END}", text)
        DOC.write_text(text, encoding="utf-8")
    match = pattern.search(text)
    assert match, "docs/audit.md lacks the checks markers"
    assert match.group(1).strip() == checks_table()


def test_readme_points_at_the_check_table():
    """The table left README for docs/audit.md: a reader of README must still find it."""
    assert "](docs/audit.md" in (ROOT / "README.md").read_text(encoding="utf-8")
