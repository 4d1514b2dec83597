"""MkDocs hook: accessibility fixes to the HTML Markdown and Material produce (scripts/guide/tables.py,
scripts/guide/navigation.py)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

from guide.navigation import name_index_sections  # noqa: E402
from guide.tables import fix_blank_headers, scroll_regions  # noqa: E402


def on_page_content(html, page, config, files):
    if "<table" not in html:
        return html
    return scroll_regions(fix_blank_headers(html), page.title or config["site_name"])


def on_post_page(output, page, config):
    return name_index_sections(output)


def on_post_template(output_content, template_name, config):
    # 404.html is rendered as a theme template, not as a page.
    return name_index_sections(output_content)
