"""The HCA page in Chromium: the office reads the forecast, opens "How do we calculate?" with the keyboard, picks
the earlier round and reaches the KPI confirmation; the steering group sees the suppressed cell in words. Every
screen passes axe-core and reflows at 320 px; screenshots at laptop and phone width are kept."""

import pytest
from django.urls import reverse

from tests.browser.support import assert_accessible, assert_reflows, screenshot, sign_in, submit
from tests.factories import PASSWORD
from tests.hca.overview_data import two_rounds

pytestmark = pytest.mark.browser


def test_the_office_reads_the_page_with_the_keyboard_and_picks_a_round(transactional_db, page, centre,
                                                                       programme_manager):
    world = two_rounds(centre, programme_manager)
    sign_in(page, programme_manager.email, PASSWORD)
    page.goto(reverse("office:dashboard", args=[centre.slug]))
    page.get_by_role("button", name="Programma").click()  # the office's menu groups the HCA under Programma
    with page.expect_navigation():
        page.locator("#menu-programme").get_by_role("link", name="Arbeidsmarkt").click()

    main = page.locator("main")
    assert "Prognose per beroep" in main.inner_text()
    assert "niet gepubliceerd: minder dan 3 partners" in main.inner_text()
    assert_accessible(page)
    summary = page.locator("summary", has_text="Hoe rekenen we?")
    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator("details.hca-method").get_attribute("open") is not None
    assert "Vervangingsvraag" in main.inner_text()
    assert_accessible(page)
    assert_reflows(page)
    screenshot(page, "hca-overview-1280")

    page.get_by_label("Toon enquêteronde").select_option(str(world["earlier"].pk))
    with page.expect_navigation():
        submit(page)
    assert f"ronde={world['earlier'].pk}" in page.url and "illustratief" in main.inner_text()

    page.goto(reverse("hca:overview", args=[centre.slug]))
    with page.expect_navigation():
        page.get_by_role("link", name="ITA's vastleggen als KPI's").click()
    page.wait_for_load_state()
    assert_accessible(page)
    assert_reflows(page)

    # The office's HCA pages share one sub-navigation: from the HCA page to every list and back.
    page.goto(reverse("hca:overview", args=[centre.slug]))
    tabs = page.get_by_role("navigation", name="Arbeidsmarkt")
    for name, heading in (("Beroepen en opleidingen", "Beroepen en opleidingen"), ("Enquêterondes", None),
                          ("Vaardigheden", "Vaardigheden"), ("Dekking", "Dekking van vaardigheden"),
                          ("Gepubliceerde prognoses", "Gepubliceerde prognoses"), ("Prognose", None)):
        with page.expect_navigation():
            tabs.get_by_role("link", name=name, exact=True).click()
        page.wait_for_load_state()
        assert tabs.get_by_role("link", name=name, exact=True).get_attribute("aria-current") == "page"
        if heading:
            assert page.get_by_role("heading", level=1).inner_text() == heading
        assert_accessible(page)
        assert_reflows(page)
    screenshot(page, "hca-overview-tabs-1280")


def test_the_steering_group_reads_published_cells_on_a_phone(transactional_db, phone_page, centre, programme_manager,
                                                              steering_member):
    two_rounds(centre, programme_manager)
    sign_in(phone_page, steering_member.email, PASSWORD)
    phone_page.goto(reverse("hca:overview", args=[centre.slug]))

    main = phone_page.locator("main")
    assert "Niet gepubliceerd: minder dan 3 partners antwoordden." in main.inner_text()
    assert "De partners verwachten meer baanopeningen dan ROA" in main.inner_text()
    assert_accessible(phone_page)
    assert_reflows(phone_page)
    screenshot(phone_page, "hca-overview-phone")
