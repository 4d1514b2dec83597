"""The Hardware page's table as a reader works it: numeric sorting, the kind filter kept in the URL."""

from __future__ import annotations

from playwright.sync_api import expect

from audit.axe import axe_violations, describe
from guide.catalogs import load_catalogs
from guide.sitedata import load_site_data
from reader import reader

DEVICES = load_catalogs(load_site_data().engines).hardware


def rows(page):
    return page.locator("article table tbody tr:visible")


def column(page, title):
    headers = page.locator("article table thead th").all_inner_texts()
    return next(i for i, text in enumerate(headers) if text.strip() == title)


def test_bandwidth_sorts_as_numbers_with_unknown_last(browser, site_url):
    with reader(browser, site_url + "hardware/") as page:
        index = column(page, "Bandwidth (GB/s)")
        header = page.locator("article table thead th").nth(index)
        header.click()
        expect(header).to_have_attribute("aria-sort", "ascending")
        keys = [float(v) for v in rows(page).locator(f"td:nth-child({index + 1})").evaluate_all("s => s.map(e => e.dataset.sort)")]
        assert len(keys) == len(DEVICES) and keys == sorted(keys)
        header.click()
        top = rows(page).first.locator("th").inner_text()
        most = max(d["bandwidth_gb_s"]["value"] or 0 for d in DEVICES.values())
        # Several devices share the top figure; any of them may come first.
        assert top.strip() in {d["name"] for d in DEVICES.values() if d["bandwidth_gb_s"]["value"] == most}


def test_the_kind_filter_narrows_rows_and_lives_in_the_url(browser, site_url):
    unified = sum(1 for d in DEVICES.values() if d["kind"] == "unified-memory")
    with reader(browser, site_url + "hardware/") as page:
        page.get_by_label("Kind").select_option("unified-memory")
        expect(rows(page)).to_have_count(unified)
        expect(page.get_by_role("status")).to_contain_text(f"Showing {unified} of {len(DEVICES)} devices.")
        assert "kind=unified-memory" in page.url
        page.reload()
        expect(rows(page)).to_have_count(unified)


def test_a_rows_sources_open_in_place_on_a_phone(browser, site_url):
    """Sources fold into each row; opened, they are links a finger can hit (axe) and the page stays its width."""
    with reader(browser, site_url + "hardware/", viewport={"width": 390, "height": 844}) as page:
        sources = rows(page).first.locator("details.guide-sources")
        links = sources.get_by_role("link")
        expect(links.first).to_be_hidden()
        sources.locator("summary").click()
        expect(links.first).to_be_visible()
        assert links.count() == int(sources.locator("summary").inner_text().split()[0])
        assert page.evaluate("document.documentElement.scrollWidth") == 390
        violations = axe_violations(page)
        assert violations == [], describe(violations)
