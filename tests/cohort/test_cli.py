"""``ossmatch cohort`` end to end against the fake GitHub: seven people with overlapping skills."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from cohort.helpers import offers, run, summary
from cohort_worlds import PEOPLE, cohort_roster, cohort_world


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
    assert short["ola-open"]["why"] == ("2 open issues matched javascript, all in one project, and nobody gets two "
                                        "issues in one project: add skills, or widen repositories, orgs or topics")
    assert {c["repo"] for c in data["at_capacity"]} == {"acme/widgets", "pyorg/parser"}
    issue = data["assignments"][0]["issues"][0]
    assert set(issue) >= {"repo", "number", "url", "title", "score", "since"}
    # Everybody's history in one document (after a look at the points left), one search round and
    # one repository batch for everybody.
    kinds = Counter(r.kind for r in fake_github.log)
    assert kinds == {"graphql": 4}, kinds


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
    assert f"{handed_back} handed back by nora-new: never offered to nora-new again." in result.stderr
    never = run(fake_github, tmp_path, "decline", "nora-new", "octo-org/octo-repo#12", "--roster", str(roster))
    assert never.exit_code == 0, never.stderr
    assert ("octo-org/octo-repo#12 was not offered to nora-new; noted: never offered to nora-new again."
            in never.stderr)  # the login throughout, never "them"
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
    assert "| @nora-new | [acme/widgets#13](https://github.com/acme/widgets/issues/13)" in text
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
    ('name = "x"\n[[people]]\nlogin = "a"\nskills = ["py"]\nai_assisted = "yes"\n',
     "people[a].ai_assisted: Input should be a valid boolean"),
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
    bucket.used = bucket.limit - (SHARED_RESERVE + 17)  # three histories (5 points each) fit above the reserve
    data = summary(fake_github, tmp_path, roster)
    histories = [r for r in fake_github.log if "UserHistories" in (r.query or "")]
    assert len(histories) == 1
    assert histories[0].variables == {"l0": "nora-new", "l1": "sam-student", "l2": "lee-learner"}
    assert any(w.startswith("stopped reading histories after 3 people: ") for w in data["warnings"])
    _check_rules(data, per_person=2, max_per_project=3)
    assert sum(len(v) for v in offers(data).values()) == 11  # everybody is still matched, by skills
    assert [p["known"] for p in data["progress"]].count(True) == 3


def _history_requests(fake) -> list:
    return [r for r in fake.log if "UserHistories" in (r.query or "")]


def test_histories_cost_one_request_per_batch_not_per_person(fake_github, tmp_path: Path) -> None:
    """Six people and twenty cost the same requests; the twenty-first starts a second history batch.
    The GraphQL points still grow with people (each history is priced per person)."""
    from ossmatch.github.histories import HISTORY_BATCH_SIZE, HISTORY_POINTS

    cohort_world(fake_github.world)
    extra = {f"twin{i:02d}": ["python", "docs"] for i in range(HISTORY_BATCH_SIZE + 1 - len(PEOPLE))}
    for login in extra:
        fake_github.world.add_user(login)
    costs: dict[int, tuple[int, int, int]] = {}
    for size in (6, HISTORY_BATCH_SIZE, HISTORY_BATCH_SIZE + 1):
        people = dict(list({**PEOPLE, **extra}.items())[:size])
        path = tmp_path / f"cohort{size}.toml"
        path.write_text(cohort_roster(people), encoding="utf-8")
        fake_github.clear_log()
        data = summary(fake_github, tmp_path / str(size), path)
        assert not data["warnings"] and [p["known"] for p in data["progress"]].count(True) == size
        histories = _history_requests(fake_github)
        costs[size] = (len(fake_github.log), len(histories), sum(r.cost or 0 for r in histories))
    assert costs[6][:2] == costs[HISTORY_BATCH_SIZE][:2] == (costs[6][0], 1)
    assert costs[HISTORY_BATCH_SIZE + 1][:2] == (costs[6][0] + 1, 2)
    assert all(HISTORY_POINTS * n <= points <= HISTORY_POINTS * n + 2 for n, (_r, _h, points) in costs.items())


def test_an_unknown_login_in_a_batch_leaves_the_others_read(fake_github, tmp_path: Path) -> None:
    cohort_world(fake_github.world)
    fake_github.world.add_user("an-org", type="Organization")
    path = tmp_path / "cohort.toml"
    path.write_text(cohort_roster({"ghost": ["python"], **PEOPLE, "an-org": ["docs"]}), encoding="utf-8")
    data = summary(fake_github, tmp_path, path)
    assert len(_history_requests(fake_github)) == 1
    left = {s["login"]: s["why"] for s in data["left_out"]}
    assert left["ghost"] == "GitHub has no user ghost: check the login in the roster"
    assert left["an-org"] == "GitHub has no user an-org: check the login in the roster"
    known = {p["login"] for p in data["progress"] if p["known"]}
    assert known == set(PEOPLE)
    searched = [str(v) for r in fake_github.log for v in (r.variables or {}).values()]
    assert any(q.startswith("repo:acme/widgets ") for q in searched)  # next steps where nora's work was merged


@pytest.mark.parametrize("fault", ["graphql_resource_limits", "graphql_timeout"])
def test_a_history_batch_github_refuses_is_asked_again_in_halves(fake_github, roster: Path, tmp_path: Path,
                                                                 fault: str) -> None:
    fake_github.inject(fault, times=1, body="UserHistories")
    data = summary(fake_github, tmp_path, roster)
    asked = [sorted(r.variables.values()) for r in _history_requests(fake_github)]
    assert [len(a) for a in asked] == [3, 4]  # the refused seven, in halves
    assert sorted(asked[0] + asked[1]) == sorted(PEOPLE)
    assert not data["warnings"]
    assert all(p["known"] for p in data["progress"])


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


@pytest.mark.parametrize("title", [
    "a | b \\| c \\\\| d",  # pipes, escaped pipes, escaped backslashes before a pipe
    "ends with a backslash \\",
    "<img src=x onerror=alert(1)> ![x](https://evil.example/p.png) [click](javascript:alert(2)) `code` *em* _u_",
])
def test_a_hostile_title_cannot_break_the_summary_table(fake_github, roster: Path, tmp_path: Path, title: str) -> None:
    from markdown_it import MarkdownIt
    from suggest_worlds import GOOD_BODY

    fake_github.world.repo("crab/shell").add_issue(title, body=GOOD_BODY, labels=["good first issue"],
                                                   author="maintainer", author_association="MEMBER")
    result = run(fake_github, tmp_path, "--roster", str(roster))
    assert result.exit_code == 0, result.stderr
    tokens = MarkdownIt("commonmark").enable("table").parse(result.stdout)
    rows = [i for i, t in enumerate(tokens) if t.type == "tr_open"]
    cells = [sum(1 for t in tokens[i:] [: next(j for j, u in enumerate(tokens[i:]) if u.type == "tr_close")]
                 if t.type in ("td_open", "th_open")) for i in rows]
    assert set(cells) == {4, 6}, cells  # the offers table and the progress table, every row whole
    html = MarkdownIt("commonmark").enable("table").render(result.stdout)
    assert "<img" not in html and 'href="javascript' not in html and "<code>" not in html and "<em>" not in html
    shown = [line for line in result.stdout.splitlines() if "crab/shell#14" in line and line.startswith("|")]
    assert len(shown) == 1  # the hostile issue was offered, on one row


def test_our_own_words_are_not_escaped_in_the_summary(fake_github, tmp_path: Path) -> None:
    cohort_world(fake_github.world)
    path = tmp_path / "cohort.toml"
    path.write_text(cohort_roster({**PEOPLE, "cobol-fan": ["cobol"]}), encoding="utf-8")
    fake_github.world.add_user("cobol-fan")
    bucket = fake_github.bucket("graphql", "test-token")
    from ossmatch.cohort.collect import SHARED_RESERVE

    bucket.used = bucket.limit - (SHARED_RESERVE + 17)
    result = run(fake_github, tmp_path, "--roster", str(path))
    assert result.exit_code == 0, result.stderr
    text = "\n".join(line for line in result.stdout.splitlines() if "](https://github.com/" not in line)  # no titles
    assert "\\(" not in text and "\\_" not in text and "\\#" not in text and "\\:" not in text, text
    assert "(up to 2 each, at most 3 people per project)" in text
    assert "[acme/widgets#13](https://github.com/acme/widgets/issues/13) Document" in result.stdout
    assert "- @cobol-fan: 0 of 2: no open issue matched cobol" in text
    assert "(a personal token allows 5,000 points an hour" in text


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


def _doors_roster(tmp_path: Path, fake, name: str, people: dict[str, bool]) -> Path:
    lines = [f'name = "{name}"', "per_person = 3", "max_per_project = 5", ""]
    for login, ai in people.items():
        fake.world.add_user(login)
        lines += ["[[people]]", f'login = "{login}"', 'skills = ["python", "docs"]',
                  f"ai_assisted = {str(ai).lower()}", ""]
    path = tmp_path / f"{name}.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_shut_doors_blocked_tracking_and_ai_refusals_are_never_offered(fake_github, tmp_path: Path) -> None:
    """The cases of 2026 (worlds_2026): nobody is sent where they cannot open a pull request, to an
    issue blocked by an open one or to a tracking issue (its open sub-issues instead), and people
    whose roster entry says ``ai_assisted = true`` never to a project that refuses AI-assisted work.
    Five people with three slots each want more issues than the world has: all that may be offered is."""
    from worlds_2026 import world_2026

    world_2026(fake_github.world)
    for name, ai in (("plain", False), ("assisted", True)):
        roster = _doors_roster(tmp_path, fake_github, name, {f"{name}{i}": ai for i in range(5)})
        data = summary(fake_github, tmp_path / name, roster)
        everything = {ref for refs in offers(data).values() for ref in refs}
        assert everything, data
        for ref in everything:
            assert not ref.startswith(("closed/door#", "mail/patches#")), ref  # pull requests limited or off
        assert "owner/repo#1" not in everything  # blocked by an open issue
        assert "owner/repo#3" not in everything  # a tracking issue...
        assert {"owner/repo#6", "owner/repo#7"} <= everything  # ...whose open sub-issues are offered
        assert any(ref.startswith("noai/project#") for ref in everything) is not ai, everything


def test_a_roster_saved_with_a_byte_order_mark_reads_like_any_other(tmp_path: Path) -> None:
    from cohort_worlds import cohort_roster

    from ossmatch.cohort.roster import load_roster

    target = tmp_path / "cohort.toml"
    target.write_bytes(b"\xef\xbb\xbf" + cohort_roster().encode())  # as Windows editors save it
    assert load_roster(target).people
