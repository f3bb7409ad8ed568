"""Submitting and the award in Chromium: the programme manager submits a ready application (the copy is frozen),
records a partial award, checks the scaled figures on the confirmation page in both ways of scaling, confirms,
and lands on the monitor, which shows the forecast for the years after the subsidy. Every page passes axe-core and
reflows."""

import pytest
from django.urls import reverse

from civhub.applications.models import Application, SubmittedCopy
from tests.applications.support import application, ready, regulation
from tests.browser.support import assert_accessible, assert_reflows, screenshot, sign_in
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_the_office_submits_and_records_a_partial_award(transactional_db, page, centre, programme_manager,
                                                        partner_a, partner_b):
    made = ready(application(centre, regulation=regulation(report_due_months=[13, 25, 37])), partner_a, partner_b)
    sign_in(page, programme_manager.email, PASSWORD)

    page.goto(reverse("applications:workspace", args=[centre.slug, made.pk]))
    page.get_by_role("link", name="Aanvraag indienen").click()
    page.wait_for_load_state()
    assert "Alles wat civhub kan controleren is in orde" in page.locator("main").inner_text()
    assert_accessible(page)
    assert_reflows(page)
    screenshot(page, "application-submit-1280")
    page.get_by_role("button", name="Indienen en het exemplaar bevriezen").click()
    page.wait_for_load_state()
    assert "De aanvraag is ingediend." in page.content()
    copy = SubmittedCopy.objects.get()
    assert copy.pdf_sha256 in page.locator("#submission").inner_text()
    assert_accessible(page)

    page.get_by_role("link", name="Toekenning vastleggen").click()
    page.wait_for_load_state()
    page.get_by_label("Datum van de beschikking").fill("2021-11-15")
    page.get_by_label("Kenmerk van de beschikking").fill("RIF21-0042")
    page.get_by_label("Toegekende subsidie (EUR)").fill("200000.00")
    assert_accessible(page)
    assert_reflows(page)
    page.get_by_role("button", name="Laat zien wat de subsidie wordt").click()
    page.wait_for_load_state()
    main = page.locator("main").inner_text()
    assert "Een gedeeltelijke toekenning." in main and "66,67%" in main
    assert page.locator('[data-total="income"]').inner_text() == "EUR 600.000,00"
    assert page.locator('[data-total="costs"]').inner_text() == "EUR 600.000,00"
    assert_accessible(page)
    assert_reflows(page)
    screenshot(page, "application-award-confirm-1280")
    # The office looks at the other way: the partners keep their 600,000, the subsidy and its costs go down.
    page.get_by_label("De bijdragen van de partners houden, de subsidie en wat ervan betaald wordt verlagen").check()
    page.get_by_role("button", name="Toon de bedragen voor deze manier").click()
    page.wait_for_load_state()
    assert page.locator('[data-figure="cofinancing"]').inner_text() == "EUR 600.000,00"
    assert page.locator('[data-figure="ratio"]').inner_text() == "3,00"
    assert page.locator('[data-total="income"]').inner_text() == "EUR 800.000,00"
    assert_accessible(page)
    screenshot(page, "application-award-confirm-keep-partners-1280")
    # ... and goes back to everything in proportion.
    page.get_by_label("Alles naar verhouding").check()
    page.get_by_role("button", name="Toon de bedragen voor deze manier").click()
    page.wait_for_load_state()
    assert page.locator('[data-figure="ratio"]').inner_text() == "2,00"
    assert page.locator('[data-total="income"]').inner_text() == "EUR 600.000,00"
    page.get_by_role("button", name="Bevestig de toekenning en maak de subsidie aan").click()
    page.wait_for_load_state()

    assert "De aanvraag is toegekend" in page.content()
    assert "Na de subsidie: de prognose en de werkelijke cijfers" in page.locator("main").inner_text()
    made.refresh_from_db()
    assert made.status == Application.Status.AWARDED and str(made.award.grant.amount) == "200000.00"
    assert_accessible(page)
    screenshot(page, "application-award-monitor-1280")
