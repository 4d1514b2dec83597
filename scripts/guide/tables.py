"""Markdown tables with a blank header cell, made accessible (axe: empty-table-header).

A blank corner cell (`| | Prefill | Decode |`) becomes `<td>`: it labels nothing. A header
row with no text at all (key/value tables) is dropped, so the rows stand on their own.
"""

from __future__ import annotations

import re

THEAD = re.compile(r"<thead>(.*?)</thead>\s*", re.S)
EMPTY_TH = re.compile(r"<th(\s[^>]*)?>\s*</th>")
TAG = re.compile(r"<[^>]+>")


def fix_blank_headers(html: str) -> str:
    def fix(match: re.Match) -> str:
        if not TAG.sub("", match.group(1)).strip():
            return ""
        return EMPTY_TH.sub(lambda th: f"<td{th.group(1) or ''}></td>", match.group(0))

    return THEAD.sub(fix, html)
