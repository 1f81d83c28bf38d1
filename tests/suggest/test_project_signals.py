"""The project's signals: maintainers' answers, reviews and activity, unknown without activity."""

from __future__ import annotations

import pytest
from suggest.signal_world import ALICE, BOB, BOT, GHOST, MAINT, NOW, D, H, comment, issue, repo

from ossmatch.models import PullRequest, Review
from ossmatch.suggest.project_signals import newcomer_share_counts, repo_signals
from ossmatch.suggest.signals import issue_signals


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
    # The share's sample, read once per repository for every issue's reasons, and not in the JSON.
    assert rs.newcomer_share_counts == newcomer_share_counts(repo(recent_pulls=pulls)) == (1, 1)
    assert rs.newcomer_share == 1.0 and "newcomer_share_counts" not in rs.model_dump_json()
    one = issue_signals(issue(), repo(recent_pulls=pulls), rs)
    assert one == issue_signals(issue(), repo(recent_pulls=pulls))


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
