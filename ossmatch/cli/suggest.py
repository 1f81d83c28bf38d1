"""``ossmatch suggest``: ranked beginner-friendly issues for a person's skills."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import click

from ossmatch.cli.options import (
    OUTPUT_PATH,
    GitHubOptions,
    current_time,
    github_options,
    open_client,
    output_width,
    profile_options,
    relationship_options,
    write_output,
)
from ossmatch.cli.progress import progress_reporter, stderr_warn
from ossmatch.suggest.formats import LIMIT_MAX

FORMATS = ("table", "json", "markdown", "html")
#: Width of the plain list written with --output when COLUMNS is not set.
FILE_WIDTH = 120


def _repo_names(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[str, ...]:
    from ossmatch.profile import REPO_PATTERN

    for value in values:
        if not REPO_PATTERN.fullmatch(value):
            raise click.BadParameter(f"{value!r} is not a repository name; expected OWNER/REPO", ctx, param)
    return values


@click.command("suggest")
@profile_options
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("--output", type=OUTPUT_PATH, help="Write here instead of stdout.")
@click.option("--limit", type=click.IntRange(1, LIMIT_MAX), default=10, show_default=True,
              help=f"How many issues (at most {LIMIT_MAX}: one GitHub search page).")
@click.option("--per-repo", type=click.IntRange(0, 100), default=3, show_default=True,
              help="At most this many issues from one repository; its others fold into one line (0: no limit).")
@click.option("--repo", "repos", multiple=True, callback=_repo_names, metavar="OWNER/REPO",
              help="Only this repository's issues, all of them (repeatable).")
@click.option("--depth", type=click.IntRange(10, 1000), default=300, show_default=True,
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
    from ossmatch.render.text import clean_deep
    from ossmatch.skills import is_known
    from ossmatch.suggest.formats import empty_advice, print_table, render
    from ossmatch.suggest.inputs import unknown_skill_messages
    from ossmatch.suggest.pipeline import find_matches

    now = current_time()
    client = open_client(github)
    with progress_reporter("Searching GitHub") as progress:
        result = find_matches(client, profile, now=now, limit=limit, depth=depth, per_repo=per_repo,
                              progress=progress, relations=relations, repos=repos)
    result = clean_deep(result)  # GitHub text is untrusted: no control sequences in any format
    for warning in result.warnings:
        stderr_warn(warning)
    # Said on stderr when the profile was read; the JSON (and every format) carries them too.
    unknown = unknown_skill_messages([s for s in profile.skills if not is_known(s)])
    result.warnings[:0] = unknown
    for note in result.notes:
        click.echo(f"Note: {note}", err=True)
    if explain:  # how GitHub was asked, when it had to be asked again in smaller requests
        for detail in result.details:
            click.echo(f"Detail: {detail}", err=True)
    advice = empty_advice(
        next_only=relations.next_only, mentored_only=relations.mentored_only, hidden=result.hidden,
    )
    if fmt == "table":
        from rich.console import Console

        if output is None:
            print_table(result, Console(), explain=explain, advice=advice)
            return
        plain = Console(record=True, force_terminal=False, no_color=True, width=output_width(FILE_WIDTH),
                        file=io.StringIO())
        print_table(result, plain, explain=explain, advice=advice)
        write_output(plain.export_text(), output)
        return
    write_output(render(fmt, result, profile, now, advice=advice), output)
