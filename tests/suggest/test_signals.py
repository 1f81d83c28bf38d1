from __future__ import annotations

import pytest
from suggest.signal_world import ALICE, BOB, BOT, GHOST, MAINT, NOW, D, H, comment, issue, repo

from ossmatch.models import PullRequest
from ossmatch.suggest.claims import find_claims
from ossmatch.suggest.signals import IssueSignals, body_counts, categorize_label, issue_signals
from ossmatch.vocabulary import claim_phrase


def test_issue_signal_fields_match_research_data() -> None:
    assert list(IssueSignals.model_fields) == [
        "title_words", "body_words", "url_count", "image_count", "code_block_count",
        "label_count", "label_categories", "comment_count", "reporter_is_newcomer",
        "reporter_commits", "repo_newcomer_share", "repo_open_issues",
        "repo_median_close_hours", "repo_stars", "repo_contributors",
    ]


@pytest.mark.parametrize(
    ("label", "cats"),
    [
        ("good first issue", {"gfi"}), ("Good First Issue", {"gfi"}), ("beginner", {"gfi"}),
        ("easy", {"gfi"}), ("starter", {"gfi"}), ("first-timers-only", {"gfi"}),
        ("good-first-bug", {"gfi", "bug"}), ("type: bug", {"bug"}), ("bug", {"bug"}),
        ("documentation", {"docs"}), ("docs", {"docs"}), ("needs triage", {"untriaged"}),
        ("status: needs-triage", {"untriaged"}), ("triaged", {"triaged"}), ("hard", {"difficult"}),
        ("difficulty: medium", {"medium"}), ("enhancement", {"enhancement"}),
        ("feature request", {"feature"}), ("tests", {"test"}), ("build", {"build"}),
        ("wontfix", set()),
    ],
)
def test_categorize_label(label: str, cats: set[str]) -> None:
    assert categorize_label(label) == cats


@pytest.mark.parametrize(
    ("body", "words", "urls", "images", "blocks"),
    [
        ("", 0, 0, 0, 0),
        ("See https://example.com and http://x.org/a.", 4, 2, 0, 0),
        ("![shot](https://img.example/a.png) broken", 1, 0, 1, 0),
        ('<img src="https://a/b.png" width=3> here', 1, 0, 1, 0),
        ("Run:\n\n```py\nprint(1)\nprint(2)\n```\n\n~~~\nx\n~~~\ndone", 2, 0, 0, 2),
        ("Log:\n\n    Traceback\n    Error\n\nafter", 2, 0, 0, 1),
        ("- item\n\n    continued item text", 5, 0, 0, 0),
    ],
)
def test_body_counts(body: str, words: int, urls: int, images: int, blocks: int) -> None:
    assert body_counts(body) == (words, urls, images, blocks)


def test_issue_signals_null_body_and_labels() -> None:
    i = issue(labels=("good first issue", "docs"), title="Improve the README").model_copy(
        update={"body": None})
    s = issue_signals(i, repo(stars=42, open_issue_count=7))
    assert s.body_words == 0 and s.title_words == 3
    assert s.label_count == 2 and s.label_categories == {"gfi", "docs"}
    assert s.reporter_is_newcomer is True and s.reporter_commits == 0
    assert s.repo_stars == 42 and s.repo_open_issues == 7
    assert s.repo_newcomer_share is None and s.repo_median_close_hours is None


def test_issue_signals_reporter_kinds() -> None:
    r = repo()
    assert issue_signals(issue(assoc="MEMBER"), r).reporter_is_newcomer is False
    assert issue_signals(issue(assoc="MEMBER"), r).reporter_commits is None
    assert issue_signals(issue(author=GHOST), r).reporter_is_newcomer is None


def test_repo_newcomer_share_and_close_time() -> None:
    pulls = (
        PullRequest(repo="o/r", number=1, author=BOB, author_association="FIRST_TIME_CONTRIBUTOR",
                    state="MERGED", created_at=NOW - 5 * D, merged_at=NOW - 4 * D),
        PullRequest(repo="o/r", number=2, author=MAINT, author_association="MEMBER",
                    state="MERGED", created_at=NOW - 5 * D, merged_at=NOW - 4 * D),
        PullRequest(repo="o/r", number=3, author=BOT, author_association="NONE",
                    state="MERGED", created_at=NOW - 5 * D, merged_at=NOW - 4 * D),
    )
    closed = tuple(
        issue(n, created=NOW - 10 * D).model_copy(update={"closed_at": NOW - 10 * D + h * H,
                                                          "state": "CLOSED"})
        for n, h in ((1, 2), (2, 10), (3, 100))
    )
    s = issue_signals(issue(), repo(recent_pulls=pulls, closed_issues=closed))
    assert s.repo_newcomer_share == pytest.approx(0.5)
    assert s.repo_median_close_hours == pytest.approx(10)


@pytest.mark.parametrize(
    "text",
    [
        "Can I work on this?", "could I take this", "I'd like to work on this!",
        "I would like to take this", "Working on it", "I'm on it", "assign me",
        "Please assign this to me", "May I pick this up?", "I'll take this", "let me take this",
        "Hi! Can I please work on this issue?", "I would love to work on this one",
        "Hey, I\u2019m working on this now", "I want to work on it", "Could you assign it to me?",
        "I'll give it a try", "I'm interested in working on this", "Can I be assigned?",
    ],
)
def test_claim_phrases_positive(text: str) -> None:
    assert claim_phrase(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "I'm working on a different issue", "Is anyone working on this?",
        "Nobody is working on it", "I am not working on it anymore", "Thanks for the report",
        "> can I work on this?\nThe maintainer answered above.", "This works on my machine",
        "Who can take a look?", "Please don't assign me anything else",
    ],
)
def test_claim_phrases_negative(text: str) -> None:
    assert claim_phrase(text) is None


def test_find_claims_filters_and_orders() -> None:
    i = issue(author=ALICE, comments=(
        comment(BOB, "NONE", NOW - 5 * D, "Can I work on this?"),
        comment(MAINT, "MEMBER", NOW - 4 * D, "I'm on it"),          # maintainer: not a claim
        comment(BOT, "NONE", NOW - 3 * D, "assign me"),               # bot
        comment(ALICE, "NONE", NOW - 2 * D, "I'd like to work on this"),  # issue author counts
        comment(BOB, "NONE", NOW - 60 * D, "I'll take this"),          # too old
        comment(GHOST, "NONE", NOW - 1 * D, "I'll take this"),         # deleted account
    ))
    claims = find_claims(i, NOW)
    assert [c.author for c in claims] == ["alice", "bob"]
    assert claims[0].by_issue_author is True
    assert claims[0].age_hours == pytest.approx(48)
