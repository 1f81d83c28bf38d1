"""The ``ossmatch`` command line: thin click commands over the library.

Each command lives in its own module, loaded only when that command runs or shows its help
(click's lazily loaded subcommands), so ``ossmatch --help`` loads none of the library. Domain
errors become one-line messages here, in one place.
"""

from __future__ import annotations

import contextlib
import errno
import importlib
import os
import sys
from typing import Any

import click

from ossmatch import __version__
from ossmatch.errors import OssmatchError


class _Failure(click.ClickException):
    """A domain error shown as ``Error: <message>``, exit 1."""


class _UsageFailure(_Failure):
    """Bad input shown as ``Error: <message>``, exit 2 like click's own usage errors."""

    exit_code = 2


#: Every command: the module and name of its click command, and its line in ``ossmatch --help``
#: (the first sentence of its own help; tests/cli/test_commands.py holds the two together).
COMMANDS: dict[str, tuple[str, str, str]] = {
    "suggest": ("ossmatch.cli.suggest", "command",
                "Suggest open beginner-friendly issues that fit your skills, best first, with reasons."),
    "show": ("ossmatch.cli.show", "command",
             "Show an issue: its text, last comments, who to ask, where to start and why it ranks."),
    "hide": ("ossmatch.cli.hide", "hide", "Keep an issue, or a whole repository, out of suggest and digest."),
    "unhide": ("ossmatch.cli.hide", "unhide", "Show a hidden issue or repository in suggest and digest again."),
    "hidden": ("ossmatch.cli.hide", "hidden", "List the hidden issues and repositories, and until when."),
    "digest": ("ossmatch.cli.digest", "command",
               "Email (or print) new beginner-friendly matches, never repeating earlier digests."),
    "cohort": ("ossmatch.cli.cohort", "command",
               "Match a mentoring cohort to issues each week: never two people on one issue."),
    "audit": ("ossmatch.cli.audit", "command",
              "Audit how welcoming repositories are to newcomers: checks, score, grade and fixes."),
    "profile": ("ossmatch.cli.profile", "command", "Create a profile describing your skills (TOML)."),
    "cache": ("ossmatch.cli.cache", "command",
              "Inspect or clear the cache (OSSMATCH_CACHE_DIR, else your user cache directory)."),
    "site": ("ossmatch.cli.site", "command",
             'Build a static "good first issues" portal for a community\'s repositories.'),
    "mcp": ("ossmatch.cli.mcp", "command",
            "Serve suggest, show, audit, hidden, hide and unhide as tools for AI assistants (MCP over stdio)."),
}


class _Group(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The named command, its module loaded now (``COMMANDS``)."""
        if cmd_name not in COMMANDS:
            return None
        module, name, _summary = COMMANDS[cmd_name]
        command: click.Command = getattr(importlib.import_module(module), name)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The commands' list from ``COMMANDS``, shortened as click shortens a command's own help,
        without loading any command."""
        limit = formatter.width - 6 - max(len(name) for name in COMMANDS)
        rows = [(name, click.Command(name, help=COMMANDS[name][2]).get_short_help_str(limit))
                for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def main(
        self, args: Any = None, prog_name: str | None = None, complete_var: str | None = None,
        standalone_mode: bool = True, **extra: Any,
    ) -> Any:
        """click's own main, except that Ctrl-C at any moment (even while click parses the command
        line, before ``invoke``) says "Interrupted" and exits 130, never click's "Aborted!" and 1."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except (click.exceptions.Abort, KeyboardInterrupt):
            from ossmatch.__main__ import EXIT_INTERRUPTED  # defined once, where Ctrl-C is first handled

            click.echo("Interrupted", err=True)
            sys.exit(EXIT_INTERRUPTED)
        except click.ClickException as error:
            error.show()
            sys.exit(error.exit_code)
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx: click.Context) -> Any:
        # Deferred: __main__ imports this package (its Ctrl-C guard), and render.text loads pydantic.
        from ossmatch.__main__ import EXIT_INTERRUPTED, release_interrupt
        from ossmatch.render.text import clean

        _tolerate_encoding()
        _sane_terminal_size()
        try:
            release_interrupt()
            result = super().invoke(ctx)
            if sys.stdout is not None:
                sys.stdout.flush()  # a full disk or closed pipe shows up here, not at exit
            return result
        except OssmatchError as error:
            failure = _UsageFailure if error.exit_code == 2 else _Failure
            raise failure(clean(error.message)) from None
        except click.UsageError as error:
            # One line for a bad option value, as for every other bad input; the usage block is --help's.
            raise _one_line(error, ctx.invoked_subcommand) from None
        except KeyboardInterrupt:
            click.echo("Interrupted", err=True)
            ctx.exit(EXIT_INTERRUPTED)
        except OSError as error:
            if error.errno == errno.EPIPE:  # the reader went away (| head): exit quietly
                _silence_stdout()
                ctx.exit(1)
            if error.errno in (errno.ENOSPC, errno.EIO, errno.EDQUOT):
                _silence_stdout()
                raise _Failure(f"cannot write output: {error.strerror}") from None
            where = f" ({error.filename})" if error.filename else ""
            raise _Failure(clean(f"{error.strerror or error}{where}")) from None

    def make_context(self, info_name: str | None, args: list[str], parent: click.Context | None = None,
                     **extra: Any) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.UsageError as error:
            raise _one_line(error) from None


def _one_line(error: click.UsageError, subcommand: str | None = None) -> _UsageFailure:
    """click's usage error as one line naming where the help is, instead of the four-line usage block.

    ``subcommand``: the command being started, for errors click raises without a context (an option
    missing its value), whose help is still the subcommand's, not the root's.
    """
    from ossmatch.render.text import clean  # loads pydantic: not for ``ossmatch --help``

    names: list[str] = []
    ctx = error.ctx
    while ctx is not None and ctx.parent is not None:  # the root is always "ossmatch", however started
        names.insert(0, ctx.info_name or "")
        ctx = ctx.parent
    if error.ctx is None and subcommand:
        names = [subcommand]
    command = " ".join(["ossmatch", *names])
    return _UsageFailure(f"{clean(error.format_message()).rstrip('.')} (see {command} --help)")


def _tolerate_encoding() -> None:
    """Never crash on a stream that cannot encode a character (LANG=C, PYTHONIOENCODING=latin-1)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", "strict") == "strict":
            with contextlib.suppress(ValueError, OSError):  # a stream that cannot change
                reconfigure(errors="replace")


def _sane_terminal_size() -> None:
    """Drop a ``COLUMNS``/``LINES`` that is not a positive number (``COLUMNS=0`` made rich print
    nothing), so the terminal's real size or the default width is used instead."""
    for name in ("COLUMNS", "LINES"):
        value = os.environ.get(name)
        if value is not None and not (value.strip().isdigit() and int(value) > 0):
            del os.environ[name]


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail a second time."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # pragma: no cover - no real file descriptor
        pass


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ossmatch")
def main() -> None:
    """Find open-source issues you can finish, and help maintainers welcome newcomers.

    \b
    ossmatch suggest --skills python,docs    ranked beginner-friendly issues for you
    ossmatch digest --skills python --send   the same as a weekly email
    ossmatch audit OWNER/REPO                how welcoming a repository is, and what to fix
    ossmatch site --config community.toml --output site/   a community's issues portal
    ossmatch cohort --roster cohort.toml --send   a mentoring cohort's weekly match
    ossmatch mcp                             the same, as tools for AI assistants

    Set GITHUB_TOKEN (or GH_TOKEN, or log in with `gh auth login`) for full results.
    """
