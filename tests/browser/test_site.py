"""What a reader sees in headless Chromium: the flowchart drawn, the table complete, nothing off-site."""

from __future__ import annotations

import pytest

from sitebrowser import open_page
from guide.sitedata import load_site_data
from guide.views import recommendation_name

SITE = load_site_data()

# Node fill and label colour for every flowchart node, read from inside the shadow root the build wrote.
READ_NODES = """
(host) => {
  const root = host.shadowRoot;
  const parse = (c) => (c.match(/[\\d.]+/g) || []).slice(0, 3).map(Number);
  return [...root.querySelectorAll("g.node")].map((node) => {
    const shape = node.querySelector("rect, polygon, path, circle");
    const label = node.querySelector(".nodeLabel") || node.querySelector("text");
    return {
      text: (label ? label.textContent : node.textContent).trim(),
      fill: parse(getComputedStyle(shape).fill),
      color: parse(getComputedStyle(label).color || getComputedStyle(label).fill),
    };
  });
}
"""


def luminance(rgb):
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = map(channel, rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b):
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def rendered_flowchart(page, site_url):
    page.goto(site_url + "choose/")
    return page.locator(".mermaid").first.evaluate(READ_NODES)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_flowchart_renders_every_leaf_readably(browser, site_url, scheme):
    context, page, watch = open_page(browser, color_scheme=scheme)
    try:
        nodes = rendered_flowchart(page, site_url)
        texts = " ".join(n["text"] for n in nodes)
        for node in SITE.tree["nodes"]:
            if node["type"] == "leaf":
                for rec in node["recommend"]:
                    assert recommendation_name(SITE, rec) in texts
        assert len(nodes) == len(SITE.tree["nodes"])
        for node in nodes:
            ratio = contrast(node["fill"], node["color"])
            assert ratio >= 4.5, f"{scheme}: '{node['text']}' label contrast {ratio:.2f}:1"
        assert watch.console_errors == [] and watch.page_errors == []
    finally:
        context.close()
    assert watch.foreign_requests() == []


def test_compare_page_lists_every_engine(browser_page, site_url):
    page, watch = browser_page
    page.goto(site_url + "compare/")
    page.wait_for_load_state("networkidle")
    names = page.locator("table a[href*='engines/']").all_inner_texts()
    assert sorted(names) == sorted(e["name"] for e in SITE.engines)
    assert watch.console_errors == [] and watch.page_errors == []


def test_engine_page_shows_facts_and_sources(browser_page, site_url):
    page, watch = browser_page
    page.goto(site_url + "engines/vllm/")
    assert page.get_by_role("heading", level=1).inner_text().rstrip("¶") == "vLLM"
    assert page.get_by_role("heading", name="Sources").is_visible()
    assert page.locator("a[href^='https://github.com/vllm-project/vllm']").count() >= 1
