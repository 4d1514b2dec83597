"""The navigation drawer on a narrow screen (below 76.25em Material slides the sidebar in as a drawer).

Closed, the drawer is not drawn (guide.css) and its links are out of the focus order; the header's menu icon, a
<label> in Material, becomes a button a keyboard can use (overrides/partials/menu-button.html). Without scripts,
Material's drawer is left as it is.
"""

from __future__ import annotations

from playwright.sync_api import expect

from reader import reader
from sitebrowser import open_page

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
BUTTON = ".md-header .guide-menu-button"
# Whether the drawer's first link is drawn, and where keyboard focus is, as a reader would see it.
DRAWN = 'document.querySelector(".md-sidebar--primary .md-nav__item a[href]").checkVisibility({ contentVisibilityAuto: true })'
STATE = f"""() => {{
  const focused = document.activeElement;
  const box = focused.getBoundingClientRect();
  return {{
    drawn: {DRAWN},
    focus: focused.matches(".md-sidebar--primary *") ? "drawer" : focused.matches(".guide-menu-button") ? "button" : focused.tagName,
    onScreen: box.width > 0 && box.right > 0 && box.left < innerWidth,
  }};
}}"""


def state(page):
    return page.evaluate(STATE)


def test_tabbing_on_a_phone_never_lands_on_a_hidden_link(browser, site_url):
    """Material's closed drawer kept ~40 off-screen links in the focus order; now focus reaches the menu button
    and passes the drawer by."""
    with reader(browser, site_url + "learn/basics/", viewport=PHONE) as page:
        assert state(page)["drawn"] is False
        reached = []
        for _ in range(12):
            page.keyboard.press("Tab")
            reached.append(state(page))
        assert any(step["focus"] == "button" for step in reached), reached
        assert not any(step["focus"] == "drawer" for step in reached), reached


def test_the_menu_button_opens_and_closes_the_drawer_from_the_keyboard(browser, site_url):
    """A page in a section (Learn): the drawer opens on that section, focus on its first link, in view."""
    with reader(browser, site_url + "learn/multi-gpu/", viewport=PHONE) as page:
        button = page.locator(BUTTON)
        expect(page.get_by_role("button", name="Navigation")).to_have_count(1)
        expect(button).to_have_attribute("aria-expanded", "false")
        button.focus()
        page.keyboard.press("Enter")
        expect(button).to_have_attribute("aria-expanded", "true")
        page.wait_for_function("() => document.activeElement.matches('.md-sidebar--primary a[href]')")
        assert page.evaluate("document.activeElement.textContent").strip() == "How inference works"
        page.wait_for_timeout(400)  # the drawer's slide
        assert state(page) == {"drawn": True, "focus": "drawer", "onScreen": True}
        page.keyboard.press("Escape")
        expect(button).to_have_attribute("aria-expanded", "false")
        assert state(page)["focus"] == "button"
        # Drawn while it slides out, then not drawn.
        page.wait_for_function(f"() => !{DRAWN}")
        page.keyboard.press(" ")
        expect(button).to_have_attribute("aria-expanded", "true")
        page.wait_for_function("() => document.activeElement.matches('.md-sidebar--primary a[href]')")


def test_a_tap_on_the_menu_opens_the_drawer_without_moving_focus_into_it(browser, site_url):
    with reader(browser, site_url + "hardware/", viewport=PHONE) as page:
        page.locator(BUTTON).click()
        expect(page.locator(BUTTON)).to_have_attribute("aria-expanded", "true")
        page.wait_for_timeout(100)  # a keyboard opening moves focus on the next frame; a tap must not
        assert state(page)["drawn"] is True and state(page)["focus"] == "button"
        page.locator(".md-sidebar--primary").get_by_role("link", name="Compare engines").click()
        page.wait_for_url("**/compare/")


def test_the_sidebar_on_a_wide_screen_is_drawn(browser, site_url):
    with reader(browser, site_url + "learn/basics/", viewport=DESKTOP) as page:
        assert state(page)["drawn"] is True
        expect(page.locator(BUTTON)).to_be_hidden()


def test_without_scripts_materials_drawer_is_left_as_it_is(browser, site_url):
    """No script, no keyboard for the button: the links stay where Material puts them."""
    context, page, _ = open_page(browser, viewport=PHONE, javascript=False)
    try:
        page.goto(site_url + "learn/basics/")
        assert page.evaluate("getComputedStyle(document.querySelector('.md-sidebar--primary .md-sidebar__scrollwrap')).contentVisibility") == "visible"
        assert page.locator('.md-header label[for="__drawer"]').count() == 1 and page.locator(BUTTON).count() == 0
    finally:
        context.close()
