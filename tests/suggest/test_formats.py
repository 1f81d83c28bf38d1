"""The registered formats as written to a file: golden files."""

from __future__ import annotations

import pytest
from suggest.helpers import NOW, check_golden

from ossmatch.profile import Profile
from ossmatch.suggest.formats import FORMATS, SuggestReport
from ossmatch.suggest.listing import empty_advice
from ossmatch.suggest.pipeline import SuggestResult


@pytest.mark.parametrize("fmt, name", [("table", "suggest-table-file.txt"), ("json", "suggest.json"),
                                       ("markdown", "suggest.md"), ("html", "suggest.html")])
def test_golden_registered_formats(story_result: SuggestResult, fmt: str, name: str) -> None:
    """Each registered format as written to a file (``--output``): the list at its file width, the documents."""
    report = SuggestReport(story_result, Profile(skills=("python", "docs")), NOW, advice=empty_advice())
    check_golden(name, FORMATS.render(fmt, report).text)
