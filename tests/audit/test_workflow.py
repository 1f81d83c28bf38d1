"""The example audit workflow: scheduled, least privilege, no expressions inside scripts."""

from __future__ import annotations

from pathlib import Path

import pytest

yaml = pytest.importorskip("yaml")

WORKFLOW = Path(__file__).parents[2] / "examples" / "audit.yml"


def test_example_workflow():
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = data[True]  # YAML 1.1 reads the key `on` as True
    assert "workflow_dispatch" in triggers and triggers["schedule"][0]["cron"]
    assert data["permissions"] == {"contents": "read"}
    steps = data["jobs"]["audit"]["steps"]
    assert data["jobs"]["audit"]["permissions"] == {"contents": "read", "security-events": "write"}
    for step in steps:
        assert "${{" not in step.get("run", ""), step
    script = "\n".join(step.get("run", "") for step in steps)
    assert '>> "$GITHUB_STEP_SUMMARY"' in script and "--format sarif" in script
    assert any(step.get("uses", "").startswith("github/codeql-action/upload-sarif@")
               for step in steps)
