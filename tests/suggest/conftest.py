"""The story world's suggestions, ranked once a module."""

from __future__ import annotations

import pytest
from suggest.helpers import NOW
from suggest_worlds import story_suggestions

from ossmatch.suggest.pipeline import SuggestResult


@pytest.fixture(scope="module")
def story_result() -> SuggestResult:
    return story_suggestions(NOW)
