"""``ossmatch digest``: new matches since the last digest, as text, HTML, Markdown or an email.

The at-most-once protocol (``--send``, ``--mark-sent``, ``--reset-state``) lives in
``ossmatch.digest.delivery``; this command parses options and supplies the side effects.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import click

from ossmatch.cli.format_option import format_option
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
from ossmatch.digest import delivery, limits
from ossmatch.digest.collect import Collected
from ossmatch.digest.collect import collect as collect_digest
from ossmatch.digest.compose import origin_for
from ossmatch.digest.formats import render_digest
from ossmatch.digest.smtp import Envelope, SmtpSettings, clear_text_warning
from ossmatch.digest.smtp import send as send_mail
from ossmatch.digest.state import SentState, StateStore
from ossmatch.errors import UsageProblem
from ossmatch.github.cache import default_cache_dir
from ossmatch.profile import EMPTY_PROFILE_MESSAGE

if TYPE_CHECKING:
    from ossmatch.digest.compose import DigestContext



def _say(message: str) -> None:
    click.echo(message, err=True)


def smtp_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """The SMTP and mail options, passed to the command as ``smtp``: overrides of the environment."""
    options = (
        click.option("--smtp-host", help="Overrides OSSMATCH_SMTP_HOST."),
        click.option("--smtp-port", type=click.IntRange(1, 65535), help="Overrides OSSMATCH_SMTP_PORT."),
        click.option("--smtp-username", help="Overrides OSSMATCH_SMTP_USERNAME (password: env only)."),
        click.option("--smtp-security", type=click.Choice(["starttls", "ssl", "none"]),
                     help="Overrides OSSMATCH_SMTP_SECURITY."),
        click.option("--smtp-ca-file", type=click.Path(dir_okay=False, exists=True, path_type=Path),
                     help="Trust this CA bundle (OSSMATCH_SMTP_CA_FILE)."),
        click.option("--smtp-timeout", type=click.FloatRange(min=0, min_open=True),
                     help="Seconds to wait for the server (OSSMATCH_SMTP_TIMEOUT)."),
        click.option("--mail-from", help="Overrides OSSMATCH_MAIL_FROM."),
        click.option("--mail-to", multiple=True, help="Recipient; repeat or separate with commas (OSSMATCH_MAIL_TO)."),
    )

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        names = ("smtp_host", "smtp_port", "smtp_username", "smtp_security", "smtp_ca_file", "smtp_timeout",
                 "mail_from", "mail_to")
        given = {name: kwargs.pop(name) for name in names}
        return func(*args, smtp=_overrides(given), **kwargs)

    for option in reversed(options):
        wrapper = option(wrapper)
    return wrapper


def smtp_settings(overrides: dict[str, Any]) -> SmtpSettings:
    """``OSSMATCH_SMTP_*`` and ``OSSMATCH_MAIL_*`` with a command's ``overrides``, for every command that
    mails (digest, cohort): said once, before any mail, when the password would travel unencrypted."""
    settings = SmtpSettings.from_env(os.environ, overrides)
    if (clear := clear_text_warning(settings)) is not None:
        stderr_warn(clear)
    return settings


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


def _collector(github: GitHubOptions, profile: Any, **options: Any) -> Callable[[SentState], Collected]:
    """Collects a digest's plan from GitHub, with a spinner and warnings on stderr."""

    def collect(state: SentState) -> Collected:
        with progress_reporter("Collecting the digest") as progress:
            collected = collect_digest(open_client(github), profile, state, progress=progress, **options)
        for warning in collected.warnings:
            stderr_warn(warning)
        for note in collected.notes:
            click.echo(f"Note: {note}", err=True)
        return collected

    return collect


def delivery_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """What to write and whether to mail it: --output, --limit, --send, --dry-run, --mark-sent,
    --reset-state, --min-score and --quiet-week, in that order in the help."""
    options = (
        click.option(
            "--output",
            "-o",
            type=OUTPUT_PATH,
            help="Write the digest to this file (also with --send).",
        ),
        click.option("--limit", type=click.IntRange(1, limits.MAX_LIMIT), default=limits.DEFAULT_LIMIT,
                     show_default=True,
                     help=f"Issues at most: next steps first, then new finds (at most {limits.MAX_LIMIT})."),
        click.option("--send", is_flag=True, help="Email the digest (settings: OSSMATCH_SMTP_*)."),
        click.option("--dry-run", is_flag=True, help="Print the full email instead of sending it."),
        click.option(
            "--mark-sent",
            is_flag=True,
            help="Record the listed issues as sent after writing the output, without email.",
        ),
        click.option("--reset-state", is_flag=True, help="Forget which issues earlier digests sent (works alone)."),
        click.option(
            "--min-score",
            type=click.FloatRange(0, 100),
            default=limits.DEFAULT_MIN_SCORE,
            show_default=True,
            envvar="OSSMATCH_DIGEST_MIN_SCORE",
            help="Quality floor: leave out new matches whose score (percent chance of a merged PR) is below this "
            "(OSSMATCH_DIGEST_MIN_SCORE).",
        ),
        click.option(
            "--quiet-week",
            type=click.Choice(["skip", "note"]),
            default="skip",
            show_default=True,
            envvar="OSSMATCH_DIGEST_QUIET_WEEK",
            help="With --send, when nothing new is worth a mail: send nothing, or a short note saying so.",
        ),
    )
    for option in reversed(options):
        func = option(func)
    return func


def _write(context: DigestContext, fmt: str, output: Path | None) -> None:
    write_output(render_digest(context, fmt), output)


def _send(store: StateStore, run: delivery.DigestRun, smtp: dict[str, Any], *, quiet_week: str, fmt: str,
          output: Path | None) -> None:
    """Mail the digest (warning first when the connection would be clear text), then write its copy."""
    settings = smtp_settings(smtp)
    sent = delivery.send_digest(store, run, settings, quiet_week=cast("delivery.QuietWeek", quiet_week),
                                deliver=send_mail, note=_say, warn=stderr_warn)
    if output is not None:
        _write(sent, fmt, output)


@click.command("digest")
@optional_profile_options
@relationship_options
@github_options
@format_option("ossmatch.digest.formats", default="text",
               help="Format written to stdout or --output (with --dry-run: the email's text or html part).")
@delivery_options
@smtp_options
def command(
    *, profile: Any, relations: Any, github: GitHubOptions, fmt: str, output: Path | None, limit: int, send: bool,
    dry_run: bool, mark_sent: bool, reset_state: bool, min_score: float, quiet_week: str, smtp: dict[str, Any],
) -> None:
    """Email (or print) new beginner-friendly matches, never repeating earlier digests.

    \b
    ossmatch digest --skills python                      preview as text
    ossmatch digest --skills python --dry-run            the email as it would be sent, not sent
    ossmatch digest --profile me.toml --send             send via OSSMATCH_SMTP_*
    ossmatch digest --skills python --me octocat         with a "Your projects" section
    ossmatch digest --reset-state                        forget what earlier digests sent
    """
    if sum((send, dry_run, mark_sent)) > 1:
        raise UsageProblem("use only one of --send, --dry-run and --mark-sent")
    store = StateStore(default_cache_dir() / "digest" / "sent.json", warn=stderr_warn)
    if reset_state:
        _say(delivery.reset(store, dry_run=dry_run))
        if profile is None:
            return
    if profile is None:
        raise UsageProblem(EMPTY_PROFILE_MESSAGE)
    now = current_time()
    collect = _collector(github, profile, now=now, limit=limit, relations=relations, min_score=min_score)
    run = delivery.DigestRun(collect, delivery.profile_view(profile, os.environ), now, origin_for(os.environ))
    if dry_run:
        state = SentState() if reset_state else store.peek()
        write_output(delivery.preview_mail(run, state, Envelope.from_env(os.environ, smtp), fmt), output)
    elif send:
        _send(store, run, smtp, quiet_week=quiet_week, fmt=fmt, output=output)
    elif mark_sent:
        delivery.mark_sent(store, run, functools.partial(_write, fmt=fmt, output=output), note=_say)
    else:
        _write(run.context(store.peek(), sent=False), fmt, output)
