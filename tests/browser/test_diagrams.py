"""Diagrams a reader can read (issue 14): every label at 12 CSS px or more on a phone and on a laptop, in both
palettes, with and without JavaScript; a diagram wider than that scrolls in its own box, never the page.

The label size is measured as a reader gets it: each label's font size times the scale the SVG is drawn at
(the text's screen transform), on every built page that has a diagram.
"""

from __future__ import annotations

import pytest

from sitebrowser import open_page

SCHEMES = ["light", "dark"]
# The bar the issue sets, written out here rather than imported: lowering the build's own floor must fail this.
READABLE_LABEL_PX = 12
WIDTHS = {"phone": {"width": 390, "height": 844}, "laptop": {"width": 1280, "height": 900}}

# Per diagram on the page: its smallest label in CSS px, how its box scrolls, and whether the hint shows.
# diagrams.js reads sizes in a ResizeObserver, whose first report comes with the first frame after layout.
SETTLED = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"

MEASURE = """() => {
  const smallestLabel = (root) => {
    let smallest = Infinity;
    for (const box of root.querySelectorAll("foreignObject, text")) {
      const m = box.getScreenCTM();
      const texts = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
      for (let t; (t = texts.nextNode()); ) {
        if (t.data.trim()) smallest = Math.min(smallest, parseFloat(getComputedStyle(t.parentElement).fontSize) * Math.hypot(m.a, m.b));
      }
    }
    return smallest;
  };
  return {
    pageScrolls: document.documentElement.scrollWidth > innerWidth,
    diagrams: [...document.querySelectorAll(".guide-diagram")].map((figure) => {
      const scroller = figure.querySelector(".guide-diagram__scroll");
      const button = figure.querySelector(".guide-diagram__full");
      return {
        name: scroller.getAttribute("aria-label"),
        label: smallestLabel(figure.querySelector(".mermaid").shadowRoot),
        scrolls: scroller.scrollWidth > scroller.clientWidth + 1,
        hint: figure.querySelector(".guide-diagram__hint").getBoundingClientRect().height > 0,
        button: button ? !button.hidden : null,
      };
    }),
  };
}"""


@pytest.fixture(scope="module")
def diagram_pages(built_site) -> list[str]:
    """URL paths of every built page with a diagram (so pages added later are measured too)."""
    pages = []
    for html in sorted(built_site.rglob("*.html")):
        if 'class="guide-diagram"' in html.read_text(encoding="utf-8"):
            folder = html.parent.relative_to(built_site).as_posix()
            pages.append("" if folder == "." else folder + "/")
    assert {"choose/", "learn/basics/", "learn/multi-gpu/"} <= set(pages), pages
    return pages


def measure_all(browser, site_url, pages, **options) -> dict[str, dict]:
    context, page, watch = open_page(browser, **options)
    try:
        found = {}
        for path in pages:
            page.goto(site_url + path, wait_until="load")
            if options.get("javascript", True):  # with scripts off, no frame callback ever runs
                page.evaluate(SETTLED)
            found[path] = page.evaluate(MEASURE)
    finally:
        context.close()
    assert watch.page_errors == [], watch.page_errors
    return found


def problems(found: dict[str, dict], *, with_script: bool) -> list[str]:
    wrong = []
    for path, result in found.items():
        if result["pageScrolls"]:
            wrong.append(f"/{path}: the page scrolls sideways")
        for d in result["diagrams"]:
            where = f"/{path} {d['name']}"
            if d["label"] < READABLE_LABEL_PX:
                wrong.append(f"{where}: smallest label {d['label']:.2f} px")
            if d["hint"] != d["scrolls"]:
                wrong.append(f"{where}: box scrolls {d['scrolls']}, hint shown {d['hint']}")
            if with_script and d["button"] != d["scrolls"]:
                wrong.append(f"{where}: box scrolls {d['scrolls']}, full-screen button shown {d['button']}")
    return wrong


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_every_diagram_label_is_readable(browser, site_url, diagram_pages, width, scheme):
    found = measure_all(browser, site_url, diagram_pages, viewport=WIDTHS[width], color_scheme=scheme)
    assert problems(found, with_script=True) == []
    if width == "phone":  # the Choose page's flowchart is far wider than a phone: it must scroll, not shrink
        assert found["choose/"]["diagrams"][0]["scrolls"]


@pytest.mark.parametrize("width", WIDTHS)
def test_diagrams_are_readable_without_javascript(browser, site_url, diagram_pages, width):
    found = measure_all(browser, site_url, diagram_pages, viewport=WIDTHS[width], javascript=False)
    assert problems(found, with_script=False) == []
    assert all(d["button"] is None for result in found.values() for d in result["diagrams"])


def test_a_wide_diagram_starts_at_its_root_and_scrolls_by_keyboard(browser, site_url):
    context, page, watch = open_page(browser, viewport=WIDTHS["phone"])
    try:
        page.goto(site_url + "choose/", wait_until="load")
        page.evaluate(SETTLED)
        scroller = page.locator(".guide-diagram__scroll").first
        root = scroller.locator(".mermaid g.node").first  # the tree's first node, "Choose an LLM inference engine"
        box, node = scroller.bounding_box(), root.bounding_box()
        assert box["x"] <= node["x"] and node["x"] + node["width"] <= box["x"] + box["width"], (box, node)
        before = scroller.evaluate("(e) => e.scrollLeft")
        scroller.focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_function("([e, x]) => e.scrollLeft > x", arg=[scroller.element_handle(), before])
    finally:
        context.close()
    assert watch.page_errors == []


@pytest.mark.parametrize("width", WIDTHS)
def test_full_screen_shows_the_flowchart_readably(browser, site_url, width):
    context, page, watch = open_page(browser, viewport=WIDTHS[width])
    try:
        page.goto(site_url + "choose/", wait_until="load")
        page.get_by_role("button", name="Full screen").first.click()
        page.wait_for_function("() => document.fullscreenElement?.matches('.guide-diagram')")
        inside = page.evaluate(MEASURE)["diagrams"][0]
        page.get_by_role("button", name="Exit full screen").click()
        page.wait_for_function("() => document.fullscreenElement === null")
    finally:
        context.close()
    assert watch.page_errors == []
    assert inside["label"] >= READABLE_LABEL_PX, inside
    # A phone still scrolls sideways inside the full-screen box (the tree is wider than any phone at 12 px).
    if width == "phone":
        assert inside["scrolls"], inside
