"""Turn a digest plan into the documented template context, rendered text and an email.

Issue titles, labels and reasons come from GitHub and are untrusted: they only ever reach the
templates as values (escaped per format there) and never reach a mail header.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from pydantic import BaseModel, ConfigDict

from ossmatch.digest.addresses import parse_address
from ossmatch.digest.formats import render_digest
from ossmatch.digest.plan import DigestPlan, Match
from ossmatch.digest.state import SentIssue
from ossmatch.errors import UsageProblem
from ossmatch.render.text import one_line, safe_url
from ossmatch.render.wording import plural
from ossmatch.suggest.fold import SUGGEST_RUN, fold_after
from ossmatch.suggest.relationships import InProgress
from ossmatch.vocabulary import is_beginner_label

_WHY: dict[str, str] = {
    "closed": "was closed",
    "assigned": "was assigned to someone",
    "linked_pr": "has an open pull request that will close it",
    "missing": "is no longer available on GitHub",
}



class _View(BaseModel):
    model_config = ConfigDict(frozen=True)


class NewIssue(_View):
    """A match sent for the first time."""

    repo: str
    number: int
    title: str
    #: http(s) only, with characters that could end a Markdown link percent-encoded.
    url: str
    repo_url: str
    score: int
    reasons: tuple[str, ...]
    labels: tuple[str, ...]
    #: Warnings the reasons do not already say (a dormant project, a stale issue).
    flags: tuple[str, ...]
    #: Under a repository's last listed issue: how many more it has ("+4 more in ..."), else empty.
    more: str = ""


class EarlierIssue(_View):
    """An issue an earlier digest sent; ``why`` says what happened to it (empty if still open)."""

    repo: str
    number: int
    title: str
    url: str
    first_sent: str
    why: str = ""


class OpenPull(_View):
    """One of the reader's open pull requests; ``status`` says whose move it is."""

    repo: str
    number: int
    title: str
    url: str
    status: str
    nudge: str = ""


class YourProjects(_View):
    """New next steps in projects that merged the reader's work, and their open pull requests."""

    next_steps: tuple[NewIssue, ...] = ()
    pulls: tuple[OpenPull, ...] = ()


class ProfileView(_View):
    """The profile the matches were chosen for, and how the reader changes it."""

    skills: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    interests: tuple[str, ...] = ()
    level: str | None = None
    #: Where the profile came from ("command-line options", a file path, ...).
    source: str = "command-line options"
    how_to_change: str = "Run ossmatch digest with different --skills, or pass --profile FILE."


class Origin(_View):
    """Why the reader gets this digest and how to stop it, with links where known."""

    why: str
    #: Where the schedule lives (the workflow's page in Actions), or empty.
    why_url: str = ""
    stop: str
    stop_url: str = ""


class DigestContext(_View):
    """Everything the digest templates may use; nothing else is passed to them."""

    subject: str
    generated: str
    new: tuple[NewIssue, ...]
    still_open: tuple[EarlierIssue, ...]
    gone: tuple[EarlierIssue, ...]
    profile: ProfileView
    your_projects: YourProjects = YourProjects()
    #: The sentence shown instead of the list when there is nothing new (first run, quiet week ...).
    empty_note: str = "No new matches since the last digest."
    origin: Origin
    #: The last line: "Sent by ossmatch on ..." for a sent mail, a preview line otherwise.
    closing: str
    #: What was found but not listed, and why (claimed; shut doors, blocked, tracking issues): said
    #: in the footer, as suggest says it in its own, never counted in the subject.
    left_out: tuple[str, ...] = ()




#: Subject and note of a week whose new matches all scored below the quality floor.
QUIET_WEEK = "Nothing new worth your time this week"


def subject_for(plan: DigestPlan) -> str:
    """A one-line subject built from counts only: no untrusted text ever reaches it."""
    count = len(plan.new)
    steps = len(plan.next_steps)
    step_part = f"{steps} next step{'s' if steps != 1 else ''} in your projects"
    if count == 0:
        if steps:
            return step_part
        return QUIET_WEEK if plan.below_floor else "No new beginner-friendly issues this time"
    noun = "issue" if count == 1 else "issues"
    beginner = all(any(is_beginner_label(name) for name in m.issue.label_names) for m in plan.new)
    subject = f"{count} new {'beginner-friendly ' if beginner else ''}{noun} for you"
    return f"{subject}, and {step_part}" if steps else subject


def empty_note(plan: DigestPlan, *, first_run: bool) -> str:
    """What to say when a digest has no new matches: a first run has no "last digest" to compare to."""
    if plan.below_floor:
        noun = "match" if plan.below_floor == 1 else "matches"
        return (f"{QUIET_WEEK}: {plan.below_floor} new {noun} scored below a {plan.min_score:g}% chance of a merged "
                "pull request, the quality floor (--min-score).")
    if first_run:
        return "No open issues match your skills yet; this digest will list them as they appear."
    return "No new matches since the last digest."


def _workflow_file(workflow_ref: str) -> str:
    """``digest.yml`` from ``owner/repo/.github/workflows/digest.yml@refs/heads/main``."""
    path = workflow_ref.split("@", 1)[0]
    marker = "/.github/workflows/"
    return path.split(marker, 1)[1] if marker in path else ""


def origin_for(env: Mapping[str, str]) -> Origin:
    """Why the digest was sent and how to stop it: the workflow when run in GitHub Actions."""
    if env.get("GITHUB_ACTIONS") != "true":
        return Origin(
            why="You get this digest because ossmatch digest ran for this profile, on your machine "
            "or from a scheduler you set up.",
            stop="To stop it, stop running ossmatch digest (remove it from your crontab or scheduler).",
        )
    workflow = one_line(env.get("GITHUB_WORKFLOW", "")) or "your digest workflow"
    repo = one_line(env.get("GITHUB_REPOSITORY", ""))
    server = one_line(env.get("GITHUB_SERVER_URL", "")).rstrip("/") or "https://github.com"
    where = f" in {repo}" if repo else ""
    url = ""
    if repo:
        file = _workflow_file(env.get("GITHUB_WORKFLOW_REF", ""))
        url = safe_url(f"{server}/{repo}/actions/workflows/{file}" if file else f"{server}/{repo}/actions")
    return Origin(
        why=f'You get this digest because the GitHub Actions workflow "{workflow}"{where} runs ossmatch '
        "on a schedule.",
        why_url=url,
        stop="To stop it, disable that workflow (Actions, the workflow, then \"Disable workflow\") "
        "or remove its schedule.",
        stop_url=url,
    )


#: Said in the closing line of a digest whose search stopped early (a rate limit, the deadline).
PARTIAL_NOTE = "Partial list: GitHub stopped the search early, so more matches may exist."


def left_out_lines(plan: DigestPlan) -> tuple[str, ...]:
    """The footer's lines about what was found but not listed: a claimed issue is no new find."""
    lines: list[str] = []
    if plan.claimed:
        lines.append(f"Not listed: {plural(plan.claimed, 'new issue')} someone already asked to take "
                     "(claimed), not counted above.")
    if plan.left_out:
        lines.append(f"{plan.left_out[0].upper()}{plan.left_out[1:]}.")
    return tuple(lines)


def _earlier(sent: SentIssue, why: str = "") -> EarlierIssue:
    """An issue an earlier digest sent, as the templates show it (``why``: why it is gone)."""
    return EarlierIssue(
        repo=sent.repo,
        number=sent.number,
        title=one_line(sent.title),
        url=safe_url(sent.url),
        first_sent=sent.first_sent.strftime("%Y-%m-%d"),
        why=why,
    )


def _open_pull(waiting: InProgress) -> OpenPull:
    """One of the reader's open pull requests, saying whose move it is."""
    return OpenPull(
        repo=waiting.pull.repo,
        number=waiting.pull.number,
        title=one_line(waiting.pull.title),
        url=safe_url(waiting.pull.url),
        status=_STATUS[waiting.waiting_on],
        nudge=waiting.nudge or "",
    )


def build_context(
    plan: DigestPlan,
    profile: ProfileView,
    *,
    now: datetime,
    origin: Origin | None = None,
    sent: bool = False,
    first_run: bool = False,
    partial: bool = False,
) -> DigestContext:
    """The template context; ``sent`` only for the mail actually delivered (it says "Sent by");
    ``partial`` when the search stopped early (the closing line then says so, in every format)."""
    day = now.strftime("%Y-%m-%d")
    done = f"Sent by ossmatch on {day}." if sent else f"Preview made by ossmatch on {day}; nothing was sent."
    return DigestContext(
        subject=subject_for(plan),
        generated=day,
        empty_note=empty_note(plan, first_run=first_run),
        origin=origin or origin_for({}),
        closing=f"{PARTIAL_NOTE} {done}" if partial else done,
        left_out=left_out_lines(plan),
        new=_new_issues(plan),
        still_open=tuple(_earlier(s) for s in plan.still_open),
        gone=tuple(_earlier(g.sent, _WHY[g.status]) for g in plan.gone),
        profile=profile,
        your_projects=YourProjects(
            next_steps=tuple(_new_issue(m, labels_listed=False) for m in plan.next_steps),
            pulls=tuple(_open_pull(p) for p in plan.pulls),
        ),
    )


_STATUS = {
    "review": "waiting for review",
    "you": "waiting for your reply",
    "unknown": "open (review state unknown without a token)",
}


#: Flags a reason already says in words ("mentored: ...", "next step: ..."): not repeated as "! mentored".
_SAID_BY_REASONS = frozenset({"mentored", "next-step", "involved"})


def _new_issues(plan: DigestPlan) -> tuple[NewIssue, ...]:
    """The new finds, each repository's fold line under its last listed issue."""
    under = fold_after(plan.new, dict(plan.folds))
    return tuple(_new_issue(m, more=under[i].text(run=SUGGEST_RUN) if i in under else "")
                 for i, m in enumerate(plan.new))


def _new_issue(match: Match, *, more: str = "", labels_listed: bool = True) -> NewIssue:
    """``labels_listed``: the templates list this issue's labels, so "labelled '...'" is not said again."""
    issue = match.issue
    labels = {f"labelled '{name}'" for name in issue.label_names} if labels_listed else set()
    return NewIssue(
        repo=issue.repo,
        number=issue.number,
        title=one_line(issue.title),
        url=safe_url(issue.url),
        repo_url=safe_url(match.repo.url),
        score=round(match.score),
        reasons=tuple(one_line(r) for r in match.reasons if r not in labels),  # the labels are listed
        labels=tuple(one_line(name) for name in issue.label_names),
        flags=tuple(sorted(one_line(f) for f in match.flags - _SAID_BY_REASONS)),
        more=more,
    )


def build_message(
    context: DigestContext,
    *,
    sender: str,
    recipients: Sequence[str],
    now: datetime,
) -> EmailMessage:
    """A multipart/alternative message: plain text first, HTML second (clients show the last)."""
    from_address = parse_address(sender)
    to_addresses = [parse_address(r) for r in recipients]
    if not to_addresses:
        raise UsageProblem("no recipients: set OSSMATCH_MAIL_TO or pass --mail-to")
    message = EmailMessage()
    message["Subject"] = one_line(context.subject)
    message["From"] = from_address
    message["To"] = to_addresses
    message["Date"] = format_datetime(now)
    message["Message-ID"] = make_msgid("ossmatch-digest", domain=from_address.domain)
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(render_digest(context, "text"), charset="utf-8")
    message.add_alternative(render_digest(context, "html"), subtype="html", charset="utf-8")
    return message


#: Headers a reader checks in a dry run, in the order a mail client shows them.
_SHOWN_HEADERS = ("From", "To", "Subject", "Date", "Auto-Submitted")


def readable_message(message: EmailMessage, part: str = "plain", *, format_hint: bool = True) -> str:
    """A dry run's view of ``message``: the headers a reader sees, then one part (``plain`` or ``html``) decoded.

    The other part carries the same content; it is named, not dumped as quoted-printable, with how to
    see it (``--format html``) unless ``format_hint`` is off: a command without that option.
    """
    lines = [f"{name}: {message[name]}" for name in _SHOWN_HEADERS if message[name] is not None]
    shown = message.get_body(preferencelist=(part,)) or message.get_body(preferencelist=("plain", "html"))
    other = message.get_body(preferencelist=("plain" if part == "html" else "html",))
    lines.append("")
    lines.append((shown.get_content() if shown is not None else "").rstrip("\n"))
    if other is not None and other is not shown:
        size = len(other.get_content().encode("utf-8"))
        if part == "html":
            named, hint = f"a plain-text version of the same digest, {size} bytes", "see it without --format html"
        else:
            named, hint = f"an HTML version of the same digest, {size} bytes", "see it with --format html"
        lines += ["", f"[and {named}: {hint}]" if format_hint else f"[and {named}]"]
    return "\n".join(lines) + "\n"
