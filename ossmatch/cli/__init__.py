"""The ``ossmatch`` command line: thin click commands over the library.

Each command lives in its own module and imports the heavy parts of ossmatch inside its body,
so ``ossmatch --help`` stays fast. Domain errors become one-line messages here, in one place.
"""

from __future__ import annotations

from typing import Any

import click

from ossmatch import __version__
from ossmatch.errors import OssmatchError


class _Failure(click.ClickException):
    """A domain error shown as ``Error: <message>``, exit 1."""


class _UsageFailure(_Failure):
    """Bad input shown as ``Error: <message>``, exit 2 like click's own usage errors."""

    exit_code = 2


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except OssmatchError as error:
            failure = _UsageFailure if error.exit_code == 2 else _Failure
            raise failure(error.message) from None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ossmatch")
def main() -> None:
    """Find open-source issues you can finish, and help maintainers welcome newcomers.

    \b
    ossmatch suggest --skills python,docs    ranked beginner-friendly issues for you
    ossmatch digest --skills python --send   the same as a weekly email
    ossmatch audit OWNER/REPO                how welcoming a repository is, and what to fix
    ossmatch site --config community.toml --output site/   a community's issues portal

    Set GITHUB_TOKEN (or GH_TOKEN, or log in with `gh auth login`) for full results.
    """


def _register() -> None:
    from ossmatch.cli import audit, cache, digest, profile, site, suggest

    for module in (suggest, digest, audit, profile, cache, site):
        main.add_command(module.command)


_register()
