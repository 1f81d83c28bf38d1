"""Cohort fixtures: the digest's real SMTP servers (aiosmtpd on 127.0.0.1)."""

from __future__ import annotations

from digest.conftest import start_mail_server, tls_ca

__all__ = ["start_mail_server", "tls_ca"]
