"""Pure relationship logic: mentorship phrases, next-step matching, involvement, open pull requests."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from ossmatch.models import (
    Actor,
    Candidate,
    Comment,
    ContributorHistory,
    Involvement,
    Issue,
    Label,
    OwnPullRequest,
    Repo,
    Review,
)
from ossmatch.profile import Profile
from ossmatch.suggest.claims import find_mentorship, is_mentor_label, mentor_offer
from ossmatch.suggest.pipeline import Relations, arrange
from ossmatch.suggest.plan import operator_count, plan_next_step_queries, plan_next_step_query
from ossmatch.suggest.relationships import (
    credits_for,
    in_progress,
    involvement,
    merged_projects,
    next_step,
    touched_terms,
    waiting,
)
from ossmatch.suggest.scoring import rank

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=timezone.utc)
ME = "newbie"


def ago(days: float) -> datetime:
    return NOW - timedelta(days=days)


def issue(repo: str = "acme/widgets", number: int = 7, **changes: object) -> Issue:
    values: dict[str, object] = {
        "repo": repo, "number": number, "url": f"https://github.com/{repo}/issues/{number}",
        "title": "Validate config keys", "created_at": ago(5), "updated_at": ago(1),
        "labels": (Label(name="help wanted"),),
    }
    values.update(changes)
    return Issue(**values)  # type: ignore[arg-type]


def pull(repo: str = "acme/widgets", number: int = 3, **changes: object) -> OwnPullRequest:
    values: dict[str, object] = {
        "repo": repo, "number": number, "title": "Explain config loading", "state": "MERGED",
        "created_at": ago(50), "merged_at": ago(40), "merged_by": "alice",
    }
    values.update(changes)
    return OwnPullRequest(**values)  # type: ignore[arg-type]


def history(*pulls: OwnPullRequest, involvements: tuple[Involvement, ...] = (), complete: bool = True
            ) -> ContributorHistory:
    return ContributorHistory(login=ME, since=ago(365), pulls=pulls, involvements=involvements,
                              complete=complete)


def comment(body: str, login: str = "lead", association: str = "OWNER", days: float = 2) -> Comment:
    return Comment(author=Actor(login=login), association=association, created_at=ago(days), body=body)  # type: ignore[arg-type]


def review(login: str, state: str = "APPROVED", days: float = 41, association: str = "MEMBER") -> Review:
    return Review(author=Actor(login=login), association=association, state=state, submitted_at=ago(days))  # type: ignore[arg-type]


# --------------------------------------------------------------------------- mentorship

@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("mentored", True), ("E-mentor", True), ("mentor available", True), ("has mentor", True),
        ("Mentored Project", True), ("needs mentor", False), ("no-mentor", False),
        ("mentorship-program", False), ("good first issue", False), ("documentation", False),
    ],
)
def test_mentor_labels(label: str, expected: bool) -> None:
    assert is_mentor_label(label) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Happy to help if you get stuck!", "Happy to help"),
        ("I can mentor whoever picks this up.", "I can mentor"),
        ("Feel free to ask questions here.", "Feel free to ask"),
        ("I'm happy to guide you through the parser.", "I'm happy to guide"),
        ("Ping me on Discord if anything is unclear", "Ping me"),
        ("Willing to mentor this one.", "Willing to mentor"),
        ("I'm not happy to help with this anymore", None),
        ("> happy to help\n\nThanks, closing.", None),
        ("Confirmed, thanks for the report.", None),
        ("Can I work on this?", None),
        ("Thanks! Happy to review a PR.", None),  # a courtesy, not an offer to guide
        ("Happy to help you with this, ask me here.", "Happy to help"),
        ("Ask me here if you get stuck.", "Ask me"),
    ],
)
def test_mentor_offers(text: str, expected: str | None) -> None:
    assert mentor_offer(text) == expected


def test_only_maintainers_offer_mentoring() -> None:
    volunteer = issue(labels=(), comments=(comment("Happy to help!", login="someone", association="NONE"),))
    assert find_mentorship(volunteer) is None
    offered = issue(labels=(), comments=(comment("Happy to help!"),))
    found = find_mentorship(offered)
    assert found is not None and (found.kind, found.mentor) == ("comment", "lead")


def test_a_bot_offering_help_is_not_a_mentor() -> None:
    bot = Comment(author=Actor(login="helper[bot]", is_bot=True), association="MEMBER", created_at=ago(1),
                  body="Happy to help!")
    assert find_mentorship(issue(labels=(), comments=(bot,))) is None


@pytest.mark.parametrize(
    ("body", "mentor"),
    [("Mentor: @carol", "carol"), ("Point of contact: @dave-k", "dave-k"), ("Ask @erin on Zulip.", "erin"),
     ("Reported by @frank", None)],
)
def test_named_contact_in_the_body(body: str, mentor: str | None) -> None:
    found = find_mentorship(issue(labels=(), body=body))
    assert (found.mentor if found else None) == mentor
    if found:
        assert found.kind == "contact"


def test_label_is_the_strongest_evidence() -> None:
    found = find_mentorship(issue(labels=(Label(name="E-mentor"),), comments=(comment("Happy to help"),)))
    assert found is not None and (found.kind, found.evidence) == ("label", "E-mentor")


# --------------------------------------------------------------------------- next steps

def test_merged_projects_newest_merge_first_and_only_merged() -> None:
    h = history(pull("a/old", merged_at=ago(200)), pull("b/new", merged_at=ago(3)),
                pull("c/open", state="OPEN", merged_at=None), pull("d/closed", state="CLOSED", merged_at=None))
    assert merged_projects(h) == ["b/new", "a/old"]


@pytest.mark.parametrize(
    ("reviews", "merged_by", "expected"),
    [
        ((review("alice"),), "bob", ["@alice reviewed your #3"]),
        ((), "bob", ["@bob merged your #3"]),
        ((), ME, []),
        ((review(ME), review("ci[bot]")), "bob", ["@bob merged your #3"]),
        ((review("alice", days=42), review("carol", days=41)), "bob",
         ["@alice reviewed your #3", "@carol reviewed your #3"]),
    ],
)
def test_credits_name_who_reviewed_else_who_merged(reviews: tuple[Review, ...], merged_by: str,
                                                   expected: list[str]) -> None:
    if reviews and reviews[-1].author.login == "ci[bot]":
        reviews = (reviews[0], Review(author=Actor(login="ci[bot]", is_bot=True), submitted_at=ago(41)))
    assert [c.phrase() for c in credits_for([pull(reviews=reviews, merged_by=merged_by)], ME)] == expected


def test_touched_terms_come_from_labels_paths_and_titles_without_noise() -> None:
    terms = touched_terms([pull(title="Fix the config loader", labels=("documentation",),
                                files=("src/widgets/config.py", "docs/loading.md"))])
    assert {"config", "loader", "documentation", "loading"} <= terms
    assert not terms & {"fix", "the", "src", "docs", "py", "widgets", "acme"}


@pytest.mark.parametrize(
    ("candidate_issue", "touched"),
    [
        (issue(title="Validate config keys"), ("config",)),
        (issue(title="Speed up rendering", body="The config loader is slow"), ("config", "loader")),
        (issue(title="Speed up rendering", labels=(Label(name="documentation"),)), ("documentation",)),
        (issue(title="Speed up rendering"), ()),
    ],
)
def test_next_step_matches_what_the_person_touched(candidate_issue: Issue, touched: tuple[str, ...]) -> None:
    h = history(pull(title="Explain config loader", labels=("documentation",), reviews=(review("alice"),)))
    step = next_step(Candidate(issue=candidate_issue, repo=Repo(name_with_owner="acme/widgets", url="u")), h)
    assert step is not None
    assert step.touched == touched
    assert step.merged == (3,) and step.credits[0].phrase() == "@alice reviewed your #3"


def test_no_next_step_elsewhere_or_without_history() -> None:
    cand = Candidate(issue=issue(repo="other/project"), repo=Repo(name_with_owner="other/project", url="u"))
    assert next_step(cand, history(pull())) is None
    assert next_step(cand, None) is None
    assert next_step(cand, history(pull(repo="other/project", state="OPEN", merged_at=None))) is None


def test_next_step_queries_cover_every_merged_project_within_the_limits() -> None:
    h = history(*(pull(f"org{i}/p", merged_at=ago(i + 1)) for i in range(8)))
    queries = plan_next_step_queries(h, Profile(skills=["python"], exclude_repos=["org0/p"]), NOW)
    repos = [part.strip("()") for q in queries for part in q.split() if part.strip("(").startswith("repo:")]
    assert repos == [f"repo:org{i}/p" for i in range(1, 8)]  # all seven, most recent merge first
    for query in queries:
        assert '"help wanted"' in query and "medium" in query and "no:assignee" in query
        assert operator_count(query) <= 5 and len(query) <= 256
        assert query.startswith("(repo:") or query.count("repo:") == 1
    assert plan_next_step_query(h, Profile(skills=["python"]), NOW) == plan_next_step_queries(
        h, Profile(skills=["python"]), NOW)[0]
    assert plan_next_step_queries(history(), Profile(skills=["python"]), NOW) == []
    query = plan_next_step_query(h, Profile(skills=["python"], exclude_repos=["org0/p"]), NOW)
    assert query is not None
    # OR-ed in parentheses: GitHub's advanced issue search ANDs side-by-side repo: qualifiers
    assert query.startswith("(repo:org1/p OR repo:org2/p OR ")


# --------------------------------------------------------------------------- involvement

@pytest.mark.parametrize(
    ("candidate_issue", "involvements", "expected"),
    [
        (issue(), (Involvement(repo="acme/widgets", number=7, how="commented", at=ago(2)),), "commented"),
        (issue(), (Involvement(repo="ACME/Widgets", number=7, how="opened", at=ago(9)),), "opened"),
        (issue(author=Actor(login="NewBie")), (), "opened"),
        (issue(comments=(comment("Could this cover logs?", login=ME, association="NONE"),)), (), "commented"),
        (issue(), (Involvement(repo="acme/widgets", number=8, how="opened", at=ago(2)),), None),
        (issue(comments=(comment("Happy to help"),)), (), None),
    ],
)
def test_involvement(candidate_issue: Issue, involvements: tuple[Involvement, ...], expected: str | None) -> None:
    found = involvement(candidate_issue, history(involvements=involvements))
    assert (found.how if found else None) == expected


def test_the_latest_involvement_wins() -> None:
    found = involvement(issue(author=Actor(login=ME), created_at=ago(9), comments=(
        comment("Any update?", login=ME, association="NONE", days=1),)), history())
    assert found is not None and found.how == "commented"


# --------------------------------------------------------------------------- open pull requests

@pytest.mark.parametrize(
    ("changes", "waiting_on", "nudged"),
    [
        ({"created_at": ago(12)}, "review", True),
        ({"created_at": ago(3)}, "review", False),
        ({"created_at": ago(20), "reviews": (review("maint", "CHANGES_REQUESTED", days=2),)}, "you", True),
        ({"created_at": ago(20), "reviews": (review("maint", "CHANGES_REQUESTED", days=10),),
          "last_commit_at": ago(9)}, "review", True),
        ({"created_at": ago(20), "reviews": (review("maint", "APPROVED", days=2),)}, "review", True),
        ({"created_at": ago(20), "comments": (comment("Could you add a test?", login="maint", days=4),)}, "you", True),
        ({"created_at": ago(20), "is_draft": True}, "you", True),
    ],
)
def test_whose_move_it_is(changes: dict[str, object], waiting_on: str, nudged: bool) -> None:
    state = waiting(pull(state="OPEN", merged_at=None, merged_by=None, **changes), ME, NOW)
    assert state.waiting_on == waiting_on
    assert (state.nudge is not None) is nudged


def test_review_nudge_names_the_wait() -> None:
    state = waiting(pull(state="OPEN", merged_at=None, created_at=ago(12)), ME, NOW)
    assert state.nudge == "waiting 12 days for review: a polite ping on the pull request is fine"


def test_in_progress_longest_wait_first_and_unknown_without_reviews() -> None:
    h = history(pull("a/x", 1, state="OPEN", merged_at=None, created_at=ago(2)),
                pull("b/y", 2, state="OPEN", merged_at=None, created_at=ago(9)), pull())
    assert [(p.pull.repo, p.waiting_on) for p in in_progress(h, NOW)] == [("b/y", "review"), ("a/x", "review")]
    thin = history(*h.pulls, complete=False)
    assert {p.waiting_on for p in in_progress(thin, NOW)} == {"unknown"}
    assert in_progress(None, NOW) == []


# --------------------------------------------------------------------------- ranking and arrangement

def _candidates() -> list[Candidate]:
    repo = Repo(name_with_owner="acme/widgets", url="https://github.com/acme/widgets", primary_language="Python",
                languages=("Python",), stars=100)
    other = repo.model_copy(update={"name_with_owner": "other/project"})
    return [
        Candidate(issue=issue(number=1, labels=(Label(name="good first issue"),)), repo=repo),
        Candidate(issue=issue(number=2, labels=(Label(name="help wanted"),)), repo=repo),
        Candidate(issue=issue("other/project", 3, labels=(Label(name="good first issue"),)), repo=other),
        Candidate(issue=issue("other/project", 4, labels=(Label(name="mentored"),)), repo=other),
        Candidate(issue=issue("other/project", 5, author=Actor(login=ME)), repo=other),
    ]


def test_next_step_and_mentored_raise_the_score() -> None:
    plain = {r.issue.number: r for r in rank(_candidates(), Profile(skills=["python"]), NOW)}
    mine = {r.issue.number: r for r in rank(_candidates(), Profile(skills=["python"]), NOW, history=history(pull()))}
    assert mine[1].score > plain[1].score and mine[1].next_step is not None
    assert mine[3].score == plain[3].score and mine[3].next_step is None
    assert mine[4].mentorship is not None and "mentored" in mine[4].flags
    assert mine[4].reasons[0] == "mentored: labelled 'mentored'"
    assert mine[5].involvement is not None and mine[5].reasons[0].startswith("you're involved: you opened this")


def test_own_claims_are_not_someone_elses() -> None:
    claimed = issue(comments=(comment("Can I work on this?", login=ME, association="NONE", days=1),))
    cand = [Candidate(issue=claimed, repo=Repo(name_with_owner="acme/widgets", url="u"))]
    assert "claimed" in rank(cand, Profile(skills=["python"]), NOW)[0].flags
    mine = rank(cand, Profile(skills=["python"]), NOW, history=history())[0]
    assert "claimed" not in mine.flags and "involved" in mine.flags


@pytest.mark.parametrize(
    ("relations", "expected"),
    [
        (Relations(), "score-order"),
        (Relations(next_only=True), "steps-only"),
        (Relations(mentored_only=True), "mentored-only"),
    ],
)
def test_arrange(relations: Relations, expected: str) -> None:
    ranked = rank(_candidates(), Profile(skills=["python"]), NOW, history=history(pull()))
    chosen, involved, _, _ = arrange(ranked, relations, limit=10)
    assert [r.issue.number for r in involved] == [5]
    if expected == "score-order":
        assert [r.score for r in chosen] == sorted((r.score for r in chosen), reverse=True) and len(chosen) == 4
    elif expected == "steps-only":
        assert {r.issue.number for r in chosen} == {1, 2}
    else:
        assert [r.issue.number for r in chosen] == [4]


def test_the_age_of_involvement_is_the_persons_own_comment_not_the_issues_last_update() -> None:
    searched = Involvement(repo="acme/widgets", number=7, how="commented", at=NOW - timedelta(days=1), exact=False)
    mine = issue(comments=(comment("I can fix this after my exams.", login=ME, association="NONE", days=3),
                           comment("Sounds good!", days=1)))
    found = involvement(mine, history(involvements=(searched,)))
    assert found is not None and found.at == NOW - timedelta(days=3)
    cand = [Candidate(issue=mine, repo=Repo(name_with_owner="acme/widgets", url="u"))]
    reasons = rank(cand, Profile(skills=["python"]), NOW, history=history(involvements=(searched,)))[0].reasons
    assert "you're involved: you commented on this 3 days ago" in reasons
    # Known only from search: no made-up age.
    alone = involvement(issue(), history(involvements=(searched,)))
    assert alone is not None and not alone.exact


def test_who_merged_your_work_is_said_once_in_the_next_step_reason() -> None:
    from ossmatch.suggest.components import next_step_part
    from ossmatch.suggest.relationships import Credit, NextStep

    merged = next_step_part(NextStep(project="gamma/export", merged=(13,),
                                     credits=(Credit(login="gil", verb="merged", number=13),)))
    assert [r.text for r in merged.reasons] == ["next step: @gil merged your #13 in gamma/export"]
    reviewed = next_step_part(NextStep(project="acme/widgets", merged=(13,),
                                       credits=(Credit(login="alice", verb="reviewed", number=13),)))
    assert [r.text for r in reviewed.reasons] == ["next step: acme/widgets merged your #13", "@alice reviewed your #13"]
