"""The compact terminal list: golden files at 40, 60, 100 and 200 columns, plain and on a terminal;
its word wrap, footer and advice."""

from __future__ import annotations

import io
import re

import pytest
from rich.console import Console
from suggest.helpers import check_golden

from ossmatch.render.text import one_line as clean
from ossmatch.suggest.fold import Fold
from ossmatch.suggest.listing import Word, empty_advice, footer_text, print_table, wrap
from ossmatch.suggest.pipeline import SuggestResult

WIDTHS = (40, 60, 100, 200)
#: rich gives every hyperlink a random id; the golden files hold a fixed one.
_LINK_ID = re.compile(r"\x1b]8;id=[^;]*;")


def render(result: SuggestResult, width: int, *, tty: bool, explain: bool = False) -> str:
    out = io.StringIO()
    console = Console(file=out, width=width, force_terminal=tty, color_system="standard" if tty else None,
                      no_color=False, legacy_windows=False)
    print_table(result, console, explain=explain)
    return _LINK_ID.sub("\x1b]8;id=0;", out.getvalue())


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("tty", [False, True], ids=["plain", "tty"])
def test_golden_compact_list(story_result: SuggestResult, width: int, tty: bool) -> None:
    check_golden(f"suggest-table-{width}-{'tty' if tty else 'plain'}.txt", render(story_result, width, tty=tty))


@pytest.mark.parametrize("width", [40, 100])
def test_golden_explain(story_result: SuggestResult, width: int) -> None:
    check_golden(f"suggest-explain-{width}-plain.txt", render(story_result, width, tty=False, explain=True))


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("tty", [False, True])
def test_lines_fit_and_no_word_is_broken(story_result: SuggestResult, width: int, tty: bool) -> None:
    text = render(story_result, width, tty=tty)
    plain = _plain(text)
    tokens = {token.removesuffix(";") for token in plain.split()}
    for item in story_result.ranked:
        for word in clean(" ".join([item.issue.title, item.reasons[0]])).split():
            assert word in tokens, f"{word!r} was broken at {width} columns"
    for line in plain.splitlines():
        assert line == line.rstrip(), f"trailing space: {line!r}"
        assert len(line) <= width or " " not in line.strip(), f"too wide at {width}: {line!r}"


def _plain(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m|\x1b]8;[^\x1b]*\x1b\\", "", text)


@pytest.mark.parametrize("tty", [False, True])
def test_compact_view_is_two_or_three_lines_an_issue_at_100_columns(story_result: SuggestResult, tty: bool) -> None:
    text = _plain(render(story_result, 100, tty=tty))
    body, _, footer = text.partition("\n\n")
    lines = body.splitlines()
    assert len(lines) <= 3 * len(story_result.ranked)
    assert "showing 5 of" in footer and "--limit N" in footer


def test_compact_view_shows_rank_title_reference_score_and_leading_reasons(story_result: SuggestResult) -> None:
    first = story_result.ranked[0]
    text = render(story_result, 100, tty=False)
    head = text.splitlines()[:3]
    assert head[0] == f" 1. {first.issue.title}"
    assert head[1].startswith(f"    {first.issue.repo}#{first.issue.number} · score {first.score:.0f}")
    assert first.reasons[0] in head[2]
    assert not any(reason in text for reason in first.reasons[3:] if reason not in first.reasons[:2])


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("explain", [False, True])
def test_plain_text_spells_out_every_url_even_where_it_does_not_fit_the_reference_line(
        story_result: SuggestResult, width: int, explain: bool) -> None:
    """Piped output has no clickable links, so each issue's URL is printed: on its reference line
    where it fits, else on a line of its own."""
    lines = render(story_result, width, tty=False, explain=explain).splitlines()
    for item in story_result.ranked:
        url = item.issue.url
        assert any(line.endswith(url) for line in lines), f"{url} missing at {width} columns"
    if width == 40:  # the narrow list must show the own-line case, or this test proves nothing
        assert any(line.strip() == story_result.ranked[0].issue.url for line in lines)


def test_explain_shows_every_reason_and_the_score_parts(story_result: SuggestResult) -> None:
    text = render(story_result, 200, tty=False, explain=True)
    for item in story_result.ranked:
        for reason in item.reasons:
            assert f"- {clean(reason)}" in text
    assert "score components: " in text
    for name in story_result.ranked[0].components:
        assert f"{name} " in text


def test_wrap_never_splits_a_word() -> None:
    words = [Word(w) for w in ("a", "supercalifragilisticexpialidocious", "word", "and", "more", "words", "here")]
    lines = wrap(words, 12, indent=2)
    assert [" ".join(w.text for w in line).strip() for line in lines] == [
        "a", "supercalifragilisticexpialidocious", "word and", "more words", "here",
    ]


def test_wrap_cuts_wide_text_keeping_its_style_and_link_and_leads_a_line_with_its_indent() -> None:
    title = Word("修复文档中的错误链接", "bold", "https://example.org/1")
    lines = wrap([Word("-"), title], 12, indent=2, first_indent=0)
    assert lines == [
        [Word("-"), title._replace(text="修复文档中")],
        [Word("  "), title._replace(text="的错误链接")],
    ]


@pytest.mark.parametrize(
    ("flags", "expected"),
    [
        ({}, "No matching issues found. Try more or other skills (a language such as python, or docs, testing)."),
        ({"mentored_only": True}, "No mentored issues found among the matches. Drop --mentored-only, or add skills."),
        ({"next_only": True}, "No next steps found: no open issue in the projects that merged your work fits. "
                              "Drop --next to see every match."),
        ({"hidden": 2}, "No matching issues found. Try more or other skills (a language such as python, or docs, "
                        "testing). (2 hidden issues left out: ossmatch hidden lists them.)"),
    ],
)
def test_empty_result_advice_fits_the_filter(flags: dict, expected: str) -> None:
    assert empty_advice(**flags) == expected


def test_footer_counts() -> None:
    result = SuggestResult(ranked=[], matched=0)
    assert footer_text(result) == ""
    assert footer_text(SuggestResult(ranked=[], hidden=1)) == "1 hidden issue left out (ossmatch hidden lists them)"


def test_footer_does_not_send_to_limit_when_the_rest_are_folded(story_result: SuggestResult) -> None:
    """With every match not shown folded under its project, a bigger --limit would show nothing more."""
    shown = story_result.ranked[:2]
    rest = tuple(story_result.ranked[2:5])
    folded = SuggestResult(ranked=shown, matched=5, folds={rest[0].issue.repo: Fold(rest[0].issue.repo, rest)})
    footer = footer_text(folded)
    assert "showing 2 of 5" in footer and "--per-repo N" in footer and "--limit" not in footer
    cut = SuggestResult(ranked=shown, matched=6, folds={rest[0].issue.repo: Fold(rest[0].issue.repo, rest)})
    assert "--limit N to see more" in footer_text(cut)


def test_footer_of_a_single_match_does_not_say_all_1(story_result: SuggestResult) -> None:
    one = SuggestResult(ranked=story_result.ranked[:1], matched=1)
    assert footer_text(one, hints=False) == "showing the only match"
    two = SuggestResult(ranked=story_result.ranked[:2], matched=2)
    assert footer_text(two, hints=False) == "showing all 2 matches"
