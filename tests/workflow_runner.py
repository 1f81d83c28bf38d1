"""Run a GitHub Actions job locally, step by step, as a runner would: for the example workflows.

``run:`` steps run in bash with the step's ``env:``; ``uses: ossmatch/ossmatch@...`` runs this
repository's ``action.yml`` (its own shell steps, the install step included); the few other actions
the examples use are stood in for by what they do here: ``actions/checkout`` and
``actions/setup-python`` have nothing to do (the workspace exists, Python is on PATH),
``actions/cache`` copies to and from a folder that a test can empty to simulate GitHub's eviction,
``upload-sarif`` records the file it would upload. Anything else fails the test.

Expressions are evaluated for the small grammar the examples and the action use: context lookups
(``inputs.x``, ``secrets.X``, ``github.token``, ``runner.temp`` ...), ``==``/``!=`` against string
literals, ``&&``, ``always()`` and ``hashFiles('path')``.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
ACTION = ROOT / "action.yml"
_EXPR = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


@dataclass
class StepResult:
    name: str
    skipped: bool = False
    exit_code: int = 0
    output: str = ""


@dataclass
class Runner:
    """One runner machine: a workspace, a temp dir, an environment and a cache service."""

    root: Path
    env: dict[str, str]
    secrets: dict[str, str] = field(default_factory=dict)
    cache_store: Path | None = None
    uploaded_sarif: list[str] = field(default_factory=list)
    log: list[StepResult] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.workspace = self.root / "workspace"
        self.temp = self.root / "runner-temp"
        self.summary = self.root / "step-summary.md"
        for folder in (self.workspace, self.temp):
            folder.mkdir(parents=True, exist_ok=True)
        self.summary.touch()
        self.cache_store = self.cache_store or self.root / "actions-cache"
        self.cache_store.mkdir(parents=True, exist_ok=True)

    def transcript(self) -> str:
        """The steps that ran and what they printed: the message of an assertion on a job."""
        return "\n".join(f"--- {r.name} (exit {r.exit_code})\n{r.output}" for r in self.log if not r.skipped)

    # -- the job ------------------------------------------------------------------------------

    def run_job(self, workflow: Path, job: str, *, run_id: int = 1) -> bool:
        """Run every step of ``job``; True when the job succeeded (a failing step fails the job)."""
        data = yaml.safe_load(workflow.read_text(encoding="utf-8"))
        self.context = {
            "github": {
                "token": self.env["GITHUB_TOKEN_FOR_WORKFLOW"],
                "workflow": data["name"],
                "run_id": str(run_id),
                "run_attempt": "1",
                "repository": self.env["GITHUB_REPOSITORY"],
                "action_path": str(ROOT),
                "workspace": str(self.workspace),
            },
            "runner": {"temp": str(self.temp)},
            "secrets": self.secrets,
        }
        ok = True
        for step in data["jobs"][job]["steps"]:
            ok = self._step(step, {**self.context}, ok) and ok
        return ok

    def _step(self, step: dict[str, Any], context: dict[str, Any], ok: bool) -> bool:
        name = step.get("name") or step.get("uses") or step.get("run", "").splitlines()[0]
        condition = step.get("if")
        if not self._condition(condition, context, ok):
            self.log.append(StepResult(name, skipped=True))
            return True
        env = {key: self._expand(str(value), context) for key, value in (step.get("env") or {}).items()}
        if "run" in step:
            return self._shell(name, step["run"], env, step.get("shell", "bash"))
        uses = step["uses"]
        inputs = {key: self._expand(str(value), context) for key, value in (step.get("with") or {}).items()}
        if uses.startswith("ossmatch/ossmatch@"):
            return self._composite(inputs, ok)
        if uses.startswith(("actions/checkout@", "actions/setup-python@")):
            self.log.append(StepResult(name))
            return True
        if uses.startswith("actions/cache/restore@"):
            return self._cache_restore(name, inputs)
        if uses.startswith("actions/cache/save@"):
            return self._cache_save(name, inputs)
        if uses.startswith("github/codeql-action/upload-sarif@"):
            self.uploaded_sarif.append((self.workspace / inputs["sarif_file"]).read_text(encoding="utf-8"))
            self.log.append(StepResult(name))
            return True
        raise AssertionError(f"the runner does not know the action {uses}")

    def _composite(self, given: dict[str, str], ok: bool) -> bool:
        action = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
        inputs = {}
        for key, spec in action["inputs"].items():
            default = self._expand(str(spec.get("default", "")), self.context)
            inputs[key] = given.get(key, default)
        unknown = set(given) - set(inputs)
        assert not unknown, f"inputs the action does not declare: {unknown}"
        context = {**self.context, "inputs": inputs}
        result = True
        for step in action["runs"]["steps"]:
            result = self._step(step, context, ok and result) and result
        return result

    # -- steps --------------------------------------------------------------------------------

    def _shell(self, name: str, script: str, step_env: dict[str, str], shell: str) -> bool:
        assert shell == "bash", shell
        assert "${{" not in script, "expressions never go inside scripts"
        path = self.temp / f"step-{len(self.log)}.sh"
        path.write_text(script, encoding="utf-8")
        env = {**self.env, **step_env}
        env.pop("GITHUB_TOKEN_FOR_WORKFLOW", None)
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(path)],
            cwd=self.workspace, env=env, capture_output=True, text=True, timeout=600,
        )
        self.log.append(StepResult(name, exit_code=done.returncode, output=done.stdout + done.stderr))
        return done.returncode == 0

    def _cache_restore(self, name: str, inputs: dict[str, str]) -> bool:
        assert self.cache_store is not None
        keys = [inputs["key"], *[k for k in inputs.get("restore-keys", "").splitlines() if k.strip()]]
        entries = sorted(self.cache_store.iterdir(), key=lambda p: p.stat().st_mtime, reverse=True)
        for key in keys:
            hit = next((e for e in entries if e.name == _safe(key)), None)
            hit = hit or next((e for e in entries if e.name.startswith(_safe(key))), None)
            if hit is not None:
                shutil.copytree(hit, inputs["path"], dirs_exist_ok=True)
                break
        self.log.append(StepResult(name))
        return True

    def _cache_save(self, name: str, inputs: dict[str, str]) -> bool:
        assert self.cache_store is not None
        source = Path(inputs["path"])
        if source.exists():
            shutil.copytree(source, self.cache_store / _safe(inputs["key"]), dirs_exist_ok=True)
        self.log.append(StepResult(name))
        return True

    # -- expressions --------------------------------------------------------------------------

    def _lookup(self, path: str, context: dict[str, Any]) -> str:
        value: Any = context
        for part in path.split("."):
            value = value.get(part, "") if isinstance(value, dict) else ""
        return str(value)

    def _value(self, term: str, context: dict[str, Any]) -> str:
        term = term.strip()
        if term.startswith("'") and term.endswith("'"):
            return term[1:-1]
        found = re.fullmatch(r"hashFiles\('([^']*)'\)", term)
        if found:
            target = self.workspace / found[1]
            return hashlib.sha256(target.read_bytes()).hexdigest() if target.is_file() else ""
        return self._lookup(term, context)

    def _expand(self, text: str, context: dict[str, Any]) -> str:
        return _EXPR.sub(lambda m: self._value(m[1], context), text)

    def _condition(self, condition: str | None, context: dict[str, Any], ok: bool) -> bool:
        if condition is None:
            return ok
        text = _EXPR.sub(lambda m: m[1], str(condition))
        always = "always()" in text
        result = True
        for part in text.split("&&"):
            part = part.strip()
            if part == "always()":
                continue
            found = re.fullmatch(r"(.+?)\s*(==|!=)\s*(.+)", part)
            assert found, f"unsupported condition {condition!r}"
            left, right = self._value(found[1], context), self._value(found[3], context)
            result = result and ((left == right) if found[2] == "==" else (left != right))
        return result and (ok or always)


def _safe(key: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]", "_", key)


def base_env(runner_root: Path, *, api_url: str, server_url: str, repository: str, token: str,
             python_bin: Path) -> dict[str, str]:
    """What GitHub's hosted runner sets for every step (the parts ossmatch and the action read)."""
    return {
        "PATH": f"{python_bin}{os.pathsep}{os.environ.get('PATH', '/usr/bin:/bin')}",
        "HOME": str(runner_root / "home"),
        "GITHUB_ACTIONS": "true",
        "CI": "true",
        "GITHUB_API_URL": api_url,
        "GITHUB_SERVER_URL": server_url,
        "GITHUB_REPOSITORY": repository,
        "GITHUB_WORKSPACE": str(runner_root / "workspace"),
        "GITHUB_STEP_SUMMARY": str(runner_root / "step-summary.md"),
        "RUNNER_TEMP": str(runner_root / "runner-temp"),
        "GITHUB_TOKEN_FOR_WORKFLOW": token,
    }
