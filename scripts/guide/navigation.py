"""Sidebar sections that open an index page, given a name screen readers can tell apart (axe: landmark-unique).

With `navigation.indexes`, Material draws such a section as its page link plus an icon-only toggle, and the
section's <nav> is labelled by that toggle: every such nav ends up with the same empty name. The toggle gets
the section's title as hidden text, so each nav is named after its section.
"""

from __future__ import annotations

import re

INDEX_SECTION = re.compile(
    r'(<span class="md-ellipsis">\s*(?P<title>[^<]+?)\s*</span>\s*</a>\s*'
    r'<label class="md-nav__link[^"]*" for="(?P<for>__nav_[\d_]+)" id="(?P=for)_label"[^>]*>\s*'
    r'<span class="md-nav__icon md-icon"></span>)(?P<end>\s*</label>)'
)


def name_index_sections(html: str) -> str:
    return INDEX_SECTION.sub(lambda m: f'{m.group(1)}<span class="guide-visually-hidden">{m.group("title")}</span>{m.group("end")}', html)
