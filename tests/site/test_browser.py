"""The portal in a real headless Chromium (Debian's package) driven by Playwright.

The site is served over HTTP on 127.0.0.1 so its Content-Security-Policy applies as on GitHub
Pages. Screenshots at 375 and 1280 px are written to ``build/site-screenshots/`` for the record.
"""

from __future__ import annotations

import functools
import json
import threading
import time
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from site_helpers import Built

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
#: The flags this machine needs: no sandbox as root, no GPU, and nothing that phones home.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]
AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "build" / "site-screenshots"
#: axe-core rule tags: WCAG 2.0-2.2 A and AA, plus best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        return None


@pytest.fixture(scope="module")
def served(built: Built) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(built.output)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A fresh profile directory each run, so Chromium never reaches for the network's services."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium (see README's test command)", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=CHROMIUM, headless=True,
            args=CHROMIUM_ARGS, viewport={"width": 1280, "height": 900})
        yield context
        context.close()


class Watched:
    """A page with every console error, page error, failed or foreign request recorded."""

    def __init__(self, page: Any, origin: str) -> None:
        self.page = page
        self.errors: list[str] = []
        self.foreign: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("requestfailed", lambda r: self.errors.append(f"failed: {r.url}"))
        page.on("request", lambda r: None if r.url.startswith(origin) else self.foreign.append(r.url))

    def _console(self, message: Any) -> None:
        """Record console errors; the CSP refusing an eval that the driver itself injected (no source URL:
        seen under load from Playwright's own helpers) is the CSP working, not an error of our files."""
        if message.type != "error":
            return
        if "unsafe-eval" in message.text and not (message.location or {}).get("url"):
            return
        self.errors.append(message.text)


@pytest.fixture
def open_page(browser: Any, served: str) -> Iterator[Any]:
    pages: list[Any] = []

    def opener(path: str = "index.html", width: int = 1280, scheme: str = "light") -> Watched:
        page = browser.new_page()
        page.set_viewport_size({"width": width, "height": 900})
        page.emulate_media(color_scheme=scheme)
        watched = Watched(page, served)
        page.goto(served + path)
        page.wait_for_load_state("load")
        pages.append(page)
        return watched

    yield opener
    for page in pages:
        page.close()


def _wait_until(page: Any, predicate: str, seconds: float = 5.0) -> None:
    """Poll ``predicate`` (a function source) from the driver: Playwright's own ``wait_for_function``
    evaluates strings inside the page, which our CSP (no 'unsafe-eval') rightly refuses."""
    deadline = time.monotonic() + seconds
    while not page.evaluate(predicate):
        assert time.monotonic() < deadline, f"timed out waiting for {predicate}"
        time.sleep(0.02)


def _visible_titles(page: Any) -> list[str]:
    return page.eval_on_selector_all("li.i:not([hidden]) h3", "els => els.map(e => e.textContent)")


def _issues(built: Built) -> list[dict[str, Any]]:
    return json.loads(built.read("issues.json"))["issues"]


def test_the_index_loads_with_no_console_error_and_nothing_from_elsewhere(open_page) -> None:
    watched = open_page()
    page = watched.page
    assert page.is_visible("#filters")  # the script ran and showed the filters
    assert page.text_content("#count") == "Showing 13 of 13 issues"
    assert watched.errors == []
    assert watched.foreign == []


@pytest.mark.parametrize(("control", "value", "keep"), [
    ("#f-language", "Go", lambda i: i["language"] == "Go"),
    ("#f-area", "Documentation", lambda i: i["area"] == "Documentation"),
    ("#f-kind", "design", lambda i: "design" in i["kinds"]),
    ("#f-kind", "docs", lambda i: "docs" in i["kinds"]),
    ("#f-difficulty", "medium", lambda i: i["difficulty"] == "medium"),
    ("#f-mentored", True, lambda i: i["mentored"]),
    ("#f-fresh", True, lambda i: i["fresh"]),
    ("#f-q", "DOCSTRING", lambda i: "docstring" in i["title"].lower()),
    ("#f-q", "misc/var", lambda i: i["repo"] == "misc/variants"),
    ("#f-q", "<script>", lambda i: "<script>" in i["title"]),
])
def test_each_filter_narrows_the_list_to_exactly_the_matching_issues(
        open_page, built: Built, control: str, value: Any, keep: Any) -> None:
    watched = open_page()
    page = watched.page
    if value is True:
        page.check(control)
    elif control == "#f-q":
        page.fill(control, value)
    else:
        page.select_option(control, value)
    expected = [i["title"] for i in _issues(built) if keep(i)]
    assert 0 < len(expected) < 13
    assert sorted(_visible_titles(page)) == sorted(expected)
    assert page.text_content("#count") == f"Showing {len(expected)} of 13 issues"
    page.click("button[type=reset]")
    _wait_until(page, "() => document.querySelectorAll('li.i[hidden]').length === 0")
    assert watched.errors == []


def test_filters_combine_and_empty_groups_hide(open_page, built: Built) -> None:
    page = open_page().page
    page.select_option("#f-language", "Python")
    page.check("#f-fresh")
    expected = [i["title"] for i in _issues(built) if i["language"] == "Python" and i["fresh"]]
    assert sorted(_visible_titles(page)) == sorted(expected)
    assert page.is_hidden("#g-systems")


def test_keyboard_alone_reaches_every_control_with_a_visible_focus(open_page) -> None:
    page = open_page().page
    controls = page.eval_on_selector_all(
        "a[href], input, select, button", "els => els.map(e => e.id || e.getAttribute('href'))")
    reached: list[str] = []
    outlines: dict[str, str] = {}
    for _ in range(len(controls) + 5):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => { const e = document.activeElement; const s = getComputedStyle(e);
                       const name = e.id || e.getAttribute('href') || e.tagName;
                       return [name, s.outlineStyle + ' ' + s.outlineWidth]; }""")
        reached.append(focused[0])
        outlines[focused[0]] = focused[1]
    assert set(controls) <= set(reached), set(controls) - set(reached)
    assert None not in controls
    for control in ("f-q", "f-language", "f-mentored", "f-reset", "#main"):
        assert outlines[control].startswith("solid 3px"), (control, outlines[control])
    # Space toggles a checkbox, arrows change a select: the filters work from the keyboard.
    page.focus("#f-mentored")
    page.keyboard.press("Space")
    assert page.text_content("#count") == "Showing 1 of 13 issues"


@pytest.mark.parametrize("path", ["index.html", "projects/gopher.tool.html", "projects/acme.widgets.html"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_or_critical_violation(open_page, path: str, scheme: str) -> None:
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: npm ci --prefix tests/site", pytrace=False)
    page = open_page(path, scheme=scheme).page
    page.evaluate(AXE.read_text(encoding="utf-8"))  # evaluated by the driver: the page's CSP still holds
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
               for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []
    assert len(result["passes"]) > 20  # it really ran: colour contrast, labels, landmarks ...
    assert "color-contrast" in {p["id"] for p in result["passes"]}


def test_the_csp_blocks_inline_script_and_other_origins(open_page) -> None:
    watched = open_page()
    page = watched.page
    page.evaluate("""() => {
        window.__violations = [];
        document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective));
        const s = document.createElement('script'); s.textContent = 'window.__ran = true;';
        document.body.appendChild(s);
        const img = document.createElement('img'); img.src = 'https://example.org/pixel.png';
        document.body.appendChild(img);
    }""")
    _wait_until(page, "() => window.__violations.length >= 2")
    assert page.evaluate("window.__ran === undefined")
    assert sorted(page.evaluate("window.__violations")) == ["img-src", "script-src-elem"]
    assert watched.foreign == ["https://example.org/pixel.png"]  # attempted by our probe, and refused


def test_without_javascript_the_list_and_anchors_still_work(browser: Any, served: str) -> None:
    context = browser.browser
    assert context is None or context  # persistent context: a second context would need a new profile
    page = browser.new_page()
    try:
        page.route("**/filter.js", lambda route: route.abort())  # as with scripts switched off
        page.goto(served + "index.html")
        assert page.is_hidden("#filters")
        assert page.locator("li.i").count() == 13
        page.click("a[href='#g-systems']")
        assert page.url.endswith("#g-systems")
        assert page.evaluate("document.querySelector('#g-systems').getBoundingClientRect().top") < 50
    finally:
        page.close()


@pytest.mark.parametrize("width", [320, 375, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_layout_fits_from_320_px_and_screenshots_are_kept(open_page, width: int, scheme: str) -> None:
    page = open_page(width=width, scheme=scheme).page
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    if width in (375, 1280):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shot = SCREENSHOTS / f"index-{width}-{scheme}.png"
        page.screenshot(path=str(shot), full_page=width == 375)
        assert shot.stat().st_size > 10_000
