"""The Compare page's table as a reader works it: sorting, filters kept in the URL, a phone-width screen.

Expected rows are worked out here from data/engines.yaml itself. The hardware filter counts "partial"
support as running on that hardware (the Hardware column spells out the caveat); unknown does not count.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from guide.sitedata import load_site_data
from reader import contrast, reader

ENGINES = load_site_data().engines
ALL = sorted(e["name"] for e in ENGINES)


def support(value):
    return value.get("support") if isinstance(value, dict) else value


def runs_on(platform):
    return sorted(e["name"] for e in ENGINES if support(e["hardware"][platform]) in (True, "partial"))


def rows(page):
    return page.locator("article table tbody tr:visible")


def row_names(page):
    """Engine names of the rows a reader can see, top to bottom."""
    return rows(page).evaluate_all("trs => trs.map(tr => tr.cells[0].querySelector('a').textContent.trim())")


def visible_names(page):
    return sorted(row_names(page))


def column(page, title):
    headers = page.locator("article table thead th").all_inner_texts()
    return next(i for i, text in enumerate(headers) if text.strip() == title)


def star_keys(page):
    index = column(page, "GitHub stars")
    return [int(v) for v in rows(page).locator(f"td:nth-child({index + 1}) [data-sort]").evaluate_all("s => s.map(e => e.dataset.sort)")]


def test_stars_sort_numerically_both_ways(browser, site_url):
    with reader(browser, site_url + "compare/") as page:
        header = page.locator("article table thead th").nth(column(page, "GitHub stars"))
        header.click()
        expect(header).to_have_attribute("aria-sort", "ascending")
        ascending = star_keys(page)
        assert len(ascending) == len(ENGINES) and ascending == sorted(ascending)
        header.click()
        expect(header).to_have_attribute("aria-sort", "descending")
        assert star_keys(page) == sorted(ascending, reverse=True)
        # Any other column sorts too, as text.
        engine = page.locator("article table thead th").first
        engine.click()
        assert row_names(page) == sorted(ALL, key=str.lower)


def test_hardware_filter_keeps_the_engines_that_run_there_and_survives_a_reload(browser, site_url):
    with reader(browser, site_url + "compare/") as page:
        page.get_by_label("Runs on").select_option("apple")
        assert visible_names(page) == runs_on("apple")
        expect(page.get_by_role("status")).to_have_text(f"Showing {len(runs_on('apple'))} of {len(ENGINES)} engines.")
        assert page.url.endswith("?hw=apple")
        page.reload()
        expect(page.get_by_label("Runs on")).to_have_value("apple")
        assert visible_names(page) == runs_on("apple")


def test_filters_combine_and_clear(browser, site_url):
    expected = sorted(
        e["name"]
        for e in ENGINES
        if e["audience"]["group"] == "local" and e["openness"] == "open-source" and e["name"] in runs_on("cpu")
    )
    with reader(browser, site_url + "compare/?hw=cpu&audience=local&openness=open-source") as page:
        assert visible_names(page) == expected
        page.get_by_role("button", name="Clear filters").click()
        assert visible_names(page) == ALL
        assert "?" not in page.url


def test_name_filter_is_kept_in_the_url(browser, site_url):
    expected = sorted(name for name in ALL if "llama" in name.lower())
    assert expected, "data/engines.yaml has no engine named like 'llama' to filter for"
    with reader(browser, site_url + "compare/") as page:
        page.get_by_label("Name").fill("LLaMA")
        assert visible_names(page) == expected
        assert "name=LLaMA" in page.url
        page.reload()
        expect(page.get_by_label("Name")).to_have_value("LLaMA")
        # Not ?q=: Material's search would open over the page with it.
        expect(page.locator("#__search")).not_to_be_checked()
        assert visible_names(page) == expected
        page.get_by_label("Name").fill("no engine is called this")
        expect(rows(page)).to_have_count(0)
        expect(page.get_by_role("status")).to_contain_text("Nothing matches these filters (of")


def test_unknown_filter_values_in_a_link_show_everything(browser, site_url):
    with reader(browser, site_url + "compare/?hw=quantum&audience=") as page:
        expect(page.get_by_label("Runs on")).to_have_value("")
        assert visible_names(page) == ALL
        assert "hw=" not in page.url


def test_phone_width_scrolls_sideways_with_the_engine_column_in_view(browser, site_url):
    with reader(browser, site_url + "compare/", viewport={"width": 390, "height": 844}) as page:
        expect(page.locator(".guide-filters")).to_be_visible()
        layout = page.evaluate(
            """() => {
              const table = document.querySelector("article table");
              const box = table.closest(".guide-table-scroll");
              const cells = [...table.querySelectorAll("th, td")];
              const clipped = cells.filter((c) => c.scrollWidth > c.clientWidth + 1).map((c) => c.textContent.trim());
              const before = table.rows[1].cells[0].getBoundingClientRect().left;
              box.scrollLeft = box.scrollWidth;
              return {
                page: document.documentElement.scrollWidth,
                form: document.querySelector(".guide-filters").getBoundingClientRect().right,
                overflow: getComputedStyle(box).overflowX,
                scrolls: box.scrollWidth > box.clientWidth,
                scrolled: box.scrollLeft,
                clipped,
                stuck: (({ left, right }, view) => left >= view.left && right <= view.right)(
                  table.rows[1].cells[0].getBoundingClientRect(), box.getBoundingClientRect()),
                other: table.rows[1].cells[1].getBoundingClientRect().left < before,
              };
            }"""
        )
        assert layout["page"] <= 390, "the page itself scrolls sideways"
        assert layout["form"] <= 390, "the filters overflow the screen"
        assert layout["overflow"] == "auto" and layout["scrolls"] and layout["scrolled"] > 0
        assert layout["clipped"] == [], f"text clipped in cells: {layout['clipped']}"
        assert layout["stuck"] and layout["other"], f"the engine column should stay put while the rest scrolls: {layout}"


def test_without_javascript_the_whole_table_shows(browser, site_url):
    with reader(browser, site_url + "compare/", javascript=False) as page:
        assert visible_names(page) == ALL
        expect(page.locator(".guide-filters")).to_be_hidden()
        expect(page.locator(".guide-table-tools")).to_be_hidden()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_filters_read_well_in_both_palettes(browser, site_url, scheme):
    with reader(browser, site_url + "compare/?hw=nvidia", color_scheme=scheme) as page:
        assert visible_names(page) == runs_on("nvidia")
        for control in (page.get_by_label("Runs on"), page.get_by_label("Name"), page.get_by_role("button", name="Clear filters")):
            expect(control).to_be_visible()
            assert contrast(control) >= 4.5, f"{scheme}: contrast {contrast(control):.2f}:1"
        assert contrast(page.locator(".guide-filter label").first) >= 4.5
