"""What ``show`` says about an issue suggest lists with a warning: only what the ranking does."""

from __future__ import annotations

import pytest

from ossmatch.suggest.offer import offered_with_caveat
from ossmatch.suggest.pipeline import SuggestResult


@pytest.mark.parametrize("flag, said", [
    ("claimed", "someone asked to take it, so it is marked claimed and its score is lower, and the digest "
                "never offers it"),
    ("stale", "it has been quiet a long time, so it is marked stale and scores lower"),
])
def test_a_caveat_says_the_score_is_lower_not_where_the_issue_lands(story_result: SuggestResult, flag: str,
                                                                    said: str) -> None:
    """The list is in score order: a claimed or stale issue with a high score can come above a free one,
    so the caveat promises no place ("below free issues", "near the end"), only a lower score."""
    ranked = story_result.ranked[0].model_copy(update={"flags": frozenset({flag})})
    assert offered_with_caveat(ranked) == said
    assert offered_with_caveat(ranked.model_copy(update={"flags": frozenset()})) is None
