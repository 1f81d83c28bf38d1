"""A digest run's decisions about the sent state: preview, mark as sent, send at most once, reset.

At most once: ``send_digest`` holds the state lock across load, collect, send and record. The
issues are recorded as pending before the SMTP transaction and confirmed after the server's 250
reply; only a definite refusal rolls them back, and a run that finds pending records treats them
as sent. If the state cannot be written, nothing is sent. ``mark_sent`` records after writing the
output (a step summary, say). Previews and dry runs never change the state.

The CLI supplies the side effects (collecting from GitHub, writing the output, saying things on
stderr) as callables, so this protocol is tested without click.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage
from typing import TYPE_CHECKING, Any, Literal

from ossmatch.digest.compose import (
    DigestContext,
    Origin,
    ProfileView,
    build_context,
    build_message,
    readable_message,
)
from ossmatch.digest.plan import DigestPlan, gone_statuses, sent_records
from ossmatch.digest.state import SentState, StateStore, confirmed, pending_issues, pruned, with_sent, with_statuses
from ossmatch.errors import MailError, OssmatchError, UsageProblem
from ossmatch.render.wording import plural

if TYPE_CHECKING:
    from ossmatch.digest.collect import Collected
    from ossmatch.digest.smtp import Envelope, SmtpSettings

#: What ``--send`` does when nothing new is worth a mail: send nothing, or a short note saying so.
QuietWeek = Literal["skip", "note"]
#: A message on stderr: a note, or a warning.
Say = Callable[[str], None]


def _silent(_message: str) -> None:
    """Say nothing (the default where no one listens)."""


@dataclass
class DigestRun:
    """One digest run: its plan, collected once when first needed, and the state it would record."""

    #: Collects the plan for a sent state (from GitHub; the CLI adds progress and warnings).
    collect: Callable[[SentState], Collected]
    profile: ProfileView
    now: datetime
    origin: Origin
    plan: DigestPlan | None = field(default=None, init=False)
    #: The search stopped early: the digest says its list is partial.
    partial: bool = field(default=False, init=False)

    def context(self, state: SentState, *, sent: bool) -> DigestContext:
        """The template context for ``state``; ``sent`` only for the mail actually delivered."""
        if self.plan is None:
            collected = self.collect(state)
            self.plan, self.partial = collected.plan, collected.partial
        return build_context(
            self.plan, self.profile, now=self.now, origin=self.origin, sent=sent, first_run=not state.issues,
            partial=self.partial,
        )

    def recorded(self, state: SentState, *, pending: bool) -> SentState:
        """``state`` with this digest's issues recorded and its status changes marked as told."""
        if self.plan is None:
            raise RuntimeError("collect the digest before recording it")
        return recorded(self.plan, state, self.now, pending=pending)


def recorded(plan: DigestPlan, state: SentState, now: datetime, *, pending: bool) -> SentState:
    """``state`` with ``plan``'s issues recorded and its status changes marked as told."""
    if plan.is_empty:
        return state
    delivered = with_sent(state, sent_records(plan.delivered, now, pending=pending))
    return pruned(with_statuses(delivered, gone_statuses(plan), now))


def preview_mail(run: DigestRun, state: SentState, envelope: Envelope, fmt: str = "text") -> str:
    """The mail as it would be sent (its headers and its text part, or its HTML part for ``html``), for a dry
    run: nothing is sent or recorded. A mail has no Markdown part, so ``markdown`` is a usage error."""
    if fmt not in ("text", "html"):
        raise UsageProblem(f"--dry-run shows the email, which has a text and an HTML part: use --format text or "
                           f"html, not {fmt}")
    context = run.context(state, sent=False)
    message = build_message(context, sender=envelope.mail_from, recipients=envelope.mail_to, now=run.now)
    return readable_message(message, "html" if fmt == "html" else "plain")


def confirm_pending(state: SentState, note: Say = _silent) -> SentState:
    """Treat records left pending by an interrupted run as sent, and say so once."""
    pending = pending_issues(state)
    if not pending:
        return state
    note(
        f"Note: an earlier run stopped while mailing {plural(len(pending), 'issue')} (its outcome is unknown); "
        "treating them as sent so they are never mailed twice."
    )
    return confirmed(state)


def reset(store: StateStore, *, dry_run: bool) -> str:
    """Forget what earlier digests sent (not in a dry run); the sentence that says what was done."""
    sent = plural(len(store.peek().issues), "issue")
    if dry_run:
        return f"Dry run: would forget the {sent} earlier digests sent; nothing changed."
    store.reset()
    return f"Forgot the {sent} earlier digests sent."


def mark_sent(store: StateStore, run: DigestRun, write: Callable[[DigestContext], None], note: Say = _silent) -> None:
    """Write the digest (``write``), then record its issues as sent: all under the state lock."""
    with store.transaction() as tx:
        state = confirm_pending(tx.state, note)
        write(run.context(state, sent=False))
        tx.save(run.recorded(state, pending=False))


def send_digest(
    store: StateStore,
    run: DigestRun,
    settings: SmtpSettings,
    *,
    quiet_week: QuietWeek,
    deliver: Callable[[EmailMessage, SmtpSettings], None],
    note: Say = _silent,
    warn: Say = _silent,
) -> DigestContext:
    """Load, collect, record as pending, send (``deliver``), confirm: all under the state lock.

    Returns the digest as sent (or as it would have been, when a quiet week sends nothing).
    """
    with store.transaction() as tx:
        before = tx.state
        state = confirm_pending(before, note)
        context = run.context(state, sent=True)
        if run.plan is not None and run.plan.is_empty and quiet_week == "skip":
            if state is not before:
                tx.save(state)
            note(f"{context.empty_note} No mail sent.")
            return context
        message = build_message(context, sender=settings.mail_from, recipients=settings.mail_to, now=run.now)
        send_once(tx.save, state, run.recorded(state, pending=True), lambda: deliver(message, settings), warn=warn)
        note(f"Sent: {context.subject} (to {', '.join(settings.mail_to)}).")
    return context


def send_once(save: Callable[[SentState], None], state: SentState, pending: SentState, deliver: Callable[[], None],
              *, warn: Say = _silent, what: str = "this digest", sent: str = "the digest was sent") -> None:
    """The at-most-once step, under the caller's state lock: save ``pending`` (else send nothing), send,
    then confirm; a definite refusal restores ``state``, a maybe-delivered failure keeps the records.

    ``what`` and ``sent`` name the mail in what is said (``digest`` and ``cohort`` share this)."""
    try:
        save(pending)
    except OssmatchError as error:
        raise OssmatchError(f"{error.message}; not sending, so {what} cannot go out twice") from None
    try:
        deliver()
    except MailError as error:
        if not error.maybe_delivered:
            _roll_back(save, state, warn)
        else:
            error.message += "; the issues stay recorded as sent, so they are not mailed twice"
        raise
    _finish(save, pending, warn, sent)


def _roll_back(save: Callable[[SentState], None], state: SentState, warn: Say) -> None:
    try:
        save(state)
    except OssmatchError as error:
        warn(f"{error.message}; the refused issues stay recorded as sent")


def _finish(save: Callable[[SentState], None], pending: SentState, warn: Say, sent: str) -> None:
    try:
        save(confirmed(pending))
    except OssmatchError as error:
        warn(f"{sent}, but {error.message}; the next run treats its issues as sent")


def profile_view(profile: Any, env: Mapping[str, str]) -> ProfileView:
    """What the footer says about the profile, and how to change it where the digest runs."""
    source = getattr(profile, "source", None)
    if env.get("GITHUB_ACTIONS") == "true":
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
