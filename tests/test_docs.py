"""The README stays true: its commands are the ones CI runs, it documents every command and option, and its links
(and those of the reference pages in docs/) lead somewhere."""

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
    context = click.Context(group)
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        assert command is not None
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


DOCUMENTS = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *sorted((ROOT / "docs").glob("*.md"))]


def _anchors(text: str) -> set[str]:
    """GitHub's heading anchors: lower case, punctuation dropped, spaces become hyphens."""
    text = re.sub(r"```.*?```", "", text, flags=re.S)
    return {
        re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
        for heading in re.findall(r"^#{1,6} (.+)$", text, flags=re.M)
    }


def _links(text: str) -> list[str]:
    text = re.sub(r"```.*?```", "", text, flags=re.S)
    return re.findall(r"\]\(([^)\s]+)\)", text)


def test_anchor_rule_matches_github() -> None:
    assert _anchors("## Finding issues: `ossmatch suggest`\n### When GitHub misbehaves\n") == {
        "finding-issues-ossmatch-suggest", "when-github-misbehaves"}


@pytest.mark.parametrize("document", DOCUMENTS, ids=[str(d.relative_to(ROOT)) for d in DOCUMENTS])
def test_every_relative_link_and_anchor_exists(document: Path) -> None:
    broken = []
    for link in _links(document.read_text()):
        if re.match(r"[a-z]+:", link):
            continue  # a web address or mailto: not checked offline
        path, _, anchor = link.partition("#")
        target = (document.parent / path).resolve() if path else document
        exists = target.exists()
        anchored = not anchor or (exists and target.suffix == ".md" and anchor in _anchors(target.read_text()))
        if not (exists and anchored):
            broken.append(link)
    assert broken == [], f"{document.name}: {broken}"
