"""MkDocs hook: write /llms.txt from the nav and each page's description (see scripts/guide/llms.py).

- on_nav: keep the nav; on_post_build: every page has been read by then, so its front matter is known.
"""

from __future__ import annotations

import html
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

from guide import llms  # noqa: E402
from guide.atomic import write_text_atomic  # noqa: E402
from guide.problems import DataError  # noqa: E402

_nav = None


def on_nav(nav, config, files):
    global _nav
    _nav = nav
    return nav


def on_post_build(config):
    try:
        text = llms.llms_txt(config.site_name, config.site_description, _plain(_nav.items), config.site_url or "", llms.data_links())
    except DataError as error:
        raise PluginError(f"{llms.FILE_NAME}: {error}") from None
    write_text_atomic(Path(config.site_dir) / llms.FILE_NAME, text)


def _plain(items) -> list:
    """MkDocs' nav as llms.Page and llms.Group. Titles and descriptions arrive HTML-escaped (guide.py escapes
    what comes from data); llms.txt wants the text itself."""
    plain = []
    for item in items:
        if item.is_section:
            plain.append(llms.Group(html.unescape(item.title), _plain(item.children)))
        elif item.is_page:
            description = item.meta.get("description")
            source = f"docs/{item.file.src_uri}" if not item.file.generated_by else f"{item.file.src_uri} (generated)"
            plain.append(llms.Page(html.unescape(item.title), item.url, html.unescape(str(description)) if description else None, source))
    return plain
