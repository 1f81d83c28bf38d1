"""The example audit workflow: scheduled, least privilege, the action (never a package index), SARIF."""

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
        assert "pip install" not in step.get("run", ""), step  # ossmatch is not on a package index
    audit = next(step for step in steps if step.get("uses", "").startswith("ossmatch/ossmatch@"))
    assert audit["with"]["command"] == "audit" and audit["with"]["sarif-file"] == "ossmatch-audit.sarif"
    upload = next(step for step in steps if step.get("uses", "").startswith("github/codeql-action/upload-sarif@"))
    assert upload["with"]["sarif_file"] == audit["with"]["sarif-file"]
