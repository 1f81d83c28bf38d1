"""Scoring as a maintainer would check it: weights as data, gates, small samples, fixes by impact."""

from __future__ import annotations

import pytest
from helpers import NOW, ago, comment, file, issue, labels, merged, pull, snap

from ossmatch.audit.evaluate import (
    EFFORT_COST,
    CheckResult,
    evaluate,
    group_shares,
    overall_score,
)
from ossmatch.audit.gates import D_CEILING
from ossmatch.audit.registry import all_checks
from ossmatch.repo_facts import CommitActivity

LONG_README = "Install it, use it. " * 100 + "See CONTRIBUTING.md."
GOOD_CONTRIBUTING = "Setup: git clone and pip install. Run pytest for tests. Open a pull request."
BODY = "Fix `parse()` in `src/parse.py`.\n\n- read the code\n- add a test\n"
ACTIVE = CommitActivity(since=ago(90), count=12)


def everything_good(**kw):
    """Files, labels and people all fine: the baseline each gate case changes one thing in."""
    base = dict(
        license="MIT",
        files=(file("README.md", LONG_README), file("CONTRIBUTING.md", GOOD_CONTRIBUTING),
               file("CODE_OF_CONDUCT.md", "Mail coc@x.org"), file(".github/pull_request_template.md", "x"),
               file(".github/ISSUE_TEMPLATE.md", "x")),
        labels=labels(("good first issue", "Newcomers welcome"), ("bug", "Broken")),
        beginner_issues=tuple(issue(i, body=BODY, labels=("good first issue",), updated=3) for i in (1, 2, 3)),
        recent_issues=tuple(issue(10 + i, created=10 + i, comments=(comment("maint", "OWNER", ago(9 + i)),))
                            for i in range(6)),
        recent_pulls=tuple(pull(20 + i, f"kid{i}", state="MERGED", review_after=0.5, merged=5) for i in range(4)),
        merged_pulls=tuple(merged(20 + i, f"kid{i}", 5) for i in range(4)),
        commits=ACTIVE,
    )
    base.update(kw)
    return snap(**base)


def test_weights_are_data_with_reasons_and_people_carry_at_least_half():
    specs = all_checks()
    assert sum(s.weight for s in specs) == 100
    shares = group_shares(specs)
    assert shares["people"] >= 50
    assert {s.id for s in specs if s.group == "people"} == {
        "issue-response", "newcomer-prs", "new-contributors", "maintained", "retention"}
    for spec in specs:
        assert spec.weight > 0 and spec.weight_reason.strip(), spec.id
        for threshold in spec.thresholds:
            assert threshold.reason.strip(), (spec.id, threshold.name)


def test_people_keep_their_share_when_a_file_check_cannot_run():
    results = [
        CheckResult(id="a", title="a", group="people", weight=18, effective_weight=18, outcome="fail",
                    score=0, reason=".", remediation=".", effort="low", location="x", fix_at="issues"),
        CheckResult(id="b", title="b", group="files", weight=5, effective_weight=5, outcome="pass",
                    score=10, reason=".", remediation=".", effort="low", location="x", fix_at="file"),
    ]
    assert overall_score(results, {"people": 60, "files": 26, "labels": 14}) == round(26 / 86 * 100)


GATES = [
    # (what changes, grade, highest score allowed)
    ("nothing", {}, "A", 100),
    ("archived", {"archived": True}, "F", 0),
    ("disabled", {"disabled": True}, "F", 0),
    ("dormant", {"commits": CommitActivity(since=ago(90), count=0), "recent_issues": (), "recent_pulls": (),
                 "merged_pulls": ()}, "D", D_CEILING),
    ("dormant with unanswered issues", {"commits": CommitActivity(since=ago(90), count=0),
                                       "recent_issues": (issue(1), issue(2)), "recent_pulls": (),
                                       "merged_pulls": ()}, "D", D_CEILING),
]


@pytest.mark.parametrize("name, change, grade, ceiling", GATES, ids=[g[0] for g in GATES])
def test_gates(name, change, grade, ceiling):
    result = evaluate(everything_good(**change), NOW, with_candidates=False)
    assert result.grade == grade and result.score is not None and result.score <= ceiling
    if grade == "F":
        assert result.gates[0].reason.endswith("not accepting contributions.")
        beginner = [c for c in result.checks if c.id.startswith("beginner-") and c.id != "beginner-label"]
        assert beginner and all(c.outcome != "pass" for c in beginner)
    if name != "nothing":
        assert result.fixes[0].check == "maintained"  # lifting the gate comes first


SAMPLES = [
    # (first-timer pull requests, outcome, share of weight)
    (1, "warn", 1 / 3),
    (2, "warn", 2 / 3),
    (3, "pass", 1.0),
]


@pytest.mark.parametrize("count, outcome, share", SAMPLES)
def test_small_samples_weigh_less_and_do_not_pass(count, outcome, share):
    pulls = tuple(pull(30 + i, f"new{i}", state="MERGED", review_after=0.2, merged=5) for i in range(count))
    result = evaluate(everything_good(recent_pulls=pulls, merged_pulls=()), NOW, with_candidates=False)
    check = next(c for c in result.checks if c.id == "newcomer-prs")
    assert check.outcome == outcome and check.score == 10
    assert check.effective_weight == pytest.approx(check.weight * share, abs=0.01)
    assert ("Small sample" in check.reason) is (count < 3)


def test_fixes_are_ordered_by_gain_per_effort_and_point_at_the_right_place():
    bad = everything_good(
        files=(file("README.md", LONG_README),),
        recent_issues=tuple(issue(10 + i, created=10 + i) for i in range(6)),
    )
    result = evaluate(bad, NOW, with_candidates=False)
    ratios = [f.gain / EFFORT_COST[f.effort] for f in result.fixes]
    assert ratios == sorted(ratios, reverse=True) and len(ratios) >= 3
    by_check = {f.check: f for f in result.fixes}
    response = by_check["issue-response"]
    assert response.file is None
    assert [t.url for t in response.targets][:2] == ["https://github.com/o/r/issues/15",
                                                     "https://github.com/o/r/issues/14"]
    assert by_check["contributing"].file == "CONTRIBUTING.md"
    assert by_check["code-of-conduct"].file == "CODE_OF_CONDUCT.md"
    assert by_check["code-of-conduct"].targets[0].url == "https://github.com/o/r/new/HEAD?filename=CODE_OF_CONDUCT.md"
    assert all(f.file != "CONTRIBUTING.md" for f in result.fixes if f.check != "contributing")


@pytest.mark.parametrize("files, where", [
    ((file("README.md", LONG_README), file("docs/CONTRIBUTING.md", GOOD_CONTRIBUTING)), "edit docs/CONTRIBUTING.md"),
    ((file("README.md", LONG_README),), "add AI_POLICY.md"),
    ((file("README.md", LONG_README), file("CONTRIBUTING.md", GOOD_CONTRIBUTING, source="org")), "add AI_POLICY.md"),
])
def test_the_ai_policy_fix_names_a_file_there_is_to_edit_or_one_to_add(files, where):
    """Never "edit AI_POLICY.md" in a repository that has none: the guide it has, or a new file."""
    from ossmatch.audit.table import fix_where

    result = evaluate(everything_good(files=files), NOW, with_candidates=False)
    fix = next(f for f in result.fixes if f.check == "ai-policy")
    assert fix_where(fix) == where


def test_fixes_gain_what_the_score_lacks():
    result = evaluate(everything_good(recent_issues=tuple(issue(10 + i, created=10 + i) for i in range(6))),
                      NOW, with_candidates=False)
    assert result.score is not None
    assert sum(f.gain for f in result.fixes) == pytest.approx(100 - result.score, abs=1)


def test_a_fresh_unanswered_issue_does_not_count_yet():
    fresh = issue(40, created=0.5)
    result = evaluate(everything_good(recent_issues=(*everything_good().recent_issues, fresh)), NOW,
                      with_candidates=False)
    check = next(c for c in result.checks if c.id == "issue-response")
    assert check.outcome == "pass" and "6 of 6" in check.reason



def test_the_supply_fix_points_at_the_issues_worth_labelling():
    from ossmatch.audit.candidates import label_candidates

    body = "Fix `parse()` in `src/parse.py`: it raises `KeyError` on an empty file; add a test. " * 3
    few = everything_good(beginner_issues=(issue(1, body=BODY, labels=("good first issue",)),),
                          open_issues=(issue(9, body=body),))
    result = evaluate(few, NOW, candidates=lambda s, now: label_candidates(s, now, fit=lambda i, r: 0.9))
    supply = next(f for f in result.fixes if f.check == "beginner-supply")
    assert [t.url for t in supply.targets] == ["https://github.com/o/r/issues/9"]
    assert supply.targets[0].why.startswith("consider labelling: short (")
