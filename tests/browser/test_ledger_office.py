"""The office's ledger pages in Chromium: the summary's chart renders under the site's CSP, the pages pass
axe-core and reflow at 320 px, and a web import shows its preview and is confirmed."""

import datetime
from pathlib import Path

import pytest
from django.urls import reverse

from civhub.ledger.models import Contribution, Pledge
from tests.browser.support import PHONE, assert_accessible, assert_reflows, screenshot, sign_in
from tests.factories import PASSWORD
from tests.ledger.office_support import contribution, pledge, rate_card

pytestmark = pytest.mark.browser


@pytest.fixture
def ledger_a(full_centre, partner_a):
    for year, amount in [(2025, "20000.00"), (2026, "25000.00")]:
        pledge(partner_a, year, "lab", amount)
    contribution(partner_a, amount="12500.00", day=datetime.date(2025, 5, 1))
    contribution(partner_a, amount="800.00", status=Contribution.Status.SUBMITTED, day=datetime.date(2025, 6, 1))
    return partner_a


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 800}, PHONE], ids=["laptop", "phone"])
def test_the_summary_shows_its_chart_and_numbers(transactional_db, new_page, ledger_a, partner_a_contact, viewport):
    page = new_page(viewport)
    refused = []
    page.on("console", lambda message: refused.append(message.text) if "Content Security" in message.text else None)
    sign_in(page, partner_a_contact.email, PASSWORD)
    page.goto(reverse("ledger:summary", args=[ledger_a.centre.slug, ledger_a.short_code]))
    chart = page.locator(".chart-card img")
    chart.wait_for()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=chart.element_handle(),
                           timeout=30_000)  # the picture drawn, on a busy machine too
    assert "EUR 12.500,00" in page.locator("main table").inner_text()  # Dutch by default
    assert not refused
    assert_accessible(page)
    assert_reflows(page)
    screenshot(page, f"ledger-summary-{viewport['width']}")


def test_the_pledge_and_rate_pages_are_accessible_and_reflow(transactional_db, page, ledger_a, programme_manager):
    rate_card(ledger_a)
    sign_in(page, programme_manager.email, PASSWORD)
    for name in ("pledges", "rates", "pledge_new", "rate_new"):
        page.goto(reverse(f"ledger:{name}", args=[ledger_a.centre.slug]))
        assert_accessible(page)
        assert_reflows(page)
    page.goto(reverse("ledger:pledges", args=[ledger_a.centre.slug]))
    screenshot(page, "ledger-pledges")
    assert Pledge.objects.count() == 2


def test_a_partner_imports_a_file_after_its_preview(transactional_db, page, ledger_a, partner_a_contact, tmp_path,
                                                    settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    file = Path(tmp_path / "uren.csv")
    file.write_text("extern_id;partner;datum;soort;programmalijn;categorie;uren;bedrag;omschrijving\n"
                    "w-1;partner-a;2025-03-03;lab;;;;250,00;Materiaal\n"
                    "w-2;partner-a;2025-03-04;education;;;7,5;;Lesdag\n")  # staff time is hours (fixed rate)
    sign_in(page, partner_a_contact.email, PASSWORD)
    page.goto(reverse("ledger:import", args=[ledger_a.centre.slug]))
    page.set_input_files("input[type=file]", str(file))
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_selector("#confirm-form")
    assert_accessible(page)
    assert Contribution.objects.filter(extern_id__startswith="w-").count() == 0
    page.locator("#confirm-form button").click()
    page.wait_for_selector("text=2 rijen toegevoegd")  # the Dutch interface
    assert Contribution.objects.filter(extern_id__startswith="w-", status="submitted").count() == 2
    assert_accessible(page)
