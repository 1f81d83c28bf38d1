"""``ossmatch suggest``: ranked beginner-friendly issues for a person's skills."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ossmatch.cli.format_option import format_option, screen_for
from ossmatch.cli.options import (
    OUTPUT_PATH,
    GitHubOptions,
    current_time,
    github_options,
    open_client,
    profile_options,
    relationship_options,
    write_output,
)
from ossmatch.cli.progress import progress_reporter, stderr_warn
from ossmatch.profile import REPO_PATTERN
from ossmatch.render.text import clean_deep
from ossmatch.skills import is_known
from ossmatch.suggest import limits
from ossmatch.suggest.formats import FORMATS, SuggestReport
from ossmatch.suggest.inputs import unknown_skill_messages
from ossmatch.suggest.listing import empty_advice
from ossmatch.suggest.pipeline import SuggestResult, find_matches


def _repo_names(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[str, ...]:
    for value in values:
        if not REPO_PATTERN.fullmatch(value):
            raise click.BadParameter(f"{value!r} is not a repository name; expected OWNER/REPO", ctx, param)
    return values


def _tell(result: SuggestResult, explain: bool) -> None:
    """The run's warnings and notes on stderr and, with --explain, how GitHub was asked when it had to
    be asked again in smaller requests."""
    for warning in result.warnings:
        stderr_warn(warning)
    for note in result.notes:
        click.echo(f"Note: {note}", err=True)
    if explain:
        for detail in result.details:
            click.echo(f"Detail: {detail}", err=True)


@click.command("suggest")
@profile_options
@format_option("ossmatch.suggest.formats", default="table",
               help="table: the list to read on a terminal; json: for scripts; markdown: to paste into an "
                    "issue, a chat or notes; html: a page to open in a browser.")
@click.option("--output", type=OUTPUT_PATH, help="Write here instead of stdout.")
@click.option("--limit", type=click.IntRange(1, limits.MAX_LIMIT), default=limits.DEFAULT_LIMIT, show_default=True,
              help=f"How many issues (at most {limits.MAX_LIMIT}: one GitHub search page).")
@click.option("--per-repo", type=click.IntRange(0, limits.MAX_PER_REPO), default=limits.PER_REPO_DEFAULT,
              show_default=True,
              help="At most this many issues from one repository; its others fold into one line (0: no limit).")
@click.option("--repo", "repos", multiple=True, callback=_repo_names, metavar="OWNER/REPO",
              help="Only this repository's beginner issues that fit your skills, without the --per-repo cap "
                   "(repeatable).")
@click.option("--depth", type=click.IntRange(limits.MIN_DEPTH, limits.MAX_DEPTH), default=limits.DEFAULT_DEPTH,
              show_default=True,
              help="How many candidate issues to read and rank.")
@click.option("--explain", "-v", "explain", is_flag=True,
              help="Every reason and the score's components, not just the one or two that set an issue apart.")
@relationship_options
@github_options
def command(
    profile: Any, fmt: str, output: Path | None, limit: int, per_repo: int, repos: tuple[str, ...], depth: int,
    explain: bool,
    relations: Any, github: GitHubOptions,
) -> None:
    """Suggest open beginner-friendly issues that fit your skills, best first, with reasons.

    \b
    Examples:
      ossmatch suggest --skills python,docs
      ossmatch suggest --profile examples/profile.toml --format json --output issues.json
      ossmatch suggest --skills python --me octocat --next
      ossmatch suggest --skills python --repo alpha/pyhelp
    """
    now = current_time()
    client = open_client(github)
    with progress_reporter("Searching GitHub") as progress:
        result = find_matches(client, profile, now=now, limit=limit, depth=depth, per_repo=per_repo,
                              progress=progress, relations=relations, repos=repos)
    result = clean_deep(result)  # GitHub text is untrusted: no control sequences in any format
    _tell(result, explain)
    # Said on stderr when the profile was read; the JSON (and every format) carries them too.
    result.warnings[:0] = unknown_skill_messages([s for s in profile.skills if not is_known(s)])
    advice = empty_advice(next_only=relations.next_only, mentored_only=relations.mentored_only, hidden=result.hidden)
    report = SuggestReport(result, profile, now, advice=advice, explain=explain)
    rendered = FORMATS.render(fmt, report, screen_for(output))
    write_output(rendered.text, output, styled=rendered.styled)
