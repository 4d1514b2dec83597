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

import hashlib
import html
import os
import re
import shutil
from pathlib import Path

from guide.atomic import write_text_atomic

ROOT = Path(__file__).resolve().parents[2]
MERMAID_JS = ROOT / "docs" / "assets" / "vendor" / "mermaid" / "mermaid.min.js"
CACHE_DIR = ROOT / ".cache" / "diagrams"
# mermaid2's fence writes `<pre  class="mermaid"><code>` (two spaces when there is no id).
BLOCK = re.compile(r'<pre\s+class="mermaid"><code>(.*?)</code></pre>', re.S)
VIEWBOX = re.compile(r'<svg[^>]*?\sviewBox="[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+)"')
# Material's themeCSS for mermaid: the one string literal in its bundle that starts like this.
THEME_CSS = re.compile(r'"(\.node circle,[^"]+)"')
# What Material passes to mermaid.initialize (bundle, function that loads mermaid).
RENDER = """async ([id, source, themeCSS]) => {
  if (!window.__ready) {
    mermaid.initialize({ startOnLoad: false, themeCSS,
      sequence: { actorFontSize: "16px", messageFontSize: "16px", noteFontSize: "16px" } });
    window.__ready = true;
  }
  return (await mermaid.render(id, source)).svg;
}"""


class DiagramError(Exception):
    pass


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
        return BLOCK.sub(lambda m: self._figure(html.unescape(m.group(1)).strip()), page_html)

    def _figure(self, source: str) -> str:
        svg = self.svg(source)
        # The box takes the SVG's shape before it is laid out: with content-visibility (guide.css)
        # an off-screen diagram then costs no layout work and still moves nothing when drawn.
        size = VIEWBOX.search(svg)
        style = f' style="aspect-ratio: {size[1]} / {size[2]}; max-width: {size[1]}px"' if size else ""
        return f'<div class="mermaid"{style}><template shadowrootmode="open">{svg}</template></div>'

    def svg(self, source: str) -> str:
        key = hashlib.sha256((self.version + source).encode()).hexdigest()[:16]
        cached = CACHE_DIR / f"{key}.svg"
        if cached.exists():
            return cached.read_text()
        svg = self._draw(f"mermaid-{key}", source)
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        write_text_atomic(cached, svg)  # two builds at once never read half a file
        return svg

    def _draw(self, diagram_id: str, source: str) -> str:
        from playwright.sync_api import Error

        page = self._open()
        try:
            return page.evaluate(RENDER, [diagram_id, source, self.theme_css])
        except Error as error:
            raise DiagramError(f"mermaid cannot draw this diagram: {str(error).splitlines()[0]}\n{source}") from None

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
