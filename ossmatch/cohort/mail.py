"""Each person's mail, through the digest's own templates, SMTP code and at-most-once state.

A person's mail is a digest of their offers: new offers are its new issues (next steps in their
projects under "Your projects"), offers they keep are "still open", offers taken by someone else
or closed are said once. Each person has their own sent-state file, with the digest's rules: the
issues are recorded as pending before the SMTP transaction and confirmed after the server's 250;
only a definite refusal rolls them back. The coordinator and the mentors are named in the footer.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from ossmatch.cohort.roster import Person, Roster
from ossmatch.cohort.state import Offer
from ossmatch.cohort.week import Week
from ossmatch.digest.addresses import parse_address
from ossmatch.digest.compose import DigestContext, Origin, ProfileView, build_context, build_message, origin_for
from ossmatch.digest.delivery import recorded, send_once
from ossmatch.digest.plan import DigestPlan, Match, plan_digest, status_of
from ossmatch.digest.smtp import SmtpSettings, send
from ossmatch.digest.state import SentState, StateStore, confirmed, pending_issues
from ossmatch.errors import OssmatchError
from ossmatch.models import ContributorHistory, Issue, Repo
from ossmatch.render.text import one_line
from ossmatch.suggest.relationships import in_progress


def mentors_for(roster: Roster, repos: Sequence[str]) -> list[str]:
    """The mentors to name: those of the person's projects, else everyone's mentors."""
    def named(m: object) -> str:
        login, name = getattr(m, "login", ""), getattr(m, "name", "")
        return f"{name} (@{login})" if name else f"@{login}"

    specific = [m for m in roster.mentors if m.projects and any(m.covers(r) for r in repos)]
    general = [m for m in roster.mentors if not m.projects]
    return [named(m) for m in (specific or general)]


def origin(roster: Roster, repos: Sequence[str], env: Mapping[str, str]) -> Origin:
    """Why the person gets the mail, who to ask, and how to stop it."""
    where = origin_for(env)
    coordinator = one_line(roster.coordinator) or "your programme's coordinator"
    mentors = mentors_for(roster, repos)
    said = f" Mentors: {', '.join(mentors)}." if mentors else ""
    return Origin(
        why=f"You get this mail because you are in {one_line(roster.name)}: each week ossmatch offers every "
            f"person up to {roster.per_person} issues, never the same issue to two people. Questions: "
            f"{coordinator}.{said}",
        why_url=where.why_url,
        stop=f"To stop these mails, ask {coordinator} to take you off the roster.",
        stop_url=where.stop_url,
    )


@dataclass(frozen=True)
class _Kept:
    """An offer kept from an earlier week, in the shape the digest reads (its ``Match``)."""

    issue: Issue
    repo: Repo
    score: float
    reasons: tuple[str, ...]
    flags: frozenset[str] = frozenset()


def _repo_url(issue: Issue) -> str:
    return issue.url.split("/issues/")[0] if "/issues/" in issue.url else ""


@dataclass(frozen=True)
class PersonMail:
    person: Person
    plan: DigestPlan
    context: DigestContext


def _for_person(roster: Roster, person: Person, week: Week, state: SentState,
                fresh: Mapping[tuple[str, int], Issue | None], history: ContributorHistory | None,
                now: datetime, env: Mapping[str, str], *, sent: bool) -> PersonMail:
    login = person.login.lower()
    new = week.new.get(login, [])
    kept: list[Offer] = week.kept.get(login, [])
    # What the mail tells about earlier offers: kept ones as still open, handed-back ones once.
    refreshed: dict[tuple[str, int], Issue | None] = {}
    unsent: list[Match] = []
    for offer in kept:
        issue = fresh.get(offer.key)
        if issue is None or status_of(issue) != "open":
            continue  # being worked on by the person (their pull request shows below), or not re-checked
        if state.was_sent(offer.repo, offer.number):
            refreshed[(offer.repo, offer.number)] = issue
        else:  # kept from a week whose mail did not go out: it is new to them
            unsent.append(_Kept(issue, Repo(name_with_owner=issue.repo, url=_repo_url(issue)), offer.score,
                                (f"offered to you on {offer.since.date().isoformat()}",)))
    for item in week.released.get(login, []):
        if item.status != "declined" and item.offer.key in fresh:
            refreshed[(item.offer.repo, item.offer.number)] = fresh[item.offer.key]
    plan = plan_digest([*unsent, *(m for m in new if m.next_step is None)], state, _by_state_key(refreshed, state),
                       limit=roster.per_person + len(unsent), next_steps=[m for m in new if m.next_step is not None],
                       next_step_limit=roster.per_person, pulls=in_progress(history, now))
    repos = [m.issue.repo for m in new] + [o.repo for o in kept]
    view = ProfileView(skills=person.skills, level=person.level, source=f"{roster.name} (@{person.login})",
                       how_to_change=f"To change these, ask {one_line(roster.coordinator) or 'your coordinator'}.")
    context = build_context(plan, view, now=now, origin=origin(roster, repos, env), sent=sent,
                            first_run=not state.issues)
    return PersonMail(person, plan, context.model_copy(update={"subject": f"{roster.name}: {context.subject}"}))


def _by_state_key(refreshed: dict[tuple[str, int], Issue | None],
                  state: SentState) -> dict[tuple[str, int], Issue | None]:
    """Key fresh looks the way the sent-state spells each issue (its repo's case as first sent)."""
    spelled = {(e.repo.lower(), e.number): (e.repo, e.number) for e in state.issues.values()}
    return {spelled.get((repo.lower(), number), (repo, number)): issue for (repo, number), issue in refreshed.items()}


def preview(roster: Roster, week: Week, stores: Callable[[str], StateStore], addresses: Mapping[str, str],
            fresh: Mapping[tuple[str, int], Issue | None], histories: Mapping[str, ContributorHistory | None],
            now: datetime, env: Mapping[str, str], mail_from: str) -> list[EmailMessage]:
    """Every mail as it would be sent (nothing recorded): for ``--dry-run``."""
    out = []
    for person in roster.people:
        login = person.login.lower()
        if login not in addresses or not _has_news(week, login):
            continue
        state = stores(login).peek()
        mail = _for_person(roster, person, week, state, fresh, histories.get(login), now, env, sent=False)
        if mail.plan.is_empty:
            continue
        out.append(build_message(mail.context, sender=mail_from, recipients=[addresses[login]], now=now))
    return out


def send_all(roster: Roster, week: Week, stores: Callable[[str], StateStore], addresses: Mapping[str, str],
             fresh: Mapping[tuple[str, int], Issue | None], histories: Mapping[str, ContributorHistory | None],
             now: datetime, env: Mapping[str, str], settings: SmtpSettings,
             warn: Callable[[str], None]) -> tuple[list[str], list[str]]:
    """Mail each person their offers, at most once each; returns (mailed logins, failures).

    One person's failure does not stop the others; it is said by login, never by address."""
    mailed: list[str] = []
    failed: list[str] = []
    for person in roster.people:
        login = person.login.lower()
        if not _has_news(week, login):
            continue
        if login not in addresses:
            warn(f"no address for {person.login}: not mailed (add it to OSSMATCH_COHORT_EMAILS)")
            continue
        try:
            if _send_one(roster, person, week, stores(login), addresses[login], fresh, histories.get(login), now,
                         env, settings, warn):
                mailed.append(person.login)
        except OssmatchError as error:
            failed.append(f"{person.login}: {_without(error.message, addresses[login])}")
    return mailed, failed


def _has_news(week: Week, login: str) -> bool:
    """Whether the person's mail could say anything (the digest's plan then decides)."""
    return login in week.new or login in week.kept or login in week.released


def _without(message: str, address: str) -> str:
    """A mail server's refusal may quote the address: the summary names the login only."""
    return message.replace(address, "<address>")


def _send_one(roster: Roster, person: Person, week: Week, store: StateStore, address: str,
              fresh: Mapping[tuple[str, int], Issue | None], history: ContributorHistory | None, now: datetime,
              env: Mapping[str, str], settings: SmtpSettings, warn: Callable[[str], None]) -> bool:
    """The digest's protocol for one person, under their state lock: pending, send, confirm."""
    with store.transaction() as tx:
        state = tx.state
        if pending_issues(state):
            warn(f"an earlier run stopped while mailing {person.login}; treating that mail as sent")
            state = confirmed(state)
        mail = _for_person(roster, person, week, state, fresh, history, now, env, sent=True)
        if mail.plan.is_empty:
            if state is not tx.state:
                tx.save(state)
            return False
        to = settings.model_copy(update={"mail_to": (address,)})
        message = build_message(mail.context, sender=to.mail_from, recipients=[address], now=now)
        send_once(tx.save, state, recorded(mail.plan, state, now, pending=True), lambda: send(message, to),
                  warn=warn, what=f"{person.login}'s mail", sent=f"{person.login}'s mail was sent")
        return True


def summary_message(roster: Roster, text: str, *, sender: str, recipients: Sequence[str],
                    now: datetime) -> EmailMessage:
    """The coordinator's summary as a plain-text mail (the Markdown reads as text)."""
    address = parse_address(sender)
    message = EmailMessage()
    message["Subject"] = one_line(f"{roster.name}: this week's match")
    message["From"] = address
    message["To"] = [parse_address(r) for r in recipients]
    message["Date"] = format_datetime(now)
    message["Message-ID"] = make_msgid("ossmatch-cohort", domain=address.domain)
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(text, charset="utf-8")
    return message
