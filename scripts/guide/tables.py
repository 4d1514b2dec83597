"""Markdown tables with a blank header cell, made accessible (axe: empty-table-header).

A blank corner cell (`| | Prefill | Decode |`) becomes `<td>`: it labels nothing.
"""

from __future__ import annotations

import re

THEAD = re.compile(r"<thead>.*?</thead>", re.S)
EMPTY_TH = re.compile(r"<th(\s[^>]*)?>\s*</th>")


def fix_blank_headers(html: str) -> str:
    return THEAD.sub(lambda head: EMPTY_TH.sub(lambda th: f"<td{th.group(1) or ''}></td>", head.group(0)), html)
