"""The digest's registered formats: golden text, Markdown and HTML for one plan with every section."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from digest.helpers import NOW, make_issue, make_match

from ossmatch.digest.compose import Origin, ProfileView, build_context
from ossmatch.digest.formats import FORMATS
from ossmatch.digest.plan import plan_digest, sent_records
from ossmatch.digest.state import SentState, with_sent

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("OSSMATCH_UPDATE_GOLDEN") == "1"


def _context() -> object:
    earlier = [make_match(number=7, title="Document the CLI"), make_match("b/c", 8, title="Typo in README")]
    state = with_sent(SentState(), sent_records(earlier, NOW - timedelta(days=7)))
    refreshed = {("acme/widgets", 7): make_issue(number=7, title="Document the CLI"),
                 ("b/c", 8): make_issue("b/c", 8, state="CLOSED")}
    new = [
        replace(make_match(number=1), reasons=("matches your skill python", "a maintainer answered within a day")),
        replace(make_match("b/c", 2, title="Improve docs", score=55.4, labels=()), flags=frozenset({"claimed?"})),
    ]
    plan = plan_digest(new, state, refreshed, limit=5)
    profile = ProfileView(skills=("python", "docs"), level="beginner", source="me.toml")
    origin = Origin(why="You get this digest because ossmatch digest ran for this profile.", stop="Stop running it.")
    return build_context(plan, profile, now=NOW, origin=origin)


@pytest.mark.parametrize("fmt, suffix", [("text", "txt"), ("markdown", "md"), ("html", "html")])
def test_golden(fmt: str, suffix: str) -> None:
    text = FORMATS.render(fmt, _context()).text  # type: ignore[arg-type]
    path = GOLDEN / f"digest.{suffix}"
    if UPDATE:
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{path.name} differs (OSSMATCH_UPDATE_GOLDEN=1 to accept)"
