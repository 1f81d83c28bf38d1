"""Every check, table-driven: at least one pass, one fail (or warn) and one not_available case."""

from __future__ import annotations

from datetime import timedelta

import pytest
from helpers import (
    NOW,
    ago,
    comment,
    directory,
    file,
    issue,
    labels,
    merged,
    pull,
    snap,
)

from ossmatch.audit.evaluate import run_check
from ossmatch.audit.registry import all_checks
from ossmatch.repo_facts import CommitActivity, CommunityProfile

SPECS = {spec.id: spec for spec in all_checks()}
LONG_README = ("# Widgets\n\nWidgets draws charts from CSV files in the terminal.\n\n"
               "```\npip install widgets\n```\n\nSee CONTRIBUTING.md to help.\n")
GOOD_CONTRIBUTING = "Setup: git clone and pip install. Run pytest for tests. Open a pull request."
GOOD_BODY = "Fix `parse()` in `src/parse.py`.\n\n- read the code\n- add a test\n" + "x" * 120
CRISP = "`read_csv()` expects `sep` to be a string but raises `TypeError` when given None."
CLAIM = comment("kid", "NONE", ago(2), "Can I work on this?")
BEGINNER = ("good first issue",)
ANSWER = (comment("maint", "MEMBER", ago(9)),)
ACTIONS_STALE = (
    "jobs:\n  stale:\n    steps:\n      - uses: actions/stale@v9\n        with:\n"
    "          exempt-issue-labels: 'good first issue,pinned'\n"
    "          exempt-pr-labels: 'first-timers-only'\n"
)
ACTIONS_STALE_BARE = "steps:\n  - uses: actions/stale@v9\n    with:\n      days-before-stale: 30\n"

CASES = [
    # readme
    ("readme", snap(files=(file("README.md", LONG_README),)), "pass", "links"),
    ("readme", snap(files=(file("readme.md", LONG_README.replace("See CONTRIBUTING.md to help.", "")),)),
     "pass", "a link to CONTRIBUTING would"),
    ("readme", snap(files=(file("README.md", "# hi"),)), "warn", "does not link"),
    ("readme", snap(files=(file("README.md", "Widgets draws charts from CSV files in the terminal."),)),
     "warn", "does not say how to install or use it"),
    ("readme", snap(files=(file("README.md", LONG_README + "\n## Name\nChoose a self-explaining name "
                                "for your project.\n"),)), "warn", "GitLab's default README"),
    ("readme", snap(files=(file("docs/README.rst", "Widgets draws charts in the terminal, fast.\n\n"
                                "Usage::\n\n    widgets plot data.csv\n"),)), "pass", "docs/README.rst"),
    ("readme", snap(), "fail", "No README"),
    ("readme", snap(files=None), "not_available", "could not be read"),
    # contributing
    ("contributing", snap(files=(file("CONTRIBUTING.md", GOOD_CONTRIBUTING),)), "pass", "covers"),
    ("contributing", snap(files=(file("CONTRIBUTING.md", GOOD_CONTRIBUTING, "org"),)), "pass",
     "organisation"),
    ("contributing", snap(files=(file("docs/CONTRIBUTING.md", "Be nice."),)), "warn",
     "setup, tests or pull requests"),
    ("contributing", snap(files=(file("CONTRIBUTING.md", "Add tests, install what you need, open a "
                                      "pull request."),)), "warn", "does not cover setup or tests"),
    ("contributing", snap(files=(file("CONTRIBUTING.md", "# Contributing to {{ repo_name }}\n"
                                      + GOOD_CONTRIBUTING),)), "warn", "unfilled template"),
    ("contributing", snap(files=(file("Contributing.rst", "Open a pull request."),
                                 file("AGENTS.md", "Run `uv sync`, then `pytest`."))),
     "warn", "has no setup or test commands, but AGENTS.md does"),
    ("contributing", snap(files=(file("AGENTS.md", "Run `uv sync`, then `pytest`."),)), "warn",
     "commands are in AGENTS.md"),
    ("contributing", snap(), "fail", "No CONTRIBUTING"),
    ("contributing", snap(community=CommunityProfile(contributing=True)), "warn", "GitHub reports"),
    ("contributing", snap(files=None), "not_available", ""),
    # code-of-conduct
    ("code-of-conduct", snap(files=(file("CODE_OF_CONDUCT.md", "Mail coc@x.org"),)), "pass", ""),
    ("code-of-conduct",
     snap(files=(file(".github/CODE_OF_CONDUCT.md", "reported to [INSERT CONTACT METHOD]"),)),
     "warn", "placeholder: [INSERT CONTACT METHOD]"),
    ("code-of-conduct", snap(files=(file("docs/code-of-conduct.md", "Report to coc@example.org."),)),
     "warn", "placeholder: coc@example.org"),
    ("code-of-conduct", snap(files=(file("CODE_OF_CONDUCT.md", "Please contact the maintainers."),)),
     "warn", "no contact"),
    ("code-of-conduct", snap(files=(file("CODE_OF_CONDUCT.md", "Report it with our form: "
                                         "https://forms.gle/abc123"),)), "pass", ""),
    ("code-of-conduct", snap(files=(file("CODE_OF_CONDUCT.md", "Report problems in "
                                         "https://github.com/a/b/issues"),)), "warn", "no contact"),
    ("code-of-conduct", snap(), "fail", ""),
    ("code-of-conduct", snap(files=None), "not_available", ""),
    # license
    ("license", snap(license="MIT"), "pass", "MIT"),
    ("license", snap(license="NOASSERTION", files=(file("LICENSE", "custom"),)), "warn", ""),
    ("license", snap(), "fail", ""),
    ("license", snap(files=None), "not_available", ""),
    # issue-templates
    ("issue-templates", snap(directories=(directory(".github/ISSUE_TEMPLATE", "bug.yml"),)),
     "pass", "1 issue template"),
    ("issue-templates", snap(files=(file(".github/ISSUE_TEMPLATE.md", "x"),)), "pass", ""),
    ("issue-templates", snap(directories=(directory(".github/ISSUE_TEMPLATE", "config.yml"),)),
     "fail", ""),
    ("issue-templates", snap(directories=None), "not_available", ""),
    # pr-template
    ("pr-template", snap(files=(file(".github/pull_request_template.md", "x"),)), "pass", ""),
    ("pr-template", snap(), "fail", ""),
    ("pr-template", snap(files=None), "not_available", ""),
    # beginner-label
    ("beginner-label", snap(labels=labels(("good first issue", "Newcomers welcome"))), "pass", ""),
    ("beginner-label", snap(labels=labels(("Good-First-Issue", None))), "warn", "no description"),
    ("beginner-label", snap(labels=labels(("good first issue", None), ("beginner", None))), "warn",
     'Beginner labels "good first issue" and "beginner" exist but have no description.'),
    ("beginner-label", snap(labels=labels(("good first issue", "Newcomers welcome"), ("beginner", None),
                                          ("easy", None))), "pass",
     'Beginner label "good first issue" exists and is described ("beginner" and "easy" have no description).'),
    ("beginner-label", snap(labels=labels(("bug", "broken"))), "fail", "The repository's one label does not mark"),
    ("beginner-label", snap(labels=labels(("bug", "broken"), ("docs", None))), "fail", "None of the 2 labels marks"),
    ("beginner-label", snap(labels=()), "fail", "The repository has no labels"),
    ("beginner-label", snap(labels=None), "not_available", ""),
    # beginner-supply
    ("beginner-supply", snap(beginner_issues=tuple(issue(i, labels=BEGINNER) for i in (1, 2, 3))),
     "pass", "3 of 3"),
    ("beginner-supply", snap(beginner_issues=(issue(1), issue(2, assignees=("x",)))), "warn",
     "1 of 2"),
    ("beginner-supply", snap(beginner_issues=(issue(1, open_closing_prs=1),)), "fail", "0 of 1"),
    ("beginner-supply", snap(beginner_issues=None), "not_available", ""),
    ("beginner-supply", snap(beginner_issues=()), "fail", "No open beginner issues"),
    # beginner-freshness
    ("beginner-freshness", snap(beginner_issues=(issue(1, updated=3),)), "pass", "3.0 days"),
    ("beginner-freshness", snap(beginner_issues=(issue(1, created=500, updated=200),)), "warn", ""),
    ("beginner-freshness", snap(beginner_issues=(issue(1, created=900, updated=800),)), "fail",
     "800 days"),
    ("beginner-freshness", snap(), "not_available", "no open beginner"),
    # beginner-descriptions
    ("beginner-descriptions", snap(beginner_issues=(issue(1, body=GOOD_BODY),)), "pass", "1 of 1"),
    ("beginner-descriptions", snap(beginner_issues=(issue(1, body=GOOD_BODY), issue(2))), "warn",
     "1 of 2"),
    ("beginner-descriptions", snap(beginner_issues=(issue(1, body="fix it"),)), "fail", "0 of 1"),
    ("beginner-descriptions", snap(beginner_issues=(issue(1, body=CRISP),)), "pass", "1 of 1"),
    ("beginner-descriptions", snap(archived=True, beginner_issues=(issue(1, body=GOOD_BODY),)),
     "not_available", "archived"),
    ("beginner-supply", snap(archived=True, beginner_issues=(issue(1), issue(2), issue(3))), "fail",
     "archived"),
    ("beginner-supply", snap(archived=True, beginner_issues=(issue(1),)), "fail",
     "1 open beginner issue, but the repository is archived"),
    ("beginner-supply", snap(beginner_issues=(issue(1), issue(2, assignees=("x",))), beginner_issues_total=300),
     "pass", "300 open beginner issues (GitHub's count); 1 of the 2 most recently updated"),
    ("beginner-descriptions", snap(beginner_issues=None), "not_available", ""),
    # beginner-claimed
    ("beginner-claimed", snap(beginner_issues=(issue(1), issue(2), issue(3), issue(4))), "pass",
     "0 of 4"),
    ("beginner-claimed", snap(beginner_issues=(issue(1, comments=(CLAIM,)), issue(2))), "warn",
     "(50%)"),
    ("beginner-claimed", snap(beginner_issues=(issue(1, assignees=("a",)),)), "fail", "1 of 1"),
    ("beginner-claimed", snap(), "not_available", ""),
    # label-descriptions
    ("label-descriptions", snap(labels=labels(("a", "A"), ("b", "B"))), "pass", "2 of 2"),
    ("label-descriptions", snap(labels=labels(("a", "A"), ("b", " "))), "warn", "1 of 2"),
    ("label-descriptions", snap(labels=labels(("a", None))), "fail", "0 of 1"),
    ("label-descriptions", snap(), "not_available", "no labels"),
    # issue-response
    ("issue-response", snap(recent_issues=(issue(1, comments=ANSWER),)), "pass", "1 of 1"),
    ("issue-response", snap(recent_issues=(
        issue(1, comments=(comment("maint", "OWNER", ago(1)),)), issue(2))), "warn", "(50%)"),
    ("issue-response", snap(recent_issues=(
        issue(1, comments=(comment("x", "NONE", ago(9)), comment("b[bot]", "MEMBER", ago(9),
                                                                  bot=True))),)),
     "fail", "None of 1"),
    ("issue-response", snap(recent_issues=(issue(1, created=200),)), "not_available", "90 days"),
    ("issue-response", snap(recent_issues=(issue(1, created=1),)), "not_available", "90 days"),
    ("issue-response", snap(recent_issues=(
        issue(1, created=40, comments=(comment("maint", "OWNER", ago(20)),)),)), "fail", "after 20 days"),
    ("issue-response", snap(recent_issues=(issue(1, author_association="OWNER"),)),
     "not_available", ""),
    ("issue-response", snap(recent_issues=None), "not_available", ""),
    # newcomer-prs
    ("newcomer-prs", snap(recent_pulls=(pull(1, "kid", state="MERGED", review_after=1,
                                             merged=8),)), "pass", "1 of 1 decided merged"),
    ("newcomer-prs", snap(recent_pulls=(pull(1, "kid", state="CLOSED", review_after=20),)),
     "fail", "0 of 1"),
    ("newcomer-prs", snap(recent_pulls=(pull(1, "kid", "CONTRIBUTOR", state="MERGED",
                                             review_after=3, merged=5),),
                          merged_pulls=(merged(1, "kid", 5),)), "pass", "for a first review"),
    ("newcomer-prs", snap(recent_pulls=(pull(1, "kid", state="MERGED", merged=8),
                                        pull(2, "pal", state="MERGED", merged=6))), "fail",
     "none reviewed (a median 3.0 days without a review); 2 of 2 decided merged"),
    ("newcomer-prs", snap(recent_pulls=(pull(1, "old", "MEMBER"),)), "not_available", ""),
    ("newcomer-prs", snap(recent_pulls=None), "not_available", ""),
    # new-contributors
    ("new-contributors", snap(merged_pulls=tuple(merged(i, f"p{i}", 10) for i in range(3))),
     "pass", "3 people"),
    ("new-contributors", snap(merged_pulls=(merged(1, "p", 10), merged(2, "old", 200),
                                            merged(3, "old", 10))), "warn", "1 person had"),
    ("new-contributors", snap(merged_pulls=(merged(1, "bot[bot]", 10, bot=True),
                                            merged(2, "m", 10, "OWNER"))), "fail", "0 people"),
    ("new-contributors", snap(merged_pulls=(merged(1, "p", 10),), merged_pulls_truncated=True),
     "not_available", "Too many"),
    ("new-contributors", snap(merged_pulls=None), "not_available", ""),
    # retention
    ("retention", snap(merged_pulls=(merged(1, "a", 300), merged(2, "a", 100), merged(3, "b", 200),
                                     merged(4, "c", 100))), "pass", "1 of 3"),
    ("retention", snap(merged_pulls=tuple(merged(i, f"p{i}", 100) for i in range(5))), "fail",
     "0 of 5"),
    ("retention", snap(merged_pulls=(merged(1, "a", 10),)), "not_available", "Only 1 first-time contributor in"),
    ("retention", snap(merged_pulls=(merged(1, "m", 10, "OWNER"),)), "not_available", "No first-time contributors"),
    ("retention", snap(merged_pulls=(merged(1, "a", 10),), merged_pulls_truncated=True),
     "not_available", "a year"),
    # maintained
    ("maintained", snap(commits=CommitActivity(since=ago(90), count=12)), "pass", "12 commits"),
    ("maintained", snap(recent_issues=(issue(1, comments=ANSWER),)), "warn", "1 maintainer"),
    ("maintained", snap(), "fail", "0 commits"),
    ("maintained", snap(commits=CommitActivity(since=ago(90), count=1)), "warn", "1 commit on the default branch"),
    ("maintained", snap(commits=None, recent_issues=(issue(1, comments=ANSWER),)), "warn",
     "Commits unread and 1 maintainer"),
    ("maintained", snap(archived=True, commits=CommitActivity(since=ago(90), count=9)), "fail",
     "archived"),
    ("maintained", snap(commits=None, recent_issues=None, recent_pulls=None), "not_available", ""),
    # stale-bot
    ("stale-bot", snap(), "pass", "No stale bot"),
    ("stale-bot", snap(labels=labels(("good first issue", None)),
                       directories=(directory(".github/workflows", "stale.yml",
                                              texts={"stale.yml": ACTIONS_STALE}),)),
     "pass", "exempts beginner issues and first-timer"),
    ("stale-bot", snap(files=(file(".github/stale.yml", "exemptLabels:\n  - good first issue\n"
                                   "only: issues\n"),)), "pass", ".github/stale.yml"),
    ("stale-bot", snap(files=(file(".github/stale.yml", "exemptLabels: [pinned, beginner]\n"),)),
     "pass", ""),
    ("stale-bot", snap(files=(file(".github/stale.yml", "exemptLabels:\n  - pinned\n"
                                   "only: issues\n"),)), "warn", "but not beginner issues"),
    ("stale-bot", snap(directories=(directory(".github/workflows", "s.yml",
                                              texts={"s.yml": ACTIONS_STALE_BARE}),)),
     "fail", ".github/workflows/s.yml"),
    ("stale-bot", snap(directories=None), "not_available", ""),
    ("ai-policy", snap(files=(file("CONTRIBUTING.md", "# Contributing\n\nAI-generated pull requests are not "
                                   "accepted and will be closed.\n"),)),
     "pass", "not accepted: \u201cAI-generated pull requests are not accepted and will be closed.\u201d"),
    ("ai-policy", snap(files=(file("AGENTS.md", "If you use AI tools, disclose it in the PR.\n"),)),
     "pass", "accepted if disclosed"),
    ("ai-policy", snap(files=(file("README.md", "## Contributing\n\nWe welcome AI-assisted PRs.\n"),)),
     "pass", "welcome"),
    ("ai-policy", snap(files=(file("CONTRIBUTING.md", "Please maintain the style. Said AIDS fund.\n"),)),
     "warn", "No policy on AI-assisted contributions"),
    ("ai-policy", snap(files=None), "not_available", ""),
]


def _case_id(case: tuple) -> str:
    return f"{case[0]}-{case[2]}"


@pytest.mark.parametrize("check_id, snapshot, outcome, reason", CASES, ids=map(_case_id, CASES))
def test_check(check_id, snapshot, outcome, reason):
    finding = run_check(SPECS[check_id], snapshot, NOW)
    assert (finding.outcome, reason in finding.reason) == (outcome, True), finding
    if outcome == "not_available":
        assert finding.score is None
    else:
        assert finding.score is not None and 0 <= finding.score <= 10
    assert finding.reason.endswith(".") and "\n" not in finding.reason


def test_every_check_has_pass_fail_and_not_available_cases():
    seen: dict[str, set[str]] = {}
    for check_id, _snap, outcome, _reason in CASES:
        seen.setdefault(check_id, set()).add(outcome)
    for spec in all_checks():
        outcomes = seen.get(spec.id, set())
        assert "pass" in outcomes and "not_available" in outcomes, spec.id
        assert outcomes & {"fail", "warn"}, spec.id


def test_org_file_is_a_fallback_only():
    snapshot = snap(files=(file("CONTRIBUTING.md", "Be nice.", "org"),
                           file("CONTRIBUTING.md", GOOD_CONTRIBUTING)))
    assert run_check(SPECS["contributing"], snapshot, NOW).outcome == "pass"


def test_bots_and_the_author_do_not_count_as_a_response():
    own = issue(1, author=__import__("ossmatch.models").models.Actor(login="maint"),
                comments=(comment("maint", "OWNER", ago(9)),))
    finding = run_check(SPECS["issue-response"], snap(recent_issues=(own,)), NOW)
    assert finding.outcome == "fail"


def test_response_window_uses_now():
    later = NOW + timedelta(days=200)
    finding = run_check(SPECS["issue-response"], snap(recent_issues=(issue(1, comments=ANSWER),)),
                        later)
    assert finding.outcome == "not_available"


@pytest.mark.parametrize("body, gap", [
    (CRISP, None),
    (GOOD_BODY, None),
    ("It crashes.", "only 2 words"),
    ("", "no description"),
    ("This does not work as I expected when I run it on my machine at all, please look.",
     "no pointer into the code (file, function or link)"),
    ("Steps to reproduce the problem that everyone sees:\n- open the app and wait\n- click the big button\n"
     + "then the window goes blank and nothing more happens for a long while. " * 2, None),
])
def test_description_rule(body, gap):
    from ossmatch.audit.checks.labels import description_gap

    assert description_gap(issue(1, body=body)) == gap


@pytest.mark.parametrize("check_id, snapshot, titles", [
    ("issue-response", snap(recent_issues=(issue(1, created=30), issue(2, created=10),
                                           issue(3, comments=ANSWER))), ["#1 Issue 1", "#2 Issue 2"]),
    ("beginner-descriptions", snap(beginner_issues=(issue(4, body="fix it"), issue(5, body=CRISP))),
     ["#4 Issue 4"]),
    ("newcomer-prs", snap(recent_pulls=(pull(6, "kid", created=40), pull(7, "kid2", created=5,
                                                                         review_after=1))), ["#6"]),
    ("contributing", snap(), ["CONTRIBUTING.md"]),
    ("label-descriptions", snap(labels=labels(("P2", None), ("bug", "Broken"))), ["P2"]),
])
def test_findings_name_their_evidence(check_id, snapshot, titles):
    finding = run_check(SPECS[check_id], snapshot, NOW)
    assert [e.title for e in finding.evidence] == titles
    assert all(e.url.startswith("https://github.com/o/r/") and e.why for e in finding.evidence)


def test_evidence_is_at_most_five_items():
    many = snap(recent_issues=tuple(issue(i, created=10 + i) for i in range(1, 12)))
    finding = run_check(SPECS["issue-response"], many, NOW)
    assert finding.reason.startswith("None of 11") and len(finding.evidence) == 5
    assert finding.evidence[0].title == "#11 Issue 11"  # waiting longest first


def test_a_full_page_inside_the_window_says_it_was_a_sample():
    page = tuple(issue(i, created=1 + i / 10, comments=(comment("m", "OWNER", ago(i / 10)),)) for i in range(50))
    finding = run_check(SPECS["issue-response"], snap(recent_issues=page), NOW)
    assert "(judged on the latest 50 read; the window holds more)" in finding.reason
    short = run_check(SPECS["issue-response"], snap(recent_issues=page[:49]), NOW)
    assert "judged on" not in short.reason
