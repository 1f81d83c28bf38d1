"""``ossmatch show OWNER/REPO#N``: one issue in full, without leaving the terminal."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ossmatch.cli.options import (
    GitHubOptions,
    build_profile,
    current_time,
    default_profile_path,
    github_options,
    load_hidden,
    open_client,
    output_width,
)
from ossmatch.github.issue_detail import read_issue
from ossmatch.github.settings import github_web_hosts
from ossmatch.profile import Profile
from ossmatch.suggest.filters import exclusion_reason
from ossmatch.suggest.hidden import parse_target
from ossmatch.suggest.offer import not_offered, offered_with_caveat
from ossmatch.suggest.pipeline import Relations, read_contributor
from ossmatch.suggest.scoring import contributed_repos, rank
from ossmatch.suggest.show import show_lines

#: Width when stdout is not a terminal (a file or a pipe): wide enough for URLs, short enough to read.
PIPE_WIDTH = 100


@click.command("show")
@click.argument("target", metavar="OWNER/REPO#N")
@click.option("--skills", metavar="LIST", help="Your skills, to score the issue for you (optional here).")
@click.option("--profile", "profile_path", type=click.Path(dir_okay=False, path_type=Path),
              help="A TOML profile; default: ./ossmatch.toml when it exists.")
@click.option("--level", type=click.Choice(["beginner", "intermediate"]), help="Override the profile's level.")
@github_options
def command(
    target: str, skills: str | None, profile_path: Path | None, level: str | None, github: GitHubOptions
) -> None:
    """Show an issue: its text, last comments, who to ask, where to start and why it ranks.

    \b
    Examples:
      ossmatch show acme/widgets#13
      ossmatch show https://github.com/acme/widgets/issues/13 --skills python,docs
    """
    what = parse_target(target, issue_only=True, hosts=github_web_hosts())
    profile = _profile(skills, profile_path, level)
    assert what.number is not None
    now = current_time()
    client = open_client(github)
    detail = read_issue(client, what.repo, what.number)
    # The same inputs suggest scores with: the token's own history (next steps, the person's own
    # claims) as well as the issue and its repository, so both give the same number.
    warnings: list[str] = []
    history = read_contributor(client, Relations(), now=now, warnings=warnings, notes=[])
    for warning in warnings:
        click.echo(f"Warning: {warning}", err=True)
    excluded = exclusion_reason(detail.candidate, profile, now, contributed_repos(history))
    scored = [] if excluded else rank([detail.candidate], profile, now, history=history)
    ranked = scored[0] if scored else None
    width = output_width(PIPE_WIDTH)
    hidden = load_hidden().covers(what.repo, what.number, now)
    lines = show_lines(detail, ranked, excluded=excluded, now=now, width=width,
                       skills=profile.skills, hidden=hidden,
                       not_offered=not_offered(ranked, profile, now) if ranked else (),
                       caveat=offered_with_caveat(ranked) if ranked else None)
    click.echo("\n".join(lines))


def _profile(skills: str | None, profile_path: Path | None, level: str | None) -> Any:
    """The person's profile when they give one; without skills the issue is still shown, scored without fit."""
    profile_path = default_profile_path(profile_path)
    if skills is not None or profile_path is not None:
        return build_profile(skills, profile_path, level)
    return Profile(level=level or "beginner")
