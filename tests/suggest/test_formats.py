"""The registered formats as written to a file: golden files."""

from __future__ import annotations

import dataclasses

import pytest
from suggest.helpers import NOW, check_golden

from ossmatch.profile import Profile
from ossmatch.suggest.fold import Fold
from ossmatch.suggest.formats import FORMATS, SuggestReport
from ossmatch.suggest.listing import empty_advice
from ossmatch.suggest.pipeline import SuggestResult


@pytest.mark.parametrize("fmt, name", [("table", "suggest-table-file.txt"), ("json", "suggest.json"),
                                       ("markdown", "suggest.md"), ("html", "suggest.html")])
def test_golden_registered_formats(story_result: SuggestResult, fmt: str, name: str) -> None:
    """Each registered format as written to a file (``--output``): the list at its file width, the documents."""
    report = SuggestReport(story_result, Profile(skills=("python", "docs")), NOW, advice=empty_advice())
    check_golden(name, FORMATS.render(fmt, report).text)


@pytest.mark.parametrize("fmt, option", [("markdown", "`--repo {repo}`"), ("html", "<code>--repo {repo}</code>"),
                                         ("table", "`--repo {repo}`")])
def test_a_fold_line_says_to_add_the_option_to_this_command(story_result: SuggestResult, fmt: str,
                                                             option: str) -> None:
    """``ossmatch suggest --repo R`` alone has no skills and fails: every format says to add ``--repo R`` to
    the command that printed the line (its skills, level and profile kept), in the one sentence Fold says."""
    first = story_result.ranked[0]
    repo = first.issue.repo
    result = dataclasses.replace(story_result, folds={repo: Fold(repo, (story_result.ranked[-1],))})
    report = SuggestReport(result, Profile(skills=("python", "docs")), NOW, advice=empty_advice())
    text = " ".join(FORMATS.render(fmt, report).text.split())
    best = f"{story_result.ranked[-1].score:.0f}"
    assert f"1 more in {repo}, up to score {best}: add {option.format(repo=repo)} to this command" in text
    assert "ossmatch suggest --repo" not in text
