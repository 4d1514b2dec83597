"""A reader's page for the chooser and table tests: opened through sitebrowser.open_page, checked on close.

On close it fails the test on any script error and on any request that left 127.0.0.1.
"""

from __future__ import annotations

from contextlib import contextmanager

from sitebrowser import open_page

# Text colour against the first opaque background behind an element, as a WCAG contrast ratio.
CONTRAST = """
(element) => {
  const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  let node = element, bg = [0, 0, 0, 0];
  while (node && (bg.length < 3 || bg[3] === 0)) {
    bg = rgb(getComputedStyle(node).backgroundColor);
    node = node.parentElement;
  }
  const lum = ([r, g, b]) => [r, g, b]
    .map((v) => v / 255)
    .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const [hi, lo] = [lum(rgb(getComputedStyle(element).color)), lum(bg)].sort((a, b) => b - a);
  return (hi + 0.05) / (lo + 0.05);
}
"""


@contextmanager
def reader(browser, url, **options):
    context, page, watch = open_page(browser, **options)
    try:
        page.goto(url)
        yield page
    finally:
        context.close()
    assert watch.page_errors == [], watch.page_errors
    assert watch.foreign_requests() == [], "requests left 127.0.0.1"


def contrast(locator) -> float:
    return locator.evaluate(CONTRAST)
