"""The README's check table lists exactly the registered checks, with their current texts.

Regenerate the table with ``OSSMATCH_UPDATE_GOLDEN=1 pytest tests/audit/test_readme.py``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from ossmatch.audit.registry import all_checks

README = Path(__file__).parents[2] / "README.md"
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


def test_readme_lists_every_check():
    text = README.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(START) + r"\n(.*?)\n?" + re.escape(END), re.DOTALL)
    if os.environ.get("OSSMATCH_UPDATE_GOLDEN") == "1":
        text = pattern.sub(lambda _m: f"{START}\n{checks_table()}\n{END}", text)
        README.write_text(text, encoding="utf-8")
    match = pattern.search(text)
    assert match, "README.md lacks the checks markers"
    assert match.group(1).strip() == checks_table()
