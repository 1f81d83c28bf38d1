"""``ossmatch show OWNER/REPO#N``: one issue in full, without leaving the terminal."""

from __future__ import annotations

import click

from ossmatch.cli.options import (
    GitHubOptions,
    current_time,
    github_options,
    load_hidden,
    open_client,
    scoring_profile_options,
)
from ossmatch.cli.progress import stderr_warn
from ossmatch.profile import Profile
from ossmatch.render.formats import file_screen
from ossmatch.suggest.show import show_issue

#: Width when stdout is not a terminal (a file or a pipe): wide enough for URLs, short enough to read.
PIPE_WIDTH = 100


@click.command("show")
@click.argument("target", metavar="OWNER/REPO#N")
@scoring_profile_options
@github_options
def command(target: str, profile: Profile | None, github: GitHubOptions) -> None:
    """Show an issue: its text, last comments, who to ask, where to start and why it ranks.

    \b
    Examples:
      ossmatch show acme/widgets#13
      ossmatch show https://github.com/acme/widgets/issues/13 --skills python,docs
    """
    # Without a profile the issue is still shown, scored without fit.
    profile = profile or Profile()
    now = current_time()
    warnings: list[str] = []
    shown = show_issue(target, profile, connect=lambda: open_client(github), now=now, hidden=load_hidden(),
                       warnings=warnings)
    for warning in warnings:
        stderr_warn(warning)
    width = file_screen().columns or PIPE_WIDTH
    click.echo("\n".join(shown.lines(now=now, width=width, skills=profile.skills)))
