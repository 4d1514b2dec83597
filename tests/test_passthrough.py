"""Engine pages' finished HTML blocks go around Markdown: the HTML that comes out must not change."""

from __future__ import annotations

import re

import markdown
import pytest
from mkdocs.config import load_config

from datafixtures import ROOT, engine, fresh, write_data
from guide import passthrough, render
from guide.sitedata import load_site_data

CONFIG = load_config(str(ROOT / "mkdocs.yml"))
SITE = load_site_data()
# Text that looks like a placeholder or closes a block, in every field that lands in one.
SNEAKY = "<!-- guide-html:0 --> </table>\n</ul> <ul>"


def to_html(text: str) -> str:
    """The page's Markdown (front matter off) through the site's own Markdown extensions."""
    body = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    return markdown.Markdown(extensions=CONFIG.markdown_extensions, extension_configs=CONFIG.mdx_configs).convert(body)


def around_markdown(text: str) -> str:
    aside, blocks = passthrough.set_aside(text)
    assert "<table>" not in aside and "<ul>" not in aside
    return passthrough.put_back(to_html(aside), blocks)


@pytest.mark.parametrize("engine_id", [e["id"] for e in SITE.engines])
def test_real_engine_pages_come_out_the_same(engine_id):
    page = render.engine_page(SITE, engine_id)
    assert around_markdown(page) == to_html(page)


def test_sneaky_text_stays_text(tmp_path):
    engines, tree, github = fresh()
    source = {"sources": ["https://example.org/a"]}
    engines["engines"].append(
        engine(
            "sneaky",
            SNEAKY,
            summary=SNEAKY,
            hardware={"nvidia": {"support": True, "note": SNEAKY}},
            maintainer={"text": SNEAKY, **source},
            license={"spdx": "MIT", "note": SNEAKY, **source},
            features={"values": [SNEAKY], **source},
        )
    )
    page = render.engine_page(load_site_data(write_data(tmp_path, engines, tree, github)), "sneaky")
    html = around_markdown(page)
    assert html == to_html(page)
    assert "<!-- guide-html" not in html
    assert html.count("guide-html:0") == 6, "the text itself shows in each of the six fields, escaped"


def test_each_placeholder_must_come_back_once():
    aside, blocks = passthrough.set_aside("Intro\n\n<table>\n<tr><td>1</td></tr>\n</table>\n\n<ul>\n<li>a</li>\n</ul>\n")
    assert aside == "Intro\n\n<!-- guide-html:0 -->\n\n<!-- guide-html:1 -->\n"
    assert passthrough.put_back("<!-- guide-html:1 --><!-- guide-html:0 -->", blocks) == blocks[1] + blocks[0]
    with pytest.raises(passthrough.PassthroughError, match="found \\[0\\]"):
        passthrough.put_back("<!-- guide-html:0 -->", blocks)
    with pytest.raises(passthrough.PassthroughError, match="found \\[0, 0, 1\\]"):
        passthrough.put_back("<!-- guide-html:0 --><!-- guide-html:0 --><!-- guide-html:1 -->", blocks)
    with pytest.raises(passthrough.PassthroughError, match="placeholder 2 has no block"):
        passthrough.put_back("<!-- guide-html:2 -->", blocks)


def test_blocks_with_attributes_stay_with_markdown():
    text = '<table markdown>\n<tr><td>*x*</td></tr>\n</table>\n\n<ul class="x">\n<li>a</li>\n</ul>\n'
    assert passthrough.set_aside(text) == (text, [])


def test_a_block_kept_out_of_search_is_set_aside_too():
    block = "<table data-search-exclude>\n<tr><td>1</td></tr>\n</table>"
    markdown, blocks = passthrough.set_aside(f"Text\n\n{block}\n")
    assert blocks == [block] and "data-search-exclude" not in markdown
    assert passthrough.put_back(f"<p>Text</p>\n{markdown.split(chr(10))[2]}", blocks) == f"<p>Text</p>\n{block}"
