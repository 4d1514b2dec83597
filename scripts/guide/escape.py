"""Escape text from the data files for the place it lands.

Data is untrusted text: a `<script>` in a note must show as text, a `|` must
not split a table cell, and a `"` or `end` must not break a Mermaid label.
"""

from __future__ import annotations

import html
import json
import re

from markupsafe import Markup

# Characters that HTML, Markdown or the extensions in mkdocs.yml (tables, emphasis, attr_list, abbr) would
# read as syntax. Written as numeric entities in one pass, they render as themselves and mean nothing.
# Parentheses and "!" only mean something after "[" or "]", which are escaped, so they stay as they are.
_MARKDOWN_SPECIAL = re.compile(r"[&<>\"'\\`*_\[\]|#{}]")

_MERMAID_ENTITIES = {'"': "#quot;", "#": "#35;", "<": "#lt;", ">": "#gt;", "&": "#amp;", "`": "#96;"}
_MERMAID_SPECIAL = re.compile("|".join(map(re.escape, _MERMAID_ENTITIES)))


def markdown_text(value: object) -> Markup:
    """Text that reads the same in HTML, in a Markdown paragraph and in a table cell."""
    return Markup(_MARKDOWN_SPECIAL.sub(lambda m: f"&#{ord(m.group())};", " ".join(str(value).split())))


_MARKDOWN_PLAIN_SPECIAL = re.compile(r"([\\`*_\[\]<>])")


def markdown_plain(value: object) -> str:
    """Text for a Markdown file read as plain text too (llms.txt): one line, syntax characters backslashed
    rather than written as HTML entities, which a reader of the raw file would see."""
    return _MARKDOWN_PLAIN_SPECIAL.sub(r"\\\1", " ".join(str(value).split()))


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


# In a <script type="application/json"> block, "</script" or "<!--" in a string would end or upset the block;
# as JSON escapes these characters mean the same to JSON.parse and nothing to the HTML parser.
_JSON_IN_HTML = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def json_island(value: object) -> Markup:
    """Data as JSON for inside <script type="application/json">."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return Markup("".join(_JSON_IN_HTML.get(c, c) for c in text))
