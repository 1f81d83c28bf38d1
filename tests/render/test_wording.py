"""Counted nouns agree with their number: one helper, so no message says "1 people"."""

from __future__ import annotations

import pytest

from ossmatch.render.wording import listed, noun, plural, plural_of


@pytest.mark.parametrize(
    ("count", "singular", "expected"),
    [
        (0, "comment", "0 comments"),
        (1, "comment", "1 comment"),
        (2, "comment", "2 comments"),
        (1, "person", "1 person"),
        (3, "person", "3 people"),
        (1, "repository", "1 repository"),
        (5, "repository", "5 repositories"),
        (2, "day", "2 days"),
        (2, "match", "2 matches"),
        (2, "box", "2 boxes"),
        (2, "pull request", "2 pull requests"),
        (2, "first-time contributor", "2 first-time contributors"),
        (1, "first-time contributor", "1 first-time contributor"),
    ],
)
def test_plural(count: int, singular: str, expected: str) -> None:
    assert plural(count, singular) == expected


def test_an_explicit_plural_and_a_zero_phrase() -> None:
    assert plural(2, "criterion", "criteria") == "2 criteria"
    assert plural(1, "criterion", "criteria") == "1 criterion"
    assert plural(0, "comment", zero="no comments") == "no comments"
    assert plural(1, "comment", zero="no comments") == "1 comment"


def test_noun_alone_and_capitals() -> None:
    assert noun(1, "issue") == "issue"
    assert noun(7, "issue") == "issues"
    assert plural_of("Person") == "People"



@pytest.mark.parametrize(("items", "conjunction", "said"), [
    ([], "and", ""),
    (["a"], "and", "a"),
    (["a", "b"], "or", "a or b"),
    (["a", "b", "c"], "and", "a, b and c"),
    (["a", "b", "c"], "or", "a, b or c"),
])
def test_listed_joins_with_commas_and_one_conjunction(items: list[str], conjunction: str, said: str) -> None:
    assert listed(items, conjunction) == said
