"""A world holding the cases of GitHub in 2025-26 that a newcomer cannot see from the issue list.

Each project is healthy (answers fast, merges newcomers), so nothing but the 2026 fact under test
keeps its issue from the top: pull requests limited to collaborators or turned off, a Copilot
assignment, a crowded issue, an AI policy, an issue blocked by an open (or a closed) issue, and a
tracking issue with open, closed and unlabelled sub-issues.
"""

from __future__ import annotations

from datetime import timedelta

from fakegithub import Issue, Repo, World
from suggest_worlds import GOOD_BODY, _responsive_history

AI_REFUSAL = ("## AI-generated contributions\n\nPull requests generated with AI tools are not accepted "
              "and will be closed without review.\n")
AI_DISCLOSE = "We accept AI-assisted pull requests if you disclose which tool you used in the description.\n"


def world_2026(world: World) -> None:
    now = world.now
    day = timedelta(days=1)

    def healthy(name: str, history: bool = True, **kw) -> Repo:
        repo = world.add_repo(name, languages=["Python"], topics=["documentation"], stars=800,
                              pushed_at=now - day, **kw)
        if history:
            _responsive_history(repo, world, hours=3)
        return repo

    def gfi(repo: Repo, title: str, **kw) -> Issue:
        kw.setdefault("created_at", now - 2 * day)
        return repo.add_issue(title, body=GOOD_BODY, labels=kw.pop("labels", ["good first issue", "documentation"]),
                              author="maintainer", author_association="MEMBER", **kw)

    world.add_user("Copilot", "Bot")
    closed = healthy("closed/door", pull_request_creation_policy="COLLABORATORS_ONLY")
    gfi(closed, "Document the cache option")
    off = healthy("mail/patches", has_pull_requests=False)
    gfi(off, "Document the mailing-list workflow")

    twins = healthy("agent/twins")
    copilot = gfi(twins, "Document the export command")
    copilot.assign("Copilot", at=now - timedelta(hours=1))
    gfi(twins, "Document the import command")

    crowd = healthy("busy/crowd")
    crowded = gfi(crowd, "Document the config file", created_at=now - 9 * day)
    for n, (who, text) in enumerate([
        ("asker1", "Can I work on this?"),
        ("asker2", "/assign"),
        ("agent1", f"I reviewed {crowd.full_name}#{crowded.number} and I'm ready to handle it. - My read: the "
                   "config docs are missing."),
        ("agent2", "Hi, let me take a stab at this. I'll open a PR shortly."),
    ]):
        crowded.add_comment(text, author=who, created_at=now - timedelta(days=6 - n * 1.5))
    crowd.add_pull("Docs for config", body=f"Refs #{crowded.number}", author="asker1",
                   author_association="CONTRIBUTOR", state="CLOSED", created_at=now - 3 * day)

    refusing = healthy("noai/project")
    refusing.files["CONTRIBUTING.md"] = "# Contributing\n\nRun the tests first.\n\n" + AI_REFUSAL
    gfi(refusing, "Document the plugin hooks")
    disclosing = healthy("disclose/project")
    disclosing.files["AGENTS.md"] = "# Notes for agents\n\n" + AI_DISCLOSE
    gfi(disclosing, "Document the logging setup")

    deps = healthy("owner/repo", history=False)  # numbered as in the issue: its history comes after
    design = deps.add_issue("Design the JSON output", body=GOOD_BODY, labels=["design"],
                            created_at=now - 20 * day, number=5)
    old = deps.add_issue("Pick a date format", body=GOOD_BODY, state="CLOSED", created_at=now - 30 * day,
                         number=2)
    gfi(deps, "Add a --json flag", number=1, blocked_by=[design.number])
    gfi(deps, "Document the date format", number=4, blocked_by=[old.number])
    tracking = gfi(deps, "Docstrings for every public module", number=3)
    deps.add_issue("Docstrings for ossmatch.cli", body=GOOD_BODY, parent=tracking.number, number=6,
                   created_at=now - 2 * day)
    deps.add_issue("Docstrings for ossmatch.io", body=GOOD_BODY, parent=tracking.number, number=7,
                   labels=["good first issue"], created_at=now - 2 * day)
    deps.add_issue("Docstrings for ossmatch.net", body=GOOD_BODY, parent=tracking.number, number=8,
                   state="CLOSED", created_at=now - 5 * day)
    _responsive_history(deps, world, hours=3)
