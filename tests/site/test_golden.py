"""Golden files of the generated site (regenerate with ``OSSMATCH_UPDATE_GOLDEN=1 pytest tests/site``)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from site_helpers import Built

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("OSSMATCH_UPDATE_GOLDEN") == "1"
FILES = ("index.html", "issues.json", "feed.xml", "projects/gopher.tool.html", "projects/gopher.tool.xml")


@pytest.mark.parametrize("relative", FILES)
def test_golden(built: Built, relative: str) -> None:
    golden = GOLDEN / relative.replace("/", "--")
    text = built.read(relative)
    if UPDATE:
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")
