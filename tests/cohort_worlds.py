"""Worlds for the cohort tests and benchmark: many people, overlapping skills, shared projects."""

from __future__ import annotations

from datetime import timedelta

from fakegithub.world import Review, World
from suggest_worlds import GOOD_BODY, _responsive_history

#: Seven people; python and docs overlap heavily, so they compete for the same issues.
PEOPLE: dict[str, list[str]] = {
    "nora-new": ["python", "docs"],
    "sam-student": ["python"],
    "lee-learner": ["python", "testing"],
    "kim-keen": ["docs"],
    "ola-open": ["javascript"],
    "raj-rust": ["rust"],
    "eve-eager": ["python", "javascript"],
}
#: Projects and their languages; each has a few beginner issues.
PROJECTS: dict[str, tuple[str, list[tuple[str, list[str]]]]] = {
    "acme/widgets": ("Python", [("Document the retry option", ["good first issue", "documentation"]),
                                ("Fix a typo in the tutorial", ["good first issue", "docs"]),
                                ("Add a test for load_config", ["good first issue", "testing"])]),
    "acme/gadgets": ("Python", [("Explain the plugin hooks", ["good first issue", "documentation"]),
                                ("Add type hints to utils", ["good first issue"])]),
    "pyorg/parser": ("Python", [("Handle empty input", ["good first issue"]),
                                ("Test the tokenizer edge cases", ["good first issue", "testing"]),
                                ("Improve the error message for tabs", ["help wanted"])]),
    "webco/ui": ("JavaScript", [("Fix the button focus ring", ["good first issue"]),
                                ("Add a dark mode toggle test", ["good first issue", "testing"])]),
    "crab/shell": ("Rust", [("Support ~ in paths", ["good first issue"])]),
}


def cohort_roster(people: dict[str, list[str]] | None = None, *, per_person: int = 2, max_per_project: int = 3,
                  extra: str = "", emails: bool = False) -> str:
    """A roster in TOML for ``people`` (login -> skills)."""
    lines = ['name = "Spring mentoring"', 'coordinator = "Ada Lovelace (@ada)"', f"per_person = {per_person}",
             f"max_per_project = {max_per_project}", extra, "",
             '[[mentors]]\nlogin = "grace"\nname = "Grace Hopper"\nprojects = ["acme"]', ""]
    for login, skills in (people or PEOPLE).items():
        lines.append("[[people]]")
        lines.append(f'login = "{login}"')
        lines.append("skills = [" + ", ".join(f'"{s}"' for s in skills) + "]")
        if emails:
            lines.append(f'email = "{login}@example.org"')
        lines.append("")
    return "\n".join(lines)


def cohort_world(world: World) -> None:
    """Five responsive projects with beginner issues, and every roster person as a GitHub user.

    nora-new had a pull request merged in acme/widgets, so its "help wanted" issue is a next step
    for her."""
    now = world.now
    for login in PEOPLE:
        world.add_user(login)
    for index, (name, (language, issues)) in enumerate(PROJECTS.items()):
        repo = world.add_repo(name, languages=[language], topics=["documentation"], stars=300 + 100 * index,
                              description=f"A {language} project", pushed_at=now - timedelta(days=1))
        _responsive_history(repo, world, hours=3 + index * 4)
        for i, (title, labels) in enumerate(issues):
            repo.add_issue(title, body=GOOD_BODY, labels=labels, author="maintainer", author_association="MEMBER",
                           created_at=now - timedelta(days=2 + i + index))
    widgets = world.repo("acme/widgets")
    widgets.add_pull("Explain config loading", author="nora-new", author_association="CONTRIBUTOR", state="MERGED",
                     created_at=now - timedelta(days=45), merged_at=now - timedelta(days=40), merged_by="alice",
                     files=["docs/config.md"], labels=["documentation"],
                     reviews=[Review(author="alice", author_association="MEMBER", state="APPROVED",
                                     submitted_at=now - timedelta(days=41))])
    widgets.add_issue("Validate unknown config keys", body="Unknown keys in the config file are ignored silently.",
                      labels=["help wanted"], author="alice", author_association="MEMBER",
                      created_at=now - timedelta(days=8))


def big_cohort_world(world: World, *, people: int, repos: int, per_repo: int = 4) -> list[tuple[str, list[str]]]:
    """``repos`` projects across four languages, ``people`` people with one language and up to two of
    docs, testing and frontend (16 distinct skill sets); every tenth person had a pull request
    merged in one of the projects, so their ranking is their own. Returns (login, skills) pairs."""
    now = world.now
    languages = ["Python", "JavaScript", "Go", "Rust"]
    extras = [[], ["docs"], ["testing"], ["docs", "testing"]]
    for r in range(repos):
        language = languages[r % len(languages)]
        repo = world.add_repo(f"org{r:03d}/project", languages=[language], stars=100 + r,
                              pushed_at=now - timedelta(days=1))
        _responsive_history(repo, world, hours=2 + r % 24, count=4)
        for i in range(per_repo):
            labels = ["good first issue", ["documentation", "testing", "bug", "enhancement"][i % 4]]
            body = (f"The {language} module handles this case wrongly.\n\nSteps:\n1. Open the module named in the "
                    "title\n2. Fix the behaviour\n\nSee https://example.org/contributing for setup.")
            repo.add_issue(f"Task {i} in project {r}", body=body, labels=labels,
                           created_at=now - timedelta(days=1 + (r + i) % 30))
    roster = []
    for p in range(people):
        login = f"person{p:03d}"
        world.add_user(login)
        roster.append((login, [languages[p % 4].lower(), *extras[(p // 4) % 4]]))
        if p % 10 == 0 and repos:
            project = world.repo(f"org{(p * 7) % repos:03d}/project")
            assert project is not None
            project.add_pull(f"Fix {p}", author=login, author_association="CONTRIBUTOR", state="MERGED",
                             created_at=now - timedelta(days=30), merged_at=now - timedelta(days=28),
                             merged_by="maintainer")
    return roster
