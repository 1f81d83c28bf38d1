"""``ossmatch audit``: how welcoming a repository is to newcomers, and what to fix first."""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ossmatch.cli.options import (
    OUTPUT_PATH,
    GitHubOptions,
    current_time,
    github_options,
    open_client,
    write_output,
)
from ossmatch.cli.progress import progress_reporter, stderr_warn
from ossmatch.errors import (
    AuthError,
    GitHubError,
    NotFoundError,
    OssmatchError,
    RateLimitError,
    UnreachableError,
    UsageProblem,
)

if TYPE_CHECKING:
    from ossmatch.audit.evaluate import AuditResult
    from ossmatch.github.client import GitHubClient

FORMATS = ("table", "markdown", "json", "sarif", "badge")
_REPO_NAME = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}$")
_OWNER = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$")
#: An organisation audit looks at this many of its most recently pushed repositories.
ORG_LIMIT = 30


def _check_names(repos: tuple[str, ...], org: str | None) -> None:
    if bool(repos) == bool(org):
        raise UsageProblem("give either OWNER/REPO arguments or --org OWNER")
    for name in repos:
        if not _REPO_NAME.match(name):
            raise UsageProblem(f"{name!r} is not a repository name; expected OWNER/REPO")
    if org is not None and not _OWNER.match(org):
        raise UsageProblem(f"{org!r} is not a GitHub account name")


def org_repositories(client: GitHubClient, owner: str) -> list[str]:
    """The owner's public, non-archived, non-fork repositories, most recently pushed first."""
    params = {"sort": "pushed", "direction": "desc", "type": "public"}
    try:
        pages = client.rest_pages(f"/orgs/{owner}/repos", params, max_pages=1)
    except NotFoundError:
        pages = client.rest_pages(f"/users/{owner}/repos", {"sort": "pushed"}, max_pages=1)
    names = [
        item["full_name"]
        for page in pages
        for item in page
        if isinstance(item, dict) and not item.get("archived") and not item.get("fork")
    ]
    if not names:
        raise NotFoundError(f"{owner} has no public repositories to audit")
    return names[:ORG_LIMIT]


def _use_color(output: Path | None) -> bool:
    return output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ


@click.command("audit")
@click.argument("repos", nargs=-1, metavar="OWNER/REPO...")
@click.option("--org", metavar="OWNER", help="Audit an organisation's (or user's) repositories.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("--output", type=OUTPUT_PATH,
              help="Write here (atomically) instead of stdout.")
@click.option("--fail-under", type=click.IntRange(0, 100), metavar="N",
              help="Exit 1 if any audited repository scores below N (for CI).")
@github_options
def command(repos: tuple[str, ...], org: str | None, fmt: str, output: Path | None,
            fail_under: int | None, github: GitHubOptions) -> None:
    """Audit how welcoming repositories are to newcomers: checks, score, grade and fixes.

    \b
    Examples:
      ossmatch audit pallets/click
      ossmatch audit pallets/click --format markdown >> "$GITHUB_STEP_SUMMARY"
      ossmatch audit --org pallets --format json --output audit.json
      ossmatch audit OWNER/REPO --format sarif --output audit.sarif --fail-under 50
    """
    from ossmatch.audit.evaluate import evaluate
    from ossmatch.audit.formats import FORMATS as RENDERERS
    from ossmatch.audit.formats import to_table
    from ossmatch.github.snapshot import fetch_snapshot
    from ossmatch.render import clean_deep

    _check_names(repos, org)
    if fmt == "badge" and (org or len(repos) > 1):
        raise UsageProblem("--format badge describes one repository; audit them one at a time")
    now = current_time()
    client = open_client(github)
    names = list(repos) if repos else org_repositories(client, org or "")
    results: list[AuditResult] = []
    failures: list[str] = []
    with progress_reporter("Auditing") as progress:
        for index, name in enumerate(names, 1):
            progress(f"{name} ({index}/{len(names)})")
            try:
                results.append(evaluate(fetch_snapshot(client, name, now), now))
            except (AuthError, UnreachableError):
                raise
            except RateLimitError as error:
                if not results:
                    raise
                failures.append(f"stopped after {len(results)} repositories: {error.message}")
                break
            except GitHubError as error:  # one repository's failure is not the organisation's
                if len(names) == 1:
                    raise
                failures.append(error.message if isinstance(error, NotFoundError) else f"{name}: {error.message}")
    results = clean_deep(results)  # repository text is untrusted: no control sequences in any format
    for message in failures:
        stderr_warn(message)
    if not results:
        raise OssmatchError("no repository could be audited")
    if fmt == "table":
        color = _use_color(output)
        width = shutil.get_terminal_size().columns if color else 100
        text = to_table(results, color=color, width=width)
    else:
        text = RENDERERS[fmt](results)
    write_output(text, output, styled=fmt == "table" and color)
    if fail_under is not None:
        low = [r for r in results if r.score is None or r.score < fail_under]
        if low:
            worst = ", ".join(f"{r.repo} ({'no score' if r.score is None else r.score})"
                              for r in low)
            raise OssmatchError(f"score below --fail-under {fail_under}: {worst}")
    if failures:
        raise OssmatchError(f"{len(failures)} of {len(names)} repositories could not be audited")
