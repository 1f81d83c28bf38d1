"""Two repositories for end-to-end audits: one that welcomes newcomers and one left alone."""

from __future__ import annotations

from datetime import timedelta

from fakegithub import Comment, Review, World

README = (
    "# Welcoming\n\nA library that does useful things.\n\n"
    + "## Install\n\nRun pip install welcoming, then import it and call it.\n\n" * 30
    + "See [CONTRIBUTING.md](CONTRIBUTING.md) to help out.\n"
)
CONTRIBUTING = """# Contributing

## Setup
Clone the repository and install it in a virtualenv: `pip install -e .[test]`.

## Tests
Run the test suite with `pytest`.

## Pull requests
Fork, branch, and open a pull request; a maintainer reviews within two days.
"""
CODE_OF_CONDUCT = "# Code of conduct\n\nReport problems to conduct@welcoming-project.org.\n"
GOOD_BODY = """The `format_date` helper in `welcoming/dates.py` ignores time zones.

Steps:
- Read `welcoming/dates.py`
- Add a `tz` argument and a test in `tests/test_dates.py`
- Update the docs

Happy to mentor: ask here if anything is unclear.
"""
STALE_WORKFLOW = """exemptLabels:
  - good first issue
  - first-timers-only
"""


def add_welcoming(world: World, name: str = "friendly/welcoming") -> None:
    now = world.now
    repo = world.add_repo(
        name,
        languages=["Python"],
        labels=[("good first issue", "Good for newcomers"), ("bug", "Something is broken"),
                ("docs", "Documentation")],
        files={
            "README.md": README,
            "CONTRIBUTING.md": CONTRIBUTING,
            "CODE_OF_CONDUCT.md": CODE_OF_CONDUCT,
            "LICENSE": "MIT License\n",
            ".github/ISSUE_TEMPLATE/bug_report.md": "---\nname: Bug\n---\n",
            ".github/pull_request_template.md": "- [ ] tests\n",
            ".github/stale.yml": STALE_WORKFLOW,
        },
    )
    for i in range(4):
        repo.add_issue(f"Support time zones in helper {i}", body=GOOD_BODY,
                       labels=["good first issue"], author="maint", author_association="OWNER",
                       created_at=now - timedelta(days=20 + i),
                       updated_at=now - timedelta(days=5 + i))
    repo.add_issue("Explain the cache settings in the docs", body=GOOD_BODY, labels=["docs"],
                   author="maint", author_association="OWNER", created_at=now - timedelta(days=3))
    for i in range(5):
        opened = now - timedelta(days=10 + 5 * i)
        repo.add_issue(f"Crash {i}", body="It crashes.", author=f"user{i}",
                       created_at=opened,
                       comments=[Comment(author="maint", author_association="OWNER",
                                         created_at=opened + timedelta(hours=6),
                                         body="Thanks, looking.")])
    for i in range(4):
        opened = now - timedelta(days=30 + 5 * i)
        repo.add_pull(f"Fix {i}", author=f"newbie{i}", author_association="FIRST_TIME_CONTRIBUTOR",
                      state="MERGED", created_at=opened, merged_at=opened + timedelta(days=2),
                      reviews=[Review(author="maint", author_association="OWNER",
                                      submitted_at=opened + timedelta(hours=10))])
    for i in range(2):
        repo.add_pull(f"Follow-up {i}", author=f"newbie{i}", author_association="CONTRIBUTOR",
                      state="MERGED", created_at=now - timedelta(days=8 + i),
                      merged_at=now - timedelta(days=7 + i))
    for i in range(5):
        repo.add_commit(f"Change {i}", author="maint", committed_at=now - timedelta(days=i + 1))


def add_neglected(world: World, name: str = "lonely/neglected") -> None:
    now = world.now
    repo = world.add_repo(name, license=None, pushed_at=now - timedelta(days=700),
                          labels=["bug", "question"], files={"README.md": "# neglected\n"})
    for i in range(3):
        repo.add_issue(f"Does this still work {i}?", author=f"asker{i}",
                       created_at=now - timedelta(days=10 + i))
    repo.add_pull("Please review", author="hopeful", author_association="FIRST_TIME_CONTRIBUTOR",
                  created_at=now - timedelta(days=40))


def add_archived(world: World, name: str = "frozen/archived") -> None:
    """Everything a newcomer could want, except that nobody can contribute any more."""
    add_welcoming(world, name)
    repo = world.repo(name)
    assert repo is not None
    repo.archived = True


def add_dormant(world: World, name: str = "sleepy/dormant") -> None:
    """Good files and labels, but nobody answered the last four issues or merged for two years."""
    now = world.now
    repo = world.add_repo(
        name,
        pushed_at=now - timedelta(days=730),
        labels=[("good first issue", "Good for newcomers"), ("bug", "Something is broken")],
        files={"README.md": README, "CONTRIBUTING.md": CONTRIBUTING,
               "CODE_OF_CONDUCT.md": CODE_OF_CONDUCT, "LICENSE": "MIT License\n"},
    )
    repo.add_issue("Support time zones", body=GOOD_BODY, labels=["good first issue"],
                   author="maint", author_association="OWNER",
                   created_at=now - timedelta(days=800), updated_at=now - timedelta(days=800))
    for i in range(4):
        repo.add_issue(f"Is this still maintained {i}?", body="Nobody answers.", author=f"asker{i}",
                       created_at=now - timedelta(days=10 + 15 * i))
    repo.add_pull("Old fix", author="maint", author_association="OWNER", state="MERGED",
                  created_at=now - timedelta(days=731), merged_at=now - timedelta(days=730))


def add_slow(world: World, name: str = "big/slow", beginner: int = 120) -> None:
    """A large, busy project whose maintainers answer after weeks and review one first-timer a month."""
    now = world.now
    repo = world.add_repo(
        name,
        labels=[("good first issue", "Good for newcomers"), ("bug", "Something is broken")],
        files={"README.md": README, "CONTRIBUTING.md": CONTRIBUTING,
               "CODE_OF_CONDUCT.md": CODE_OF_CONDUCT, "LICENSE": "MIT License\n",
               ".github/ISSUE_TEMPLATE/bug_report.md": "---\nname: Bug\n---\n",
               ".github/pull_request_template.md": "- [ ] tests\n"},
    )
    for i in range(beginner):
        repo.add_issue(f"Small fix {i}", body=GOOD_BODY, labels=["good first issue"],
                       author="maint", author_association="OWNER",
                       created_at=now - timedelta(days=200 + i), updated_at=now - timedelta(days=30))
    for i in range(6):
        opened = now - timedelta(days=40 + 5 * i)
        repo.add_issue(f"Bug report {i}", body="It breaks.", author=f"user{i}", created_at=opened,
                       comments=[Comment(author="maint", author_association="MEMBER",
                                         created_at=opened + timedelta(days=20),
                                         body="Thanks, we will look.")])
    opened = now - timedelta(days=60)
    repo.add_pull("First fix", author="newbie", author_association="FIRST_TIME_CONTRIBUTOR",
                  state="MERGED", created_at=opened, merged_at=opened + timedelta(days=30),
                  reviews=[Review(author="maint", author_association="MEMBER",
                                  submitted_at=opened + timedelta(days=29))])
    for i in range(20):
        repo.add_commit(f"Change {i}", author="maint", committed_at=now - timedelta(days=i + 1))
