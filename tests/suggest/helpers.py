"""What the suggest tests share: the clock of the story world and the golden-file check."""

from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("OSSMATCH_UPDATE_GOLDEN") == "1"
NOW = datetime(2026, 11, 27, 12, tzinfo=timezone.utc)


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} differs (OSSMATCH_UPDATE_GOLDEN=1 to accept)"
