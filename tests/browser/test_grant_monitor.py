"""The co-financing monitor in Chromium: the finance controller reads the ratio and the warning for a partner
behind its pledge, downloads the funder pack as XLSX and PDF and finds the same total in both; a partner's
contact sees only their own figures. The pages pass axe-core and reflow at 320 px."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.browser.support import PHONE, assert_accessible, assert_reflows, images_loaded, screenshot, sign_in
from tests.factories import PASSWORD
from tests.grants.monitor_support import AS_OF, small_centre

pytestmark = pytest.mark.browser

REALISED = "EUR 57.300,00"  # the hand-computed realised co-financing on AS_OF (tests/grants/test_monitor_selector.py)


@pytest.fixture
def small(centre, partner_a, partner_b):
    return small_centre(centre, partner_a, partner_b)


def monitor_url(centre) -> str:
    return reverse("grants:monitor", args=[centre.slug]) + f"?as_of={AS_OF.isoformat()}"


def download(page, link_text: str) -> bytes:
    images_loaded(page)
    with page.expect_download(timeout=60_000) as info:  # the pack is a PDF and a workbook made on the spot
        page.get_by_role("link", name=link_text).click()
    return info.value.path().read_bytes()


def test_the_finance_controller_reads_the_monitor_and_downloads_the_funder_pack(
        transactional_db, page, small, finance_controller):
    refused = []
    page.on("console", lambda message: refused.append(message.text) if "Content Security" in message.text else None)
    sign_in(page, finance_controller.email, PASSWORD)
    page.goto(monitor_url(small.grant.centre))

    main = page.locator("main")
    assert "1,02" in main.inner_text()  # the ratio to date, in Dutch
    assert REALISED in main.inner_text()
    assert "Zuivel Beta BV" in main.locator(".monitor-warnings").inner_text()  # behind its pledge
    images_loaded(page, "main img[src$='.svg']")  # every chart drawn
    assert not refused
    assert_accessible(page)
    screenshot(page, "grant-monitor-1280")

    workbook = load_workbook(io.BytesIO(download(page, "(Excel)")), read_only=True)
    summary = {key: value for _label, value, key in workbook["Samenvatting"].iter_rows(min_row=2, values_only=True)}
    assert float(summary["cofinanciering_gerealiseerd"]) == 57300.0
    pdf = PdfReader(io.BytesIO(download(page, "(PDF)")))
    text = "\n".join(page_.extract_text() for page_ in pdf.pages)
    assert "57.300" in text and small.grant.centre.name in text

    assert_reflows(page)


def test_a_partner_contact_sees_only_their_own_figures(transactional_db, new_page, small, partner_a_contact):
    page = new_page(PHONE)
    sign_in(page, partner_a_contact.email, PASSWORD)
    page.goto(monitor_url(small.grant.centre))
    text = page.locator("main").inner_text()
    assert small.partner_a.organisation.name in text
    for other in (small.partner_b.organisation.name, "Zuivel Beta BV", "ROC Delta"):
        assert other not in text
    assert "(Excel)" not in text  # the funder pack is not a partner's
    assert_accessible(page)
    assert_reflows(page)
    screenshot(page, "grant-monitor-partner-390")
