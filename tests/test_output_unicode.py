"""Issue 25: arbitrary Unicode from GitHub (controls, bidi overrides, lone surrogates, very long
strings, Markdown and HTML syntax) through every output format: the terminal table (plain and
styled), JSON, Markdown, HTML, the site's feeds, issues.json and pages, and the digest mail.
Each output must parse in its own format and carry no control character."""

from __future__ import annotations

import io
import json
from datetime import datetime, timezone
from email import message_from_bytes, policy

import pytest
from click.testing import CliRunner
from hypothesis import given
from markdown_it import MarkdownIt
from rich.console import Console
from unicode_checks import OWN_STYLING, PROPERTY, check_html, hostile_text, long_text, no_forbidden, strings

from ossmatch.cli import main
from ossmatch.suggest.pipeline import SuggestResult

NOW = datetime(2026, 11, 27, 12, tzinfo=timezone.utc)
# ------------------------------------------------------------------ suggest: table, JSON, Markdown, HTML


@pytest.fixture(scope="module")
def story_result() -> SuggestResult:
    from suggest_worlds import story_suggestions

    return story_suggestions(NOW)


def hostile_result(base: SuggestResult, title: str, label: str, other: str) -> SuggestResult:
    from ossmatch.models import Label

    ranked = []
    for item in base.ranked:
        issue = item.issue.model_copy(update={"title": title, "labels": (Label(name=label),),
                                              "body": other})
        repo = item.repo.model_copy(update={"description": other})
        ranked.append(item.model_copy(update={"issue": issue, "repo": repo, "reasons": (other, *item.reasons)}))
    return SuggestResult(ranked=ranked, candidates=base.candidates, repositories=base.repositories,
                         warnings=[f"stopped searching early: {other}"], notes=[other], matched=len(ranked))


def run_suggest(monkeypatch: pytest.MonkeyPatch, result: SuggestResult, fmt: str) -> str:
    import ossmatch.cli.suggest as suggest_cli

    monkeypatch.setattr(suggest_cli, "find_matches", lambda *_args, **_kwargs: result)
    done = CliRunner().invoke(main, ["suggest", "--skills", "python", "--format", fmt, "--no-cache"],
                              env={"GITHUB_TOKEN": "test-token", "OSSMATCH_NOW": NOW.isoformat(),
                                   "GITHUB_API_URL": "http://127.0.0.1:1/api/v3"}, catch_exceptions=False)
    assert done.exit_code == 0, done.output
    no_forbidden(done.stderr, f"{fmt} stderr")
    return done.stdout


@PROPERTY
@given(title=long_text, label=hostile_text, other=long_text)
def test_suggest_in_every_format(story_result: SuggestResult, monkeypatch: pytest.MonkeyPatch,
                                 title: str, label: str, other: str) -> None:
    result = hostile_result(story_result, title, label, other)
    shown = len(result.ranked)
    assert shown

    doc = json.loads(run_suggest(monkeypatch, result, "json"))
    for text in strings(doc):
        no_forbidden(text, "json (decoded)")
    assert len(doc["issues"]) == shown and doc["partial"] is True

    no_forbidden(run_suggest(monkeypatch, result, "table"), "table (plain)")

    markdown = run_suggest(monkeypatch, result, "markdown")
    no_forbidden(markdown, "markdown")
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    rows = [t for t in tokens if t.type == "tr_open"]
    assert len(rows) == shown + 1, "one table row per issue, and the header"
    cells = [t for t in tokens if t.type in ("td_open", "th_open")]
    assert len(cells) == 4 * (shown + 1), "a title never adds or removes a column"
    assert not [t for t in tokens if t.type in ("html_block", "html_inline")]
    hrefs = [c.attrs.get("href") for t in tokens for c in (t.children or []) if c.type == "link_open"]
    assert hrefs and all(str(h).startswith(("http://", "https://")) or h == "#" for h in hrefs), hrefs

    check_html(run_suggest(monkeypatch, result, "html"), "html")


@PROPERTY
@given(title=long_text, other=hostile_text)
def test_the_styled_terminal_carries_only_its_own_escapes(story_result: SuggestResult, title: str,
                                                          other: str) -> None:
    from ossmatch.render.text import clean_deep
    from ossmatch.suggest.listing import print_table

    result = clean_deep(hostile_result(story_result, title, other, other))  # as the command does
    out = io.StringIO()
    console = Console(file=out, width=80, force_terminal=True, color_system="truecolor", legacy_windows=False)
    print_table(result, console, explain=True)
    no_forbidden(OWN_STYLING.sub("", out.getvalue()), "table (terminal)")


# ------------------------------------------------------------------ the digest mail


@PROPERTY
@given(title=long_text, label=hostile_text, other=hostile_text)
def test_the_digest_mail(title: str, label: str, other: str) -> None:
    from digest.helpers import make_match

    from ossmatch.digest.compose import ProfileView, build_context, build_message
    from ossmatch.digest.plan import plan_digest
    from ossmatch.digest.state import SentState
    from ossmatch.models import Label

    matches = [make_match(number=1, title=title, labels=(Label(name=label),)),
               make_match("b/c", 2, title=other)]
    plan = plan_digest(matches, SentState(), {}, limit=5)
    context = build_context(plan, ProfileView(skills=(other or "python",)), now=NOW)
    message = build_message(context, sender="ossmatch <digest@example.org>", recipients=["ada@example.org"],
                            now=NOW)
    raw = message.as_bytes()
    parsed = message_from_bytes(raw, policy=policy.default)
    for name, value in parsed.items():
        assert "\r" not in str(value) and "\n" not in str(value), name
        no_forbidden(str(value), f"mail header {name}")
    parts = [part for part in parsed.walk() if not part.is_multipart()]
    assert {p.get_content_type() for p in parts} == {"text/plain", "text/html"}
    for part in parts:
        body = part.get_content()
        no_forbidden(body.replace("\r\n", "\n"), f"mail {part.get_content_type()}")
        if part.get_content_type() == "text/html":
            check_html(body, "mail html")
