"""The partners' commitments in Chromium: partner A's signatory finds the pledges to confirm in the portal, reads
its own table (not partner B's), confirms it with name, role and address, and the programme manager sees the
confirmation on the overview. Every page passes axe-core and reflows at 320 px; screenshots are kept."""

import pytest
from django.urls import reverse

from civhub.applications.models import Commitment
from tests.applications.support import application, balanced_budget
from tests.browser.support import assert_accessible, assert_reflows, screenshot, sign_in, submit
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_the_signatory_confirms_its_pledges_and_the_office_sees_it(transactional_db, page, centre, partner_a,
                                                                   partner_b, partner_a_signatory,
                                                                   programme_manager):
    made = application(centre)
    balanced_budget(made, partner_a, partner_b)
    sign_in(page, partner_a_signatory.email, PASSWORD)

    page.goto(reverse("portal:partner", args=[centre.slug, partner_a.short_code]))
    page.get_by_role("link", name=made.title).click()
    page.wait_for_load_state()
    main = page.locator("main")
    assert "Toezeggingen van Partner A BV" in main.inner_text()
    assert "EUR 450.000,00" in main.inner_text() and "EUR 150.000,00" not in main.inner_text()
    assert "nog niet bevestigd" in main.inner_text()
    assert_accessible(page)
    assert_reflows(page)
    screenshot(page, "application-pledges-1280")

    page.get_by_role("link", name="Deze toezeggingen bevestigen").click()
    page.wait_for_load_state()
    page.get_by_label("Uw functie in de organisatie").fill("directeur")
    page.get_by_label("Postadres van uw organisatie").fill("Laan 1\n6811 AA Arnhem")
    assert_accessible(page)
    assert_reflows(page)
    screenshot(page, "application-pledges-confirm-1280")
    submit(page)
    page.wait_for_load_state()
    assert "uw toezeggingen zijn bevestigd" in page.content()
    assert Commitment.objects.get().signer_role == "directeur"

    page.context.clear_cookies()
    sign_in(page, programme_manager.email, PASSWORD)
    page.goto(reverse("applications:commitments", args=[centre.slug, made.pk]))
    row = page.locator("tr[data-partner='partner-a']")
    assert "bevestigd" in row.inner_text() and "directeur" in row.inner_text()
    assert_accessible(page)
    assert_reflows(page)
    screenshot(page, "application-commitments-1280")
