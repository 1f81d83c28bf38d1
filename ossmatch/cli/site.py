"""``ossmatch site``: build a community's static portal of beginner-friendly issues."""

from __future__ import annotations

from pathlib import Path

import click

from ossmatch.cli.options import GitHubOptions, current_time, github_options, open_client, starter_command
from ossmatch.cli.progress import progress_reporter, stderr_warn
from ossmatch.cohort.offered import load_offered, without_offered
from ossmatch.errors import UsageProblem
from ossmatch.render.wording import plural
from ossmatch.site.build import Site, assemble
from ossmatch.site.collect import collect
from ossmatch.site.config import STARTER, load_community
from ossmatch.site.output import check_target, write_site
from ossmatch.site.pages import render_site


def _summary(site: object, output: Path, pages: int, size: int) -> str:
    """The Markdown run summary: what was built and what it cost in requests."""
    assert isinstance(site, Site)
    audited = sum(1 for p in site.projects if p.audit is not None)
    lines = [
        f"## {site.community.name}: portal built",
        "",
        "| | |",
        "|---|---|",
        f"| issues | {len(site.issues)} |",
        f"| projects | {len(site.projects)} ({audited} audited) |",
        f"| left out | {', '.join(site.skipped) or 'none'} |",
        f"| GitHub requests | {site.requests} of max_requests {site.community.max_requests} "
        f"({site.not_modified} answered from the cache by ETag, costing no quota) |",
        f"| GraphQL points | {site.points} of max_points {site.community.max_points} |",
        f"| files | {pages} in `{output}` |",
        f"| index.html | {size / 1024:.0f} KB |",
    ]
    lines += [f"\n- {w}" for w in site.warnings]
    return "\n".join(lines) + "\n"


@click.group("site", invoke_without_command=True)
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              help="The community's settings (see `ossmatch site init`).")
@click.option("--output", type=click.Path(file_okay=False, path_type=Path),
              help="Directory to write the site to; an earlier build there is replaced.")
@click.option("--summary", type=click.Path(dir_okay=False, path_type=Path),
              help="Also append a Markdown summary (issues, projects, requests) to this file.")
@click.option("--offered", type=click.Path(dir_okay=False, path_type=Path),
              help="Leave out issues offered to a mentoring cohort (the JSON of `ossmatch cohort --format json`).")
@github_options
@click.pass_context
def command(ctx: click.Context, config_path: Path | None, output: Path | None, summary: Path | None,
            offered: Path | None, github: GitHubOptions) -> None:
    """Build a static "good first issues" portal for a community's repositories.

    \b
    Examples:
      ossmatch site init
      ossmatch site --config community.toml --output site/
    """
    if ctx.invoked_subcommand is not None:
        return
    if config_path is None or output is None:
        raise UsageProblem("give --config FILE and --output DIR (create a config with `ossmatch site init`)")

    community = load_community(config_path)
    taken = load_offered(offered) if offered is not None else set()
    check_target(output)
    now = current_time()
    client = open_client(github)
    with progress_reporter("Building the portal") as progress:
        collected = collect(community, client, now, progress)
    if taken:
        collected.candidates, left_out = without_offered(collected.candidates, taken)
        if left_out:
            collected.warnings.append(f"left out {left_out} issues offered to a mentoring cohort ({offered})")
    site = assemble(community, collected, now)
    files = render_site(site)
    write_site(files, output)
    for warning in site.warnings:
        stderr_warn(warning)
    text = _summary(site, output, len(files), len(files["index.html"].encode()))
    if summary is not None:
        with summary.open("a", encoding="utf-8") as handle:
            handle.write(text)
    click.echo(f"Wrote {plural(len(site.issues), 'issue')} from {plural(len(site.projects), 'project')} to {output} "
               f"({site.requests} GitHub requests).", err=True)


command.add_command(starter_command(
    "community.toml", "settings", STARTER,
    lambda path: f"edit name and repositories, then run `ossmatch site --config {path} --output site/`."))
