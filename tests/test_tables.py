"""The accessibility fixes for Markdown tables: blank header cells, and a focusable region to scroll them in."""

import re

from guide.tables import fix_blank_headers, scroll_regions


def test_blank_corner_cell_becomes_a_data_cell():
    html = '<table><thead><tr><th></th><th style="x">Prefill</th></tr></thead><tbody><tr><th></th><td>1</td></tr></tbody></table>'
    fixed = fix_blank_headers(html)
    assert '<thead><tr><td></td><th style="x">Prefill</th></tr></thead>' in fixed
    assert "<tbody><tr><th></th><td>1</td></tr></tbody>" in fixed  # only the header row is touched


def test_tables_with_full_headers_are_unchanged():
    html = "<table><thead><tr><th>A</th><th>B</th></tr></thead></table>"
    assert fix_blank_headers(html) == html


def regions(html: str) -> list[str]:
    return re.findall(r'<div class="guide-table-scroll" role="region" tabindex="0" aria-label="([^"]*)"><table[ >]', html)


def test_each_table_gets_a_region_named_after_the_heading_above_it():
    html = (
        "<table><tr><td>0</td></tr></table>"
        '<h2 id="m">Memory &amp; <code>KV</code><a class="headerlink" href="#m" title="Permanent link">&para;</a></h2>'
        "<p>text</p><table><tr><td>1</td></tr></table><table data-search-exclude><tr><td>2</td></tr></table>"
        '<h3 id="r">"Run" <it></h3><table><tr><td>3</td></tr></table>'
    )
    wrapped = scroll_regions(html, "Llama <3>")
    assert regions(wrapped) == ["Llama &lt;3&gt; (table)", "Memory &amp; KV (table)", "Memory &amp; KV (table 2)", "&quot;Run&quot; (table)"]
    assert wrapped.count("</table></div>") == 4
    # Each table gets the class that keeps Material's script from moving it; nothing else changes.
    assert re.findall(r"<table[^>]*>", wrapped) == ['<table class="guide-table">'] * 2 + ['<table class="guide-table" data-search-exclude>', '<table class="guide-table">']
    assert re.sub(r"<div[^>]*>|</div>", "", wrapped).replace(' class="guide-table"', "") == html


def test_a_table_with_a_class_keeps_it():
    """A template's own table styling stays; Material leaves a classed table alone anyway."""
    html = '<table class="guide-calc__table"><tr><td>1</td></tr></table><table data-class="x"><tr><td>2</td></tr></table>'
    tags = re.findall(r"<table[^>]*>", scroll_regions(html, "Page"))
    assert tags == ['<table class="guide-calc__table">', '<table class="guide-table" data-class="x">']


def test_a_page_without_tables_is_unchanged():
    html = "<h2>Title</h2><p>No table here, not even a <tablet>.</p>"
    assert scroll_regions(html, "Page") == html
