from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from ossmatch.models import Actor, Comment, Issue, Label, PullRequest, Repo, Review
from ossmatch.suggest.claims import find_claims
from ossmatch.suggest.signals import (
    IssueSignals,
    body_counts,
    categorize_label,
    issue_signals,
    repo_signals,
)
from ossmatch.vocabulary import claim_phrase

NOW = datetime(2024, 6, 1, 12, 0, tzinfo=timezone.utc)
H = timedelta(hours=1)
D = timedelta(days=1)
MAINT = Actor(login="maint")
BOT = Actor(login="helper[bot]", is_bot=True)
ALICE = Actor(login="alice")
BOB = Actor(login="bob")
GHOST = Actor(login=None)


def issue(number: int = 1, *, author: Actor = ALICE, assoc: str = "NONE",
          created: datetime = NOW - 10 * D, comments: tuple[Comment, ...] = (),
          labels: tuple[str, ...] = (), body: str = "", title: str = "Fix the thing") -> Issue:
    return Issue(repo="o/r", number=number, url=f"https://github.com/o/r/issues/{number}",
                 title=title, body=body, author=author, author_association=assoc,  # type: ignore[arg-type]
                 created_at=created, updated_at=created, comments=comments,
                 labels=tuple(Label(name=n) for n in labels), comment_count=len(comments))


def comment(author: Actor, assoc: str, at: datetime, body: str = "thanks") -> Comment:
    return Comment(author=author, association=assoc, created_at=at, body=body)  # type: ignore[arg-type]


def repo(**kw: object) -> Repo:
    base: dict[str, object] = {"name_with_owner": "o/r", "url": "https://github.com/o/r"}
    base.update(kw)
    return Repo.model_validate(base)


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


def test_first_response_excludes_bots_author_and_ghosts() -> None:
    i1 = issue(1, created=NOW - 10 * D, comments=(
        comment(BOT, "MEMBER", NOW - 10 * D + 0.1 * H),       # bot: ignored
        comment(ALICE, "NONE", NOW - 10 * D + 0.2 * H),       # author: ignored
        comment(GHOST, "MEMBER", NOW - 10 * D + 0.3 * H),     # deleted user: not a maintainer
        comment(MAINT, "MEMBER", NOW - 10 * D + 4 * H),
    ))
    # Issue opened by a maintainer who then answers itself: excluded from the sample.
    i2 = issue(2, author=MAINT, assoc="OWNER", comments=(comment(MAINT, "OWNER", NOW - 9 * D),))
    # Issue opened by a bot: excluded.
    i3 = issue(3, author=BOT, comments=(comment(MAINT, "MEMBER", NOW - 9 * D),))
    # Unanswered for a long time.
    i4 = issue(4, author=BOB, created=NOW - 20 * D)
    # Unanswered but only an hour old: too early to count against maintainers.
    i5 = issue(5, author=BOB, created=NOW - H)
    rs = repo_signals(repo(recent_issues=(i1, i2, i3, i4, i5)), NOW)
    assert rs.median_first_response_hours == pytest.approx(4)
    assert rs.issues_sampled == 3
    assert rs.response_rate == pytest.approx(0.5)
    assert rs.maintainer_active_90d is True
    assert rs.last_maintainer_activity == NOW - 9 * D


def test_issue_author_who_is_maintainer_does_not_count_as_response() -> None:
    i = issue(1, author=BOB, assoc="NONE", comments=(comment(BOB, "COLLABORATOR", NOW - 9 * D),))
    rs = repo_signals(repo(recent_issues=(i,)), NOW)
    assert rs.median_first_response_hours is None
    assert rs.response_rate == 0


def test_newcomer_prs_and_reviews() -> None:
    review = Review(author=MAINT, association="MEMBER", state="APPROVED",
                    submitted_at=NOW - 5 * D + 6 * H)
    pulls = (
        PullRequest(repo="o/r", number=1, author=BOB, author_association="FIRST_TIME_CONTRIBUTOR",
                    state="MERGED", created_at=NOW - 5 * D, merged_at=NOW - 4 * D,
                    merged_by="maint", reviews=(review,)),
        PullRequest(repo="o/r", number=2, author=ALICE, author_association="NONE",
                    state="CLOSED", created_at=NOW - 5 * D, closed_at=NOW - 4 * D),
        PullRequest(repo="o/r", number=3, author=ALICE, author_association="NONE",
                    state="OPEN", created_at=NOW - 1 * D),
    )
    rs = repo_signals(repo(recent_pulls=pulls), NOW)
    assert rs.newcomer_pr_count == 3
    assert rs.newcomer_prs_decided == 2
    assert rs.newcomer_pr_merge_rate == pytest.approx(0.5)
    assert rs.median_first_review_hours == pytest.approx(6)
    assert rs.last_maintainer_activity == NOW - 4 * D


def test_no_activity_means_unknown_not_zero() -> None:
    rs = repo_signals(repo(has_activity=False, recent_issues=(issue(),)), NOW)
    assert rs.median_first_response_hours is None
    assert rs.response_rate is None
    assert rs.maintainer_active_90d is None
    assert rs.newcomer_pr_merge_rate is None
    s = issue_signals(issue(), repo(has_activity=False))
    assert s.repo_newcomer_share is None and s.repo_median_close_hours is None


def test_inactive_maintainers() -> None:
    old = issue(1, created=NOW - 200 * D, comments=(comment(MAINT, "MEMBER", NOW - 199 * D),))
    rs = repo_signals(repo(recent_issues=(old,)), NOW)
    assert rs.maintainer_active_90d is False


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
