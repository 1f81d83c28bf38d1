"""Cohort fixtures: the digest's real SMTP servers (aiosmtpd on 127.0.0.1), and the seven-person roster
over its world in the fake GitHub."""

from __future__ import annotations

from pathlib import Path

import pytest
from cohort_worlds import cohort_roster, cohort_world
from digest.conftest import start_mail_server, tls_ca

__all__ = ["roster", "start_mail_server", "tls_ca"]


@pytest.fixture
def roster(fake_github, tmp_path: Path) -> Path:
    """``cohort.toml`` for the seven people of ``cohort_world``, which it loads into the fake GitHub."""
    cohort_world(fake_github.world)
    path = tmp_path / "cohort.toml"
    path.write_text(cohort_roster(), encoding="utf-8")
    return path
