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
    profile_options,
    relationship_options,
    write_output,
)
from ossmatch.cli.progress import progress_reporter, stderr_warn

FORMATS = ("table", "json", "markdown", "html")


@click.command("suggest")
@profile_options
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("--output", type=OUTPUT_PATH, help="Write here instead of stdout.")
@click.option("--limit", type=click.IntRange(1, 100), default=10, show_default=True, help="How many issues.")
@click.option("--per-repo", type=click.IntRange(0, 100), default=3, show_default=True,
              help="At most this many issues from one repository in each ten places (0: no limit).")
@click.option("--depth", type=click.IntRange(10, 1000), default=300, show_default=True,
              help="How many candidate issues to read and rank.")
@click.option("--explain", "-v", "explain", is_flag=True,
              help="Every reason and the score's components, not just the one or two that set an issue apart.")
@relationship_options
@github_options
def command(
    profile: Any, fmt: str, output: Path | None, limit: int, per_repo: int, depth: int, explain: bool,
    relations: Any, github: GitHubOptions,
) -> None:
    """Suggest open beginner-friendly issues that fit your skills, best first, with reasons.

    \b
    Examples:
      ossmatch suggest --skills python,docs
      ossmatch suggest --profile examples/profile.toml --format json --output issues.json
      ossmatch suggest --skills python --me octocat --next
    """
    from ossmatch.render.text import clean_deep
    from ossmatch.suggest.formats import empty_advice, print_table, render
    from ossmatch.suggest.pipeline import find_matches

    now = current_time()
    client = open_client(github)
    with progress_reporter("Searching GitHub") as progress:
        result = find_matches(client, profile, now=now, limit=limit, depth=depth, per_repo=per_repo,
                              progress=progress, relations=relations)
    result = clean_deep(result)  # GitHub text is untrusted: no control sequences in any format
    for warning in result.warnings:
        stderr_warn(warning)
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
        plain = Console(record=True, force_terminal=False, no_color=True, width=120, file=io.StringIO())
        print_table(result, plain, explain=explain, advice=advice)
        write_output(plain.export_text(), output)
        return
    write_output(render(fmt, result, profile, now, advice=advice), output)
