"""Badge rules: archived, maintenance mode, license mismatch, stale data (with its day boundary)."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from datafixtures import load_hook
from guide import render
from guide.badges import DEFAULT_STALE_AFTER_DAYS, badges
from guide.sitedata import SiteData

TODAY = date(2026, 3, 31)


def engine(**extra) -> dict:
    return {
        "id": "eng",
        "name": "Eng",
        "repos": [{"slug": "o/r"}],
        "license": {"spdx": "Apache-2.0", "sources": ["https://example.org"]},
        **extra,
    }


def figures(**extra) -> dict:
    return {"stars": 10, "fetched_at": "2026-03-30T05:00:00Z", "source": "api", **extra}


def kinds(github: dict | None = None, today: date = TODAY, stale_after_days: int = DEFAULT_STALE_AFTER_DAYS, **extra) -> list[str]:
    site = SiteData(engines=[engine(**extra)], tree={}, github={"o/r": github} if github else {})
    return [b.kind for b in badges(site, site.engines[0], today=today, stale_after_days=stale_after_days)]


def test_fresh_figures_get_no_badge():
    assert kinds(figures(archived=False, license={"spdx_id": "Apache-2.0", "name": "Apache License 2.0", "key": "apache-2.0"})) == []


def test_archived_comes_from_github():
    assert kinds(figures(archived=True)) == ["archived"]


def test_stale_boundary_is_exclusive():
    assert kinds(figures(fetched_at="2026-03-17"), stale_after_days=14) == []  # exactly 14 days old
    assert kinds(figures(fetched_at="2026-03-16"), stale_after_days=14) == ["stale"]  # 15 days old


def test_the_threshold_is_configurable():
    assert kinds(figures(fetched_at="2026-03-24"), stale_after_days=7) == []
    assert kinds(figures(fetched_at="2026-03-23"), stale_after_days=7) == ["stale"]
    assert kinds(figures(fetched_at="2026-03-31"), stale_after_days=0) == []


def test_a_failed_refresh_marks_even_recent_figures_stale():
    site = SiteData(engines=[engine()], tree={}, github={"o/r": figures(stale_since="2026-03-31", last_error="HTTP 502")})
    (badge,) = badges(site, site.engines[0], today=TODAY)
    assert badge.kind == "stale" and "2026-03-31" in badge.detail and "HTTP 502" in badge.detail and "2026-03-30" in badge.detail


def test_license_mismatch_reuses_the_detected_license():
    mit = {"spdx_id": "MIT", "name": "MIT License", "key": "mit"}
    assert kinds(figures(license=mit)) == ["license-mismatch"]
    assert kinds(figures(license=None)) == ["license-mismatch"]  # curated license, none detected
    assert kinds(figures()) == []  # not fetched: nothing to compare


def test_maintenance_mode_comes_from_the_latest_maintenance_note():
    status = [
        {"date": "2024-01", "kind": "maintenance", "text": "Old note.", "source": "https://example.org/a"},
        {"date": "2025-12-11", "kind": "maintenance", "text": "In maintenance mode.", "source": "https://example.org/b"},
        {"date": "2026-01", "kind": "release", "text": "A release.", "source": "https://example.org/c"},
    ]
    site = SiteData(engines=[engine(status=status)], tree={}, github={})
    (badge,) = badges(site, site.engines[0], today=TODAY)
    assert badge.kind == "maintenance" and badge.detail == "Since 2025-12-11: In maintenance mode."


def test_an_engine_without_figures_gets_no_github_badge():
    assert kinds(None) == []


def test_badges_come_in_a_fixed_order():
    status = [{"date": "2025-01", "kind": "maintenance", "text": "x", "source": "https://example.org"}]
    mit = {"spdx_id": "MIT", "name": "MIT", "key": "mit"}
    got = kinds(figures(archived=True, license=mit, fetched_at="2025-01-01"), status=status)
    assert got == ["archived", "maintenance", "license-mismatch", "stale"]


def test_the_table_shows_badges_with_escaped_details():
    status = [{"date": "2025-01", "kind": "maintenance", "text": "Use | other <b>tools</b>", "source": "https://example.org"}]
    eng = engine(status=status, audience={"group": "local", "scale": "small"}, openness="open-source", hardware={p: True for p in ("nvidia", "amd", "intel", "apple", "cpu")})
    site = SiteData(engines=[eng], tree={}, github={})
    table = render.comparison_table(site, today=TODAY)
    row = next(line for line in table.splitlines() if "guide-row" in line)
    assert 'class="guide-badge guide-badge--maintenance"' in row
    assert "<b>" not in row and row.count("|") == 7  # the note's | does not split the cell


def test_the_hook_reads_the_threshold_from_mkdocs_yml():
    hook = load_hook()
    assert hook._stale_after_days(SimpleNamespace(extra={})) == DEFAULT_STALE_AFTER_DAYS
    assert hook._stale_after_days(SimpleNamespace(extra={"guide": {"stale_after_days": 30}})) == 30
    for bad in (-1, "14", True):
        with pytest.raises(PluginError):
            hook._stale_after_days(SimpleNamespace(extra={"guide": {"stale_after_days": bad}}))
