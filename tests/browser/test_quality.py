"""Quality gates from issues 6 and 14: axe-core finds nothing on any page, no request leaves the site, mermaid costs
readers nothing.

`make audit` measures the rest (Lighthouse scores) and reports; these assertions hold on every run.
"""

from __future__ import annotations

import functools
import hashlib
import re
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

import material
import pytest

from audit import PAGES as AUDIT_PAGES
from audit.axe import axe_violations, describe
from sitebrowser import ROOT, open_page

PAGES = list(AUDIT_PAGES.values())
SCHEMES = ["light", "dark"]
MOBILE = {"width": 412, "height": 823}
MATERIAL_JS = Path(material.__file__).parent / "templates" / "assets" / "javascripts"


def load(page, url):
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")


def every_page(built_site: Path) -> list[str]:
    """URL paths of every HTML page the build wrote, so pages added later are checked too; 404.html has its
    own test below (its links only work under the deployed path)."""
    found = []
    for html in sorted(built_site.rglob("*.html")):
        if html.name == "404.html":
            continue
        relative = html.relative_to(built_site)
        found.append(relative.parent.as_posix() + "/" if html.name == "index.html" else relative.as_posix())
    return ["" if path == "./" else path for path in found]


# A page that draws its answer after loading its data (the calculator) marks itself ready: scan what readers see.
DRAWN = "() => [...document.querySelectorAll('.guide-calc')].every((box) => box.dataset.ready)"


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_finds_no_violations_on_any_page(browser, site_url, built_site, scheme, width):
    """Every built page, in one browser context per palette and width (reused from page to page to stay quick):
    on a phone, tables and diagrams scroll sideways, and a scrolling box needs keyboard access."""
    pages = every_page(built_site)
    assert set(PAGES) <= set(pages) and len(pages) > len(PAGES), pages
    context, page, watch = open_page(browser, color_scheme=scheme, viewport={"width": width, "height": 844})
    found = []
    try:
        for path in pages:
            page.goto(site_url + path, wait_until="load")
            page.wait_for_function(DRAWN)
            violations = axe_violations(page)
            if violations:
                found.append(f"/{path} ({scheme}, {width} px):\n{describe(violations)}")
    finally:
        context.close()
    assert found == [], "\n".join(found)
    assert watch.page_errors == [], watch.page_errors


@pytest.mark.parametrize("path", PAGES)
def test_no_request_leaves_the_site(browser, site_url, path):
    """Scrolled to the end on a phone-sized screen, so anything loaded lazily is loaded too."""
    context, page, watch = open_page(browser, viewport=MOBILE)
    try:
        load(page, site_url + path)
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        page.wait_for_timeout(500)
        page.wait_for_load_state("networkidle")
    finally:
        context.close()
    assert watch.foreign_requests() == []


# Layout shifts as the page loads and its scripts run, recorded from the first byte (buffered entries).
RECORD_SHIFTS = """
window.guideShifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (entry.hadRecentInput) continue;
    const moved = entry.sources.map((s) => (s.node && s.node.nodeType === 1 ? s.node.outerHTML.slice(0, 80) : String(s.node)));
    window.guideShifts.push([entry.value, moved]);
  }
}).observe({ type: "layout-shift", buffered: true });
"""


@pytest.mark.parametrize("path", PAGES)
def test_nothing_moves_while_the_page_loads(browser, site_url, path):
    """What scripts add (filters, the chooser's first question, the calculator's result) has its place in the
    HTML already: a phone reader starting to read sees nothing jump (Lighthouse's cumulative layout shift)."""
    context, page, watch = open_page(browser, viewport=MOBILE)
    try:
        page.add_init_script(RECORD_SHIFTS)
        load(page, site_url + path)
        page.wait_for_function(DRAWN)
        shifts = page.evaluate("new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(window.guideShifts))))")
    finally:
        context.close()
    assert sum(value for value, _ in shifts) < 0.01, shifts
    assert watch.page_errors == [], watch.page_errors


# Tables taken out of the page while it loads (Material does that to every table:not([class])).
RECORD_MOVED_TABLES = """
window.guideMovedTables = [];
new MutationObserver((records) => {
  for (const record of records) {
    for (const node of record.removedNodes) {
      if (node.nodeName === "TABLE" || (node.querySelector && node.querySelector("table"))) window.guideMovedTables.push(node.nodeName);
    }
  }
}).observe(document, { childList: true, subtree: true });
"""
START_STATE = """() => ({
  html: [...document.documentElement.classList].sort(),
  switching: document.body.hasAttribute("data-md-color-switching"),
  // The body's first script, and whether it comes before the header (and all content after it).
  firstScript: document.querySelector("body > script").textContent,
  beforeHeader: Boolean(document.querySelector("body > script").compareDocumentPosition(document.querySelector(".md-header")) & Node.DOCUMENT_POSITION_FOLLOWING),
  wrappers: document.querySelectorAll(".md-typeset__scrollwrap").length,
  tables: document.querySelectorAll("article table").length,
})"""


@pytest.mark.parametrize("path", ["hardware/", "compare/"])
def test_materials_start_up_restyles_the_page_as_little_as_it_can(browser, site_url, path):
    """Each change Material's script makes at start-up to <html>'s classes, to the body's palette mark, or to a
    table's place in the page restyles the whole page or table. The HTML says them first (overrides/main.html,
    guide/tables.py), so Material's changes change nothing: its classes are already there, its palette mark is
    set by the body's first script (Material only removes it), and no table is taken out and put back."""
    context, page, watch = open_page(browser, viewport=MOBILE)
    try:
        page.add_init_script(RECORD_MOVED_TABLES)
        load(page, site_url + path)
        page.wait_for_function("() => !document.body.hasAttribute('data-md-color-switching')")
        state = page.evaluate(START_STATE)
        moved = page.evaluate("window.guideMovedTables")
    finally:
        context.close()
    assert state["html"] == ["guide-js", "js", "js-focus-visible"], "Material gave <html> a class the head script does not set"
    assert "data-md-color-switching" in state["firstScript"] and state["beforeHeader"]
    assert state["tables"] >= 1 and state["wrappers"] == 0 and moved == [], moved
    assert watch.page_errors == [], watch.page_errors


def test_repo_link_has_no_live_star_fetch(built_site):
    """Material fetches stars from api.github.com for `data-md-component="source"`; ours is a plain link."""
    html = (built_site / "index.html").read_text()
    assert 'class="md-source"' in html
    assert 'data-md-component="source"' not in html


def pages_with_diagrams() -> set[str]:
    """URL paths of the pages whose Markdown has a Mermaid fence or the generated flowchart."""
    docs = ROOT / "docs"
    found = set()
    for md in docs.rglob("*.md"):
        text = md.read_text()
        if "```mermaid" in text or "<!-- guide:flowchart -->" in text:
            url = md.relative_to(docs).with_suffix("").as_posix()
            found.add("" if url == "index" else url.removesuffix("/index") + "/")
    return found


@pytest.fixture(scope="module")
def built_pages(built_site) -> dict[str, str]:
    pages = {}
    for html in built_site.rglob("index.html"):
        folder = html.parent.relative_to(built_site).as_posix()
        pages["" if folder == "." else folder + "/"] = html.read_text()
    return pages


def test_no_page_ships_mermaid(built_pages):
    """Diagrams are drawn at build time: no page loads mermaid, pages with diagrams carry inline SVG."""
    assert built_pages, "no pages built"
    for path, html in built_pages.items():
        assert "mermaid.min.js" not in html and not re.search(r"<script[^>]+mermaid", html), f"/{path} loads mermaid"
        assert not re.search(r'<pre\s+class="mermaid"', html), f"/{path} has an undrawn diagram"
    for path in pages_with_diagrams():
        assert re.search(r'<div class="mermaid"[^>]*><template shadowrootmode="open"><svg', built_pages[path]), path


# Script URLs and bytes the page fetched, from the Resource Timing API.
SCRIPTS = """() => performance.getEntriesByType("resource")
  .filter((e) => new URL(e.name).pathname.endsWith(".js"))
  .map((e) => [new URL(e.name).pathname, e.decodedBodySize])"""


@pytest.mark.parametrize("path", PAGES)
def test_no_mermaid_over_the_network(browser, site_url, path):
    """Material's bundle and the site's own scripts, all from assets/; never mermaid."""
    context, page, watch = open_page(browser)
    try:
        load(page, site_url + path)
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        page.wait_for_load_state("networkidle")
        scripts = dict(page.evaluate(SCRIPTS))
    finally:
        context.close()
    assert any(re.search(r"/bundle\.[0-9a-f]{8}\.min\.js$", s) for s in scripts), scripts
    assert not [s for s in scripts if "mermaid" in s], scripts
    assert all(s.startswith("/assets/") for s in scripts), scripts
    assert not [u for u in watch.requests if "mermaid" in u], "mermaid requested"


def test_material_bundle_is_unchanged(built_site):
    for shipped in (built_site / "assets" / "javascripts").rglob("*.min.js"):
        original = MATERIAL_JS / shipped.relative_to(built_site / "assets" / "javascripts")
        assert original.exists() and _sha(shipped) == _sha(original), f"{shipped.name} differs from Material's"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


EDGE_COLOUR = "() => getComputedStyle(document.querySelector('.mermaid').shadowRoot.querySelector('.flowchart-link')).stroke"


def test_diagram_is_drawn_without_javascript(browser, site_url):
    context, page, _ = open_page(browser, javascript=False)
    try:
        page.goto(site_url + "learn/basics/")
        nodes = page.evaluate("() => document.querySelector('.mermaid').shadowRoot.querySelectorAll('svg g.node').length")
    finally:
        context.close()
    assert nodes > 0


def test_one_diagram_svg_follows_both_palettes(browser, site_url):
    """The SVG is styled through Material's --md-mermaid-* variables, so its lines change with the palette."""
    strokes = []
    for scheme in SCHEMES:
        context, page, _ = open_page(browser, color_scheme=scheme)
        try:
            load(page, site_url + "learn/basics/")
            strokes.append(page.evaluate(EDGE_COLOUR))
        finally:
            context.close()
    assert strokes[0] != strokes[1], strokes


# -- 404 page: its links are absolute under site_url's path, so serve the site there.


class _Prefixed(SimpleHTTPRequestHandler):
    prefix = "/"

    def log_message(self, format, *args):
        pass

    def translate_path(self, path):
        return super().translate_path("/" + path[len(self.prefix) :] if path.startswith(self.prefix) else "/missing")

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def deployed_url(built_site):
    """The site served under site_url's path, with 404.html for anything missing, as GitHub Pages does."""
    prefix = urlparse(re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(), re.M).group(1)).path
    handler = type("Handler", (_Prefixed,), {"prefix": prefix})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(built_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("scheme", SCHEMES)
def test_404_page_is_styled_accessible_and_local(browser, deployed_url, scheme):
    context, page, watch = open_page(browser, color_scheme=scheme)
    failed = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 and r.request.resource_type != "document" else None)
    try:
        response = page.goto(deployed_url + "no-such-page/", wait_until="load")
        page.wait_for_load_state("networkidle")
        heading = page.locator("h1").first.inner_text()
        violations = axe_violations(page)
    finally:
        context.close()
    assert response.status == 404 and "404" in heading
    assert failed == [], "assets of the 404 page did not load"
    assert watch.foreign_requests() == []
    assert violations == [], describe(violations)
