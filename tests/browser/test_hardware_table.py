"""The Hardware page's tables as a reader works them: one per kind of device, numeric sorting, the name filter
kept in the URL, sources opened in place, and the tables below the first not drawn until scrolled to."""

from __future__ import annotations

from playwright.sync_api import expect

from audit.axe import axe_violations, describe
from guide.catalogs import load_catalogs
from guide.estimates import HARDWARE_SECTIONS
from guide.sitedata import load_site_data
from reader import reader

DEVICES = load_catalogs(load_site_data().engines).hardware
PHONE = {"width": 390, "height": 844}


def table(page, kind):
    return page.locator(f'[data-heading="{kind}"] table')


def rows(scope):
    return scope.locator("tbody tr:visible")


def column(scope, title):
    headers = scope.locator("thead th").all_inner_texts()
    return next(i for i, text in enumerate(headers) if text.strip() == title)


def test_bandwidth_sorts_one_kinds_table_as_numbers_with_unknown_last(browser, site_url):
    kind = "discrete-gpu"
    devices = [d for d in DEVICES.values() if d["kind"] == kind]
    assert any(d["bandwidth_gb_s"]["value"] is None for d in devices), "the test wants an unknown figure to place"
    with reader(browser, site_url + "hardware/") as page:
        gpus = table(page, kind)
        index = column(gpus, "Bandwidth (GB/s)")
        header = gpus.locator("thead th").nth(index)
        header.click()
        expect(header).to_have_attribute("aria-sort", "ascending")
        cells = rows(gpus).locator(f"td:nth-child({index + 1})")
        keys = [float(v) for v in cells.evaluate_all("s => s.map(e => e.dataset.sort)")]
        assert len(keys) == len(devices) and keys == sorted(keys)
        header.click()
        assert cells.last.inner_text() == "unknown"
        top = rows(gpus).first.locator("th").inner_text()
        most = max(d["bandwidth_gb_s"]["value"] or 0 for d in devices)
        # Several devices may share the top figure; any of them may come first.
        assert top.strip() in {d["name"] for d in devices if d["bandwidth_gb_s"]["value"] == most}
        # The other tables keep their order.
        other = table(page, "datacenter-gpu").locator("tbody th")
        assert other.all_inner_texts() == sorted(other.all_inner_texts(), key=str.casefold)


def test_the_name_filter_narrows_every_table_hides_empty_kinds_and_lives_in_the_url(browser, site_url):
    wanted = {d["name"] for d in DEVICES.values() if "m4" in d["name"].lower()}
    kinds = {d["kind"] for d in DEVICES.values() if d["name"] in wanted}
    with reader(browser, site_url + "hardware/") as page:
        page.get_by_label("Name").fill("M4")
        expect(page.locator("article table tbody tr:visible")).to_have_count(len(wanted))
        expect(page.get_by_role("status")).to_contain_text(f"Showing {len(wanted)} of {len(DEVICES)} devices.")
        assert set(page.locator("article table tbody tr:visible th").all_inner_texts()) == wanted
        for kind in HARDWARE_SECTIONS:
            heading = page.locator(f"h2#{kind}")
            (expect(heading).to_be_visible if kind in kinds else expect(heading).to_be_hidden)()
        assert "name=M4" in page.url
        page.reload()
        expect(page.locator("article table tbody tr:visible")).to_have_count(len(wanted))
        expect(page.locator("#__search")).not_to_be_checked()
        page.get_by_role("button", name="Clear filters").click()
        expect(page.locator("article table tbody tr:visible")).to_have_count(len(DEVICES))
        expect(page.locator("h2#cpu")).to_be_visible()


def test_tables_below_the_first_are_drawn_only_when_a_reader_nears_them(browser, site_url):
    """What keeps the page quick on a phone (content-visibility: auto): styled and laid out only when near."""
    drawn = "kind => document.querySelector(`[data-heading='${kind}'] tbody tr`).checkVisibility({contentVisibilityAuto: true})"
    with reader(browser, site_url + "hardware/", viewport=PHONE) as page:
        page.wait_for_load_state("networkidle")
        assert page.evaluate(drawn, "discrete-gpu") is True
        assert page.evaluate(drawn, "cpu") is False
        page.locator("h2#cpu").scroll_into_view_if_needed()
        page.wait_for_function(drawn, arg="cpu")


def test_a_rows_sources_open_in_place_on_a_phone(browser, site_url):
    """Sources fold into each row; opened, they are links a finger can hit (axe) and the page stays its width."""
    with reader(browser, site_url + "hardware/", viewport=PHONE) as page:
        sources = rows(page.locator("article")).first.locator("details.guide-sources")
        links = sources.get_by_role("link")
        expect(links.first).to_be_hidden()
        sources.locator("summary").click()
        expect(links.first).to_be_visible()
        assert links.count() == int(sources.locator("summary").inner_text().split()[0])
        assert page.evaluate("document.documentElement.scrollWidth") == 390
        violations = axe_violations(page)
        assert violations == [], describe(violations)
