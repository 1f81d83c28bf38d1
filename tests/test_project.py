"""The project's home is declared once (pyproject ``[project.urls]``) and every link and ``uses:`` agrees."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from ossmatch.project import project_home

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
HOME = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["urls"]["Homepage"]


def test_the_installed_metadata_names_the_declared_home() -> None:
    assert project_home() == HOME


def test_example_workflows_use_the_action_at_home() -> None:
    owner_name = HOME.removeprefix("https://github.com/")
    for workflow in (ROOT / "examples").glob("*.yml"):
        text = workflow.read_text()
        if "command:" not in text:
            continue  # a workflow that does not use the action
        uses = re.findall(r"uses:\s*(\S+/ossmatch)@", text)
        assert uses and set(uses) == {owner_name}, workflow.name


def test_templates_and_readme_do_not_hard_code_another_home() -> None:
    for template in (ROOT / "templates").glob("*.j2"):
        assert "github.com/ossmatch" not in template.read_text(), f"{template.name}: use the home from the context"
    readme = (ROOT / "README.md").read_text()
    assert "OWNER/ossmatch" not in readme
