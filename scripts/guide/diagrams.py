"""Mermaid diagrams drawn at build time, so readers download no mermaid JavaScript.

The Markdown keeps the Mermaid source as the single truth. At build time each
`<pre class="mermaid"><code>` block is drawn by the vendored mermaid.min.js in headless
Chromium, exactly as Material would draw it in the reader's browser (same mermaid
settings, same theme CSS taken from Material's bundle), and replaced by the SVG inside a
declarative shadow root: `<div class="mermaid"><template shadowrootmode="open">`. The
theme CSS styles the diagram through Material's `--md-mermaid-*` variables, so one SVG
follows the light and dark palettes. Drawn SVGs are cached by content hash in `.cache/`.

Measured with `make audit` (README, "Quality audit"): runtime mermaid cost the Choose page
about 35 Lighthouse performance points on mobile; the inline SVG costs none.
"""

from __future__ import annotations

import dataclasses
import hashlib
import html
import itertools
import json
import math
import os
import re
import shutil
from pathlib import Path

from guide.atomic import write_text_atomic

ROOT = Path(__file__).resolve().parents[2]
MERMAID_JS = ROOT / "docs" / "assets" / "vendor" / "mermaid" / "mermaid.min.js"
CACHE_DIR = ROOT / ".cache" / "diagrams"
# The small script of a page with diagrams, inlined: a separate file was one more request before the largest
# paint, which Lighthouse counts against it, for 1.6 KB.
SCRIPT = Path(__file__).with_name("diagrams.js")
# mermaid2's fence writes `<pre  class="mermaid"><code>` (two spaces when there is no id).
BLOCK = re.compile(r'<pre\s+class="mermaid"><code>(.*?)</code></pre>', re.S)
VIEWBOX = re.compile(r'<svg[^>]*?\sviewBox="[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+)"')
# Material's themeCSS for mermaid: the one string literal in its bundle that starts like this.
THEME_CSS = re.compile(r'"(\.node circle,[^"]+)"')
# What Material passes to mermaid.initialize (bundle, function that loads mermaid). Then, in the same page:
# the smallest label's font size in the SVG's own units (the reader's CSS sets the drawn scale from it), where
# the first node is, and the SVG without what no reader uses: style rules that match none of its elements
# (mermaid ships the CSS of every diagram type), base64 copies of the edge points, coordinates past two
# decimals (together 40-60 % of its bytes), empty edge labels and unused arrowheads (a fifth of its elements).
RENDER = """async ([id, source, themeCSS]) => {
  if (!window.__ready) {
    mermaid.initialize({ startOnLoad: false, themeCSS,
      sequence: { actorFontSize: "16px", messageFontSize: "16px", noteFontSize: "16px" } });
    window.__ready = true;
  }
  const host = document.createElement("div");
  host.innerHTML = (await mermaid.render(id, source)).svg;
  document.body.append(host);
  const svg = host.firstElementChild;
  const toSvgUnits = svg.getScreenCTM().inverse();
  let labelPx = Infinity;
  for (const box of svg.querySelectorAll("foreignObject, text")) {
    const m = toSvgUnits.multiply(box.getScreenCTM());
    const texts = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
    for (let t; (t = texts.nextNode()); ) {
      if (t.data.trim()) labelPx = Math.min(labelPx, parseFloat(getComputedStyle(t.parentElement).fontSize) * Math.hypot(m.a, m.b));
    }
  }
  // Edge labels without text and arrowheads no edge points to: elements that draw nothing (and DOM size).
  for (const label of svg.querySelectorAll("g.edgeLabel")) if (!label.textContent.trim()) label.remove();
  const pointedTo = svg.innerHTML;
  for (const marker of svg.querySelectorAll("marker[id]")) if (!pointedTo.includes(`url(#${marker.id})`)) marker.remove();
  // A selector matches if it does once state and pseudo-elements (:hover, ::before) are set aside.
  const bare = (selector) => selector.replace(/::?[\\w-]+(\\((?:[^()]|\\([^()]*\\))*\\))?/g, "").trim() || "*";
  const used = (selector) => { try { return host.querySelector(bare(selector)) !== null; } catch { return true; } };
  for (const style of svg.querySelectorAll("style")) {
    style.textContent = [...style.sheet.cssRules]
      .filter((rule) => !(rule instanceof CSSStyleRule) || rule.selectorText.split(",").some(used))
      .map((rule) => rule.cssText).join("");
  }
  for (const node of svg.querySelectorAll("[data-points]")) node.removeAttribute("data-points");
  for (const node of svg.querySelectorAll("[d], [points], [transform]")) {
    for (const name of ["d", "points", "transform"]) {
      const value = node.getAttribute(name);
      if (value) node.setAttribute(name, value.replace(/(\\.\\d\\d)\\d+/g, "$1"));
    }
  }
  // Where the first node (a tree's root) sits across the width: a box that scrolls starts there.
  const [whole, first] = [svg, svg.querySelector("g.node") || svg].map((e) => e.getBoundingClientRect());
  const start = (first.x + first.width / 2 - whole.x) / whole.width;
  const title = svg.querySelector(":scope > title");
  const drawing = { svg: host.innerHTML, labelPx: Number.isFinite(labelPx) ? labelPx : null, start, title: title ? title.textContent : "" };
  host.remove();
  return drawing;
}"""


# No label is drawn smaller than this many CSS px: a diagram wider than its column keeps this scale and
# scrolls sideways in its own box (guide.css) instead of shrinking further.
READABLE_LABEL_PX = 12


class DiagramError(Exception):
    pass


@dataclasses.dataclass(frozen=True)
class Drawing:
    svg: str
    width: float  # the viewBox, which is also the size mermaid means it to be drawn at, in CSS px
    height: float
    label_px: float | None  # the smallest label's font size at that size (None: a diagram without text)
    start: float  # the first node's centre, as a fraction of the width
    title: str  # accTitle, or ""

    def readable_width(self) -> int:
        """The narrowest the diagram may be drawn, in whole CSS px, with every label at READABLE_LABEL_PX or more."""
        if not self.label_px:
            return 0
        return math.ceil(self.width * READABLE_LABEL_PX / self.label_px)


def figure(drawing: Drawing, number: int) -> str:
    """The SVG in a box of its own, drawn at most at its natural size and at least at its readable width.

    A column narrower than that scrolls the box sideways, not the page. The box is focusable (the arrow keys
    scroll it) and named for screen readers, uniquely on the page. Its hint shows only when it scrolls
    (guide.css); the hint is visual, so screen readers skip it: they read the whole diagram anyway.
    diagrams.js starts a scrolling box at the first node and adds a full-screen button to the hint.
    """
    name = f"Diagram {number}: {drawing.title}" if drawing.title else f"Diagram {number}"
    # With content-visibility (guide.css), the box has the SVG's shape before the SVG is laid out.
    shape = f"aspect-ratio: {drawing.width:g} / {drawing.height:g}; max-width: {drawing.width:g}px"
    return (
        f'<div class="guide-diagram" data-start="{drawing.start:g}" style="--guide-diagram-readable: {drawing.readable_width()}px">'
        '<div class="guide-diagram__hint"><span aria-hidden="true">Scroll sideways to see it all.</span></div>'
        f'<div class="guide-diagram__scroll" role="region" tabindex="0" aria-label="{html.escape(name)}">'
        f'<div class="mermaid" style="{shape}"><template shadowrootmode="open">{drawing.svg}</template></div>'
        "</div></div>"
    )


def script_tag() -> str:
    """diagrams.js as an inline script, for the end of a page's content (after every diagram on it)."""
    script = SCRIPT.read_text(encoding="utf-8")
    if "</script" in script.lower() or "<!--" in script:
        raise DiagramError(f"{SCRIPT.name} cannot be inlined: it contains '</script' or '<!--'")
    code = "\n".join(line for line in script.splitlines() if not line.lstrip().startswith("//"))
    return f"<script>{code}</script>"


def chromium_executable() -> str | None:
    """CHROMIUM_PATH, else Debian's chromium, else a `chromium` on PATH, else None (a Playwright-managed browser)."""
    if os.environ.get("CHROMIUM_PATH"):
        return os.environ["CHROMIUM_PATH"]
    for candidate in ("/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if Path(candidate).exists():
            return candidate
    return shutil.which("chromium")


class DiagramRenderer:
    """Replaces every Mermaid block in a page's HTML with its SVG. Opens Chromium only on a cache miss."""

    def __init__(self, material_dir: Path):
        assets = material_dir / "templates" / "assets"
        bundle = next((assets / "javascripts").glob("bundle.*.min.js")).read_text()
        match = THEME_CSS.search(bundle)
        if not match:
            raise DiagramError("cannot find Material's mermaid theme CSS in its JS bundle (did Material change?)")
        self.theme_css = match.group(1)
        # Material's own stylesheets on the drawing page: labels are measured in the reader's fonts.
        self.page_css = "\n".join(p.read_text() for p in sorted((assets / "stylesheets").glob("*.min.css")))
        # Everything that shapes the drawing is in the cache key: mermaid, its theme, how it is called, Material's CSS.
        drawn_with = MERMAID_JS.read_bytes() + self.theme_css.encode() + RENDER.encode() + self.page_css.encode()
        self.version = hashlib.sha256(drawn_with).hexdigest()
        self._playwright = self._browser = self._page = None

    def replace_all(self, page_html: str) -> str:
        numbers = itertools.count(1)
        return BLOCK.sub(lambda m: figure(self.drawing(html.unescape(m.group(1)).strip()), next(numbers)), page_html)

    def drawing(self, source: str) -> Drawing:
        key = hashlib.sha256((self.version + source).encode()).hexdigest()[:16]
        cached = CACHE_DIR / f"{key}.json"
        if cached.exists():
            return Drawing(**json.loads(cached.read_text()))
        drawing = self._draw(f"mermaid-{key}", source)
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        write_text_atomic(cached, json.dumps(dataclasses.asdict(drawing)))  # two builds at once never read half a file
        return drawing

    def _draw(self, diagram_id: str, source: str) -> Drawing:
        from playwright.sync_api import Error

        page = self._open()
        try:
            drawn = page.evaluate(RENDER, [diagram_id, source, self.theme_css])
        except Error as error:
            raise DiagramError(f"mermaid cannot draw this diagram: {str(error).splitlines()[0]}\n{source}") from None
        size = VIEWBOX.search(drawn["svg"])
        if not size:
            raise DiagramError(f"mermaid drew this diagram without a viewBox, so its size is unknown:\n{source}")
        return Drawing(drawn["svg"], float(size[1]), float(size[2]), drawn["labelPx"], round(drawn["start"], 3), drawn["title"])

    def _open(self):
        if self._page is None:
            from playwright.sync_api import Error, sync_playwright

            self._playwright = sync_playwright().start()
            try:
                self._browser = self._playwright.chromium.launch(
                    executable_path=chromium_executable(), args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]
                )
            except Error as error:
                self.close()
                raise DiagramError(
                    "drawing Mermaid diagrams needs Chromium: run `make browser` or set CHROMIUM_PATH. "
                    + str(error).splitlines()[0]
                ) from None
            self._page = self._browser.new_page()
            self._page.set_content(f"<!doctype html><html><head><style>{self.page_css}</style></head><body></body></html>")
            self._page.add_script_tag(content=MERMAID_JS.read_text())
        return self._page

    def close(self) -> None:
        if self._browser is not None:
            self._browser.close()
        if self._playwright is not None:
            self._playwright.stop()
        self._playwright = self._browser = self._page = None
