"""The command table: ``ossmatch --help`` lists every command from it without loading any, and
each line there is the command's own summary."""

from __future__ import annotations

import subprocess
import sys

import click

from ossmatch.cli import COMMANDS, main


def test_each_listed_summary_is_the_first_sentence_of_the_commands_own_help() -> None:
    context = click.Context(main)
    for name in COMMANDS:
        command = main.get_command(context, name)
        assert command is not None and command.name == name
        assert (command.help or "").split("\n\n")[0].replace("\n", " ") == COMMANDS[name][2], name


def test_root_help_lists_every_command_and_loads_none_of_them() -> None:
    probe = (
        "import sys\n"
        "from ossmatch.cli import main\n"
        "try:\n"
        "    main(['--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('ossmatch.') and m.count('.') > 1 "
        "and m.startswith('ossmatch.cli.'))\n"
        "heavy = sorted(m for m in ('pydantic', 'rich', 'jinja2', 'github', 'ossmatch.suggest.pipeline') "
        "if m in sys.modules)\n"
        "print(loaded, heavy, file=sys.stderr)\n"
    )
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert run.stderr.strip() == "[] []"
    for name in COMMANDS:
        assert f"  {name} " in run.stdout


def test_an_unknown_command_is_one_line_naming_the_help() -> None:
    run = subprocess.run([sys.executable, "-m", "ossmatch", "nosuch"], capture_output=True, text=True)
    assert run.returncode == 2
    assert run.stderr.strip() == "Error: No such command 'nosuch' (see ossmatch --help)"
