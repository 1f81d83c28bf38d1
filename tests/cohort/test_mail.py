"""Each person's mail and the coordinator's summary, through a real STARTTLS mail server."""

from __future__ import annotations

import json
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from cohort.helpers import offers, run
from cohort_worlds import PEOPLE
from digest.helpers import MailServer

import ossmatch.statefile as statefile_module

pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")

#: The addresses, as a workflow passes them from a secret.
EMAILS = "\n".join(f"{login}={login.split('-')[0]} <{login}@mail.example>" for login in PEOPLE)


def _messages(server: MailServer) -> dict[str, EmailMessage]:
    """Recipient -> message."""
    out = {}
    for _sender, recipients, content in server.inbox.envelopes:
        message = message_from_bytes(content, policy=policy.default)
        for rcpt in recipients:
            out[rcpt] = message  # type: ignore[assignment]
    return out


def _text(message: EmailMessage) -> str:
    return message.get_body(("plain",)).get_content()  # type: ignore[union-attr]


def test_each_person_gets_their_own_offers_once(fake_github, start_mail_server, roster: Path, tmp_path: Path) -> None:
    server = start_mail_server("starttls")
    result = run(fake_github, tmp_path, "--roster", str(roster), "--send", "--format", "json",
                 OSSMATCH_COHORT_EMAILS=EMAILS, **server.env())
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    mine = offers(data)
    mails = _messages(server)
    assert set(mails) == {f"{login}@mail.example" for login in PEOPLE}
    assert sorted(data["mailed"]) == sorted(PEOPLE)
    for login, refs in mine.items():
        message = mails[f"{login}@mail.example"]
        assert message["Subject"].startswith("Spring mentoring: ")
        assert message["To"] == f"{login.split('-')[0]} <{login}@mail.example>"  # nobody else's address
        text = _text(message)
        for ref in refs:
            repo, number = ref.split("#")
            assert f"{repo}/issues/{number}" in text, (login, text)
        for other, theirs in mine.items():
            for ref in theirs if other != login else []:
                repo, number = ref.split("#")
                assert f"{repo}/issues/{number}" not in text, f"{login}'s mail lists {other}'s {ref}"
        assert "Ada Lovelace (@ada)" in text
    nora = _text(mails["nora-new@mail.example"])
    assert "Grace Hopper (@grace)" in nora  # she was offered acme projects, which Grace mentors
    assert "@mail.example" not in result.stdout + result.stderr  # addresses stay out of summary and logs

    # A week later nothing changed: everybody keeps their offers and nobody is mailed them again.
    again = run(fake_github, tmp_path, "--roster", str(roster), "--send", "--refresh", "--format", "json",
                OSSMATCH_COHORT_EMAILS=EMAILS, **server.env())
    assert again.exit_code == 0, again.stderr
    assert offers(json.loads(again.stdout)) == mine
    assert len(server.inbox.envelopes) == len(PEOPLE)


def test_a_taken_offer_is_said_once_and_replaced_in_the_next_mail(
    fake_github, start_mail_server, roster: Path, tmp_path: Path
) -> None:
    server = start_mail_server("starttls")
    first = run(fake_github, tmp_path, "--roster", str(roster), "--send", "--format", "json",
                OSSMATCH_COHORT_EMAILS=EMAILS, **server.env())
    assert first.exit_code == 0, first.stderr
    lee = offers(json.loads(first.stdout))["lee-learner"]
    repo, number = lee[0].split("#")
    fake_github.world.repo(repo).issue(int(number)).state = "CLOSED"
    second = run(fake_github, tmp_path, "--roster", str(roster), "--send", "--refresh", "--format", "json",
                 OSSMATCH_COHORT_EMAILS=EMAILS, **server.env())
    assert second.exit_code == 0, second.stderr
    later = [message_from_bytes(c, policy=policy.default) for _s, _r, c in server.inbox.envelopes[len(PEOPLE):]]
    assert [m["To"] for m in later] == ["lee <lee-learner@mail.example>"]  # only lee's week changed
    text = _text(later[0])  # type: ignore[arg-type]
    assert f"{repo}#{number}) was closed." in text
    assert f"{lee[1].replace('#', '/issues/')}" in text.partition("Still open")[2]


def test_dry_run_shows_every_mail_and_records_nothing(fake_github, roster: Path, tmp_path: Path) -> None:
    env = {"OSSMATCH_MAIL_FROM": "Programme <cohort@example.org>", "OSSMATCH_COHORT_EMAILS": EMAILS}
    result = run(fake_github, tmp_path, "--roster", str(roster), "--dry-run", "--summary-to", "ada@example.org", **env)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count("From: Programme <cohort@example.org>") == len(PEOPLE) + 1
    assert "To: nora <nora-new@mail.example>" in result.stdout
    assert "Subject: Spring mentoring: this week's match" in result.stdout  # the coordinator's summary
    assert "Dry run: 8 mails shown; nothing sent or recorded." in result.stderr
    # the HTML part is named; cohort has no --format html to see it with
    assert "[and an HTML version of the same digest, " in result.stdout and "--format html" not in result.stdout
    assert not list((tmp_path / "cache" / "cohort").rglob("*.json"))


def test_the_coordinator_gets_the_summary_by_mail(fake_github, start_mail_server, roster: Path, tmp_path: Path) -> None:
    server = start_mail_server("starttls")
    result = run(fake_github, tmp_path, "--roster", str(roster), "--summary-to", "Ada <ada@example.org>",
                 OSSMATCH_COHORT_EMAILS=EMAILS, **server.env())
    assert result.exit_code == 0, result.stderr
    (message,) = _messages(server).values()  # no --send: only the summary goes out
    assert message["To"] == "Ada <ada@example.org>"
    text = _text(message)
    assert text.replace("\r\n", "\n") == result.stdout
    assert "| @nora-new |" in text and "@mail.example" not in text


def test_one_refused_address_does_not_stop_the_others(fake_github, start_mail_server, roster: Path,
                                                       tmp_path: Path) -> None:
    server = start_mail_server("starttls")
    refused = "kim-keen@refused.example"

    async def handle_RCPT(smtp, session, envelope, address, options):
        if address == refused:
            return "550 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    server.inbox.handle_RCPT = handle_RCPT  # type: ignore[attr-defined]
    emails = EMAILS.replace("kim-keen@mail.example", refused)
    result = run(fake_github, tmp_path, "--roster", str(roster), "--send", "--format", "json",
                 OSSMATCH_COHORT_EMAILS=emails, **server.env())
    assert result.exit_code == 1
    assert len(server.inbox.envelopes) == len(PEOPLE) - 1  # everybody else was mailed
    assert "could not mail 1 of the cohort: kim-keen: " in result.stderr
    assert refused not in result.stdout + result.stderr
    data = json.loads(result.stdout)  # the summary is still written, and says who was not mailed
    assert "kim-keen" not in data["mailed"] and any("not mailed: kim-keen" in w for w in data["warnings"])
    # The refusal was definite, so kim's offers are not recorded as mailed: a fixed address gets them.
    again = run(fake_github, tmp_path, "--roster", str(roster), "--send", "--format", "json",
                OSSMATCH_COHORT_EMAILS=EMAILS, **server.env())
    assert again.exit_code == 0, again.stderr
    assert json.loads(again.stdout)["mailed"] == ["kim-keen"]


def test_a_state_lost_after_the_servers_250_still_counts_as_mailed(
    fake_github, start_mail_server, roster: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The digest's rule: once the server accepted the mail, a failure to confirm it is a warning (the
    pending record already makes the next run treat it as sent), not "not mailed" and exit 1."""
    server = start_mail_server("starttls")
    real_write = statefile_module.atomic_write_text
    first: list[str] = []

    def fail_after_send(path: Path, text: str) -> None:
        if server.inbox.envelopes and not first:
            first.append(server.inbox.envelopes[0][1][0].split("@")[0])  # the first person mailed
        if first and Path(path).name == f"{first[0]}.json":  # their confirmation: the disk is full
            raise statefile_module.OssmatchError(f"cannot write {Path(path).name}: No space left on device")
        real_write(path, text)

    monkeypatch.setattr(statefile_module, "atomic_write_text", fail_after_send)
    result = run(fake_github, tmp_path, "--roster", str(roster), "--send", "--format", "json",
                 OSSMATCH_COHORT_EMAILS=EMAILS, **server.env())
    assert result.exit_code == 0, result.stderr
    assert f"{first[0]}'s mail was sent, but cannot write {first[0]}.json" in result.stderr
    assert "the next run treats its issues as sent" in result.stderr
    data = json.loads(result.stdout)
    assert sorted(data["mailed"]) == sorted(PEOPLE)
    assert not any("not mailed" in w for w in data["warnings"])

    monkeypatch.setattr(statefile_module, "atomic_write_text", real_write)
    again = run(fake_github, tmp_path, "--roster", str(roster), "--send", "--format", "json",
                OSSMATCH_COHORT_EMAILS=EMAILS, **server.env())
    assert again.exit_code == 0, again.stderr
    assert f"an earlier run stopped while mailing {first[0]}; treating that mail as sent" in again.stderr
    assert len(server.inbox.envelopes) == len(PEOPLE)  # nobody mailed twice


def test_a_state_that_cannot_be_saved_before_sending_means_no_mail(
    fake_github, start_mail_server, roster: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = start_mail_server("starttls")
    real_write = statefile_module.atomic_write_text

    def no_space_for_mail_state(path: Path, text: str) -> None:
        if Path(path).parent.name == "mail":
            raise statefile_module.OssmatchError(f"cannot write {Path(path).name}: No space left on device")
        real_write(path, text)

    monkeypatch.setattr(statefile_module, "atomic_write_text", no_space_for_mail_state)
    result = run(fake_github, tmp_path, "--roster", str(roster), "--send", "--format", "json",
                 OSSMATCH_COHORT_EMAILS=EMAILS, **server.env())
    assert result.exit_code == 1
    assert server.inbox.envelopes == []
    assert "nora-new: cannot write nora-new.json: No space left on device; not sending, so nora-new's mail cannot " \
           "go out twice" in result.stderr


def test_a_password_sent_unencrypted_is_warned_of_once(fake_github, start_mail_server, roster: Path,
                                                       tmp_path: Path) -> None:
    server = start_mail_server("none")
    result = run(fake_github, tmp_path, "--roster", str(roster), "--send", "--summary-to", "ada@example.org",
                 "--format", "json", OSSMATCH_COHORT_EMAILS=EMAILS, **server.env())
    assert result.exit_code == 0, result.stderr
    warning = (f"Warning: OSSMATCH_SMTP_SECURITY=none sends the SMTP password to 127.0.0.1:{server.port} "
               "unencrypted; use starttls or ssl unless the server is on this machine\n")
    assert result.stderr.count(warning) == 1
    assert len(server.inbox.envelopes) == len(PEOPLE) + 1  # said, and the mail still goes out


def test_notes_are_notes_as_in_suggest_and_digest(fake_github, roster: Path, tmp_path: Path) -> None:
    result = run(fake_github, tmp_path, "--roster", str(roster), "--format", "json", GITHUB_TOKEN="",
                 PATH="/nonexistent")  # no `gh` to ask for a token
    assert result.exit_code == 0, result.stderr
    assert "Note: no GitHub token: histories are not read" in result.stderr
    assert "Warning: no GitHub token" not in result.stderr
