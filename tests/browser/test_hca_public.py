"""The public page "De arbeidsmarkt voor analisten" in Chromium, for an anonymous visitor: reached from the
centre's public page, it passes axe-core on a laptop and a phone, reflows at 320 px, shows the chart with its
text alternative and says which cells are not published; screenshots are kept."""

import pytest
from django.urls import reverse

from tests.browser.support import PHONE, assert_accessible, assert_reflows, screenshot
from tests.hca.outputs_data import SUPPRESSED_TEXT, assert_hides_the_suppressed_cell, build_labour_market

pytestmark = pytest.mark.browser


def test_an_anonymous_visitor_reads_the_labour_market_on_a_laptop_and_a_phone(transactional_db, new_page, centre):
    build_labour_market(centre)
    page = new_page()
    page.goto(reverse("public:centre", args=[centre.slug]))
    page.get_by_role("link", name="Bekijk de cijfers").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "De arbeidsmarkt voor analisten"
    chart = page.get_by_role("img", name="Staafdiagram per beroep: baanopeningen tegenover instromende "
                                           "schoolverlaters. Dezelfde cijfers staan in de tabel hieronder.")
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=chart.element_handle(),
                           timeout=30_000)  # the picture drawn, on a busy machine too
    main = page.locator("main").inner_text()
    assert SUPPRESSED_TEXT in main and "illustratief" in main
    assert_hides_the_suppressed_cell(main)
    assert_accessible(page)
    assert_reflows(page)
    screenshot(page, "hca-public-1280")

    phone = new_page(viewport=PHONE)
    phone.goto(reverse("hca:public", args=[centre.slug]))
    assert_accessible(phone)
    assert_reflows(phone)
    screenshot(phone, "hca-public-390")
