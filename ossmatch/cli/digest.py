"""``ossmatch digest``: new matches since the last digest, as text, HTML, Markdown or an email.

The sent state changes only when a digest was delivered: after the SMTP server accepted the
message (``--send``), or after the output was written when ``--mark-sent`` says that output is
the delivery (a step summary, say). Previews and ``--dry-run`` never change it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import click

from ossmatch.cli.options import (
    GitHubOptions,
    current_time,
    github_options,
    open_client,
    profile_options,
    relationship_options,
    write_output,
)
from ossmatch.cli.progress import stderr_warn

if TYPE_CHECKING:
    from ossmatch.digest.compose import Format


def _say(message: str) -> None:
    click.echo(message, err=True)


@click.command("digest")
@profile_options
@relationship_options
@github_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "html"]),
    default="text",
    show_default=True,
    help="Format written to stdout or --output.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the digest to this file (also with --send).",
)
@click.option("--limit", type=click.IntRange(1, 50), default=5, show_default=True, help="New issues at most.")
@click.option("--send", is_flag=True, help="Email the digest (settings: OSSMATCH_SMTP_*).")
@click.option("--dry-run", is_flag=True, help="Print the full email instead of sending it.")
@click.option(
    "--mark-sent",
    is_flag=True,
    help="Record the listed issues as sent after writing the output, without email.",
)
@click.option("--reset-state", is_flag=True, help="Forget which issues earlier digests sent.")
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
    **smtp: Any,
) -> None:
    """Email (or print) new beginner-friendly matches, never repeating earlier digests.

    \b
    ossmatch digest --skills python                      preview as text
    ossmatch digest --skills python --dry-run            the full email, not sent
    ossmatch digest --profile me.toml --send             send via OSSMATCH_SMTP_*
    ossmatch digest --skills python --me octocat         with a "Your projects" section
    """
    from ossmatch.digest.collect import collect
    from ossmatch.digest.compose import build_context, build_message, render_digest
    from ossmatch.digest.plan import gone_statuses, sent_records
    from ossmatch.digest.smtp import SmtpSettings
    from ossmatch.digest.smtp import send as send_mail
    from ossmatch.digest.state import StateStore, with_sent, with_statuses
    from ossmatch.errors import UsageProblem
    from ossmatch.github.cache import default_cache_dir

    if sum((send, dry_run, mark_sent)) > 1:
        raise UsageProblem("use only one of --send, --dry-run and --mark-sent")
    settings = SmtpSettings.from_env(os.environ, _overrides(smtp)) if send or dry_run else None

    store = StateStore(default_cache_dir() / "digest" / "sent.json", warn=stderr_warn)
    if reset_state:
        store.reset()
        _say("Forgot the issues earlier digests sent.")
    now = current_time()
    collected = collect(
        open_client(github), profile, store.load(), now=now, limit=limit, progress=_say, relations=relations
    )
    for warning in collected.warnings:
        stderr_warn(warning)
    plan = collected.plan
    context = build_context(plan, _profile_view(profile), now=now)

    if dry_run:
        assert settings is not None
        message = build_message(context, sender=settings.mail_from, recipients=settings.mail_to, now=now)
        write_output(message.as_string(), output)
        return

    def record() -> None:
        store.update(
            lambda state: with_statuses(with_sent(state, sent_records(plan.delivered, now)), gone_statuses(plan), now)
        )

    if settings is not None:
        if plan.is_empty:
            _say("Nothing new since the last digest; no mail sent.")
        else:
            message = build_message(context, sender=settings.mail_from, recipients=settings.mail_to, now=now)
            send_mail(message, settings)
            record()
            _say(f"Sent: {context.subject} (to {', '.join(settings.mail_to)}).")
    if output is not None or settings is None:
        write_output(render_digest(context, cast("Format", fmt)), output)
        if mark_sent and not plan.is_empty:
            record()


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
