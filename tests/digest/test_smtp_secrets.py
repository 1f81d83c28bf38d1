"""Issue 25 item 7: the SMTP password mask never mangles or reveals; what smtplib cannot send is
named before connecting; a login in clear text is warned of; a timeout is called one."""

from __future__ import annotations

import socket
import threading

import pytest
from digest.helpers import MailServer

from ossmatch.digest.smtp import SmtpSettings, clear_text_warning, send
from ossmatch.errors import MailError, UsageProblem

pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")


def _message():  # type: ignore[no-untyped-def]
    from email.message import EmailMessage

    message = EmailMessage()
    message["Subject"] = "hello"
    message.set_content("hello")
    return message


@pytest.mark.parametrize("password", ["e", "x", "r", "1", "SMTP", "127.0.0.1"])
def test_a_short_password_does_not_mangle_or_reveal_itself(closed_port: int, password: str) -> None:
    settings = SmtpSettings(host="127.0.0.1", port=closed_port, security="none", username="me",
                            password=password, mail_from="a@example.org", mail_to=("b@example.org",))
    with pytest.raises(MailError) as error:
        send(_message(), settings)
    assert error.value.message == (f"SMTP server 127.0.0.1:{closed_port} refused the connection; "
                                   "check OSSMATCH_SMTP_HOST and OSSMATCH_SMTP_PORT")


def test_a_password_the_server_echoes_is_masked() -> None:
    """A server quoting the password in its reply: the stars replace it, and only it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)

    def echo_password() -> None:
        conn, _ = server.accept()
        with conn:
            conn.sendall(b"220 echo.example ESMTP\r\n")
            reader = conn.makefile("rb")
            while line := reader.readline():
                verb = line[:4].upper()
                if verb == b"EHLO":
                    conn.sendall(b"250-echo.example\r\n250 8BITMIME\r\n")
                elif verb == b"MAIL":
                    conn.sendall(b"451 temporary failure for hunter2: try later\r\n")
                else:
                    conn.sendall(b"221 bye\r\n")
                    return

    threading.Thread(target=echo_password, daemon=True).start()
    settings = SmtpSettings(host="127.0.0.1", port=server.getsockname()[1], security="none",
                            password="hunter2", mail_from="a@example.org", mail_to=("b@example.org",))
    try:
        with pytest.raises(MailError) as error:
            send(_message(), settings)
    finally:
        server.close()
    assert "hunter2" not in error.value.message
    assert "temporary failure for ***: try later" in error.value.message


@pytest.mark.parametrize(("variable", "value", "code"), [
    ("OSSMATCH_SMTP_PASSWORD", "p\u00f8ssword", "U+00F8"),
    ("OSSMATCH_SMTP_USERNAME", "j\u00fcrgen", "U+00FC"),
    ("OSSMATCH_SMTP_PASSWORD", "pass\u200bword", "U+200B"),
])
def test_what_an_smtp_login_cannot_send_is_named_before_connecting(variable: str, value: str, code: str) -> None:
    env = {"OSSMATCH_SMTP_HOST": "127.0.0.1", "OSSMATCH_SMTP_PORT": "1", "OSSMATCH_SMTP_USERNAME": "me",
           "OSSMATCH_SMTP_PASSWORD": "secret", "OSSMATCH_MAIL_FROM": "a@example.org",
           "OSSMATCH_MAIL_TO": "b@example.org", variable: value}
    with pytest.raises(UsageProblem) as error:
        SmtpSettings.from_env(env)
    assert error.value.message.startswith(f"{variable} holds the character {code}; an SMTP login can only send")
    assert value not in error.value.message


def test_a_login_without_encryption_is_warned_of(plain_server: MailServer) -> None:
    assert clear_text_warning(plain_server.settings()) == (
        f"OSSMATCH_SMTP_SECURITY=none sends the SMTP password to 127.0.0.1:{plain_server.port} unencrypted; "
        "use starttls or ssl unless the server is on this machine")
    assert clear_text_warning(plain_server.settings(username=None, password=None)) is None
    assert clear_text_warning(plain_server.settings(security="starttls")) is None


def test_a_server_that_stops_answering_is_a_timeout() -> None:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)

    def greet_then_sleep() -> None:
        conn, _ = server.accept()
        with conn:
            conn.sendall(b"220 slow.example ESMTP\r\n")
            conn.recv(1024)  # EHLO, never answered
            threading.Event().wait(5)

    threading.Thread(target=greet_then_sleep, daemon=True).start()
    settings = SmtpSettings(host="127.0.0.1", port=server.getsockname()[1], security="none",
                            mail_from="a@example.org", mail_to=("b@example.org",), timeout=1)
    try:
        with pytest.raises(MailError) as error:
            send(_message(), settings)
    finally:
        server.close()
    assert error.value.message == f"SMTP server 127.0.0.1:{settings.port} did not answer within 1s"
