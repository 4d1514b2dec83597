"""Escape text from the data files for the place it lands.

Data is untrusted text: a `<script>` in a note must show as text, a `|` must
not split a table cell, and a `"` or `end` must not break a Mermaid label.
"""

from __future__ import annotations

import html
import re

from markupsafe import Markup

# Characters that Markdown or its extensions (tables, emphasis, emoji, attr_list, ...)
# would read as syntax. As numeric entities they render as themselves and mean nothing.
_MARKDOWN_SPECIAL = re.compile(r"[\\`*_\[\]|#~{}^=:+!()]")

_MERMAID_ENTITIES = {'"': "#quot;", "#": "#35;", "<": "#lt;", ">": "#gt;", "&": "#amp;", "`": "#96;"}
_MERMAID_SPECIAL = re.compile("|".join(map(re.escape, _MERMAID_ENTITIES)))


def markdown_text(value: object) -> Markup:
    """Text that reads the same in HTML, in a Markdown paragraph and in a table cell."""
    escaped = html.escape(str(value), quote=True)
    return Markup(_MARKDOWN_SPECIAL.sub(lambda m: f"&#{ord(m.group())};", escaped).replace("\n", " "))


def mermaid_label(value: object) -> Markup:
    """Text for inside a quoted Mermaid label ("...")."""
    text = " ".join(str(value).split())
    text = _MERMAID_SPECIAL.sub(lambda m: _MERMAID_ENTITIES[m.group()], text)
    # A bare word `end` closes a subgraph in Mermaid's grammar; spell its first letter as a code.
    text = re.sub(r"\bend\b", "#101;nd", text, flags=re.IGNORECASE)
    return Markup(text)


def url(value: object) -> Markup:
    """A URL for an href: data URLs are checked to be https by the schema; this keeps quotes out."""
    return Markup(html.escape(str(value), quote=True).replace("|", "%7C"))
