"""Helpers shared by the test modules: building the site and opening pages in headless Chromium.

Kept out of conftest.py so tests can import them by a name no other conftest shares.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

# The build draws diagrams in the same Chromium the tests use (CHROMIUM_PATH, Debian's, or Playwright's).
from guide.diagrams import chromium_executable  # noqa: F401  (re-exported for conftest)

ROOT = Path(__file__).resolve().parents[1]
MKDOCS = Path(sys.executable).parent / "mkdocs"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def build_site(destination: Path, data_dir: Path | None = None) -> subprocess.CompletedProcess:
    """A strict build exactly as `make build` runs it, into `destination` (from another data folder if given)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if data_dir:
        env["GUIDE_DATA_DIR"] = str(data_dir)
    return subprocess.run(
        [str(MKDOCS), "build", "--strict", "--site-dir", str(destination)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


class PageWatch:
    """Everything a page did that a test may want to assert on."""

    def __init__(self):
        self.requests: list[str] = []
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []

    def foreign_requests(self) -> list[str]:
        # data: never leaves the page, yet urlparse finds a host in one like "data://x.org/...".
        return [u for u in self.requests if urlparse(u).hostname not in ("127.0.0.1", None) and not u.startswith("data:")]


def open_page(browser, *, color_scheme="light", viewport=None, javascript=True):
    """A fresh context and page that records requests and errors."""
    context = browser.new_context(
        color_scheme=color_scheme,
        viewport=viewport or {"width": 1280, "height": 900},
        java_script_enabled=javascript,
        service_workers="block",
    )
    page = context.new_page()
    watch = PageWatch()
    page.on("request", lambda request: watch.requests.append(request.url))
    page.on("console", lambda msg: watch.console_errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda error: watch.page_errors.append(str(error)))
    return context, page, watch
