"""What the build does to every table Markdown and the templates write: accessibility fixes and a class.

- A blank header cell (`| | Prefill | Decode |`) becomes `<td>`: it labels nothing (axe: empty-table-header).
- Every table sits in a named, focusable region that scrolls sideways, so a keyboard reader can scroll a table
  wider than a phone (axe: scrollable-region-focusable).
- Every table without a class gets `guide-table`. Material's script takes each `table:not([class])` out of the
  page once it has loaded and puts it back inside a scroll box of its own (late, and without a tab stop): the
  browser then styles and lays out the whole table again, the longest task of a page with a big table. With a
  class Material leaves the table where it is; guide.css draws it as Material draws its tables.
"""

from __future__ import annotations

import html as html_lib
import re

THEAD = re.compile(r"<thead>.*?</thead>", re.S)
EMPTY_TH = re.compile(r"<th(\s[^>]*)?>\s*</th>")
# A heading (its permalink anchor included) or a whole table; Markdown tables do not nest.
HEADING_OR_TABLE = re.compile(r"<h[1-6][^>]*>(?P<heading>.*?)</h[1-6]>|<table(?P<attributes>[\s>][^>]*>)(?P<rest>.*?</table>)", re.S)
HAS_CLASS = re.compile(r"\sclass\s*=")
TAG = re.compile(r"<[^>]+>")
PERMALINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
SCROLL_CLASS = "guide-table-scroll"
TABLE_CLASS = "guide-table"


def fix_blank_headers(html: str) -> str:
    return THEAD.sub(lambda head: EMPTY_TH.sub(lambda th: f"<td{th.group(1) or ''}></td>", head.group(0)), html)


def scroll_regions(html: str, page_title: str) -> str:
    """Wrap each table in a region named after the heading above it ("Sources (table)"; "(table 2)" for the
    second under the same heading), or after the page when no heading comes first, and class the tables that
    have none."""
    heading = page_title
    count: dict[str, int] = {}

    def wrap(match: re.Match) -> str:
        nonlocal heading
        if match.group("heading") is not None:
            heading = html_lib.unescape(TAG.sub("", PERMALINK.sub("", match.group("heading")))).strip() or page_title
            return match.group(0)
        count[heading] = count.get(heading, 0) + 1
        which = "table" if count[heading] == 1 else f"table {count[heading]}"
        name = html_lib.escape(f"{heading} ({which})")
        attributes = match.group("attributes")
        table = match.group(0) if HAS_CLASS.search(attributes) else f'<table class="{TABLE_CLASS}"{attributes}{match.group("rest")}'
        return f'<div class="{SCROLL_CLASS}" role="region" tabindex="0" aria-label="{name}">{table}</div>'

    return HEADING_OR_TABLE.sub(wrap, html)
