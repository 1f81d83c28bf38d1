"""``ossmatch cohort`` end to end against the fake GitHub: seven people with overlapping skills."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from cohort.helpers import offers, run, summary
from cohort_worlds import PEOPLE, cohort_roster, cohort_world


@pytest.fixture
def roster(fake_github, tmp_path: Path) -> Path:
    cohort_world(fake_github.world)
    path = tmp_path / "cohort.toml"
    path.write_text(cohort_roster(), encoding="utf-8")
    return path


def _check_rules(data: dict, per_person: int, max_per_project: int) -> None:
    offered = [ref for refs in offers(data).values() for ref in refs]
    assert len(offered) == len(set(offered)), "an issue was offered to two people"
    people_per_project: dict[str, set[str]] = {}
    for login, refs in offers(data).items():
        assert len(refs) <= per_person
        projects = [ref.split("#")[0] for ref in refs]
        assert len(projects) == len(set(projects)), f"{login} got two issues in one project"
        for project in projects:
            people_per_project.setdefault(project, set()).add(login)
    assert all(len(who) <= max_per_project for who in people_per_project.values()), people_per_project


def test_one_assignment_for_the_whole_cohort(fake_github, roster: Path, tmp_path: Path) -> None:
    data = summary(fake_github, tmp_path, roster)
    assert data["version"] == 1 and data["cohort"] == "Spring mentoring"
    _check_rules(data, per_person=2, max_per_project=3)
    got = {login: len(refs) for login, refs in offers(data).items()}
    assert set(got) == set(PEOPLE)
    assert all(n >= 1 for n in got.values()), got  # everybody's first issue before anybody's second
    assert sum(got.values()) == 11  # 12 open issues; the 12th is in acme/widgets, full at 3 people
    short = {s["login"]: s for s in data["left_out"]}
    assert {login for login, n in got.items() if n < 2} == set(short)
    assert "only 1 open issue matched rust" in short["raj-rust"]["why"]
    assert {c["repo"] for c in data["at_capacity"]} == {"acme/widgets", "pyorg/parser"}
    issue = data["assignments"][0]["issues"][0]
    assert set(issue) >= {"repo", "number", "url", "title", "score", "since"}
    # One search round and one repository batch for everybody, plus one history per person.
    kinds = Counter(r.kind for r in fake_github.log)
    assert kinds == {"graphql": len(PEOPLE) + 2}, kinds


def test_capacity_and_per_person_follow_the_roster(fake_github, tmp_path: Path) -> None:
    cohort_world(fake_github.world)
    path = tmp_path / "tight.toml"
    path.write_text(cohort_roster(per_person=1, max_per_project=1), encoding="utf-8")
    data = summary(fake_github, tmp_path, path)
    _check_rules(data, per_person=1, max_per_project=1)
    assert sum(len(v) for v in offers(data).values()) == 5  # five projects, one person each


def test_a_weekly_rerun_keeps_every_offer(fake_github, roster: Path, tmp_path: Path) -> None:
    first = summary(fake_github, tmp_path, roster)
    second = summary(fake_github, tmp_path, roster, "--refresh")
    assert offers(second) == offers(first)
    assert all(not i["new"] for a in second["assignments"] for i in a["issues"])
    assert all(i["since"] == "2026-11-27" for a in second["assignments"] for i in a["issues"])


def test_a_declined_issue_goes_elsewhere_and_never_back(fake_github, roster: Path, tmp_path: Path) -> None:
    first = offers(summary(fake_github, tmp_path, roster))
    handed_back = first["nora-new"][0]
    result = run(fake_github, tmp_path, "decline", "nora-new", handed_back, "--roster", str(roster))
    assert result.exit_code == 0, result.stderr
    assert "handed back" in result.stderr
    second = summary(fake_github, tmp_path, roster, "--refresh")
    after = offers(second)
    assert handed_back not in after["nora-new"]
    assert first["nora-new"][1] in after["nora-new"]  # her other offer stays hers
    for login in PEOPLE:
        if login != "nora-new":
            assert set(first[login]) <= set(after[login]), login  # nobody else is reshuffled
    _check_rules(second, per_person=2, max_per_project=3)
    third = offers(summary(fake_github, tmp_path, roster, "--refresh"))
    assert handed_back not in third["nora-new"]


def test_an_offer_taken_by_someone_outside_is_replaced(fake_github, roster: Path, tmp_path: Path) -> None:
    first = offers(summary(fake_github, tmp_path, roster))
    taken = first["lee-learner"][0]
    repo, number = taken.split("#")
    fake_github.world.repo(repo).issue(int(number)).assignees.append("outsider")
    second = summary(fake_github, tmp_path, roster, "--refresh")
    after = offers(second)
    assert taken not in [ref for refs in after.values() for ref in refs]
    lee = next(a for a in second["assignments"] if a["login"] == "lee-learner")
    url = f"https://github.com/{repo}/issues/{number}"
    assert lee["released"] == [{"repo": repo, "number": int(number), "url": url, "why": "assigned to someone else"}]
    for login in PEOPLE:
        if login != "lee-learner":
            assert set(first[login]) <= set(after[login]), login
    _check_rules(second, per_person=2, max_per_project=3)


def test_unknown_users_are_named_and_the_rest_go_on(fake_github, tmp_path: Path) -> None:
    cohort_world(fake_github.world)
    path = tmp_path / "cohort.toml"
    path.write_text(cohort_roster({**PEOPLE, "no-such-person": ["python"], "cobol-fan": ["cobol"]}),
                    encoding="utf-8")
    fake_github.world.add_user("cobol-fan")
    data = summary(fake_github, tmp_path, path)
    left = {s["login"]: s["why"] for s in data["left_out"]}
    assert left["no-such-person"] == "GitHub has no user no-such-person: check the login in the roster"
    assert "no-such-person" not in offers(data)
    assert left["cobol-fan"].startswith("no open issue matched cobol: try a more common skill")
    assert sum(len(v) for v in offers(data).values()) >= 11


def test_markdown_summary_names_logins_never_addresses(fake_github, tmp_path: Path) -> None:
    cohort_world(fake_github.world)
    path = tmp_path / "cohort.toml"
    path.write_text(cohort_roster(emails=True), encoding="utf-8")
    result = run(fake_github, tmp_path, "--roster", str(path),
                 OSSMATCH_COHORT_EMAILS="sam-student=Sam <sam.secret@example.net>")
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert "## Spring mentoring: this week's match" in text
    assert "| @nora-new | [acme/widgets\\#13](https://github.com/acme/widgets/issues/13)" in text
    assert "### Fewer than asked" in text and "### Projects at capacity" in text
    assert "@example." not in text + result.stderr


@pytest.mark.parametrize(("toml", "message"), [
    ('name = "x"\n[[people]]\nlogin = "a"\nskills = ["python"]\n[[people]]\nlogin = "A"\nskills = ["docs"]\n',
     "cohort.toml: people: A is listed twice: one entry per person"),
    ('name = "x"\npeople_per = 2\n[[people]]\nlogin = "a"\nskills = ["python"]\n', "people_per: unknown key"),
    ('name = "x"\nper_person = 0\n[[people]]\nlogin = "a"\nskills = ["python"]\n',
     "per_person: Input should be greater than or equal to 1"),
    ('name = "x"\n[[people]]\nlogin = "a b"\nskills = ["python"]\n', "people[a b].login: 'a b' is not a GitHub login"),
    ('name = "x"\n[[people]]\nlogin = "a"\nskills = []\n', "people[a].skills: must name at least one skill"),
    ('name = "x"\n[[people]]\nlogin = "a"\nskills = ["py"]\nemail = "nope"\n',
     "people[a].email: is not an email address"),
    ('name = "x"\n', "people: required key is missing"),
    ('name = "x"\nrepositories = ["nope"]\n[[people]]\nlogin = "a"\nskills = ["py"]\n',
     "repositories: 'nope' is not OWNER/REPO"),
    ("name = [", "invalid TOML"),
])
def test_bad_rosters_get_one_line_and_exit_2(fake_github, tmp_path: Path, toml: str, message: str) -> None:
    path = tmp_path / "cohort.toml"
    path.write_text(toml, encoding="utf-8")
    result = run(fake_github, tmp_path, "--roster", str(path))
    assert result.exit_code == 2, result.output
    assert message in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert fake_github.log == []  # refused before any request


def test_emails_secret_problems_name_the_login_not_the_address(fake_github, roster: Path, tmp_path: Path) -> None:
    result = run(fake_github, tmp_path, "--roster", str(roster),
                 OSSMATCH_COHORT_EMAILS="nora-new=not-an-address-secret")
    assert result.exit_code == 2
    assert "OSSMATCH_COHORT_EMAILS: the address for nora-new is not an email address" in result.stderr
    assert "secret" not in result.stderr
    result = run(fake_github, tmp_path, "--roster", str(roster), OSSMATCH_COHORT_EMAILS="stranger=s@example.org")
    assert result.exit_code == 2 and "stranger is not in the roster" in result.stderr


def test_init_writes_a_roster_that_reads_back(fake_github, tmp_path: Path) -> None:
    target = tmp_path / "cohort.toml"
    result = run(fake_github, tmp_path, "init", "--output", str(target))
    assert result.exit_code == 0, result.stderr
    from ossmatch.cohort.roster import load_roster

    roster = load_roster(target)
    assert roster.per_person == 2 and [p.login for p in roster.people] == ["nora-new", "sam-student"]
    again = run(fake_github, tmp_path, "init", "--output", str(target))
    assert again.exit_code == 2 and "already exists; use --force" in again.stderr


def test_decline_refuses_what_it_cannot_mean(fake_github, roster: Path, tmp_path: Path) -> None:
    bad_ref = run(fake_github, tmp_path, "decline", "nora-new", "acme/widgets 13", "--roster", str(roster))
    assert bad_ref.exit_code == 2 and "is not OWNER/REPO#N" in bad_ref.stderr
    stranger = run(fake_github, tmp_path, "decline", "stranger", "acme/widgets#13", "--roster", str(roster))
    assert stranger.exit_code == 2 and "stranger is not in" in stranger.stderr
    missing = run(fake_github, tmp_path, "decline", "nora-new", "acme/widgets#13",
                  "--roster", str(tmp_path / "no.toml"))
    assert missing.exit_code == 2 and "file not found" in missing.stderr


def test_histories_stop_before_the_shared_search_runs_out_of_points(fake_github, roster: Path, tmp_path: Path) -> None:
    from ossmatch.cohort.collect import SHARED_RESERVE

    bucket = fake_github.bucket("graphql", "test-token")
    bucket.used = bucket.limit - (SHARED_RESERVE + 12)  # three histories (5 points each) fit above the reserve
    data = summary(fake_github, tmp_path, roster)
    histories = [r for r in fake_github.log if "UserHistory" in (r.query or "")]
    assert len(histories) == 3
    assert any(w.startswith("stopped reading histories after 3 people: ") for w in data["warnings"])
    _check_rules(data, per_person=2, max_per_project=3)
    assert sum(len(v) for v in offers(data).values()) == 11  # everybody is still matched, by skills
    assert [p["known"] for p in data["progress"]].count(True) == 3


def test_hostile_titles_reach_the_summary_escaped(fake_github, roster: Path, tmp_path: Path) -> None:
    from suggest_worlds import EVIL_TITLE, GOOD_BODY

    repo = fake_github.world.repo("crab/shell")
    repo.add_issue(EVIL_TITLE + "\r\nBcc: victim@example.org \x1b[31m", body=GOOD_BODY, labels=["good first issue"],
                   author="maintainer", author_association="MEMBER")
    result = run(fake_github, tmp_path, "--roster", str(roster))
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert "crab/shell" in text and "alert" in text  # the issue was offered, its title shown...
    assert not re.search(r"(?<!\\)<", text) and "](javascript:" not in text  # ...escaped for Markdown
    assert "\x1b" not in text and "\r" not in text
    row = next(line for line in text.splitlines() if "alert" in line)
    assert row.count("|") - row.count("\\|") == 5  # the title cannot break the table


@pytest.mark.parametrize(("extra", "projects"), [
    ('repositories = ["acme/widgets"]\norgs = ["pyorg"]', {"acme/widgets", "pyorg/parser"}),
    ('topics = ["javascript-ui"]', {"webco/ui"}),
])
def test_the_roster_can_limit_the_cohort_to_some_projects(fake_github, tmp_path: Path, extra: str,
                                                          projects: set[str]) -> None:
    cohort_world(fake_github.world)
    fake_github.world.repo("webco/ui").topics.append("javascript-ui")
    path = tmp_path / "cohort.toml"
    path.write_text(cohort_roster(extra=extra), encoding="utf-8")
    data = summary(fake_github, tmp_path, path)
    offered = {ref.split("#")[0] for refs in offers(data).values() for ref in refs}
    assert offered and offered <= projects
    assert data["repositories"] == len(projects)
    _check_rules(data, per_person=2, max_per_project=3)


def test_a_roster_can_decline_too(fake_github, roster: Path, tmp_path: Path) -> None:
    """For a roster kept in a repository: `declined` does what `ossmatch cohort decline` does."""
    first = offers(summary(fake_github, tmp_path, roster))
    handed_back = first["nora-new"][0]
    text = roster.read_text().replace('login = "nora-new"', f'login = "nora-new"\ndeclined = ["{handed_back}"]')
    roster.write_text(text, encoding="utf-8")
    second = summary(fake_github, tmp_path, roster, "--refresh")
    nora = next(a for a in second["assignments"] if a["login"] == "nora-new")
    assert handed_back not in offers(second)["nora-new"]
    assert [f"{r['repo']}#{r['number']}" for r in nora["released"]] == [handed_back]
    assert nora["released"][0]["why"] == "declined"
