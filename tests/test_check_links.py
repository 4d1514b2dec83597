"""scripts/check_links.py against a real server on 127.0.0.1, and with no network at all."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

import check_links


class Answers(BaseHTTPRequestHandler):
    def do_HEAD(self):
        self.send_response(200 if self.path == "/ok" else 404)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Answers)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_reports_broken_links(tmp_path, server, capsys):
    page = tmp_path / "page.md"
    page.write_text(f"[good]({server}/ok) and <{server}/gone>.\n")
    assert check_links.main([str(page), "--probe", f"{server}/ok"]) == 1
    out = capsys.readouterr().out
    assert f"BROKEN HTTP 404: {server}/gone" in out and "2 external links checked, 1 broken" in out


def test_without_network_it_lists_and_does_not_fail(tmp_path, capsys):
    page = tmp_path / "data.yaml"
    page.write_text("source: https://example.org/a\n")
    assert check_links.main([str(page), "--probe", "http://127.0.0.1:9/"]) == 0
    out = capsys.readouterr().out
    assert "https://example.org/a  (" in out and "1 external links listed, none checked" in out


def test_collects_from_the_real_data():
    links = check_links.collect([check_links.ROOT / "data"])
    assert "https://docs.vllm.ai" in links
