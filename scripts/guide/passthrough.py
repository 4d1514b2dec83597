"""Finished HTML blocks set aside before Markdown and put back after it.

An engine page carries its fact tables and source list as finished HTML. Python-Markdown copies such a
block through unchanged, but only after parsing it tag by tag, twice (its raw-HTML extractor, then
MkDocs' scan for anchors): about a third of the time an engine page spends in Markdown. `set_aside`
swaps each block for a placeholder comment, which Markdown copies through as it is; `put_back` restores
the blocks in the HTML that comes out. The result is the same HTML (tests/test_passthrough.py).

Only blocks that Markdown would leave alone qualify: a bare `<table>` or `<ul>` (or one marked
`data-search-exclude`) at the start of a line, up to its closing tag on a line of its own. Such blocks
carry no `id`, so no anchor goes missing.
"""

from __future__ import annotations

import re

BLOCK = re.compile(r"^<(table|ul)(?: data-search-exclude)?>\n.*?^</\1>$", re.MULTILINE | re.DOTALL)
PLACEHOLDER = re.compile(r"<!-- guide-html:(\d+) -->")


class PassthroughError(Exception):
    """A placeholder did not survive Markdown as one verbatim comment."""


def set_aside(markdown: str) -> tuple[str, list[str]]:
    """The Markdown with each finished HTML block replaced by a numbered placeholder, and the blocks."""
    blocks: list[str] = []

    def swap(match: re.Match) -> str:
        blocks.append(match.group(0))
        return f"<!-- guide-html:{len(blocks) - 1} -->"

    return BLOCK.sub(swap, markdown), blocks


def put_back(html: str, blocks: list[str]) -> str:
    """`html` with every placeholder replaced by its block; each must appear exactly once."""
    seen: list[int] = []

    def restore(match: re.Match) -> str:
        index = int(match.group(1))
        if index >= len(blocks):
            raise PassthroughError(f"placeholder {index} has no block (there are {len(blocks)})")
        seen.append(index)
        return blocks[index]

    result = PLACEHOLDER.sub(restore, html)
    if sorted(seen) != list(range(len(blocks))):
        raise PassthroughError(f"expected each of {len(blocks)} placeholders once, found {sorted(seen)}")
    return result
