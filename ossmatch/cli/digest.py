"""``ossmatch digest``: new matches since the last digest, as text, HTML, Markdown or an email.

At most once: ``--send`` holds the state lock across load, collect, send and record. The issues
are recorded as pending before the SMTP transaction and confirmed after the server's 250 reply;
only a definite refusal rolls them back, and a run that finds pending records treats them as
sent. If the state cannot be written, nothing is sent. ``--mark-sent`` records after writing the
output (a step summary, say). Previews and ``--dry-run`` never change the state.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import click

from ossmatch.cli.options import (
    OUTPUT_PATH,
    GitHubOptions,
    current_time,
    github_options,
    open_client,
    optional_profile_options,
    relationship_options,
    write_output,
)
from ossmatch.cli.progress import progress_reporter, stderr_warn

if TYPE_CHECKING:
    from ossmatch.digest.compose import DigestContext, Format
    from ossmatch.digest.plan import DigestPlan
    from ossmatch.digest.smtp import SmtpSettings
    from ossmatch.digest.state import SentState, StateStore

#: The default quality floor, in percent chance of a merged pull request (the suggest score): about
#: the RecGFI base rate (10.5% of labelled beginner issues are resolved by a newcomer), so a match no
#: likelier than a random beginner issue is padding, not worth a mail.
DEFAULT_MIN_SCORE = 10


def _say(message: str) -> None:
    click.echo(message, err=True)


@click.command("digest")
@optional_profile_options
@relationship_options
@github_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "html"]),
    default="text",
    show_default=True,
    help="Format written to stdout or --output (with --dry-run: the email's text or html part).",
)
@click.option(
    "--output",
    "-o",
    type=OUTPUT_PATH,
    help="Write the digest to this file (also with --send).",
)
@click.option("--limit", type=click.IntRange(1, 50), default=5, show_default=True,
              help="Issues at most: next steps first, then new finds (at most 50).")
@click.option("--send", is_flag=True, help="Email the digest (settings: OSSMATCH_SMTP_*).")
@click.option("--dry-run", is_flag=True, help="Print the full email instead of sending it.")
@click.option(
    "--mark-sent",
    is_flag=True,
    help="Record the listed issues as sent after writing the output, without email.",
)
@click.option("--reset-state", is_flag=True, help="Forget which issues earlier digests sent (works alone).")
@click.option(
    "--min-score",
    type=click.FloatRange(0, 100),
    default=DEFAULT_MIN_SCORE,
    show_default=True,
    envvar="OSSMATCH_DIGEST_MIN_SCORE",
    help="Quality floor: leave out new matches whose score (percent chance of a merged PR) is below this "
    "(OSSMATCH_DIGEST_MIN_SCORE).",
)
@click.option(
    "--quiet-week",
    type=click.Choice(["skip", "note"]),
    default="skip",
    show_default=True,
    envvar="OSSMATCH_DIGEST_QUIET_WEEK",
    help="With --send, when nothing new is worth a mail: send nothing, or a short note saying so.",
)
@click.option("--smtp-host", help="Overrides OSSMATCH_SMTP_HOST.")
@click.option("--smtp-port", type=click.IntRange(1, 65535), help="Overrides OSSMATCH_SMTP_PORT.")
@click.option("--smtp-username", help="Overrides OSSMATCH_SMTP_USERNAME (password: env only).")
@click.option(
    "--smtp-security",
    type=click.Choice(["starttls", "ssl", "none"]),
    help="Overrides OSSMATCH_SMTP_SECURITY.",
)
@click.option(
    "--smtp-ca-file",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="Trust this CA bundle (OSSMATCH_SMTP_CA_FILE).",
)
@click.option(
    "--smtp-timeout",
    type=click.FloatRange(min=0, min_open=True),
    help="Seconds to wait for the server (OSSMATCH_SMTP_TIMEOUT).",
)
@click.option("--mail-from", help="Overrides OSSMATCH_MAIL_FROM.")
@click.option("--mail-to", multiple=True, help="Recipient; repeat or separate with commas (OSSMATCH_MAIL_TO).")
def command(
    *,
    profile: Any,
    relations: Any,
    github: GitHubOptions,
    fmt: str,
    output: Path | None,
    limit: int,
    send: bool,
    dry_run: bool,
    mark_sent: bool,
    reset_state: bool,
    min_score: float,
    quiet_week: str,
    **smtp: Any,
) -> None:
    """Email (or print) new beginner-friendly matches, never repeating earlier digests.

    \b
    ossmatch digest --skills python                      preview as text
    ossmatch digest --skills python --dry-run            the email as it would be sent, not sent
    ossmatch digest --profile me.toml --send             send via OSSMATCH_SMTP_*
    ossmatch digest --skills python --me octocat         with a "Your projects" section
    ossmatch digest --reset-state                        forget what earlier digests sent
    """
    from ossmatch.digest.compose import build_message, readable_message, render_digest
    from ossmatch.digest.smtp import Envelope, SmtpSettings, clear_text_warning
    from ossmatch.digest.state import SentState, StateStore
    from ossmatch.errors import UsageProblem
    from ossmatch.github.cache import default_cache_dir
    from ossmatch.profile import EMPTY_PROFILE_MESSAGE

    if sum((send, dry_run, mark_sent)) > 1:
        raise UsageProblem("use only one of --send, --dry-run and --mark-sent")
    store = StateStore(default_cache_dir() / "digest" / "sent.json", warn=stderr_warn)
    if reset_state:
        _reset(store, dry_run=dry_run)
        if profile is None:
            return
    if profile is None:
        raise UsageProblem(EMPTY_PROFILE_MESSAGE)
    overrides = _overrides(smtp)
    run = _Run(profile, relations, github, limit=limit, min_score=min_score)

    if dry_run and fmt == "markdown":
        raise UsageProblem("--dry-run shows the email, which has a text and an HTML part: use --format text or html")
    if dry_run:
        envelope = Envelope.from_env(os.environ, overrides)
        state = SentState() if reset_state else store.peek()
        context = run.context(state, sent=False)
        message = build_message(context, sender=envelope.mail_from, recipients=envelope.mail_to, now=run.now)
        write_output(readable_message(message, "html" if fmt == "html" else "plain"), output)
        return
    if send:
        settings = SmtpSettings.from_env(os.environ, overrides)
        if (clear := clear_text_warning(settings)) is not None:
            stderr_warn(clear)
        _send(store, run, settings, output=output, fmt=cast("Format", fmt), quiet_week=quiet_week)
        return
    if mark_sent:
        with store.transaction() as tx:
            state = _confirm_pending(tx.state)
            context = run.context(state, sent=False)
            write_output(render_digest(context, cast("Format", fmt)), output)
            tx.save(run.recorded(state, pending=False))
        return
    write_output(render_digest(run.context(store.peek(), sent=False), cast("Format", fmt)), output)


class _Run:
    """One digest run's inputs, the plan once collected, and the state it would record."""

    def __init__(self, profile: Any, relations: Any, github: GitHubOptions, *, limit: int, min_score: float) -> None:
        self.profile = profile
        self.relations = relations
        self.github = github
        self.limit = limit
        self.min_score = min_score
        self.now = current_time()
        self.plan: DigestPlan | None = None
        self.partial = False

    def context(self, state: SentState, *, sent: bool) -> DigestContext:
        from ossmatch.digest.collect import collect
        from ossmatch.digest.compose import build_context, origin_for

        if self.plan is None:
            with progress_reporter("Collecting the digest") as progress:
                collected = collect(
                    open_client(self.github), self.profile, state, now=self.now, limit=self.limit,
                    progress=progress, relations=self.relations, min_score=self.min_score,
                )
            for warning in collected.warnings:
                stderr_warn(warning)
            self.plan = collected.plan
            self.partial = collected.partial
        return build_context(
            self.plan, _profile_view(self.profile), now=self.now, origin=origin_for(os.environ),
            sent=sent, first_run=not state.issues, partial=self.partial,
        )

    def recorded(self, state: SentState, *, pending: bool) -> SentState:
        """``state`` with this digest's issues recorded and its status changes marked as told."""
        from ossmatch.digest.plan import gone_statuses, sent_records
        from ossmatch.digest.state import pruned, with_sent, with_statuses

        assert self.plan is not None, "collect before recording"
        if self.plan.is_empty:
            return state
        delivered = with_sent(state, sent_records(self.plan.delivered, self.now, pending=pending))
        return pruned(with_statuses(delivered, gone_statuses(self.plan), self.now))


def _reset(store: StateStore, *, dry_run: bool) -> None:
    count = len(store.peek().issues)
    noun = "issue" if count == 1 else "issues"
    if dry_run:
        _say(f"Dry run: would forget the {count} {noun} earlier digests sent; nothing changed.")
        return
    store.reset()
    _say(f"Forgot the {count} {noun} earlier digests sent.")


def _confirm_pending(state: SentState) -> SentState:
    """Treat records left pending by an interrupted run as sent, and say so once."""
    from ossmatch.digest.state import confirmed, pending_issues

    pending = pending_issues(state)
    if not pending:
        return state
    noun = "issue" if len(pending) == 1 else "issues"
    click.echo(
        f"Note: an earlier run stopped while mailing {len(pending)} {noun} (its outcome is unknown); "
        "treating them as sent so they are never mailed twice.",
        err=True,
    )
    return confirmed(state)


def _send(
    store: StateStore, run: _Run, settings: SmtpSettings, *, output: Path | None, fmt: Format, quiet_week: str
) -> None:
    """Load, collect, record as pending, send, confirm: all under the state lock."""
    from ossmatch.digest.compose import build_message, render_digest
    from ossmatch.digest.smtp import send as send_mail
    from ossmatch.errors import MailError, OssmatchError

    with store.transaction() as tx:
        before = tx.state
        state = _confirm_pending(before)
        context = run.context(state, sent=True)
        assert run.plan is not None
        if run.plan.is_empty and quiet_week == "skip":
            if state is not before:
                tx.save(state)
            _say(f"{context.empty_note} No mail sent.")
        else:
            message = build_message(context, sender=settings.mail_from, recipients=settings.mail_to, now=run.now)
            pending = run.recorded(state, pending=True)
            try:
                tx.save(pending)
            except OssmatchError as error:
                raise OssmatchError(f"{error.message}; not sending, so this digest cannot go out twice") from None
            try:
                send_mail(message, settings)
            except MailError as error:
                if not error.maybe_delivered:
                    _roll_back(tx.save, state)
                else:
                    error.message += "; the issues stay recorded as sent, so they are not mailed twice"
                raise
            _finish(tx.save, pending)
            _say(f"Sent: {context.subject} (to {', '.join(settings.mail_to)}).")
    if output is not None:
        write_output(render_digest(context, fmt), output)


def _roll_back(save: Callable[[SentState], None], state: SentState) -> None:
    from ossmatch.errors import OssmatchError

    try:
        save(state)
    except OssmatchError as error:
        stderr_warn(f"{error.message}; the refused issues stay recorded as sent")


def _finish(save: Callable[[SentState], None], pending: SentState) -> None:
    from ossmatch.digest.state import confirmed
    from ossmatch.errors import OssmatchError

    try:
        save(confirmed(pending))
    except OssmatchError as error:
        stderr_warn(f"the digest was sent, but {error.message}; the next run treats its issues as sent")
def _overrides(options: dict[str, Any]) -> dict[str, Any]:
    recipients = tuple(part.strip() for value in options["mail_to"] for part in value.split(",") if part.strip())
    return {
        "host": options["smtp_host"],
        "port": options["smtp_port"],
        "username": options["smtp_username"],
        "security": options["smtp_security"],
        "ca_file": options["smtp_ca_file"],
        "timeout": options["smtp_timeout"],
        "mail_from": options["mail_from"],
        "mail_to": recipients,
    }


def _profile_view(profile: Any) -> Any:
    """What the footer says about the profile, and how to change it where the digest runs."""
    from ossmatch.digest.compose import ProfileView

    source = getattr(profile, "source", None)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        how = "To change these, edit the skills or profile input in your digest workflow."
    elif source:
        how = f"To change these, edit {source} or pass --skills."
    else:
        how = "To change these, pass different --skills or a --profile file."
    return ProfileView(
        skills=tuple(str(s) for s in getattr(profile, "skills", ()) or ()),
        languages=tuple(str(s) for s in getattr(profile, "languages", ()) or ()),
        interests=tuple(str(s) for s in getattr(profile, "interests", ()) or ()),
        level=str(level) if (level := getattr(profile, "level", None)) else None,
        source=str(source) if source else "command-line options",
        how_to_change=how,
    )
