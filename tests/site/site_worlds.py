"""The test community: the suggest story world (taken, PR-linked, claimed, archived, hostile title)
plus a Go project with design, test and mentored issues, so every filter has something to narrow."""

from __future__ import annotations

from datetime import timedelta

from fakegithub.world import World
from suggest_worlds import GOOD_BODY, _responsive_history, story_world

NOW = "2026-11-27T12:00:00Z"

COMMUNITY = """\
name = "Acme Friends"
description = "Beginner-friendly issues across the Acme community."
url = "https://acme.example.org/portal/"
repositories = ["acme/widgets", "old/archived", "ghost/town", "misc/variants", "crab/shell", "gopher/tool"]

[[links]]
title = "Chat"
url = "https://chat.example.org/acme"

[[areas]]
name = "Documentation"
skills = ["docs"]

[[areas]]
name = "Python"
skills = ["python"]

[[areas]]
name = "Systems"
skills = ["go", "rust"]
"""


def community_world(world: World) -> None:
    story_world(world)
    now = world.now
    tool = world.add_repo("gopher/tool", languages=["Go"], stars=700, description="A Go command-line tool",
                          pushed_at=now - timedelta(days=1))
    tool.files["CONTRIBUTING.md"] = "# Contributing\n\n## Setup\nRun `go build`.\n\n## Tests\nRun `go test ./...`.\n"
    _responsive_history(tool, world, hours=5)
    tool.add_issue("Redesign the help page colours", body=GOOD_BODY, labels=["good first issue", "design"],
                   created_at=now - timedelta(days=3), author="maintainer", author_association="MEMBER")
    tool.add_issue("Add tests for the flag parser", body=GOOD_BODY, labels=["help wanted", "tests", "medium"],
                   created_at=now - timedelta(days=20), author="maintainer", author_association="MEMBER")
    tool.add_issue("Fix the crash on empty input", body=GOOD_BODY, labels=["good first issue", "bug", "mentored"],
                   created_at=now - timedelta(days=12), author="maintainer", author_association="MEMBER")
