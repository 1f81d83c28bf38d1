"""Issue 25 item 6: feeds and issues.json built from titles full of control characters still parse,
and hold none of them (XML 1.0 forbids most; a terminal would run the rest)."""

from __future__ import annotations

import json
import re
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

from click.testing import CliRunner
from fakegithub import World, make_server
from site_worlds import COMMUNITY, NOW, community_world

from ossmatch.cli import main

#: ESC sequences, BEL, NUL, DEL, C1 (8-bit CSI), a bidi override, a lone surrogate, U+FFFF.
HOSTILE = "\x1b]0;pwned\x07 \x1b[31mred\x1b[0m \x00nul \x7fdel \x9b31m \u202eevil \ud800 \uffff"
#: What no output may hold: C0 but TAB/LF, DEL, C1, bidi controls, surrogates, non-characters.
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")


def test_feeds_and_issues_json_parse_and_hold_no_control_characters(tmp_path: Path) -> None:
    world = World()
    world.add_token("test-token", "tester")
    community_world(world)
    for repo in world.repos.values():
        repo.description = f"A project {HOSTILE}"
        for issue in repo.issues:
            issue.title = f"{issue.title} {HOSTILE}"
    (tmp_path / "community.toml").write_text(COMMUNITY)
    output = tmp_path / "site"
    env = {"GITHUB_TOKEN": "test-token", "GH_TOKEN": "", "OSSMATCH_NOW": NOW, "PATH": "/nonexistent",
           "OSSMATCH_CACHE_DIR": tempfile.mkdtemp(prefix="ossmatch-cache-")}
    with make_server(world) as fake:
        result = CliRunner().invoke(main, ["site", "--config", str(tmp_path / "community.toml"), "--output",
                                           str(output), "--no-cache"], env={**env, "GITHUB_API_URL": fake.rest_url})
    assert result.exit_code == 0, result.output
    feeds = [output / "feed.xml", *sorted((output / "projects").glob("*.xml"))]
    assert len(feeds) > 1
    for feed in feeds:
        raw = feed.read_text(encoding="utf-8")
        assert not FORBIDDEN.search(raw), (feed.name, FORBIDDEN.findall(raw))
        root = ET.fromstring(raw.encode())  # raises "not well-formed (invalid token)" on a control character
        titles = [e.text or "" for e in root.iter("{http://www.w3.org/2005/Atom}title")]
        assert any("red" in t and "evil" in t for t in titles), feed.name  # the words stay, the controls go
    raw = (output / "issues.json").read_text(encoding="utf-8")
    assert not FORBIDDEN.search(raw)
    assert not re.search(r"\\u00[01][0-9a-f]|\\u007f|\\u00[89][0-9a-f]|\\ud[89ab]", raw, re.IGNORECASE)
    issues = json.loads(raw)["issues"]
    assert issues and all("evil" in i["title"] for i in issues)
