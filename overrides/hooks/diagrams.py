"""MkDocs hook: draw Mermaid diagrams at build time (see scripts/guide/diagrams.py for why and how).

- on_page_content: replace each `<pre class="mermaid">` with its SVG in a box of its own, and add the
  boxes' small script (scripts/guide/diagrams.js, inline). With no `<pre class="mermaid">` left, neither
  mermaid2 nor Material loads mermaid in the reader's browser.
- on_post_build / on_build_error: close the headless browser, if one was opened.
"""

from __future__ import annotations

import sys
from pathlib import Path

import material
from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

from guide.diagrams import DiagramError, DiagramRenderer, script_tag  # noqa: E402

# One renderer per build (mkdocs serve keeps this module loaded between builds).
_renderer: DiagramRenderer | None = None


def on_page_content(html, page, config, files):
    global _renderer
    if 'class="mermaid"' not in html:
        return html
    try:
        _renderer = _renderer or DiagramRenderer(Path(material.__file__).parent)
        html = _renderer.replace_all(html)
    except DiagramError as error:
        raise PluginError(f"{page.file.src_uri}: {error}") from None
    return html + script_tag()


def on_post_build(config):
    _close()


def on_build_error(error):
    _close()


def _close():
    global _renderer
    if _renderer is not None:
        _renderer.close()
        _renderer = None
