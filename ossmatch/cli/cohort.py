"""``ossmatch cohort``: a mentoring programme's weekly match, one person per issue.

A run reads the roster, holds the cohort's state lock across collect, record and send (two runs
at once take turns), records this week's offers so the next run is stable, mails each person
with ``--send`` (at most once each, as the digest does) and writes the coordinator's summary.
``--dry-run`` records nothing and prints every mail instead.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ossmatch.cli.digest import smtp_settings
from ossmatch.cli.format_option import format_option
from ossmatch.cli.options import (
    OUTPUT_PATH,
    GitHubOptions,
    current_time,
    github_options,
    open_client,
    starter_command,
    write_output,
)
from ossmatch.cli.progress import progress_reporter, stderr_warn
from ossmatch.cohort.collect import collect
from ossmatch.cohort.formats import FORMATS
from ossmatch.cohort.mail import preview, send_all, summary_message
from ossmatch.cohort.progress import progress_of
from ossmatch.cohort.roster import STARTER, emails_from, load_roster
from ossmatch.cohort.state import CohortStore, declined, only, parse_ref, ref, slug, with_offers
from ossmatch.cohort.summary import Summary
from ossmatch.cohort.week import plan_week
from ossmatch.digest.compose import readable_message
from ossmatch.digest.smtp import Envelope
from ossmatch.digest.smtp import send as send_mail
from ossmatch.digest.state import StateStore
from ossmatch.errors import MailError, UsageProblem
from ossmatch.github.cache import default_cache_dir

if TYPE_CHECKING:
    from ossmatch.cohort.roster import Roster

ROSTER_HELP = "The cohort's roster (see `ossmatch cohort init`)."


def _store(roster: Roster) -> CohortStore:
    return CohortStore(default_cache_dir() / "cohort" / slug(roster.name), warn=stderr_warn)


@click.group("cohort", invoke_without_command=True)
@click.option("--roster", "roster_path", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("cohort.toml"), show_default=True, help=ROSTER_HELP)
@format_option("ossmatch.cohort.formats", default="markdown",
               help="The coordinator's summary, written to stdout or --output.")
@click.option("--output", "-o", type=OUTPUT_PATH, help="Write the summary (or, with --dry-run, the mails) here.")
@click.option("--send", is_flag=True, help="Mail each person their offers (settings: OSSMATCH_SMTP_*; "
              "addresses: the roster or OSSMATCH_COHORT_EMAILS).")
@click.option("--dry-run", is_flag=True, help="Print every mail instead of sending it; record nothing.")
@click.option("--summary-to", multiple=True, metavar="ADDRESS",
              help="Also mail the summary to this address (repeat or separate with commas).")
@github_options
@click.pass_context
def command(ctx: click.Context, roster_path: Path, fmt: str, output: Path | None, send: bool, dry_run: bool,
            summary_to: tuple[str, ...], github: GitHubOptions) -> None:
    """Match a mentoring cohort to issues each week: never two people on one issue.

    \b
    ossmatch cohort init                                 write a commented cohort.toml
    ossmatch cohort --roster cohort.toml                 this week's offers and progress (recorded)
    ossmatch cohort --roster cohort.toml --dry-run       every mail as it would be sent, nothing recorded
    ossmatch cohort --roster cohort.toml --send          mail each person their own offers
    ossmatch cohort decline nora-new octo/repo#12        hand an offer back
    """
    if ctx.invoked_subcommand is not None:
        return

    if send and dry_run:
        raise UsageProblem("use only one of --send and --dry-run")
    roster = load_roster(roster_path)
    addresses = emails_from(roster, os.environ)
    recipients = tuple(part.strip() for value in summary_to for part in value.split(",") if part.strip())
    _Run(roster, addresses, github, recipients).go(fmt=fmt, output=output, send=send, dry_run=dry_run)


class _Run:
    def __init__(self, roster: Roster, addresses: dict[str, str], github: GitHubOptions,
                 summary_to: tuple[str, ...]) -> None:
        self.roster = roster
        self.addresses = addresses
        self.github = github
        self.summary_to = summary_to
        self.now = current_time()
        self.store = _store(roster)

    def go(self, *, fmt: str, output: Path | None, send: bool, dry_run: bool) -> None:
        overrides: dict[str, Any] = {"mail_to": self.summary_to or ("coordinator@invalid.example",)}
        settings = smtp_settings(overrides) if send or (self.summary_to and not dry_run) else None
        envelope = Envelope.from_env(os.environ, overrides) if dry_run else None
        if dry_run:
            assert envelope is not None
            self._dry_run(envelope.mail_from, output)
            return
        with self.store.file.transaction() as tx:
            collected, week = self._plan(tx.state)
            recorded = self._recorded(tx.state, week, collected.unknown)
            tx.save(recorded)
            mailed: list[str] = []
            failed: list[str] = []
            if send:
                assert settings is not None
                mailed, failed = send_all(
                    self.roster, week, lambda login: StateStore(self.store.mail_state(login), warn=stderr_warn),
                    self.addresses, collected.fresh, collected.histories, self.now, os.environ, settings,
                    stderr_warn)
        summary = self._summary(collected, week, recorded, mailed, failed)
        text = _render(summary, fmt)
        write_output(text, output)
        if self.summary_to:
            self._mail_summary(summary, settings)
        offered = sum(len(v) for v in week.new.values())
        kept = sum(len(v) for v in week.kept.values())
        click.echo(f"{self.roster.name}: {offered} new offers, {kept} kept"
                   + (f"; mailed {len(mailed)} {'person' if len(mailed) == 1 else 'people'}" if send else "")
                   + ".", err=True)
        if failed:
            raise MailError(f"could not mail {len(failed)} of the cohort: {'; '.join(failed)}")

    def _plan(self, state: Any) -> tuple[Any, Any]:
        client = open_client(self.github)
        with progress_reporter("Matching the cohort") as progress:
            collected = collect(client, self.roster, state, now=self.now, progress=progress)
        for warning in collected.warnings:
            stderr_warn(warning)
        for note in collected.notes:
            click.echo(f"Note: {note}", err=True)
        week = plan_week(self.roster, state, fresh=collected.fresh, ranked=collected.ranked,
                         histories=collected.histories, unknown=collected.unknown, now=self.now)
        return collected, week

    def _recorded(self, state: Any, week: Any, unknown: dict[str, str]) -> Any:
        known = [p.login for p in self.roster.people if p.login.lower() not in unknown]
        offers = {login.lower(): week.offers(login, self.now) for login in known}
        return only(with_offers(state, offers, self.now), [p.login for p in self.roster.people])

    def _summary(self, collected: Any, week: Any, state: Any, mailed: list[str], failed: list[str]) -> Any:
        """The coordinator's summary; ``state``: the cohort's state with this week's offers recorded."""
        progress = [
            progress_of(p.login, collected.histories.get(p.login.lower()), week.offers(p.login, self.now),
                        now=self.now, since=state.member(p.login).joined)
            for p in self.roster.people if p.login.lower() not in collected.unknown
        ]
        warnings = [*collected.warnings, *(f"not mailed: {f}" for f in failed)]
        return Summary(self.roster, week, progress, self.now, candidates=len(collected.candidates),
                       repositories=collected.repositories, warnings=tuple(warnings), sent=tuple(mailed),
                       unknown=frozenset(collected.unknown))

    def _dry_run(self, mail_from: str, output: Path | None) -> None:
        if not self.addresses:
            stderr_warn("nobody in the roster has an address (email, or OSSMATCH_COHORT_EMAILS): no mail to show")
        state = self.store.file.read(repair=False)
        collected, week = self._plan(state)
        messages = preview(self.roster, week, lambda login: StateStore(self.store.mail_state(login)),
                           self.addresses, collected.fresh, collected.histories, self.now, os.environ, mail_from)
        if self.summary_to:
            recorded = self._recorded(state, week, collected.unknown)  # as a real run would record it
            text = _render(self._summary(collected, week, recorded, [], []), "markdown")
            messages.append(summary_message(self.roster, text, sender=mail_from, recipients=self.summary_to,
                                            now=self.now))
        rule = "\n" + "-" * 72 + "\n\n"
        # The digest's preview points at its own --format html; here the HTML part is only named.
        texts = [readable_message(m, format_hint=False) for m in messages]
        write_output(rule.join(texts) if texts else "No mail would be sent this week.\n", output)
        click.echo(f"Dry run: {len(texts)} mails shown; nothing sent or recorded.", err=True)

    def _mail_summary(self, summary: Any, settings: Any) -> None:
        """Mail the summary: ``settings`` already send to ``--summary-to`` (see ``go``)."""
        send_mail(summary_message(self.roster, _render(summary, "markdown"), sender=settings.mail_from,
                                  recipients=self.summary_to, now=self.now), settings)


def _render(summary: Any, fmt: str) -> str:
    return FORMATS.render(fmt, summary).text


command.add_command(starter_command(
    "cohort.toml", "roster", STARTER, lambda path: f"list your people, then run `ossmatch cohort --roster {path}`."))


@command.command("decline")
@click.argument("login")
@click.argument("issue", metavar="OWNER/REPO#N")
@click.option("--roster", "roster_path", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("cohort.toml"), show_default=True, help=ROSTER_HELP)
def decline(login: str, issue: str, roster_path: Path) -> None:
    """Hand an offered issue back: never offered to LOGIN again, free for the others next run."""
    roster = load_roster(roster_path)
    person = roster.person(login)
    if person is None:
        raise UsageProblem(f"{login} is not in {roster_path}")
    parsed = parse_ref(issue)
    if parsed is None:
        raise UsageProblem(f"{issue!r} is not OWNER/REPO#N")
    store = _store(roster)
    with store.file.transaction() as tx:
        held = any(ref(o.repo, o.number) == ref(*parsed) for o in tx.state.member(login).offers)
        tx.save(declined(tx.state, person.login, *parsed))
    who = person.login
    what = f"handed back by {who}" if held else f"was not offered to {who}; noted"
    click.echo(f"{parsed[0]}#{parsed[1]} {what}: never offered to {who} again.", err=True)
