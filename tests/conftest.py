"""Shared fixtures: the real site built once per run, served on 127.0.0.1, and headless Chromium.

Browser tests never skip: without a Chromium they fail with the one-line fix
(`make test` provides one first; see scripts/ensure-chromium.sh).
"""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from sitebrowser import CHROMIUM_FLAGS, build_site, chromium_executable, open_page


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("site")
    result = build_site(site)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stderr}"
    return site


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # keep test output readable
        pass


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(built_site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import Error, sync_playwright

    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=chromium_executable(), args=CHROMIUM_FLAGS)
        except Error as error:
            pytest.fail(
                "No Chromium for the browser tests: run `make test` (it installs one) or set CHROMIUM_PATH. "
                + str(error).splitlines()[0],
                pytrace=False,
            )
        yield browser
        browser.close()


@pytest.fixture
def browser_page(browser):
    """A light-palette page; after the test, no request may have left 127.0.0.1."""
    context, page, watch = open_page(browser)
    yield page, watch
    context.close()
    assert watch.foreign_requests() == [], "requests left 127.0.0.1"
