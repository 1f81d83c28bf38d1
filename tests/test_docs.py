"""The README stays true: its commands are the ones CI runs, and it documents every command and option."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from ossmatch.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text()


def _commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    found: list[tuple[str, click.Command]] = []
    for name, command in sorted(group.commands.items()):
        path = f"{prefix}{name}"
        found.append((path, command))
        if isinstance(command, click.Group):
            found += _commands(command, f"{path} ")
    return found


COMMANDS = _commands(main)


def _shell_blocks(text: str) -> list[str]:
    return re.findall(r"```sh\n(.*?)```", text, flags=re.S)


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    test_command = next(
        line for block in _shell_blocks(README) for line in block.splitlines() if "pytest" in line and "pip" in line
    )
    ci = (ROOT / ".ci" / "run").read_text()
    # The README's line creates and activates the venv first; .ci/run does that on its own lines.
    tail = test_command.split(". .venv/bin/activate && ", 1)[1]
    assert tail in ci.splitlines()


def test_readme_has_a_one_line_install_and_run() -> None:
    assert any("pip install . && ossmatch suggest" in block for block in _shell_blocks(README))


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[p for p, _ in COMMANDS])
def test_every_command_has_help_and_is_documented(path: str, command: click.Command) -> None:
    assert command.help and command.help.strip()
    assert f"ossmatch {path}" in README


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[p for p, _ in COMMANDS])
def test_every_option_is_documented(path: str, command: click.Command) -> None:
    missing = [
        opt
        for param in command.params
        if isinstance(param, click.Option)
        for opt in param.opts
        if opt.startswith("--") and opt not in ("--help",) and opt not in README
    ]
    assert missing == [], f"ossmatch {path}: README does not mention {missing}"
