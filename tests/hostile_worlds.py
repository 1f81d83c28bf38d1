"""A repository whose every piece of text is hostile: terminal escapes, rich markup, bidi, NUL.

Used by the sanitiser tests of suggest, digest and audit. ``FORBIDDEN`` lists what must never
reach any output; ``MARKUP`` what must show as literal text, never as rich styling or a link.
"""

from __future__ import annotations

from datetime import timedelta

from fakegithub.world import Comment, Review, World

#: Sets the window title, clears the screen, an OSC 8 link to a phishing site, an 8-bit CSI,
#: backspace, DEL, NUL, a bidi override and isolate.
ESCAPES = (
    "\x1b]0;pwned\x07\x1b[2J\x1b]8;;https://evil.example/osc\x1b\\click me\x1b]8;;\x1b\\"
    " \x9b31mred \x08\x7fback \x00nul \u202eevil\u202c \u2066iso\u2069"
)
#: Rich markup that must stay literal text (and must not crash rendering: the stray close tag).
MARKUP = "we use [/bold] calls [link=https://evil.example/phish]here[/link] [blink]now[/blink]"
HOSTILE = f"{ESCAPES} {MARKUP}"
#: Characters and sequences that must never appear in any output.
FORBIDDEN = ("\x1b]0;", "\x1b[2J", "\x1b]8;;https://evil.example", "\x9b", "\x07", "\x08", "\x7f", "\x00",
             "\u202e", "\u202c", "\u2066", "\u2069")

HOSTILE_REPO = "evil/hostile"
HOSTILE_LABEL = "good first issue"


def _toml_escaped(text: str) -> str:
    """``text`` as a TOML basic string: controls as \\u escapes, which TOML allows."""
    out = []
    for char in text:
        if char in '"\\' or ord(char) < 0x20 or 0x7F <= ord(char) <= 0x9F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def add_hostile(world: World) -> None:
    """A responsive Python project whose titles, labels, description and exemptions are hostile."""
    now = world.now
    repo = world.add_repo(
        HOSTILE_REPO,
        languages=["Python"],
        topics=["documentation"],
        stars=500,
        description=HOSTILE,
        pushed_at=now - timedelta(days=1),
        labels=[("good first issue", HOSTILE), (f"docs {ESCAPES}", HOSTILE)],
        files={
            "README.md": "# hostile\n\n" + "A project. " * 200,
            "CONTRIBUTING.md": "# Contributing\n\n## Setup\npip install\n## Tests\npytest\n",
            ".github/ossmatch.toml": (
                "[exempt]\n"
                f"pr-template = {_toml_escaped(HOSTILE)}\n"
                f"issue-templates = {_toml_escaped(MARKUP)}\n"
            ),
        },
    )
    for i in range(3):
        repo.add_issue(
            f"{HOSTILE} {i}",
            body=f"Steps:\n1. {HOSTILE}\n2. `src/app.py`\n",
            labels=[HOSTILE_LABEL, f"docs {ESCAPES}"],
            created_at=now - timedelta(days=2 + i),
            author="maint",
            author_association="OWNER",
        )
    for i in range(6):
        opened = now - timedelta(days=4 + 4 * i)
        repo.add_issue(
            f"Question {i}", author=f"user{i}", created_at=opened, state="CLOSED",
            closed_at=opened + timedelta(days=1),
            comments=[Comment(author="maint", author_association="OWNER", body="Thanks.",
                              created_at=opened + timedelta(hours=3))],
        )
    for i in range(4):
        opened = now - timedelta(days=5 + 6 * i)
        repo.add_pull(
            f"Fix {i}", author=f"newbie{i}", author_association="FIRST_TIME_CONTRIBUTOR", state="MERGED",
            created_at=opened, merged_at=opened + timedelta(days=1),
            reviews=[Review(author="maint", author_association="OWNER", submitted_at=opened + timedelta(hours=5))],
        )
    repo.add_commit("Work", author="maint", committed_at=now - timedelta(days=1))


def assert_inert(text: str) -> None:
    """No forbidden sequence from ``FORBIDDEN`` survives in ``text``."""
    found = [seq for seq in FORBIDDEN if seq in text]
    assert not found, f"hostile sequences reached the output: {found!r}"
