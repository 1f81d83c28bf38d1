"""SMTP delivery: settings from the environment, and every failure as one line.

The password is a ``SecretStr`` and is scrubbed from any server text quoted in an error, so it
never appears in a repr, a log line or a message.
"""

from __future__ import annotations

import contextlib
import re
import smtplib
import socket
import ssl
from collections.abc import Mapping
from email.message import EmailMessage
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator
from typing_extensions import Self

from ossmatch.digest.addresses import parse_address
from ossmatch.errors import MailError, UsageProblem
from ossmatch.render.text import one_line

Security = Literal["starttls", "ssl", "none"]

DEFAULT_PORTS: dict[str, int] = {"starttls": 587, "ssl": 465, "none": 25}

#: Environment variable for each settings field.
ENV: dict[str, str] = {
    "host": "OSSMATCH_SMTP_HOST",
    "port": "OSSMATCH_SMTP_PORT",
    "username": "OSSMATCH_SMTP_USERNAME",
    "password": "OSSMATCH_SMTP_PASSWORD",
    "security": "OSSMATCH_SMTP_SECURITY",
    "mail_from": "OSSMATCH_MAIL_FROM",
    "mail_to": "OSSMATCH_MAIL_TO",
    "ca_file": "OSSMATCH_SMTP_CA_FILE",
    "timeout": "OSSMATCH_SMTP_TIMEOUT",
}


class Envelope(BaseModel):
    """Who a digest is from and to: all a ``--dry-run`` needs to show the mail as it would be sent."""

    model_config = ConfigDict(frozen=True)

    mail_from: str
    mail_to: tuple[str, ...] = Field(min_length=1)

    @field_validator("mail_from")
    @classmethod
    def _one_address(cls, value: str) -> str:
        parse_address(value)
        return value

    @field_validator("mail_to")
    @classmethod
    def _addresses(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for address in value:
            parse_address(address)
        return value

    @classmethod
    def from_env(cls, env: Mapping[str, str], overrides: Mapping[str, Any] | None = None) -> Self:
        """Read ``OSSMATCH_SMTP_*`` and ``OSSMATCH_MAIL_*``; non-None ``overrides`` win.

        Every missing setting is named in one error, not one per run.
        """
        values: dict[str, Any] = {}
        for field, name in ENV.items():
            raw = env.get(name, "").strip()
            if raw and field in cls.model_fields:
                values[field] = raw
        if "mail_to" in values:
            values["mail_to"] = _split_addresses(values["mail_to"])
        if "security" in values:
            values["security"] = values["security"].lower()
        for field, value in (overrides or {}).items():
            if value is not None and value != () and field in cls.model_fields:
                values[field] = value
        try:
            settings = cls.model_validate(values)
        except ValidationError as error:
            raise UsageProblem(_describe(error)) from None
        if isinstance(settings, SmtpSettings):
            check_sendable(settings)
        return settings


class SmtpSettings(Envelope):
    """Where and how to deliver; ``port`` None means the usual port for ``security``."""

    host: str
    port: int | None = Field(default=None, ge=1, le=65535)
    username: str | None = None
    password: SecretStr | None = None
    security: Security = "starttls"
    #: A CA bundle to trust instead of the system's, for private relays and tests.
    ca_file: Path | None = None
    #: Seconds to wait for the server: mail relays greet and accept within seconds, but a greylisting
    #: or busy relay may pause; beyond half a minute a scheduled run should fail and say so.
    timeout: float = Field(default=30.0, gt=0)

    @field_validator("host")
    @classmethod
    def _host(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("empty")
        return value

    @property
    def effective_port(self) -> int:
        return self.port or DEFAULT_PORTS[self.security]

    @property
    def address(self) -> str:
        return f"{self.host}:{self.effective_port}"


def _split_addresses(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(",") if part.strip())


#: The order settings are named in when several are missing.
_ORDER = list(ENV)


def _describe(error: ValidationError) -> str:
    """Name the setting and its variable, never the value (it may be the password)."""
    missing = sorted({str(e["loc"][0]) for e in error.errors() if e["type"] == "missing" and e["loc"]},
                     key=_ORDER.index)
    if missing:
        names = [ENV[field] for field in missing]
        listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
        return f"mail is not configured: set {listed}"
    first = error.errors()[0]
    field = str(first["loc"][0]) if first["loc"] else "settings"
    variable = ENV.get(field, field)
    if first["type"] == "missing":
        return f"mail is not configured: set {variable}"
    if field == "password":
        return f"invalid {variable}"
    return f"invalid {variable}: {first['msg']}"


def tls_context(settings: SmtpSettings) -> ssl.SSLContext:
    """The system's trust store, or only ``ca_file`` when one is given; hostname checked."""
    try:
        return ssl.create_default_context(cafile=str(settings.ca_file) if settings.ca_file else None)
    except (OSError, ssl.SSLError) as error:
        raise MailError(f"cannot load {ENV['ca_file']} {settings.ca_file}: {error}") from None


def send(message: EmailMessage, settings: SmtpSettings) -> None:
    """Deliver ``message`` to ``settings.mail_to``; returns only once the server accepted it.

    Raises ``MailError`` with a one-line message for every failure.
    """
    context = tls_context(settings) if settings.security != "none" else None
    progress: list[str] = []
    try:
        _deliver(message, settings, context, progress)
    except MailError:
        raise
    except smtplib.SMTPResponseException as error:  # the server answered: a definite refusal
        raise MailError(_explain(error, settings)) from None
    except smtplib.SMTPRecipientsRefused as error:
        raise MailError(_explain(error, settings)) from None
    except Exception as error:
        # Once the envelope started, a lost connection or a timeout leaves the outcome unknown.
        raise MailError(_explain(error, settings), maybe_delivered=bool(progress)) from None


def _deliver(
    message: EmailMessage, settings: SmtpSettings, context: ssl.SSLContext | None, progress: list[str]
) -> None:
    server: smtplib.SMTP
    if settings.security == "ssl":
        server = smtplib.SMTP_SSL(settings.host, settings.effective_port, timeout=settings.timeout, context=context)
    else:
        server = smtplib.SMTP(settings.host, settings.effective_port, timeout=settings.timeout)
    try:
        server.ehlo()
        if settings.security == "starttls":
            if not server.has_extn("starttls"):
                raise MailError(f"SMTP server {settings.address} does not offer STARTTLS")
            server.starttls(context=context)
            server.ehlo()
        if settings.username:
            password = settings.password.get_secret_value() if settings.password else ""
            server.login(settings.username, password)
        progress.append("envelope")
        refused = server.send_message(message, from_addr=settings.mail_from, to_addrs=list(settings.mail_to))
    except BaseException:
        # Not ``with server``: its QUIT would wait out the timeout on a server that stopped
        # answering, so a Ctrl-C would seem to hang. Hang up at once instead.
        server.close()
        raise
    with contextlib.suppress(smtplib.SMTPException, OSError):  # the message is already accepted
        server.quit()
    server.close()
    if refused:
        raise MailError(
            f"SMTP server {settings.address} accepted the digest but refused {', '.join(sorted(refused))}",
            maybe_delivered=True,
        )


def _explain(error: BaseException, settings: SmtpSettings) -> str:
    where = f"SMTP server {settings.address}"
    if isinstance(error, smtplib.SMTPAuthenticationError):
        text = f"{where} rejected the login for {settings.username}: check the username and password"
    elif isinstance(error, smtplib.SMTPRecipientsRefused):
        text = f"{where} refused every recipient: {', '.join(sorted(error.recipients))}"
    elif isinstance(error, smtplib.SMTPSenderRefused):
        text = f"{where} refused the sender {error.sender}: {_reply(error.smtp_error, settings)}"
    elif isinstance(error, smtplib.SMTPNotSupportedError):
        text = f"{where} does not support {_scrub(str(error), settings)}"
    elif isinstance(error, smtplib.SMTPServerDisconnected) and "timed out" in str(error):
        text = f"{where} did not answer within {settings.timeout:g}s"  # smtplib words a timeout so
    elif isinstance(error, smtplib.SMTPServerDisconnected):
        text = f"{where} closed the connection before the message was accepted"
    elif isinstance(error, smtplib.SMTPResponseException):
        text = f"{where} answered {error.smtp_code}: {_reply(error.smtp_error, settings)}"
    elif isinstance(error, ssl.SSLCertVerificationError):
        text = f"TLS with {where} failed: certificate not trusted ({error.verify_message})"
    elif isinstance(error, ssl.SSLError):
        text = f"TLS with {where} failed ({_scrub(str(error.reason or error), settings)}); check {ENV['security']}"
    elif isinstance(error, (socket.timeout, TimeoutError)):
        text = f"{where} did not answer within {settings.timeout:g}s"
    elif isinstance(error, ConnectionRefusedError):
        text = f"{where} refused the connection; check {ENV['host']} and {ENV['port']}"
    elif isinstance(error, socket.gaierror):
        text = f"cannot resolve SMTP host {settings.host}; check {ENV['host']}"
    elif isinstance(error, (ConnectionError, OSError)):
        text = f"cannot talk to {where}: {_scrub(str(error.strerror or error), settings)}"
    elif isinstance(error, smtplib.SMTPException):
        text = f"{where}: {_scrub(str(error), settings)}"
    else:
        text = f"sending mail via {where} failed: {type(error).__name__}: {_scrub(str(error), settings)}"
    return one_line(text)


def _reply(raw: bytes | str, settings: SmtpSettings) -> str:
    return _scrub(raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw), settings)


#: A password at least this long is masked wherever it appears in a server's words; a shorter one
#: only where it stands alone ("e" inside "server" is not the password being echoed).
MASK_ANYWHERE = 8


def _scrub(text: str, settings: SmtpSettings) -> str:
    """Mask the password should a server or library ever echo it back.

    Only text from outside (a server's reply, a library's error) is scrubbed, never ossmatch's own
    words: masking those would both mangle the message and, by where the stars fall, reveal the
    password.
    """
    secret = settings.password.get_secret_value() if settings.password else ""
    if not secret:
        return text
    if len(secret) >= MASK_ANYWHERE:
        return text.replace(secret, "***")
    return re.sub(rf"(?<![\w\\]){re.escape(secret)}(?!\w)", "***", text)


def check_sendable(settings: SmtpSettings) -> None:
    """Python's SMTP login sends the username and password as ASCII: say so before connecting."""
    for field, value in (("username", settings.username or ""),
                         ("password", settings.password.get_secret_value() if settings.password else "")):
        bad = next((c for c in value if not (" " <= c < "\x7f")), None)
        if bad is not None:  # never the value itself: it may be the password
            raise UsageProblem(
                f"{ENV[field]} holds the character U+{ord(bad):04X}; an SMTP login can only send plain ASCII "
                "letters, digits and punctuation (ask the mail provider for an app password)"
            )


def clear_text_warning(settings: SmtpSettings) -> str | None:
    """The warning for a login sent without encryption (``security`` none), if one is sent."""
    if settings.security != "none" or not settings.username:
        return None
    return (f"{ENV['security']}=none sends the SMTP password to {settings.address} unencrypted; "
            "use starttls or ssl unless the server is on this machine")
