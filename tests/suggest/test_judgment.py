"""Worlds built for each judgment the score makes: no saturation, diversity, true reasons,
newcomers by merge history, follow-ups first for their author."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from ossmatch.models import (
    Actor,
    Candidate,
    Comment,
    ContributorHistory,
    Issue,
    Label,
    OwnPullRequest,
    PullRequest,
    Repo,
)
from ossmatch.profile import Profile
from ossmatch.repo_facts import merge_history
from ossmatch.suggest.components import OFTEN_RATIO, newcomer_reasons, project_part
from ossmatch.suggest.newcomer_model import base_rate
from ossmatch.suggest.pipeline import Relations, arrange
from ossmatch.suggest.project_signals import newcomer_share, repo_signals
from ossmatch.suggest.scoring import RankedIssue, rank
from ossmatch.vocabulary import first_merges, is_newcomer_pull

NOW = datetime(2026, 11, 27, 12, tzinfo=timezone.utc)
D = timedelta(days=1)
H = timedelta(hours=1)
MAINT = Actor(login="maint")


def issue(repo: str, number: int, *, title: str = "Improve the docs of load_config", body: str = "",
          labels: tuple[str, ...] = ("good first issue",), age: float = 3, **kw: Any) -> Issue:
    return Issue(repo=repo, number=number, url=f"https://github.com/{repo}/issues/{number}", title=title,
                 body=body, author=Actor(login="maint"), author_association="MEMBER",
                 created_at=NOW - age * D, updated_at=NOW - age * D,
                 labels=tuple(Label(name=n) for n in labels), **kw)


def live_repo(name: str, *, answered: int = 5, merged: int = 4, closed: int = 0, hours: float = 3,
              language: str = "Python", topics: tuple[str, ...] = ()) -> Repo:
    issues = tuple(
        Issue(repo=name, number=100 + k, url="u", title="question", author=Actor(login=f"u{k}"),
              created_at=NOW - (k + 3) * D, updated_at=NOW - (k + 3) * D,
              comments=(Comment(author=MAINT, association="MEMBER", created_at=NOW - (k + 3) * D + hours * H),))
        for k in range(answered)
    )
    pulls = tuple(
        PullRequest(repo=name, number=200 + k, author=Actor(login=f"n{k}"), author_association="CONTRIBUTOR",
                    state="MERGED", created_at=NOW - (k + 4) * D, merged_at=NOW - (k + 3) * D, merged_by="maint")
        for k in range(merged)
    ) + tuple(
        PullRequest(repo=name, number=300 + k, author=Actor(login=f"c{k}"), author_association="FIRST_TIME_CONTRIBUTOR",
                    state="CLOSED", created_at=NOW - (k + 4) * D, closed_at=NOW - (k + 3) * D)
        for k in range(closed)
    )
    return Repo(name_with_owner=name, url=f"https://github.com/{name}", stars=500, primary_language=language,
                languages=(language,), topics=topics, open_issue_count=40, recent_issues=issues, recent_pulls=pulls)


PROFILE = Profile(skills=("python", "docs"))


# --------------------------------------------------------------------------- 1. a score that means something

def test_strong_issues_do_not_saturate_or_tie() -> None:
    """Five excellent issues that differ only a little: every score differs and stays below 100."""
    repo = live_repo("acme/widgets", topics=("documentation",))
    mentor = Comment(author=MAINT, association="MEMBER", created_at=NOW - 1 * D, body="Happy to help with this!")
    cands = [
        Candidate(issue=issue("acme/widgets", n, age=1 + n / 10, labels=("good first issue", "documentation"),
                              body="Update `src/config.py` docstring.\n\nSee https://example.org/docs",
                              comments=(mentor,), comment_count=1),
                  repo=repo)
        for n in range(1, 6)
    ]
    history = ContributorHistory(login="me", since=NOW - 365 * D, pulls=(
        OwnPullRequest(repo="acme/widgets", number=140, state="MERGED", created_at=NOW - 20 * D,
                       merged_at=NOW - 19 * D, files=("src/config.py",)),))
    ranked = rank(cands, PROFILE, NOW, history=history)
    scores = [r.score for r in ranked]
    assert all(0 < s < 100 for s in scores)
    assert len(set(scores)) == len(scores)
    assert scores == sorted(scores, reverse=True)
    assert [r.issue.number for r in ranked] == [1, 2, 3, 4, 5]  # fresher first, by score, not by number


def test_equal_evidence_ties_are_broken_by_the_documented_key() -> None:
    repo = live_repo("a/x")
    twins = [Candidate(issue=issue("a/x", n), repo=repo) for n in (9, 3)]
    ranked = rank(twins, PROFILE, NOW)
    assert ranked[0].score == ranked[1].score  # real equality
    assert [r.issue.number for r in ranked] == [3, 9]
    assert ranked[0].sort_key() < ranked[1].sort_key()


def test_one_of_one_merged_is_not_better_than_45_of_50() -> None:
    one = live_repo("a/one", merged=1)
    many = live_repo("b/many", merged=45, closed=5)
    assert repo_signals(one, NOW).newcomer_prs_decided == 1
    assert project_part(repo_signals(one, NOW)).factor < project_part(repo_signals(many, NOW)).factor
    ranked = rank([Candidate(issue=issue("a/one", 1), repo=one), Candidate(issue=issue("b/many", 1), repo=many)],
                  PROFILE, NOW)
    assert [r.issue.repo for r in ranked] == ["b/many", "a/one"]


# --------------------------------------------------------------------------- 2. diversity

def _ranked(repo: str, number: int, score: float) -> RankedIssue:
    cand = Candidate(issue=issue(repo, number), repo=live_repo(repo))
    item = rank([cand], PROFILE, NOW)[0]
    return item.model_copy(update={"score": score})


def test_score_order_and_the_per_repository_cap_together() -> None:
    big = [_ranked("big/repo", n, 50 - n * 0.1) for n in range(1, 9)]
    small = [_ranked(f"small{k}/repo", 1, 45 - k) for k in range(8)]
    ranked = sorted(big + small, key=RankedIssue.sort_key)
    shown, _, folds, _ = arrange(ranked, Relations(), 10)
    scores = [r.score for r in shown]
    assert scores == sorted(scores, reverse=True)
    assert sum(r.issue.repo == "big/repo" for r in shown) == 3
    assert [r.issue.number for r in shown if r.issue.repo == "big/repo"] == [1, 2, 3]
    # Nothing good is hidden: the other five fold under big/repo's last shown issue, best first.
    assert [r.issue.number for r in folds["big/repo"].issues] == [4, 5, 6, 7, 8]
    assert folds["big/repo"].text() == "+5 more in big/repo, up to score 50: add `--repo big/repo` to this command"
    unlimited, _, none, _ = arrange(ranked, Relations(), 10, per_repo=0)
    assert sum(r.issue.repo == "big/repo" for r in unlimited) == 8 and not none


def test_a_clearly_better_issue_is_folded_never_put_below_a_worse_one() -> None:
    big = [_ranked("big/repo", n, 60 - n) for n in range(1, 6)]
    weak = [_ranked("weak/repo", 1, 10.0)]
    shown, _, folds, _ = arrange(sorted(big + weak, key=RankedIssue.sort_key), Relations(), 10, per_repo=1)
    assert [(r.issue.repo, r.score) for r in shown] == [("big/repo", 59), ("weak/repo", 10.0)]
    assert folds["big/repo"].top_score == 58 and len(folds["big/repo"].issues) == 4


# --------------------------------------------------------------------------- 3. true reasons

def test_often_finished_by_newcomers_needs_one_and_a_half_times_the_base_rate() -> None:
    base = base_rate()
    assert 0.09 < base < 0.12
    near = newcomer_reasons(0.12, base, None, 0.1)
    assert not any("often finished" in r.text for r in near)
    well_above = newcomer_reasons(OFTEN_RATIO * base * 1.01, base, None, 0.1)
    assert any("often finished by newcomers" in r.text for r in well_above)
    # Without the repository's newcomer share the estimate leans on training medians: not said.
    assert not any("finished by newcomers" in r.text for r in newcomer_reasons(0.5, base, None, None))


def test_a_repository_only_match_is_worded_as_such() -> None:
    ci = issue("acme/ci", 1, title="Cache the CI dependencies", labels=("good first issue", "ci"),
               body="The workflow downloads everything every time.")
    repo = live_repo("acme/ci", topics=("documentation",))
    top = rank([Candidate(issue=ci, repo=repo)], PROFILE, NOW)[0]
    assert not any(r.startswith("matches your") for r in top.reasons)
    # A language shows in the repository's code; a documentation topic does not make this a docs task.
    assert "in a Python project" in top.reasons
    assert not any("documentation" in r for r in top.reasons)


def test_one_incidental_word_in_the_body_is_not_a_match_but_a_named_file_is() -> None:
    index = issue("acme/search", 1, title="Speed up building the search index",
                  labels=("enhancement", "difficulty: medium"),
                  body="Profile it and parallelise the slow part with `concurrent.futures`; this also speeds "
                       "up indexing the docs. See https://example.org/docs/index.")
    repo = live_repo("acme/search")
    docs_only = Profile(skills=("docs",))
    top = rank([Candidate(issue=index, repo=repo)], docs_only, NOW)[0]
    assert not top.skill_matched and "does not match any of your skills" in top.reasons
    named = index.model_copy(update={"body": "Describe the new flag in `docs/cli.md`."})
    top = rank([Candidate(issue=named, repo=repo)], docs_only, NOW)[0]
    assert top.skill_matched and "matches your documentation skills" in top.reasons


def test_a_file_named_in_the_issue_shows_its_language() -> None:
    named = issue("acme/x", 1, title="Fix the loader", labels=("good first issue",), body="See `src/loader.py`.")
    top = rank([Candidate(issue=named, repo=live_repo("acme/x", language="C"))], Profile(skills=("python",)), NOW)[0]
    assert "matches your Python skills" in top.reasons


def test_response_times_come_only_from_the_recent_window() -> None:
    """Answers given two years ago do not make a dormant project look quick."""
    old = tuple(
        Issue(repo="old/x", number=100 + k, url="u", title="q", author=Actor(login=f"u{k}"),
              created_at=NOW - (700 + k) * D, updated_at=NOW - (700 + k) * D,
              comments=(Comment(author=MAINT, association="MEMBER", created_at=NOW - (700 + k) * D + 24 * H),))
        for k in range(6)
    )
    repo = Repo(name_with_owner="old/x", url="u", primary_language="Python", languages=("Python",), recent_issues=old)
    top = rank([Candidate(issue=issue("old/x", 1), repo=repo)], PROFILE, NOW)[0]
    assert top.repo_signals.maintainer_active_90d is False
    assert top.repo_signals.median_first_response_hours is None
    assert not any("answer new issues" in r for r in top.reasons)
    assert "no maintainer activity in the last 90 days" in top.reasons


def test_reasons_shared_by_every_row_sink_below_distinguishing_ones() -> None:
    repo = live_repo("acme/widgets")
    plain = Candidate(issue=issue("acme/widgets", 1), repo=repo)
    mentor = Comment(author=MAINT, association="MEMBER", created_at=NOW - D, body="I can mentor you on this.")
    mentored = Candidate(issue=issue("acme/widgets", 2, comments=(mentor,), comment_count=1), repo=repo)
    ranked = {r.issue.number: r for r in rank([plain, mentored], PROFILE, NOW)}
    assert ranked[2].reasons[0].startswith("mentored: @maint offered help")
    assert len(ranked[2].reasons) == len(ranked[2].reason_weights)


# --------------------------------------------------------------------------- 5. newcomers from merge history

def test_a_merged_first_timer_reads_contributor_but_counts_as_a_newcomer() -> None:
    """GitHub computes authorAssociation when read: after the merge it says CONTRIBUTOR."""
    pulls = (
        PullRequest(repo="a/b", number=1, author=Actor(login="first"), author_association="CONTRIBUTOR",
                    state="MERGED", created_at=NOW - 10 * D, merged_at=NOW - 9 * D),
        PullRequest(repo="a/b", number=2, author=Actor(login="regular"), author_association="CONTRIBUTOR",
                    state="MERGED", created_at=NOW - 30 * D, merged_at=NOW - 29 * D),
        PullRequest(repo="a/b", number=3, author=Actor(login="regular"), author_association="CONTRIBUTOR",
                    state="MERGED", created_at=NOW - 5 * D, merged_at=NOW - 4 * D),
        PullRequest(repo="a/b", number=4, author=Actor(login="boss"), author_association="MEMBER",
                    state="MERGED", created_at=NOW - 5 * D, merged_at=NOW - 4 * D),
        PullRequest(repo="a/b", number=5, author=Actor(login="bot[bot]", is_bot=True), author_association="NONE",
                    state="MERGED", created_at=NOW - 5 * D, merged_at=NOW - 4 * D),
    )
    first = first_merges(merge_history(pulls))
    assert [is_newcomer_pull(p, first) for p in pulls] == [True, True, False, False, False]
    repo = Repo(name_with_owner="a/b", url="u", recent_pulls=pulls)
    assert newcomer_share(repo) == pytest.approx(2 / 4)  # of human merges: first, regular's first
    rs = repo_signals(repo, NOW)
    assert rs.newcomer_prs_decided == 2 and rs.newcomer_pr_merge_rate == 1.0


def test_audit_and_suggest_share_the_newcomer_rule() -> None:
    from ossmatch.audit import activity

    assert activity.is_newcomer_pull is is_newcomer_pull
    assert activity.first_merges is first_merges


# --------------------------------------------------------------------------- 6. next steps that know the person

def test_the_follow_up_to_your_merged_pull_request_ranks_first() -> None:
    repo = live_repo("acme/widgets")
    generic = [Candidate(issue=issue("acme/widgets", n, labels=("good first issue", "documentation")), repo=repo)
               for n in range(1, 5)]
    follow = Candidate(issue=issue("acme/widgets", 9, title="Cache parsed configs", labels=("help wanted",),
                                   body="Follow-up to #140: the loader now re-reads the file each time."),
                       repo=repo)
    other = live_repo("other/proj")
    strong = [Candidate(issue=issue("other/proj", n, labels=("good first issue", "documentation"),
                                    body="Update `src/a.py`; see https://example.org/docs"), repo=other)
              for n in range(1, 4)]
    history = ContributorHistory(login="me", since=NOW - 365 * D, pulls=(
        OwnPullRequest(repo="acme/widgets", number=140, state="MERGED", created_at=NOW - 20 * D,
                       merged_at=NOW - 19 * D, merged_by="maint"),))
    ranked = rank([*generic, *strong, follow], PROFILE, NOW, history=history)
    assert ranked[0].issue.number == 9
    assert ranked[0].next_step is not None and ranked[0].next_step.follow_up == 140
    assert ranked[0].reasons[0] == "follow-up to your merged #140 in acme/widgets"
    shown, _, _, _ = arrange(ranked, Relations(), 10)
    assert shown[0].issue.number == 9


def test_medium_is_not_a_demotion_where_your_work_was_merged() -> None:
    repo = live_repo("acme/widgets")
    medium = Candidate(issue=issue("acme/widgets", 3, labels=("difficulty: medium",)), repo=repo)
    history = ContributorHistory(login="me", since=NOW - 365 * D, pulls=(
        OwnPullRequest(repo="acme/widgets", number=140, state="MERGED", created_at=NOW - 20 * D,
                       merged_at=NOW - 19 * D),))
    with_history = rank([medium], PROFILE, NOW, history=history)[0]
    without = rank([medium], PROFILE, NOW)[0]
    assert with_history.components["difficulty_factor"] == 1.0
    assert without.components["difficulty_factor"] < 1.0
    assert not any("labelled medium" in r for r in with_history.reasons)


def test_a_generic_newcomer_without_skills_is_ranked_without_skill_judgments() -> None:
    """The public ``rank`` for a profile with no skills (the site's generic newcomer)."""
    repo = live_repo("acme/widgets")
    ranked = rank([Candidate(issue=issue("acme/widgets", n, age=n), repo=repo) for n in (1, 2)], Profile(), NOW)
    assert [r.issue.number for r in ranked] == [1, 2]
    assert all(r.skill_matched and r.components["skill_factor"] == 1.0 for r in ranked)
    assert not any("skills" in reason for r in ranked for reason in r.reasons)


def test_a_rate_from_a_small_sample_is_said_as_a_count() -> None:
    from ossmatch.suggest.components import FIRM_SAMPLE, newcomer_reasons, share_text

    assert share_text(1, 1) == "1 of 1" and share_text(4, 5) == "80% of" and FIRM_SAMPLE == 5
    said = [r.text for r in newcomer_reasons(0.1, 0.105, None, 1.0, (1, 1))]
    assert "1 of 1 recent merged pull requests came from newcomers" in said
    assert not any("%" in text for text in said)


def test_the_short_list_shows_what_holds_a_score_down_even_when_it_is_not_the_strongest_reason() -> None:
    from ossmatch.suggest.listing import issue_lines

    old = issue("acme/x", 1, title="Rework the parser", labels=("good first issue",), body="See `src/parser.py`.",
                age=200)
    top = rank([Candidate(issue=old, repo=live_repo("acme/x"))], PROFILE, NOW)[0]
    assert top.holding_down == ("opened 7 months ago",) and top.holding_down[0] not in top.reasons[:2]
    text = " ".join(" ".join(w.text for w in line) for line in issue_lines(1, top, 200))
    assert top.holding_down[0] in text and top.reasons[0] in text


def test_the_level_orders_the_list_but_leaves_the_chance() -> None:
    # A medium-difficulty issue is a bigger step for a beginner: it comes later, with the same chance.
    medium = issue("acme/x", 1, title="Rework the parser", labels=("good first issue", "difficulty: medium"),
                   body="See `src/parser.py`.")
    plain = issue("acme/y", 2, title="Rework the parser", body="See `src/parser.py`.")
    cands = [Candidate(issue=medium, repo=live_repo("acme/x")), Candidate(issue=plain, repo=live_repo("acme/y"))]
    beginner = rank(cands, PROFILE, NOW)
    intermediate = {r.issue.repo: r for r in rank(cands, PROFILE.model_copy(update={"level": "intermediate"}), NOW)}
    assert [r.issue.repo for r in beginner] == ["acme/y", "acme/x"]
    first, second = beginner
    assert second.score == intermediate["acme/x"].score  # the level leaves the chance
    assert second.score > first.score  # so the order says the preference: a higher score comes later
    assert second.preference is not None and second.preference < second.score and second.preferred_by == ("level",)
    assert first.preference is None and intermediate["acme/x"].preference is None
    assert "labelled medium difficulty: a bigger step at the beginner level, so later in the list" in second.reasons
    assert second.holding_down == ()  # the level does not hold the chance down
