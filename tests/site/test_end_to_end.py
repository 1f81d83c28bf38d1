"""``ossmatch site`` against the fake GitHub: the test community, taken and archived issues, the
hostile title, issues.json against its schema, the feeds, the CSP and the request budget."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import jsonschema
from site_helpers import Built, build_community, run_site
from site_worlds import COMMUNITY
from suggest_worlds import EVIL_TITLE

ATOM = "{http://www.w3.org/2005/Atom}"
PAGES = ("index.html", "projects/acme.widgets.html", "projects/gopher.tool.html")


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs)))


def _tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(html)
    return parser.found


def _titles(built: Built) -> list[str]:
    return [i["title"] for i in json.loads(built.read("issues.json"))["issues"]]


def test_it_writes_the_whole_site(built: Built) -> None:
    files = sorted(str(p.relative_to(built.output)) for p in built.output.rglob("*") if p.is_file())
    assert files == sorted([
        ".ossmatch-site", "favicon.svg", "feed.xml", "filter.js", "index.html", "issues.json",
        "issues.schema.json", "site.css",
        *[f"projects/{n}.{ext}" for n in ("acme.widgets", "crab.shell", "ghost.town", "gopher.tool",
                                          "misc.variants") for ext in ("html", "xml")],
    ])
    assert "Wrote 13 issues from 5 projects" in built.result.output


def test_taken_claimed_linked_and_archived_never_appear(built: Built) -> None:
    titles = _titles(built)
    for absent in ("Taken already", "Fixed by an open PR", "Add a --verbose flag", "Archived issue"):
        assert absent not in titles
        assert absent not in built.read("index.html")
    assert not (built.output / "projects" / "old.archived.html").exists()
    assert "old/archived (archived)" in built.read("index.html")
    assert "old/archived (archived)" in built.summary


def test_the_best_issue_for_a_newcomer_comes_first_with_distinct_reasons(built: Built) -> None:
    issues = json.loads(built.read("issues.json"))["issues"]
    assert issues[0]["title"] == "Fix the crash on empty input"
    assert issues[0]["mentored"] is True
    assert issues[0]["reasons"][0] == "mentored: labelled 'mentored'"
    scores = [i["score"] for i in issues]
    assert scores == sorted(scores, reverse=True)
    for issue in issues:
        assert 1 <= len(issue["reasons"]) <= 2
        assert not any(r.startswith(("matches your", "does not obviously match", "opened ")) for r in issue["reasons"])


def test_issues_json_matches_its_schema_and_keeps_titles_as_data(built: Built) -> None:
    data = json.loads(built.read("issues.json"))
    jsonschema.validate(data, json.loads(built.read("issues.schema.json")))
    assert EVIL_TITLE in [i["title"] for i in data["issues"]]
    by_title = {i["title"]: i for i in data["issues"]}
    assert by_title["Redesign the help page colours"]["kinds"] == ["design"]
    assert by_title["Add tests for the flag parser"]["difficulty"] == "medium"
    assert by_title["Redesign the plugin loader"]["difficulty"] == "hard"
    assert by_title["Update the load_config docstring"]["area"] == "Documentation"
    assert by_title["Rust only issue"]["area"] == "Systems"
    assert by_title["Rename an old helper"]["fresh"] is False
    assert {p["repo"]: p["grade"] for p in data["projects"]}["gopher/tool"] in ("A", "B", "C", "D")


def test_the_hostile_title_is_inert_everywhere(built: Built) -> None:
    for page in (*PAGES, "feed.xml", "projects/acme.widgets.xml"):
        text = built.read(page)
        assert "<script>alert" not in text
        assert "<img src=x" not in text
        assert "49" not in re.findall(r"\d+", text.split("{{ 7*7 }}")[0][-20:])  # Jinja never evaluated it
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in built.read("index.html")
    assert "{{ 7*7 }}" in built.read("index.html")
    feed = ET.fromstring(built.read("projects/acme.widgets.xml"))
    assert any(EVIL_TITLE in (e.findtext(f"{ATOM}title") or "") for e in feed.iter(f"{ATOM}entry"))


def test_pages_are_safe_by_construction(built: Built) -> None:
    for page in PAGES:
        html = built.read(page)
        csp = "default-src &#39;none&#39;; script-src &#39;self&#39;"
        assert f'<meta http-equiv="Content-Security-Policy" content="{csp}' in html
        tags = _tags(html)
        assert [a for _, a in tags if any(k.startswith("on") for k in a)] == [], "inline event handler"
        assert [a for t, a in tags if t == "script" and "src" not in a] == [], "inline script"
        assert [a for t, a in tags if t == "style" or "style" in a] == [], "inline style"
        for tag, attrs in tags:
            if tag == "a" and (attrs.get("href") or "").startswith("http"):
                assert attrs.get("rel") == "noopener", attrs
            if tag in ("script", "link", "img"):
                assert not (attrs.get("src") or attrs.get("href") or "").startswith(("http", "//")), attrs
    script = built.read("filter.js")
    assert "innerHTML" not in script and "insertAdjacentHTML" not in script and "eval(" not in script
    assert "textContent" in script


def test_the_index_works_without_javascript(built: Built) -> None:
    html = built.read("index.html")
    assert '<form id="filters" class="filters" hidden' in html  # shown by the script only
    for anchor in ("g-documentation", "g-python", "g-systems"):
        assert f'href="#{anchor}"' in html
        assert f'id="{anchor}"' in html


def test_the_project_list_counts_one_issue_as_one(built: Built) -> None:
    html = built.read("index.html")
    assert "crab/shell</a> 1 issue, grade" in html and "5 issues, grade" in html and "1 issues" not in html


def test_project_pages_show_issues_audit_start_and_numbers(built: Built) -> None:
    page = built.read("projects/gopher.tool.html")
    assert "https://github.com/gopher/tool/blob/HEAD/CONTRIBUTING.md" in page
    assert "@maintainer" in page
    assert "Response time</dt><dd>Maintainers answered 8 of 8 issues" in page
    assert "Retention</dt>" in page
    assert re.search(r"Grade <strong class=\"grade\">[A-D]</strong> \(\d+ of 100\)", page)
    assert page.count('<li><strong>') == 3  # the top three fixes
    assert "Fix the crash on empty input" in page


def test_feeds_are_atom_with_the_newest_issues(built: Built) -> None:
    feed = ET.fromstring(built.read("feed.xml"))
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}id") == "https://acme.example.org/portal/"
    entries = list(feed.iter(f"{ATOM}entry"))
    assert len(entries) == 13
    published = [e.findtext(f"{ATOM}published") for e in entries]
    assert published == sorted(published, reverse=True)
    project = ET.fromstring(built.read("projects/gopher.tool.xml"))
    assert [e.findtext(f"{ATOM}id") for e in project.iter(f"{ATOM}entry")] == [
        "https://github.com/gopher/tool/issues/13", "https://github.com/gopher/tool/issues/15",
        "https://github.com/gopher/tool/issues/14"]


def test_requests_are_bounded_and_reported(built: Built) -> None:
    match = re.search(r"\| GitHub requests \| (\d+) of max_requests 900 \(0 answered from the cache by ETag, "
                      r"costing no quota\) \|", built.summary)
    assert match, built.summary
    # 2 searches + 1 repository batch + 1 for the archived repository listed + about 3 per audit
    assert int(match.group(1)) <= 4 + 3 * 5


def test_past_the_budget_audits_stop_and_the_site_is_still_built(tmp_path) -> None:
    site = build_community(tmp_path, "max_requests = 10\n" + COMMUNITY)
    assert site.result.exit_code == 0, site.result.output
    assert "Warning: stopped auditing at the budget (max_requests 10, max_points 900)" in site.result.output
    data = json.loads((site.output / "issues.json").read_text())
    assert len(data["issues"]) == 13
    assert any(p["grade"] is None for p in data["projects"])
    assert re.search(r"\| GitHub requests \| (\d+) of", site.summary)
    assert int(re.search(r"\| GitHub requests \| (\d+) of", site.summary).group(1)) <= 10


def test_a_directory_it_did_not_write_is_never_replaced(tmp_path, fake_github) -> None:
    (tmp_path / "c.toml").write_text(COMMUNITY)
    mine = tmp_path / "site"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me")
    result = run_site(fake_github.rest_url, "--config", str(tmp_path / "c.toml"), "--output", str(mine), "--no-cache")
    assert result.exit_code == 2
    assert result.output == f"Error: {mine} is not empty and was not written by ossmatch site; choose a new directory\n"
    assert (mine / "notes.txt").read_text() == "keep me"


def test_a_rebuild_replaces_the_previous_build(tmp_path) -> None:
    first = build_community(tmp_path)
    (first.output / "stale.html").write_text("old")
    again = build_community(tmp_path)
    assert again.result.exit_code == 0, again.result.output
    assert not (again.output / "stale.html").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []


def test_an_organisation_is_searched_as_a_whole(tmp_path) -> None:
    site = build_community(tmp_path, 'name = "Gophers"\norganizations = ["gopher", "old"]\n')
    assert site.result.exit_code == 0, site.result.output
    data = json.loads((site.output / "issues.json").read_text())
    assert {i["repo"] for i in data["issues"]} == {"gopher/tool"}  # old/archived is archived
    assert [p["repo"] for p in data["projects"]] == ["gopher/tool"]
    assert int(re.search(r"\| GitHub requests \| (\d+) of", site.summary).group(1)) <= 2 + 1 + 3


def test_without_a_token_it_builds_from_rest_search_and_says_what_is_missing(tmp_path, fake_github) -> None:
    from site_worlds import community_world

    community_world(fake_github.world)
    (tmp_path / "c.toml").write_text(COMMUNITY)
    result = run_site(fake_github.rest_url, "--config", str(tmp_path / "c.toml"), "--output", str(tmp_path / "site"),
                      "--no-cache", token="")
    assert result.exit_code == 0, result.output
    warning = "Warning: no GitHub token: fewer signals and no audits; set GITHUB_TOKEN for the full portal"
    assert warning in result.output
    data = json.loads((tmp_path / "site" / "issues.json").read_text())
    titles = [i["title"] for i in data["issues"]]
    assert "Update the load_config docstring" in titles
    assert "Archived issue" not in titles and "Taken already" not in titles
    assert all(p["grade"] is None for p in data["projects"])


def test_topics_bring_in_the_repositories_tagged_with_them(tmp_path) -> None:
    site = build_community(tmp_path, 'name = "Docs lovers"\ntopics = ["documentation"]\naudit = false\n')
    assert site.result.exit_code == 0, site.result.output
    data = json.loads((site.output / "issues.json").read_text())
    assert {p["repo"] for p in data["projects"]} == {"acme/widgets"}  # the one repository with that topic
    assert "Update the load_config docstring" in [i["title"] for i in data["issues"]]
    # 1 repository search, the 2 issue searches in one document, 1 repository batch
    assert re.search(r"\| GitHub requests \| 3 of", site.summary), site.summary


def test_searches_stop_at_their_share_of_the_budget_and_say_so(tmp_path) -> None:
    many = ", ".join(f'"acme/extra-{n}"' for n in range(20))
    config = COMMUNITY.replace('repositories = ["acme/widgets",',
                               f'max_requests = 10\nmax_points = 35\nrepositories = ["acme/widgets", {many},')
    site = build_community(tmp_path, config)
    assert site.result.exit_code == 0, site.result.output
    # a search page costs about 7 points since 2026 (assignees, blockers, mentions): 35 * 0.6 // 7 = 3
    assert ("Warning: only 3 of 14 searches fit the budget (max_requests 10, max_points 35): the repositories "
            "listed last were not searched") in site.result.output
    assert "acme/widgets" in [p["repo"] for p in json.loads((site.output / "issues.json").read_text())["projects"]]
