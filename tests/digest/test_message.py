"""The digest email and renderings: structure, headers, and inert untrusted text."""

from __future__ import annotations

import re
from email import message_from_bytes, policy

import pytest
from digest.helpers import EVIL_TITLE, NOW, make_match

from ossmatch.digest.compose import ProfileView, build_context, build_message
from ossmatch.digest.formats import render_digest
from ossmatch.digest.plan import DigestPlan, plan_digest
from ossmatch.digest.state import SentState
from ossmatch.errors import UsageProblem

PROFILE = ProfileView(skills=("python", "docs"), level="beginner", source="me.toml")


def _context(*matches: object) -> object:
    plan = plan_digest(list(matches), SentState(), {}, limit=5)
    return build_context(plan, PROFILE, now=NOW)


def _message(context: object, **kwargs: object):  # type: ignore[no-untyped-def]
    values = {"sender": "ossmatch <digest@example.org>", "recipients": ["a@example.org"]}
    values.update(kwargs)
    return build_message(context, now=NOW, **values)


def test_message_is_text_then_html_with_the_same_issues() -> None:
    context = _context(make_match(number=1), make_match("b/c", 2, title="Improve docs"))
    message = _message(context, recipients=["a@example.org", "B <b@example.net>"])
    parsed = message_from_bytes(message.as_bytes(), policy=policy.default)

    assert parsed.get_content_type() == "multipart/alternative"
    text, html = parsed.iter_parts()
    assert (text.get_content_type(), text.get_content_charset()) == ("text/plain", "utf-8")
    assert (html.get_content_type(), html.get_content_charset()) == ("text/html", "utf-8")
    for url in ("https://github.com/acme/widgets/issues/1", "https://github.com/b/c/issues/2"):
        assert url in text.get_content()
        assert f'href="{url}"' in html.get_content()
    assert parsed["Subject"] == "2 new beginner-friendly issues for you"
    assert parsed["To"] == "a@example.org, B <b@example.net>"
    assert parsed["From"] == "ossmatch <digest@example.org>"
    assert parsed["Date"] == "Mon, 03 Mar 2025 09:00:00 +0000"
    assert re.fullmatch(r"<[^<>@\s]+@example\.org>", parsed["Message-ID"].strip())


def test_subject_counts() -> None:
    assert _context(make_match()).subject == "1 new beginner-friendly issue for you"  # type: ignore[attr-defined]
    assert _context().subject == "No new beginner-friendly issues this time"  # type: ignore[attr-defined]


def test_hostile_title_is_inert_everywhere() -> None:
    match = make_match(title=EVIL_TITLE + "\r\nBcc: victim@example.org")
    context = _context(match)
    html = render_digest(context, "html")
    text = render_digest(context, "text")
    markdown = render_digest(context, "markdown")

    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'href="javascript' not in html
    for rendered in (html, text, markdown):
        assert "49" not in rendered
        assert "{{ 7*7 }}" in rendered or r"\{\{ 7\*7 \}\}" in rendered
    assert "](javascript:" not in markdown
    assert r"\[x\]\(javascript:alert\(1\)\)" in markdown
    assert "<script>" not in markdown
    # The title's line break is flattened in the body and never reaches a header.
    message = _message(context)
    assert "Bcc" not in str(message["Subject"])
    head = message.as_string().split("\n\n", 1)[0]
    assert "victim" not in head


def test_non_http_issue_url_becomes_a_dead_link() -> None:
    match = make_match(url="javascript:alert(1)")
    html = render_digest(_context(match), "html")
    assert 'href="#"' in html and "javascript:" not in html


def test_markdown_link_cannot_be_broken_by_the_url() -> None:
    match = make_match(url="https://github.com/a/b/issues/1) [evil](https://evil.example")
    markdown = render_digest(_context(match), "markdown")
    assert "](https://evil.example" not in markdown
    assert "%29%20%5Bevil%5D%28" in markdown


@pytest.mark.parametrize(
    "bad", ["a@example.org\r\nBcc: x@example.org", "not an address", "a@example.org, b@example.org"]
)
def test_recipient_must_be_one_clean_address(bad: str) -> None:
    with pytest.raises(UsageProblem):
        _message(_context(make_match()), recipients=[bad])


def test_footer_names_profile_and_how_to_change_it() -> None:
    context = _context(make_match())
    for fmt in ("text", "markdown", "html"):
        rendered = render_digest(context, fmt)
        assert "python" in rendered and "me.toml" in rendered
        assert PROFILE.how_to_change.split()[0] in rendered


def test_empty_plan() -> None:
    assert DigestPlan(new=(), still_open=(), gone=()).is_empty


def test_the_subject_says_beginner_friendly_only_when_every_new_issue_is_labelled_so() -> None:
    from ossmatch.models import Label

    beginner = make_match(number=1)
    medium = make_match(number=2, labels=(Label(name="help wanted"), Label(name="difficulty: medium")))
    assert _context(beginner).subject == "1 new beginner-friendly issue for you"  # type: ignore[attr-defined]
    assert _context(beginner, medium).subject == "2 new issues for you"  # type: ignore[attr-defined]


def test_a_claimed_issue_is_never_a_new_find_and_the_digest_still_fills_up() -> None:
    from dataclasses import replace

    claimed = replace(make_match(number=1, score=90.0), flags=frozenset({"claimed"}))
    free = [make_match(number=n, score=80.0 - n) for n in range(2, 9)]
    plan = plan_digest([claimed, *free], SentState(), {}, limit=5, next_steps=[make_match("me/proj", 3)])
    assert [m.issue.number for m in plan.next_steps] == [3]
    assert [m.issue.number for m in plan.new] == [2, 3, 4, 5] and plan.claimed == 1
    assert build_context(plan, PROFILE, now=NOW).subject.startswith("4 new")
