"""The audit's 2026 gates and beginner checks: doors closed to outsiders, no license, issues that
cannot be started yet, agent-style claims and crowding."""

from __future__ import annotations

from datetime import timedelta

import pytest
from helpers import NOW, ago, comment, file, issue, snap
from test_evaluate import everything_good

from ossmatch.audit.checks import labels as audit_labels
from ossmatch.audit.evaluate import evaluate, overall_score, run_check
from ossmatch.audit.gates import D_CEILING, OPEN_DOORS
from ossmatch.audit.registry import all_checks
from ossmatch.models import Assignment, IssueLink, PullMention
from ossmatch.repo_facts import CommitActivity

SPECS = {s.id: s for s in all_checks()}


@pytest.mark.parametrize("change, reason", [
    ({"pr_creation_policy": "COLLABORATORS_ONLY"}, "Pull requests are limited to collaborators"),
    ({"pull_requests_enabled": False}, "Pull requests are turned off"),
])
def test_pull_requests_closed_to_outsiders_grade_like_archived_with_the_fix(change, reason):
    result = evaluate(everything_good(**change), NOW, with_candidates=False)
    assert (result.grade, result.score) == ("F", 0)
    assert result.gates[0].reason.startswith(reason)
    assert result.gates[0].reason.endswith("not accepting outside contributions.")
    assert [f.action for f in result.fixes] == [OPEN_DOORS] and result.fixes[0].gain > 50
    beginner = {c.id: c for c in result.checks if c.id.startswith("beginner-") and c.id != "beginner-label"}
    assert all(c.outcome != "pass" for c in beginner.values())


@pytest.mark.parametrize("change, supply, other", [
    ({"archived": True}, "2 open beginner issues, but the repository is archived: none can be worked on.",
     "The repository is archived: its beginner issues cannot be worked on."),
    ({"pull_requests_enabled": False},
     "2 open beginner issues, but pull requests are turned off: none can be worked on by newcomers.",
     "Pull requests are turned off: its beginner issues cannot be worked on by newcomers."),
    ({"pr_creation_policy": "COLLABORATORS_ONLY"},
     "2 open beginner issues, but pull requests are limited to collaborators: none can be worked on by newcomers.",
     "Pull requests are limited to collaborators: its beginner issues cannot be worked on by newcomers."),
])
def test_beginner_checks_say_why_no_issue_can_be_worked_on(change, supply, other):
    shut = snap(beginner_issues=(issue(1, labels=("good first issue",)), issue(2, labels=("good first issue",))),
                **change)
    assert run_check(SPECS["beginner-supply"], shut, NOW).reason == supply
    assert run_check(SPECS["beginner-freshness"], shut, NOW).reason == other


def test_an_open_door_or_an_unknown_policy_is_no_gate():
    assert evaluate(everything_good(pr_creation_policy="ALL", pull_requests_enabled=True), NOW,
                    with_candidates=False).grade == "A"
    assert evaluate(everything_good(pr_creation_policy=None), NOW, with_candidates=False).grade == "A"


def test_no_license_caps_at_d_with_the_license_first_among_the_fixes():
    result = evaluate(everything_good(license=None), NOW, with_candidates=False)
    assert result.grade == "D" and result.score is not None and result.score <= D_CEILING
    assert result.fixes[0].check == "license"
    assert "not open source" in result.gates[0].reason


def test_no_readme_no_license_no_contributing_no_longer_grades_c():
    result = evaluate(everything_good(license=None, files=()), NOW, with_candidates=False)
    assert result.grade == "D" and result.fixes[0].check == "license"


def test_with_two_caps_neither_gate_fix_claims_the_points_only_both_lift():
    capped = evaluate(everything_good(license=None, commits=CommitActivity(since=ago(90), count=0),
                                      recent_issues=(), recent_pulls=(), merged_pulls=()), NOW, with_candidates=False)
    unlicensed = evaluate(everything_good(license=None), NOW, with_candidates=False)
    assert [g.id for g in capped.gates] == ["unlicensed", "dormant"]
    license_alone = next(f for f in capped.fixes if f.check == "license")
    license_only_cap = next(f for f in unlicensed.fixes if f.check == "license")
    withheld = overall_score(unlicensed.checks) - unlicensed.score
    assert license_alone.gain == pytest.approx(license_only_cap.gain - withheld, abs=0.2)  # its own part only
    still_dormant = evaluate(everything_good(commits=CommitActivity(since=ago(90), count=0), recent_issues=(),
                                             recent_pulls=(), merged_pulls=()), NOW, with_candidates=False)
    assert still_dormant.score == capped.score  # a license alone lifted nothing
    for fix in capped.fixes[:2]:
        assert fix.action.endswith("Alone this lifts no cap: the grade stays capped at D until the project has "
                                   "both a license and recent maintainer activity.")


def test_beginner_supply_counts_only_startable_issues_and_names_the_others():
    blocker = IssueLink(repo="o/r", number=5, title="Design", state="OPEN")
    issues = (
        issue(1, labels=("good first issue",), body="x").model_copy(
            update={"blocked_by": (blocker,), "open_blockers": 1}),
        issue(2, labels=("good first issue",)),
        issue(3, labels=("good first issue",)).model_copy(
            update={"sub_issues_total": 3, "sub_issues_done": 1, "open_sub_issue_numbers": (6, 7)}),
        issue(4, labels=("good first issue",)),
        issue(8, labels=("good first issue",)).model_copy(
            update={"blocked_by": (blocker.model_copy(update={"state": "CLOSED"}),), "open_blockers": 0}),
    )
    finding = run_check(SPECS["beginner-supply"], snap(beginner_issues=issues), NOW)
    assert finding.reason == (
        "3 of 5 open beginner issues are free to start (unassigned, not blocked, no open fix). "
        "2 of 5 beginner issues cannot be started: #1 is blocked by #5; #3 is a tracking issue "
        "(its sub-issues #6, #7 are open).")
    assert finding.outcome == "pass"


def test_beginner_claimed_counts_copilot_agent_claims_and_crowding():
    copilot = issue(1, labels=("good first issue",)).model_copy(update={
        "assignees": ("copilot-swe-agent",),
        "assignments": (Assignment(login="copilot-swe-agent", is_bot=True),)})
    agent = issue(2, labels=("good first issue",), comments=(
        comment("bot-ish", "NONE", NOW, "I reviewed o/r#2 and I'm ready to handle it. - My read: easy."),))
    crowded = issue(3, labels=("good first issue",)).model_copy(update={
        "pull_mentions": (PullMention(number=9, state="CLOSED", author="kid", association="CONTRIBUTOR"),)})
    free = issue(4, labels=("good first issue",), comments=(
        comment("maint", "MEMBER", NOW, "Happy to review a PR."),))
    assert audit_labels._claim_reason(copilot, NOW) == "assigned to Copilot (coding agent)"
    assert audit_labels._claim_reason(agent, NOW) == "claimed in a comment: \u201cI'm ready to handle it\u201d"
    assert audit_labels._claim_reason(crowded, NOW) == (
        "crowded: 1 pull request by others was tried (open or closed unmerged)")
    assert audit_labels._claim_reason(free, NOW) is None
    finding = run_check(SPECS["beginner-claimed"], snap(beginner_issues=(copilot, agent, crowded, free)), NOW)
    assert finding.reason.startswith("3 of 4 open beginner issues (75%)")


def test_an_assignment_is_dated_from_now_not_from_the_issue_update():
    assigned = issue(1, labels=("good first issue",), updated=10).model_copy(update={
        "assignees": ("alice",), "assignments": (Assignment(login="alice", at=NOW - timedelta(days=3)),)})
    assert audit_labels._claim_reason(assigned, NOW) == "assigned to @alice 3 days ago"


def test_a_claim_or_crowd_outside_suggests_time_windows_does_not_take_an_issue():
    year_old = issue(1, labels=("good first issue",), comments=(
        comment("kid", "NONE", NOW - timedelta(days=365), "Can I work on this?"),))
    assert audit_labels._claim_reason(year_old, NOW) is None
    fortnight = NOW - timedelta(days=14)
    two_then = issue(2, labels=("good first issue",), comments=(
        comment("kid", "NONE", fortnight, "Can I work on this?"),
        comment("other", "NONE", fortnight + timedelta(hours=1), "I'd like to work on this")))
    assert audit_labels._claim_reason(two_then, NOW) == "claimed in a comment: \u201cI'd like to work on this\u201d"
    two_now = issue(3, labels=("good first issue",), comments=(
        comment("kid", "NONE", NOW - timedelta(days=1), "Can I work on this?"),
        comment("other", "NONE", NOW - timedelta(days=2), "I'd like to work on this")))
    assert audit_labels._claim_reason(two_now, NOW) == "crowded: 2 people asked to take it in the last week"


def test_ai_policy_evidence_quotes_the_file():
    text = "## AI\n\nWe accept AI-assisted pull requests if you disclose the tool you used.\n"
    finding = run_check(SPECS["ai-policy"], snap(files=(file("AI_POLICY.md", text),)), NOW)
    assert finding.outcome == "pass" and finding.evidence[0].title == "AI_POLICY.md"
    assert finding.evidence[0].why == "We accept AI-assisted pull requests if you disclose the tool you used."


def test_ai_policy_is_found_in_a_contributing_guide_however_it_is_spelled():
    text = "# Contributing\n\nWe accept AI-assisted pull requests if you disclose the tool you used.\n"
    finding = run_check(SPECS["ai-policy"], snap(files=(file("contributing.md", text),)), NOW)
    assert finding.outcome == "pass" and finding.location == "contributing.md"
    assert finding.evidence[0].title == "contributing.md"
    silent = run_check(SPECS["ai-policy"], snap(files=(file("docs/contributing.md", "# Contributing\n\nFork it.\n"),)),
                       NOW)
    assert silent.outcome == "warn" and silent.location == "docs/contributing.md"  # edit the guide it has


@pytest.mark.parametrize("change", [{"pr_creation_policy": "COLLABORATORS_ONLY"}, {"license": None}])
def test_the_2026_gates_follow_the_json_schema(change):
    import json
    from pathlib import Path

    import jsonschema

    from ossmatch.audit.formats import FORMATS, AuditReport

    schema = json.loads((Path(__file__).parents[2] / "ossmatch" / "audit" / "audit.schema.json").read_text())
    report = AuditReport([evaluate(everything_good(**change), NOW, with_candidates=False)])
    data = json.loads(FORMATS.render("json", report).text)
    jsonschema.validate(data, schema, format_checker=jsonschema.FormatChecker())
    assert data["audits"][0]["gates"][0]["id"] in ("outsiders", "unlicensed")
