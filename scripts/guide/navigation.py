"""Sidebar sections that open an index page, given a name screen readers can tell apart (axe: landmark-unique).

With `navigation.indexes`, Material draws such a section as its page link plus an icon-only toggle, and the
section's <nav> is labelled by that toggle: every such nav ends up with the same empty name. The toggle gets
the section's title as hidden text, so each nav is named after its section.
"""

from __future__ import annotations

import re

# The icon-only toggle of a section; its title is the page link's text just before it.
TOGGLE = re.compile(r'<label class="md-nav__link[^"]*" for="__nav_[\d_]+" id="__nav_[\d_]+_label"[^>]*>\s*<span class="md-nav__icon md-icon"></span>(?=\s*</label>)')
TITLE = re.compile(r'<span class="md-ellipsis">\s*([^<]+?)\s*</span>\s*</a>\s*$')
WINDOW = 400  # characters before a toggle that hold its section's link


def name_index_sections(html: str) -> str:
    if 'md-icon"></span>' not in html:
        return html
    parts, last = [], 0
    for toggle in TOGGLE.finditer(html):
        title = TITLE.search(html, max(0, toggle.start() - WINDOW), toggle.start())
        if title:
            parts += [html[last : toggle.end()], f'<span class="guide-visually-hidden">{title.group(1)}</span>']
            last = toggle.end()
    return "".join(parts) + html[last:] if parts else html
