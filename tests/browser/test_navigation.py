"""The menus in a browser (issue 14): the phone's menu button and the office's groups by keyboard alone, and
axe-core on key pages at 390 px and at a laptop's width with the new header."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

from tests.browser.support import LAPTOP, PHONE, assert_reflows, screenshot, sign_in
from tests.factories import PASSWORD
from tests.grants.monitor_support import small_centre

pytestmark = pytest.mark.browser

AXE = Axe()


def blocking_violations(page) -> list:
    return [(v["id"], [node["target"] for node in v["nodes"]])
            for v in AXE.run(page).response["violations"] if v["impact"] in {"serious", "critical"}]


def tab_to(page, selector: str, limit: int = 40) -> None:
    """Press Tab until the element matching `selector` has the focus (keyboard only, no click)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} never got the focus by Tab")


def test_the_phone_menu_opens_and_closes_by_keyboard(transactional_db, phone_page, centre, programme_manager):
    page = phone_page
    sign_in(page, programme_manager.email, PASSWORD)
    page.goto(reverse("office:dashboard", args=[centre.slug]))
    toggle = page.locator(".menu-toggle")
    contributions = page.locator(".main-nav a", has_text="Bijdragen")
    assert toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false"
    assert not contributions.is_visible()
    header = page.locator(".site-header").bounding_box()
    assert header["height"] < PHONE["height"] / 8  # a compact header, not a quarter of the screen
    tab_to(page, ".menu-toggle")
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    assert contributions.is_visible()  # on a phone every group's links show in the open menu
    assert page.locator(".language-switch").is_visible()
    screenshot(page, "navigation-phone-open")
    assert blocking_violations(page) == []
    page.keyboard.press("Tab")
    page.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not contributions.is_visible()
    assert page.evaluate("document.activeElement.classList.contains('menu-toggle')")


def test_an_office_group_opens_by_keyboard_and_escape_closes_it(transactional_db, page, centre, programme_manager):
    sign_in(page, programme_manager.email, PASSWORD)
    page.goto(reverse("office:dashboard", args=[centre.slug]))
    assert not page.locator(".menu-toggle").is_visible()
    money = page.locator(".nav-group-button[aria-controls=menu-money]")
    contributions = page.locator("#menu-money a").first
    assert money.get_attribute("aria-expanded") == "false" and not contributions.is_visible()
    tab_to(page, ".nav-group-button[aria-controls=menu-money]")
    page.keyboard.press("Enter")
    assert money.get_attribute("aria-expanded") == "true" and contributions.is_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('#menu-money') !== null")
    screenshot(page, "navigation-laptop-money-open")
    assert blocking_violations(page) == []
    page.keyboard.press("Escape")
    assert money.get_attribute("aria-expanded") == "false" and not contributions.is_visible()
    assert page.evaluate("document.activeElement.getAttribute('aria-controls') === 'menu-money'")
    # Opening another group closes the first; the link leads to its page.
    page.keyboard.press("Enter")
    programme = page.locator(".nav-group-button[aria-controls=menu-programme]")
    programme.click()
    assert money.get_attribute("aria-expanded") == "false" and programme.get_attribute("aria-expanded") == "true"
    page.locator("#menu-programme a").first.click()
    page.wait_for_load_state()
    assert page.url.endswith(reverse("programme:overview", args=[centre.slug]))


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_key_pages_pass_axe_with_the_new_header(transactional_db, new_page, viewport, centre, partner_a, partner_b,
                                                programme_manager, steering_member, partner_a_contact):
    small_centre(centre, partner_a, partner_b)
    slug = centre.slug
    visits = [
        (programme_manager, [reverse("office:dashboard", args=[slug]), reverse("ledger:pledges", args=[slug]),
                             reverse("ledger:contributions", args=[slug]), reverse("grants:monitor", args=[slug])]),
        (steering_member, [reverse("grants:monitor", args=[slug])]),
        (partner_a_contact, [reverse("portal:home", args=[slug])]),
        (None, [reverse("learning:catalogue", args=[slug]), reverse("public:centre", args=[slug])]),
    ]
    name = "phone" if viewport is PHONE else "laptop"
    for person, urls in visits:
        page = new_page(viewport)
        if person:
            sign_in(page, person.email, PASSWORD)
        for url in urls:
            page.goto(url)
            assert blocking_violations(page) == [], url
            assert_reflows(page)
        screenshot(page, f"navigation-{name}-{person.email.split('@')[0] if person else 'public'}")


def test_a_data_page_uses_the_width_of_a_laptop(transactional_db, new_page, centre, partner_a, partner_b,
                                                programme_manager):
    small_centre(centre, partner_a, partner_b)
    page = new_page({"width": 1366, "height": 768})
    sign_in(page, programme_manager.email, PASSWORD)
    page.goto(reverse("ledger:pledges", args=[centre.slug]))
    table = page.locator("main table").first.bounding_box()
    assert table["width"] > 1200  # was capped near 1000 px; the total column was cut off
    wrap = page.locator("main .table-wrap").first
    assert wrap.evaluate("e => e.scrollWidth <= e.clientWidth")  # the whole table shows, nothing to scroll
