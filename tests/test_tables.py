"""The accessibility fix for Markdown tables with a blank header cell."""

from guide.tables import fix_blank_headers


def test_blank_corner_cell_becomes_a_data_cell():
    html = '<table><thead><tr><th></th><th style="x">Prefill</th></tr></thead><tbody><tr><th></th><td>1</td></tr></tbody></table>'
    fixed = fix_blank_headers(html)
    assert '<thead><tr><td></td><th style="x">Prefill</th></tr></thead>' in fixed
    assert "<tbody><tr><th></th><td>1</td></tr></tbody>" in fixed  # only the header row is touched


def test_tables_with_full_headers_are_unchanged():
    html = "<table><thead><tr><th>A</th><th>B</th></tr></thead></table>"
    assert fix_blank_headers(html) == html
