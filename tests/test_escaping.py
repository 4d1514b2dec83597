"""Hostile text from data through every template: it must stay text wherever it lands."""

from __future__ import annotations

import re
from html import unescape
from xml.etree import ElementTree

import markdown
import pytest

from datafixtures import engine, fresh, write_data
from guide import render
from guide.escape import markdown_text, mermaid_label
from guide.sitedata import load_site_data

HOSTILE = '<script>alert(1)</script> "quoted" | pipe # hash `tick` end & [link](x) *em* :smile:'


@pytest.fixture
def hostile_site(tmp_path):
    engines, tree, github = fresh()
    hostile = engine(
        "hostile",
        HOSTILE,
        summary=HOSTILE,
        hardware={"nvidia": {"support": True, "note": HOSTILE}, "other": [HOSTILE]},
        features={"values": [HOSTILE], "sources": ["https://example.org/a"]},
        status=[{"date": "2026-01", "kind": "info", "text": HOSTILE, "source": "https://example.org/a"}],
        pick_when=[HOSTILE],
        license={"spdx": "MIT", "note": HOSTILE, "label": HOSTILE, "sources": ["https://example.org/a"]},
        audience={"group": "production", "scale": HOSTILE, "sources": ["https://example.org/a"]},
    )
    engines["engines"].append(hostile)
    tree["title"] = tree["description"] = HOSTILE
    tree["nodes"][1]["label"] = HOSTILE
    tree["nodes"][1]["answers"][0]["label"] = HOSTILE
    tree["nodes"][2]["recommend"].append({"engine": "hostile", "qualifier": HOSTILE, "only_on": ["nvidia"], "reason": HOSTILE})
    tree["categories"][0]["label"] = HOSTILE
    return load_site_data(write_data(tmp_path, engines, tree, github))


def to_html(text: str) -> str:
    """As MkDocs renders a page: front matter (YAML) taken off, then Markdown."""
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    return markdown.markdown(text, extensions=["tables", "admonition", "attr_list", "md_in_html"])


def test_front_matter_holds_hostile_text(hostile_site):
    import yaml

    page = render.engine_page(hostile_site, "hostile")
    front = yaml.safe_load(re.match(r"\A---\n(.*?)\n---\n", page, flags=re.S).group(1))
    assert front == {"description": HOSTILE}


def assert_inert(html: str) -> None:
    assert "<script>" not in html
    assert "<script>alert(1)</script>" in unescape(html), "the text itself must still show"
    assert "<em>em</em>" not in html and '<a href="x">' not in html


def test_table_cells_hold_hostile_text(hostile_site):
    html = to_html(render.comparison_table(hostile_site))
    assert_inert(html)
    header_cells = len(re.findall(r"<th[ >]", html))
    for row in re.findall(r"<tr>(.*?)</tr>", html, flags=re.S)[1:]:
        assert row.count("<td") == header_cells, "a | in the data split a cell"


def test_engine_page_holds_hostile_text(hostile_site):
    page = render.engine_page(hostile_site, "hostile")
    html = to_html(page)
    assert_inert(html)
    for table in re.findall(r"<table>(.*?)</table>", html, flags=re.S):
        widths = {len(re.findall(r"<t[hd][ >]", row)) for row in re.findall(r"<tr>(.*?)</tr>", table, flags=re.S)}
        assert len(widths) == 1, "a | in the data split a cell"


def test_outline_and_legend_hold_hostile_text(hostile_site):
    assert_inert(to_html(render.tree_outline(hostile_site)))
    legend = render.category_legend(hostile_site)
    assert "<script>" not in legend and "<script>" in unescape(legend)
    ElementTree.fromstring(legend)  # still well-formed markup


def test_engine_index_holds_hostile_text(hostile_site):
    assert_inert(to_html(render.engine_index(hostile_site)))


def test_flowchart_labels_are_quoted_and_coded(hostile_site):
    chart = render.flowchart(hostile_site)
    for line in chart.splitlines()[3:-1]:
        for label in re.findall(r'"(.*?)"', line):
            assert not re.search(r"[<>&`]", label.replace("<br/>", ""))
            assert not re.search(r"#(?!(quot|lt|gt|amp|35|96|101);)", label)
            assert not re.search(r"\bend\b", label, flags=re.I)
        assert line.count('"') % 2 == 0, line
    assert "accTitle: #lt;script#gt;" in chart


def test_mermaid_label_codes():
    assert mermaid_label('a "b" #1 <i> & `c` end Endless') == "a #quot;b#quot; #35;1 #lt;i#gt; #amp; #96;c#96; #101;nd Endless"


def test_markdown_text_neutralises_syntax():
    assert markdown_text("a|b *c* [d](e) <f>") == "a&#124;b &#42;c&#42; &#91;d&#93;(e) &#60;f&#62;"


@pytest.mark.parametrize("text", ["Apple's", 'say "hi"', "R&D", "a # b", "x < y"])
def test_markdown_text_reads_as_written(text):
    """Escaped once, not twice: the reader sees the original characters."""
    assert unescape(to_html(markdown_text(text))) == f"<p>{text}</p>"
