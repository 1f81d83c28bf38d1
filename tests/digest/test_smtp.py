"""Delivery through a real SMTP server on 127.0.0.1, and every failure as one line."""

from __future__ import annotations

import pytest
from digest.helpers import EVIL_TITLE, NOW, PASSWORD, MailServer, make_match

from ossmatch.digest.compose import ProfileView, build_context, build_message
from ossmatch.digest.plan import plan_digest
from ossmatch.digest.smtp import SmtpSettings, send
from ossmatch.digest.state import SentState
from ossmatch.errors import MailError, UsageProblem

pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")


def _message():  # type: ignore[no-untyped-def]
    matches = [make_match(number=1, title=EVIL_TITLE), make_match("b/c", 2)]
    plan = plan_digest(matches, SentState(), {}, limit=5)
    context = build_context(plan, ProfileView(skills=("python",)), now=NOW)
    return build_message(
        context,
        sender="ossmatch <digest@example.org>",
        recipients=["ada@example.org", "Grace <grace@example.net>"],
        now=NOW,
    )


def test_delivers_in_each_security_mode_with_auth(mail_server: MailServer) -> None:
    send(_message(), mail_server.settings())

    mail_from, recipients, _ = mail_server.inbox.envelopes[0]
    assert mail_from == "digest@example.org"
    assert recipients == ["ada@example.org", "grace@example.net"]
    received = mail_server.inbox.only_message()
    assert received["Subject"] == "2 new beginner-friendly issues for you"
    text, html = received.iter_parts()
    assert text.get_content_type() == "text/plain" and text.get_content_charset() == "utf-8"
    assert html.get_content_type() == "text/html" and html.get_content_charset() == "utf-8"
    for part in (text.get_content(), html.get_content()):
        assert "https://github.com/acme/widgets/issues/1" in part
        assert "https://github.com/b/c/issues/2" in part
    assert "<script>" not in html.get_content()


def _one_line_error(error: pytest.ExceptionInfo[MailError]) -> str:
    message = error.value.message
    assert "\n" not in message and "\r" not in message
    assert PASSWORD not in message
    return message


def test_wrong_password(mail_server: MailServer) -> None:
    with pytest.raises(MailError) as error:
        send(_message(), mail_server.settings(password="wrong"))
    assert "rejected the login for digest-user" in _one_line_error(error)
    assert mail_server.inbox.envelopes == []


def test_refused_connection(closed_port: int) -> None:
    settings = SmtpSettings(
        host="127.0.0.1", port=closed_port, security="none", mail_from="a@b.org", mail_to=("c@d.org",)
    )
    with pytest.raises(MailError) as error:
        send(_message(), settings)
    assert f"127.0.0.1:{closed_port} refused the connection" in _one_line_error(error)


def test_server_dropping_mid_message(dropping_server: int) -> None:
    settings = SmtpSettings(
        host="127.0.0.1",
        port=dropping_server,
        security="none",
        mail_from="a@b.org",
        mail_to=("c@d.org",),
        timeout=5,
    )
    with pytest.raises(MailError) as error:
        send(_message(), settings)
    assert f"127.0.0.1:{dropping_server}" in _one_line_error(error)


def test_untrusted_certificate(start_mail_server: object) -> None:
    server: MailServer = start_mail_server("ssl")  # type: ignore[operator]
    settings = server.settings(ca_file=None)  # the system store does not know the test CA
    with pytest.raises(MailError) as error:
        send(_message(), settings)
    assert "certificate not trusted" in _one_line_error(error)


def test_starttls_against_a_server_without_it(plain_server: MailServer) -> None:
    settings = plain_server.settings(security="starttls")
    with pytest.raises(MailError) as error:
        send(_message(), settings)
    assert "does not offer STARTTLS" in _one_line_error(error)


def test_settings_from_env_hide_the_password() -> None:
    env = {
        "OSSMATCH_SMTP_HOST": "smtp.example.org",
        "OSSMATCH_SMTP_PASSWORD": PASSWORD,
        "OSSMATCH_SMTP_USERNAME": "me",
        "OSSMATCH_SMTP_SECURITY": "SSL",
        "OSSMATCH_MAIL_FROM": "me@example.org",
        "OSSMATCH_MAIL_TO": "a@example.org, b@example.org,",
    }
    settings = SmtpSettings.from_env(env)
    assert settings.mail_to == ("a@example.org", "b@example.org")
    assert settings.effective_port == 465
    assert PASSWORD not in repr(settings) and PASSWORD not in str(settings)
    assert PASSWORD not in settings.model_dump_json()
    overridden = SmtpSettings.from_env(env, {"host": "other.example.org", "port": None})
    assert overridden.host == "other.example.org" and overridden.effective_port == 465


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "mail is not configured: set OSSMATCH_SMTP_HOST"),
        ({"OSSMATCH_SMTP_HOST": "h", "OSSMATCH_MAIL_FROM": "a@b.org"}, "set OSSMATCH_MAIL_TO"),
        (
            {
                "OSSMATCH_SMTP_HOST": "h",
                "OSSMATCH_MAIL_FROM": "a@b.org",
                "OSSMATCH_MAIL_TO": "c@d.org",
                "OSSMATCH_SMTP_SECURITY": "tls",
            },
            "invalid OSSMATCH_SMTP_SECURITY",
        ),
    ],
)
def test_incomplete_settings_name_the_variable(env: dict[str, str], expected: str) -> None:
    with pytest.raises(UsageProblem) as error:
        SmtpSettings.from_env(env)
    assert expected in error.value.message
