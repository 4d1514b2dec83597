"""Vendored third-party files are exactly the released files their VENDOR.md names, with their licenses."""

from __future__ import annotations

import hashlib
import re

import pytest

from sitebrowser import ROOT

VENDORED = [
    ROOT / "docs/assets/vendor/mermaid/mermaid.min.js",
    ROOT / "docs/assets/vendor/tablesort/tablesort.min.js",
    ROOT / "tests/vendor/axe-core/axe.min.js",
]


@pytest.mark.parametrize("path", VENDORED, ids=lambda p: p.name)
def test_vendored_file_matches_its_recorded_checksum(path):
    record = (path.parent / "VENDOR.md").read_text(encoding="utf-8")
    recorded = re.search(r"(?i)sha-?256\W+([0-9a-f]{64})", record).group(1)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == recorded
    assert (path.parent / "LICENSE").stat().st_size > 0
