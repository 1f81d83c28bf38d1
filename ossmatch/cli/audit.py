"""``ossmatch audit``: how welcoming a repository is to newcomers, and what to fix first.

Exit codes: 0 all audited and none below ``--fail-under``; 1 GitHub or the network failed (for an
organisation: some repositories could not be audited; the finished ones are still written);
2 bad input; 3 every repository was audited and at least one scored below ``--fail-under``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import click

from ossmatch.audit.formats import FORMATS, AuditReport, check_fit
from ossmatch.audit.run import TOKENLESS_NOTE, audit_repositories
from ossmatch.cli.format_option import format_option, screen_for
from ossmatch.cli.options import (
    OUTPUT_PATH,
    GitHubOptions,
    current_time,
    github_options,
    open_client,
    write_output,
)
from ossmatch.cli.progress import progress_reporter, stderr_warn
from ossmatch.errors import OssmatchError, UsageProblem
from ossmatch.github.client import GitHubClient
from ossmatch.github.repo_search import org_repositories
from ossmatch.github.snapshot_rest import TOKEN_ADDS
from ossmatch.render.text import clean_deep
from ossmatch.render.wording import plural

_REPO_NAME = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}$")
_OWNER = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$")
#: Exit code when every repository was audited but one scored below ``--fail-under``: apart from
#: 1 (GitHub or network failure) so CI can tell "too low" from "GitHub down".
EXIT_TOO_LOW = 3


class TooLow(click.ClickException):
    """The audit finished and a repository scored below ``--fail-under``."""

    exit_code = EXIT_TOO_LOW


def _check_names(repos: tuple[str, ...], org: str | None) -> None:
    if bool(repos) == bool(org):
        raise UsageProblem("give either OWNER/REPO arguments or --org OWNER")
    for name in repos:
        if not _REPO_NAME.match(name):
            raise UsageProblem(f"{name!r} is not a repository name; expected OWNER/REPO")
    if org is not None and not _OWNER.match(org):
        raise UsageProblem(f"{org!r} is not a GitHub account name")


def _once_each(repos: tuple[str, ...]) -> tuple[str, ...]:
    """Each repository once, however often it is named (GitHub's names ignore case), as first spelled."""
    first: dict[str, str] = {}
    for name in repos:
        first.setdefault(name.lower(), name)
    return tuple(first.values())


def _org_names(client: GitHubClient, org: str, max_repos: int | None) -> list[str]:
    """The organisation's live repositories, cut to the ``max_repos`` most recently pushed (saying so)."""
    names = org_repositories(client, org)
    if max_repos is not None and len(names) > max_repos:
        stderr_warn(f"auditing the {max_repos} most recently pushed of {len(names)} live repositories "
                    f"of {org}; {len(names) - max_repos} left out (drop --max-repos to audit them all)")
        names = names[:max_repos]
    return names


@click.command("audit")
@click.argument("repos", nargs=-1, metavar="OWNER/REPO...")
@click.option("--org", metavar="OWNER", help="Audit every live repository of an organisation (or user).")
@click.option("--max-repos", type=click.IntRange(1), metavar="N",
              help="With --org: audit only the N most recently pushed repositories.")
@format_option("ossmatch.audit.formats", default="table",
               help="table: to read; markdown: a CI step summary; json: scripts; sarif: code scanning; "
                    "badge: a shields.io endpoint (one repository).")
@click.option("--output", type=OUTPUT_PATH,
              help="Write here (atomically) instead of stdout.")
@click.option("--fail-under", type=click.IntRange(0, 100), metavar="N",
              help="Exit 3 if any audited repository scores below N (for CI).")
@github_options
def command(repos: tuple[str, ...], org: str | None, max_repos: int | None, fmt: str,
            output: Path | None, fail_under: int | None, github: GitHubOptions) -> None:
    """Audit how welcoming repositories are to newcomers: checks, score, grade and fixes.

    \b
    Exit codes: 0 fine; 1 GitHub or network failure (what finished is still written);
    2 bad input; 3 a repository scored below --fail-under.

    \b
    Examples:
      ossmatch audit pallets/click
      ossmatch audit pallets/click --format markdown >> "$GITHUB_STEP_SUMMARY"
      ossmatch audit --org pallets --format json --output audit.json
      ossmatch audit OWNER/REPO --format sarif --output audit.sarif --fail-under 50
    """
    _check_names(repos, org)
    repos = _once_each(repos)
    if max_repos is not None and not org:
        raise UsageProblem("--max-repos applies to --org")
    check_fit(fmt, many=bool(org) or len(repos) > 1)
    now = current_time()
    client = open_client(github)
    names = list(repos) if repos else _org_names(client, org or "", max_repos)
    if not client.has_token:
        stderr_warn(f"{TOKENLESS_NOTE}; {TOKEN_ADDS[0]}")
    with progress_reporter("Auditing") as progress:
        results, unfinished = audit_repositories(client, names, now, progress)
    results = clean_deep(results)  # repository text is untrusted: no control sequences in any format
    if not results:
        raise OssmatchError(f"no repository could be audited: {unfinished[0].describe()}"
                            if unfinished else "no repository could be audited")
    rendered = FORMATS.render(fmt, AuditReport(results, unfinished), screen_for(output))
    write_output(rendered.text, output, styled=rendered.styled)
    _exit_status(results, unfinished, audited=len(names), fail_under=fail_under)


#: Repositories not audited named one per line on stderr; the rest are counted (the report lists all).
SHOWN_UNFINISHED = 10


def _exit_status(results: list[Any], unfinished: list[Any], *, audited: int, fail_under: int | None) -> None:
    """Exit 3 when a finished audit scored below ``--fail-under`` and all finished; exit 1 when some
    repositories could not be audited (naming them); else return (exit 0)."""
    low = [r for r in results if fail_under is not None and (r.score is None or r.score < fail_under)]
    if low:
        worst = ", ".join(f"{r.repo} ({'no score' if r.score is None else r.score})" for r in low)
        message = f"score below --fail-under {fail_under}: {worst}"
        if not unfinished:
            raise TooLow(message)
        stderr_warn(message)
    if unfinished:
        for item in unfinished[:SHOWN_UNFINISHED]:
            stderr_warn(f"not audited: {item.describe()}")
        if len(unfinished) > SHOWN_UNFINISHED:
            stderr_warn(f"... and {len(unfinished) - SHOWN_UNFINISHED} more (listed in the report)")
        raise OssmatchError(f"{len(unfinished)} of {plural(audited, 'repository')} could not be audited; "
                            f"the {len(results)} finished are in the report")
