"""The pipeline's passes over what the searches found."""

from __future__ import annotations

from typing import Any

import pytest
from clients import make_client, serving
from suggest.helpers import NOW
from suggest_worlds import story_world

from ossmatch.profile import Profile
from ossmatch.suggest import filters
from ossmatch.suggest.pipeline import Relations, SuggestResult, arrange, find_matches


def test_each_candidate_is_judged_once_for_ranking_left_out_counts_and_ai_refusals(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Why an issue cannot be offered is decided once per candidate (``filters.triage``), not again for
    the counts of what was left out and for the projects refusing AI-assisted work."""
    calls: list[Any] = []
    real = filters.exclusion_reason

    def counted(*args: Any, **kwargs: Any) -> str | None:
        calls.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(filters, "exclusion_reason", counted)
    with serving(story_world) as fake:
        result = find_matches(make_client(fake), Profile(skills=("python", "docs"), ai_assisted=True), now=NOW,
                              relations=Relations())
    assert result.candidates > 0 and result.ranked
    assert len(calls) == result.candidates


def test_arrange_counts_every_new_find_the_limit_and_the_cap_cut(story_result: SuggestResult) -> None:
    """"showing 1 of N": N counts the new finds before ``limit`` and ``per_repo`` cut them, in the one pass."""
    ranked = story_result.ranked
    one = arrange(ranked, Relations(), 1, per_repo=1)
    assert len(one.new) == 1 and one.matched == len(ranked) > 1
    assert arrange(ranked, Relations(next_only=True), 1).matched == 0
