"""The built wheel works on its own: installed into a fresh venv, it finds its templates and data."""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = """
import json
from ossmatch.render.jinja import render_template, template_dir
from ossmatch.suggest.newcomer_model import load_newcomer_model
assert "site-packages" in str(template_dir()), template_dir()
from ossmatch.project import project_home
from ossmatch.suggest.listing import empty_advice
assert project_home() == "https://github.com/ossmatch/ossmatch", project_home()  # [project.urls] in the metadata
context = {"issues": [], "warnings": [], "candidates": 0, "repositories": 0, "advice": empty_advice(),
           "home": project_home(), "found": "0 candidates in 0 repositories", "footer": ""}
out = render_template("suggest.md.j2", context)
assert "No matching issues found" in out, out
assert "(https://github.com/ossmatch/ossmatch)" in out, out
assert load_newcomer_model()["features"]
from ossmatch.site.pages import _asset
assert "textContent" in _asset("filter.js") and _asset("issues.schema.json")
from ossmatch.mcp.server import specs  # the MCP SDK installed as a dependency, the schemas shipped
assert [spec.tool().output_schema["type"] for spec in specs()] == ["object"] * 6
print("ok")
"""


def test_wheel_installs_into_a_fresh_venv_and_renders_templates(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(dist), str(ROOT)], check=True
    )
    wheel = next(dist.glob("ossmatch-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "ossmatch/templates/suggest.md.j2" in names
    assert "ossmatch/data/newcomer_model.json" in names
    for shipped in ("ossmatch/templates/site/index.html.j2", "ossmatch/site/static/site.css",
                    "ossmatch/site/static/filter.js", "ossmatch/site/static/favicon.svg",
                    "ossmatch/site/issues.schema.json", "ossmatch/suggest/suggest.schema.json",
                    "ossmatch/mcp/schemas/show.schema.json", "ossmatch/mcp/schemas/hidden.schema.json"):
        assert shipped in names

    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", str(wheel)], check=True)
    done = subprocess.run(
        [str(python), "-c", SCRIPT], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
    help_run = subprocess.run([str(env_dir / "bin" / "ossmatch"), "--help"], capture_output=True, text=True)
    assert help_run.returncode == 0 and "suggest" in help_run.stdout
