"""The search in Chromium: typed in the header's box and sent with Enter, on a laptop and inside the phone's menu;
the results by kind with the words marked, a hit that opens, the messages for an empty query and for nothing found;
axe-core at the page's width and at 390 px, and no horizontal scrolling at 320 px."""

import pytest
from django.urls import reverse

from tests.browser.support import NARROWEST, assert_accessible, assert_reflows, screenshot, sign_in
from tests.core.search_support import WORD, fermentation_world
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def fermentation(centre, partner_a, partner_b):
    fermentation_world(centre, partner_a, partner_b)


def test_the_office_searches_from_the_header_and_opens_a_hit(transactional_db, page, centre, fermentation,
                                                             programme_manager):
    sign_in(page, programme_manager.email, PASSWORD)
    page.goto(reverse("office:dashboard", args=[centre.slug]))
    # On a laptop the header keeps its room for the menu: only the magnifier shows, and it opens the search page
    # with the focus in the page's own box.
    assert not page.locator("#site-search-q").is_visible()
    page.locator("header").get_by_role("button", name="Zoeken").click()
    page.wait_for_load_state()
    assert page.evaluate("document.activeElement.id") == "search-q"
    page.keyboard.type("Fermentatie")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(reverse("core:search", args=[centre.slug]) + "?q=Fermentatie")
    main = page.locator("main")
    assert "10 resultaten voor “Fermentatie”" in main.inner_text()
    assert [heading.split("\n")[0].strip() for heading in main.locator("h2").all_inner_texts()] == [
        "Contactpersonen 2", "Bijdragen 2", "Cursussen 2", "Vergaderingen 3", "Besluiten 1"]
    assert {text.lower() for text in main.locator("mark").all_inner_texts()} == {"fermentatie"}
    assert page.get_by_role("searchbox", name="Zoeken naar").input_value() == "Fermentatie"  # kept in the box
    assert page.locator("form[role=search]").count() == 1  # the page's own box; the header's is left out here
    assert_accessible(page)
    assert_reflows(page)
    screenshot(page, "search-1280")

    page.set_viewport_size({"width": 1600, "height": 900})  # a wide screen shows the header's box itself
    page.goto(reverse("office:dashboard", args=[centre.slug]))
    box = page.get_by_role("searchbox", name="Zoeken in partners, contactpersonen, bijdragen, cursussen, "
                                              "vergaderingen en besluiten")
    box.fill("Fermentatie")
    box.press("Enter")
    page.wait_for_load_state()
    page.get_by_role("link", name="Fermentatie practicum B").click()
    page.wait_for_load_state()
    assert "/bijdragen/" in page.url
    assert "Fermentatie practicum B" in page.locator("main").inner_text()


def test_a_partner_searches_from_the_phone_menu_and_finds_only_its_own(transactional_db, phone_page, centre,
                                                                       fermentation, partner_a_contact):
    page = phone_page
    sign_in(page, partner_a_contact.email, PASSWORD)
    page.goto(reverse("ledger:contributions", args=[centre.slug]))
    box = page.locator("#site-search-q")
    assert not box.is_visible()  # inside the closed menu
    page.locator(".menu-toggle").click()
    assert box.is_visible()
    assert_reflows(page)  # the open menu with the box fits 320 px
    box.fill(WORD)
    box.press("Enter")
    page.wait_for_load_state()
    text = page.locator("main").inner_text()
    assert "Fermentatie practicum A" in text and "Fermentatie practicum B" not in text
    assert "Bas Bakker" not in text and "Anna de Vries" in text
    assert_accessible(page)
    assert_reflows(page)
    page.set_viewport_size({"width": NARROWEST, "height": 800})
    screenshot(page, "search-320")


def test_an_empty_search_and_one_without_results_say_what_to_do(transactional_db, page, centre, steering_member):
    sign_in(page, steering_member.email, PASSWORD)
    page.goto(reverse("core:search", args=[centre.slug]))
    assert "Waar zoekt u naar?" in page.locator("main").inner_text()
    assert_accessible(page)
    search = page.get_by_role("searchbox", name="Zoeken naar")
    search.fill("onvindbaar")
    search.press("Enter")
    page.wait_for_load_state()
    assert "Niets gevonden voor “onvindbaar”" in page.locator("main").inner_text()
    assert_accessible(page)
    assert_reflows(page)
