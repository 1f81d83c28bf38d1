"""The at-most-once protocol without click: record pending, send, confirm; roll back only on a refusal."""

from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path

import pytest
from digest.helpers import NOW, make_match

from ossmatch.digest import delivery
from ossmatch.digest.collect import Collected
from ossmatch.digest.compose import Origin, ProfileView
from ossmatch.digest.plan import plan_digest
from ossmatch.digest.smtp import SmtpSettings
from ossmatch.digest.state import SentState, StateStore, issue_key
from ossmatch.errors import MailError

SETTINGS = SmtpSettings(host="mail.example.org", mail_from="digest@example.org", mail_to=("a@example.org",))
ORIGIN = Origin(why="why", stop="stop")


def _run(*matches: object, collected: list[SentState] | None = None) -> delivery.DigestRun:
    def collect(state: SentState) -> Collected:
        if collected is not None:
            collected.append(state)
        return Collected(plan_digest(list(matches), state, {}, limit=5))

    return delivery.DigestRun(collect, ProfileView(skills=("python",)), NOW, ORIGIN)


def _store(tmp_path: Path) -> StateStore:
    return StateStore(tmp_path / "sent.json")


def _keys(store: StateStore) -> dict[str, bool]:
    return {key: entry.pending for key, entry in store.peek().issues.items()}


def test_a_sent_digest_is_recorded_and_confirmed(tmp_path: Path) -> None:
    store, seen, said = _store(tmp_path), [], []

    def deliver(message: EmailMessage, settings: SmtpSettings) -> None:
        seen.append(_keys(store))  # what the state says while the mail is in flight
        assert message["To"] == "a@example.org"

    context = delivery.send_digest(store, _run(make_match(number=1)), SETTINGS, quiet_week="skip",
                                   deliver=deliver, note=said.append)
    assert seen == [{issue_key("acme/widgets", 1): True}], "recorded as pending before the send"
    assert _keys(store) == {issue_key("acme/widgets", 1): False}, "confirmed after the server's reply"
    assert said == [f"Sent: {context.subject} (to a@example.org)."]


def test_a_definite_refusal_rolls_back(tmp_path: Path) -> None:
    store = _store(tmp_path)

    def refuse(message: EmailMessage, settings: SmtpSettings) -> None:
        raise MailError("refused", maybe_delivered=False)

    with pytest.raises(MailError):
        delivery.send_digest(store, _run(make_match()), SETTINGS, quiet_week="skip", deliver=refuse)
    assert _keys(store) == {}


def test_a_maybe_delivered_mail_stays_recorded(tmp_path: Path) -> None:
    store = _store(tmp_path)

    def lost(message: EmailMessage, settings: SmtpSettings) -> None:
        raise MailError("connection lost", maybe_delivered=True)

    with pytest.raises(MailError) as raised:
        delivery.send_digest(store, _run(make_match()), SETTINGS, quiet_week="skip", deliver=lost)
    assert raised.value.message == "connection lost; the issues stay recorded as sent, so they are not mailed twice"
    assert _keys(store) == {issue_key("acme/widgets", 1): True}


def test_a_quiet_week_sends_nothing_and_says_so(tmp_path: Path) -> None:
    store, said, sent = _store(tmp_path), [], []
    delivery.send_digest(store, _run(), SETTINGS, quiet_week="skip",
                         deliver=lambda message, settings: sent.append(message), note=said.append)
    assert sent == [] and said == ["No open issues match your skills yet; this digest will list them as they "
                                   "appear. No mail sent."]


def test_pending_records_are_treated_as_sent_once(tmp_path: Path) -> None:
    store = _store(tmp_path)
    with pytest.raises(MailError):
        delivery.send_digest(store, _run(make_match()), SETTINGS, quiet_week="skip",
                             deliver=lambda m, s: (_ for _ in ()).throw(MailError("lost", maybe_delivered=True)))
    said: list[str] = []
    collected: list[SentState] = []
    delivery.mark_sent(store, _run(make_match(), collected=collected), lambda context: None, note=said.append)
    assert said == ["Note: an earlier run stopped while mailing 1 issue (its outcome is unknown); treating "
                    "them as sent so they are never mailed twice."]
    assert [entry.pending for entry in collected[0].issues.values()] == [False]
    assert _keys(store) == {issue_key("acme/widgets", 1): False}


def test_mark_sent_writes_before_it_records(tmp_path: Path) -> None:
    store = _store(tmp_path)
    written: list[dict[str, bool]] = []
    delivery.mark_sent(store, _run(make_match(number=2)), lambda context: written.append(_keys(store)))
    assert written == [{}]
    assert _keys(store) == {issue_key("acme/widgets", 2): False}


def test_reset_forgets_unless_a_dry_run(tmp_path: Path) -> None:
    store = _store(tmp_path)
    delivery.mark_sent(store, _run(make_match(number=1), make_match(number=2)), lambda context: None)
    assert delivery.reset(store, dry_run=True) == "Dry run: would forget the 2 issues earlier digests sent; " \
        "nothing changed."
    assert len(_keys(store)) == 2
    assert delivery.reset(store, dry_run=False) == "Forgot the 2 issues earlier digests sent."
    assert _keys(store) == {}


@pytest.mark.parametrize(
    "env, source, how",
    [
        ({"GITHUB_ACTIONS": "true"}, "me.toml", "To change these, edit the skills or profile input in your digest "
         "workflow."),
        ({}, "me.toml", "To change these, edit me.toml or pass --skills."),
        ({}, None, "To change these, pass different --skills or a --profile file."),
    ],
)
def test_profile_view_says_how_to_change_it_where_it_runs(env: dict[str, str], source: str | None, how: str) -> None:
    class Profile:
        skills = ("python",)
        level = "beginner"

    Profile.source = source  # type: ignore[attr-defined]
    view = delivery.profile_view(Profile(), env)
    assert view.how_to_change == how
    assert view.source == (source or "command-line options")
    assert view.skills == ("python",) and view.level == "beginner"
