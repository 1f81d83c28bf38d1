from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from ossmatch.models import Actor, Candidate, Comment, Issue, Label, PullRequest, Repo
from ossmatch.profile import Profile, ScoreWeights
from ossmatch.render.timefmt import humanize_ago, humanize_hours
from ossmatch.skills import expand_skills
from ossmatch.suggest.components import (
    CLAIM_FACTOR,
    MERGE_PRIOR,
    OFTEN_RATIO,
    Part,
    beta_mean,
    freshness,
    newcomer_reasons,
    project_part,
)
from ossmatch.suggest.filters import (
    REASON_ASSIGNED,
    REASON_EXCLUDED_LABEL,
    REASON_EXCLUDED_ORG,
    REASON_EXCLUDED_REPO,
    REASON_FEW_STARS,
    REASON_ISSUE_CLOSED,
    REASON_ISSUE_LOCKED,
    REASON_LINKED_PR,
    REASON_REPO_ARCHIVED,
    REASON_REPO_DISABLED,
    REASON_REPO_LOCKED,
    REASON_TOO_OLD,
    excluded,
    exclusion_reason,
)
from ossmatch.suggest.project_signals import RepoSignals
from ossmatch.suggest.scoring import RankedIssue, _holding_down, rank
from ossmatch.suggest.skillfit import skill_fit

NOW = datetime(2024, 6, 1, 12, 0, tzinfo=timezone.utc)
H = timedelta(hours=1)
D = timedelta(days=1)
MAINT = Actor(login="maint")
NEWBIE = Actor(login="newbie")
PROFILE = Profile(skills=("python", "docs"))


def make_issue(repo: str = "o/r", number: int = 1, *, created: datetime = NOW - 3 * D,
               updated: datetime | None = None, labels: tuple[str, ...] = ("good first issue",),
               title: str = "Improve the docs for the config loader",
               body: str = "The README does not explain the options.", **kw: Any) -> Issue:
    return Issue(repo=repo, number=number, url=f"https://github.com/{repo}/issues/{number}",
                 title=title, body=body, author=Actor(login="reporter"), created_at=created,
                 updated_at=updated or created, labels=tuple(Label(name=n) for n in labels), **kw)


def responsive_activity(repo: str) -> dict[str, Any]:
    """Maintainers answer outsiders within hours and merge newcomers' pull requests."""
    issues = tuple(
        Issue(repo=repo, number=100 + k, url="u", title="question", author=Actor(login=f"u{k}"),
              created_at=NOW - (k + 2) * D, updated_at=NOW - (k + 2) * D,
              comments=(Comment(author=MAINT, association="MEMBER",
                                created_at=NOW - (k + 2) * D + 3 * H),))
        for k in range(5)
    )
    pulls = tuple(
        PullRequest(repo=repo, number=200 + k, author=Actor(login=f"n{k}"),
                    author_association="FIRST_TIME_CONTRIBUTOR", state="MERGED",
                    created_at=NOW - (k + 3) * D, merged_at=NOW - (k + 2) * D, merged_by="maint")
        for k in range(4)
    )
    return {"recent_issues": issues, "recent_pulls": pulls}


def dead_activity(repo: str) -> dict[str, Any]:
    """Nobody answers: outsiders' issues sit unanswered, newcomers' PRs are closed unmerged."""
    issues = tuple(
        Issue(repo=repo, number=100 + k, url="u", title="question", author=Actor(login=f"u{k}"),
              created_at=NOW - (k + 30) * D, updated_at=NOW - (k + 30) * D)
        for k in range(5)
    )
    pulls = tuple(
        PullRequest(repo=repo, number=200 + k, author=Actor(login=f"n{k}"),
                    author_association="FIRST_TIME_CONTRIBUTOR", state="CLOSED",
                    created_at=NOW - (k + 200) * D, closed_at=NOW - (k + 150) * D)
        for k in range(3)
    )
    return {"recent_issues": issues, "recent_pulls": pulls}


def make_repo(name: str = "o/r", *, language: str | None = "Python", activity: str = "responsive",
              **kw: Any) -> Repo:
    extra = {"responsive": responsive_activity, "dead": dead_activity}.get(activity)
    base: dict[str, Any] = {
        "name_with_owner": name, "url": f"https://github.com/{name}", "stars": 1200,
        "primary_language": language, "languages": (language,) if language else (),
        "topics": ("documentation",), "open_issue_count": 80,
    }
    if extra:
        base.update(extra(name))
    base.update(kw)
    return Repo.model_validate(base)


def cand(issue: Issue | None = None, repo: Repo | None = None) -> Candidate:
    r = repo or make_repo()
    return Candidate(issue=issue or make_issue(r.name_with_owner), repo=r)


# --------------------------------------------------------------------------- hard filters

@pytest.mark.parametrize(
    ("issue_kw", "repo_kw", "profile_kw", "reason"),
    [
        ({"assignees": ("someone",)}, {}, {}, REASON_ASSIGNED),
        ({"open_closing_prs": 1}, {}, {}, REASON_LINKED_PR),
        ({}, {"archived": True}, {}, REASON_REPO_ARCHIVED),
        ({}, {"disabled": True}, {}, REASON_REPO_DISABLED),
        ({}, {"locked": True}, {}, REASON_REPO_LOCKED),
        ({"locked": True}, {}, {}, REASON_ISSUE_LOCKED),
        ({"state": "CLOSED"}, {}, {}, REASON_ISSUE_CLOSED),
        ({}, {}, {"exclude_repos": ("O/R",)}, REASON_EXCLUDED_REPO),
        ({}, {}, {"exclude_orgs": ("o",)}, REASON_EXCLUDED_ORG),
        ({"labels": (Label(name="WontFix"),)}, {}, {"exclude_labels": ("wontfix",)},
         REASON_EXCLUDED_LABEL),
        ({}, {"stars": 5}, {"min_stars": 10}, REASON_FEW_STARS),
        ({"created_at": NOW - 400 * D}, {}, {"max_issue_age_days": 365}, REASON_TOO_OLD),
        ({}, {}, {"min_stars": 10, "max_issue_age_days": 365}, None),
    ],
)
def test_exclusion_reason(issue_kw: dict[str, Any], repo_kw: dict[str, Any],
                          profile_kw: dict[str, Any], reason: str | None) -> None:
    issue = make_issue().model_copy(update=issue_kw)
    repo = make_repo().model_copy(update=repo_kw)
    profile = PROFILE.model_copy(update=profile_kw)
    assert exclusion_reason(Candidate(issue=issue, repo=repo), profile, NOW) == reason


def test_excluded_counts_and_rank_drops_them() -> None:
    cands = [
        cand(make_issue(number=1, assignees=("a",))),
        cand(make_issue(number=2, assignees=("b",))),
        cand(make_issue(number=3, open_closing_prs=2)),
        cand(make_issue(number=4)),
    ]
    assert excluded(cands, PROFILE, NOW) == {REASON_ASSIGNED: 2, REASON_LINKED_PR: 1}
    assert [r.issue.number for r in rank(cands, PROFILE, NOW)] == [4]


# --------------------------------------------------------------------------- skill fit

@pytest.mark.parametrize(
    ("skills", "language", "topics", "title", "labels", "expect_match", "min_score"),
    [
        (["py"], "Python", (), "Fix crash", (), "Python", 0.6),
        (["django"], "Python", ("django",), "Fix crash", (), "django", 0.6),
        (["django"], "Python", (), "Fix crash", (), "Python", 0.6),   # framework implies language
        (["react"], "TypeScript", (), "Button", (), "TypeScript", 0.6),
        (["js"], "TypeScript", (), "Button", (), "JavaScript", 0.3),  # related language
        (["golang"], "Go", (), "Add flag", (), "Go", 0.6),
        (["c++"], "C++", (), "Add flag", (), "C++", 0.6),
        (["python"], "Jupyter Notebook", (), "Fix plot", (), "Python", 0.3),
        (["docs"], "Rust", (), "Fix typo in README", (), "documentation", 0.4),
        (["docs"], "Rust", (), "Something", ("documentation",), "documentation", 0.5),
        (["k8s"], "Go", ("kubernetes",), "Helm chart", (), "kubernetes", 0.3),
        (["a11y"], "JavaScript", (), "Add aria labels", ("accessibility",), "accessibility", 0.5),
        (["blender"], "C", (), "Blender importer crash", (), "blender", 0.3),
    ],
)
def test_skill_fit_aliases_and_frameworks(skills: list[str], language: str,
                                          topics: tuple[str, ...], title: str,
                                          labels: tuple[str, ...], expect_match: str,
                                          min_score: float) -> None:
    repo = make_repo(language=language, topics=topics, activity="none")
    issue = make_issue(title=title, labels=labels, body="")
    score, matched = skill_fit(Candidate(issue=issue, repo=repo), expand_skills(skills))
    assert expect_match in matched
    assert min_score <= score <= 1.0


def test_skill_fit_no_match() -> None:
    repo = make_repo(language="Haskell", topics=(), activity="none")
    issue = make_issue(title="Monad transformer laws", labels=(), body="")
    score, matched = skill_fit(Candidate(issue=issue, repo=repo), expand_skills(["python"]))
    assert score == 0 and matched == []


def test_primary_language_beats_secondary() -> None:
    issue = make_issue(title="x", labels=(), body="")
    primary = make_repo(language="Python", topics=(), activity="none")
    secondary = make_repo(language="C", topics=(), activity="none").model_copy(
        update={"languages": ("C", "Python")})
    sk = expand_skills(["python"])
    assert skill_fit(Candidate(issue=issue, repo=primary), sk)[0] > \
        skill_fit(Candidate(issue=issue, repo=secondary), sk)[0]


# --------------------------------------------------------------------------- components

def test_project_unknown_is_neutral() -> None:
    part = project_part(RepoSignals())
    assert part.factor == pytest.approx(1.0)
    assert part.reasons == ()


def test_project_fast_beats_slow() -> None:
    fast = RepoSignals(median_first_response_hours=3.2, response_rate=0.9, issues_sampled=10, issues_judged=10,
                       responded_issues=9, newcomer_pr_merge_rate=0.8, newcomer_prs_decided=5,
                       maintainer_active_90d=True)
    slow = RepoSignals(median_first_response_hours=24 * 40, response_rate=0.1, issues_sampled=10,
                       issues_judged=10, responded_issues=1, newcomer_pr_merge_rate=0.0,
                       newcomer_prs_decided=5, maintainer_active_90d=False)
    f, s = project_part(fast), project_part(slow)
    assert f.factor > 1.5 and s.factor < 0.1
    f_reasons = [r.text for r in f.reasons]
    s_reasons = [r.text for r in s.reasons]
    assert "maintainers answer new issues in about 3 hours" in f_reasons
    assert "4 of 5 recent newcomer pull requests were merged" in f_reasons
    assert "no maintainer activity in the last 90 days" in s_reasons
    assert "inactive-maintainers" in s.flags
    # An inactive project never also claims quick answers.
    assert not any("answer new issues in" in r for r in s_reasons)


def test_small_samples_are_shrunk_toward_the_prior() -> None:
    """1 of 1 merged is not better than 45 of 50 (Beta prior)."""
    one = RepoSignals(newcomer_pr_merge_rate=1.0, newcomer_prs_decided=1, maintainer_active_90d=True)
    many = RepoSignals(newcomer_pr_merge_rate=0.9, newcomer_prs_decided=50, maintainer_active_90d=True)
    assert beta_mean(1, 1, MERGE_PRIOR) == pytest.approx(0.6)
    assert project_part(one).factor < project_part(many).factor


@pytest.mark.parametrize(
    ("created_days", "idle_days", "low", "high"),
    [(1, 1, 0.95, 1.0), (30, 2, 0.9, 1.0), (200, 150, 0.2, 0.6), (730, 730, 0.0, 0.1)],
)
def test_freshness(created_days: float, idle_days: float, low: float, high: float) -> None:
    issue = make_issue(created=NOW - created_days * D, updated=NOW - idle_days * D)
    assert low <= freshness(issue, NOW) <= high


@pytest.mark.parametrize(
    ("hours", "text", "ago"),
    [(0.2, "about 12 minutes", "less than an hour ago"), (1, "about an hour", "an hour ago"),
     (3.2, "about 3 hours", "3 hours ago"), (48, "about 2 days", "2 days ago"),
     (24 * 21, "about 3 weeks", "3 weeks ago"), (24 * 100, "about 3 months", "3 months ago"),
     (24 * 800, "about 2 years", "2 years ago")],
)
def test_humanize(hours: float, text: str, ago: str) -> None:
    assert humanize_hours(hours) == text
    assert humanize_ago(hours) == ago


# --------------------------------------------------------------------------- ranking

def test_ideal_issue_first_and_reasons() -> None:
    ideal = cand(make_issue("good/repo", 7), make_repo("good/repo"))
    off_topic = cand(make_issue("other/repo", 1, title="Rewrite the JIT", labels=(), body=""),
                     make_repo("other/repo", language="Haskell", topics=()))
    ranked = rank([off_topic, ideal], PROFILE, NOW)
    assert [r.issue.repo for r in ranked] == ["good/repo", "other/repo"]
    top = ranked[0]
    assert isinstance(top, RankedIssue)
    assert 0 < top.score < 100
    assert set(top.components) >= {"newcomer_probability", "project_factor", "skill_factor", "freshness_factor",
                                   "claim_factor", "mentor_factor", "next_step_factor", "difficulty_factor"}
    assert top.components["probability"] * 100 == pytest.approx(top.score)
    # The issue shows documentation; Python shows only through the repository, and says so.
    assert "matches your documentation skills" in top.reasons
    assert "in a Python project" in top.reasons
    assert "maintainers answer new issues in about 3 hours" in top.reasons
    assert "opened 3 days ago" in top.reasons
    assert "labelled 'good first issue'" in top.reasons
    assert "claimed" not in top.flags


def test_claimed_below_free() -> None:
    claim = Comment(author=Actor(login="eager"), association="NONE", created_at=NOW - 2 * D,
                    body="Hi, can I work on this?")
    claimed = cand(make_issue("a/claimed", 1, comments=(claim,), comment_count=1),
                   make_repo("a/claimed"))
    free = cand(make_issue("z/free", 1), make_repo("z/free"))
    ranked = rank([claimed, free], PROFILE, NOW)
    assert [r.issue.repo for r in ranked] == ["z/free", "a/claimed"]
    low = ranked[1]
    assert "claimed" in low.flags
    assert low.claims[0].author == "eager"
    assert low.reasons[0] == "someone asked to take this 2 days ago"
    assert low.components["claim_factor"] == CLAIM_FACTOR
    assert low.score < ranked[0].score * 0.75


def test_stale_below_fresh() -> None:
    stale = cand(make_issue("a/stale", 1, created=NOW - 730 * D), make_repo("a/stale"))
    fresh = cand(make_issue("z/fresh", 1), make_repo("z/fresh"))
    ranked = rank([stale, fresh], PROFILE, NOW)
    assert [r.issue.repo for r in ranked] == ["z/fresh", "a/stale"]
    assert "stale" in ranked[1].flags


def test_dead_repo_below_responsive() -> None:
    dead = cand(make_issue("a/dead", 1), make_repo("a/dead", activity="dead"))
    alive = cand(make_issue("z/alive", 1), make_repo("z/alive"))
    ranked = rank([dead, alive], PROFILE, NOW)
    assert [r.issue.repo for r in ranked] == ["z/alive", "a/dead"]
    assert "inactive-maintainers" in ranked[1].flags


def test_unknown_activity_sits_between_dead_and_responsive() -> None:
    repos = {"dead": "a/dead", "none": "b/unknown", "responsive": "c/alive"}
    cands = [cand(make_issue(name, 1), make_repo(name, activity=kind))
             for kind, name in repos.items()]
    cands[1] = cand(cands[1].issue, cands[1].repo.model_copy(update={"has_activity": False}))
    ranked = rank(cands, PROFILE, NOW)
    assert [r.issue.repo for r in ranked] == ["c/alive", "b/unknown", "a/dead"]
    unknown = ranked[1]
    assert unknown.components["project_factor"] == pytest.approx(1.0)
    assert unknown.repo_signals.median_first_response_hours is None


def test_tie_break_is_deterministic_and_duplicates_dropped() -> None:
    cands = [cand(make_issue("b/x", 2), make_repo("b/x")), cand(make_issue("a/x", 9), make_repo("a/x")),
             cand(make_issue("a/x", 3), make_repo("a/x")), cand(make_issue("a/x", 3), make_repo("a/x"))]
    ranked = rank(cands, PROFILE, NOW)
    assert [(r.issue.repo, r.issue.number) for r in ranked] == [("a/x", 3), ("a/x", 9), ("b/x", 2)]
    assert ranked == rank(list(reversed(cands)), PROFILE, NOW)


def test_weights_change_the_order() -> None:
    # A perfect skill match in a dead repo versus a weak match in a responsive one.
    skilled = cand(make_issue("a/skilled", 1), make_repo("a/skilled", activity="dead"))
    weak = cand(make_issue("z/weak", 1, title="Refactor", labels=(), body=""),
                make_repo("z/weak", language="Haskell", topics=()))
    skill_only = ScoreWeights(skill=1, newcomer=0, maintainer=0, freshness=0)
    maint_only = ScoreWeights(skill=0, newcomer=0, maintainer=1, freshness=0)
    assert rank([skilled, weak], PROFILE, NOW, skill_only)[0].issue.repo == "a/skilled"
    assert rank([skilled, weak], PROFILE, NOW, maint_only)[0].issue.repo == "z/weak"
    with_profile = PROFILE.model_copy(update={"weights": maint_only})
    assert rank([skilled, weak], with_profile, NOW)[0].issue.repo == "z/weak"


def test_weights_change_the_order_never_the_chance() -> None:
    skilled = cand(make_issue("a/skilled", 1), make_repo("a/skilled", activity="dead"))
    weak = cand(make_issue("z/weak", 1, title="Refactor", labels=(), body=""),
                make_repo("z/weak", language="Haskell", topics=()))
    plain = {r.issue.repo: r for r in rank([skilled, weak], PROFILE, NOW)}
    skill_only = ScoreWeights(skill=1, newcomer=0, maintainer=0, freshness=0)
    weighted = rank([skilled, weak], PROFILE, NOW, skill_only)
    assert [r.issue.repo for r in weighted] == ["a/skilled", "z/weak"]
    for r in weighted:
        assert r.score == plain[r.issue.repo].score and r.preference is not None
    assert all(r.preference is None for r in plain.values())


def test_include_labels_add_a_reason() -> None:
    profile = PROFILE.model_copy(update={"include_labels": ("Good First Issue",)})
    r = rank([cand()], profile, NOW)[0]
    assert "has the label 'good first issue' you asked for" in r.reasons


@pytest.mark.parametrize(
    ("categories", "level", "factor"),
    [
        (frozenset({"gfi"}), "beginner", 1.0),
        (frozenset({"difficult"}), "beginner", 0.5),
        (frozenset({"medium", "docs"}), "beginner", 0.75),
        (frozenset({"medium"}), "intermediate", 1.0),
        (frozenset({"difficult"}), "intermediate", 0.85),
    ],
)
def test_level_factor(categories: frozenset[str], level: str, factor: float) -> None:
    from ossmatch.suggest.components import level_factor

    got, reason = level_factor(categories, level)
    assert got == factor
    assert (reason is None) == (factor == 1.0)


@pytest.mark.parametrize("title, labels", [
    ("Document the Python API in the README", ("documentation",)),
    ("Fix a typo in the docs", ("python", "documentation", "docs")),
    ("Add type hints to parse.py", ("docs",)),
])
def test_skill_reasons_name_skills_in_the_profiles_order(title: str, labels: tuple[str, ...]) -> None:
    """However strong each skill's evidence, one profile's reasons always read alike: in its order."""
    from ossmatch.suggest.components import skill_part
    from ossmatch.suggest.skillfit import match_skills

    candidate = Candidate(issue=make_issue(title=title, labels=labels, body=""),
                          repo=make_repo(language="Python", activity="none"))
    said = {}
    for skills in (("python", "docs"), ("docs", "python")):
        part = skill_part(match_skills(candidate, expand_skills(skills)), None, 1.0)
        said[skills] = next(r.text for r in part.reasons if r.text.startswith("matches your"))
    assert said[("python", "docs")] == "matches your Python and documentation skills"
    assert said[("docs", "python")] == "matches your documentation and Python skills"


def test_the_model_reason_that_holds_the_score_down_is_marked_not_matched_by_its_words() -> None:
    """"rarely finished by newcomers" holds the score down by its mark, whatever its wording."""
    rarely = newcomer_reasons(0.01, 0.2, None, 0.1)
    assert [r.holds_down for r in rarely] == [True]
    neutral = Part("difficulty", 1.0)
    assert _holding_down([], neutral, rarely) == (rarely[0].text,)
    often = newcomer_reasons(0.2 * OFTEN_RATIO, 0.2, None, 0.1)
    assert _holding_down([], neutral, often) == ()
