"""MkDocs hook: accessibility fixes to the HTML Markdown produces (see scripts/guide/tables.py)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

from guide.tables import fix_blank_headers  # noqa: E402


def on_page_content(html, page, config, files):
    return fix_blank_headers(html) if "<thead>" in html else html
