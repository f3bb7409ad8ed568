"""Commitments after the subsidy in Chromium: the office has asked the partners; partner A's signatory finds its
continuation lines in the portal, reads only its own, confirms them with name, role and address, and the programme
manager sees the confirmation on the overview. Every page passes axe-core and reflows; screenshots are kept."""

import pytest
from django.urls import reverse

from civhub.applications.models import Application, Commitment
from civhub.applications.services.commitments import open_continuation_round
from tests.applications.support import application, forecast
from tests.browser.support import assert_accessible, assert_reflows, screenshot, sign_in, submit
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_the_signatory_confirms_its_commitments_after_the_subsidy(transactional_db, page, centre, partner_a,
                                                                  partner_b, partner_a_signatory,
                                                                  programme_manager):
    made = application(centre, status=Application.Status.AWARDED)
    open_continuation_round(application=made, actor=programme_manager)
    forecast(made, 2026, "4000.00", partnership=partner_a, description="Cursusgelden analisten")
    forecast(made, 2027, "5000.00", partnership=partner_a, description="Cursusgelden analisten")
    forecast(made, 2026, "2500.00", partnership=partner_b, description="Bijdrage gemeente")
    sign_in(page, partner_a_signatory.email, PASSWORD)

    page.goto(reverse("portal:partner", args=[centre.slug, partner_a.short_code]))
    page.get_by_role("link", name=f"{made.title}: na de subsidie").click()
    page.wait_for_load_state()
    main = page.locator("main")
    text = main.inner_text()
    assert "Toezeggingen van Partner A BV na de subsidie" in page.title()
    assert "EUR 9.000,00" in text and "Bijdrage gemeente" not in text
    assert "nog niet bevestigd" in text
    assert_accessible(page)
    assert_reflows(page)
    screenshot(page, "continuation-commitments-1280")

    page.get_by_role("link", name="Deze toezeggingen bevestigen").click()
    page.wait_for_load_state()
    page.get_by_label("Uw functie in de organisatie").fill("directeur")
    page.get_by_label("Postadres van uw organisatie").fill("Laan 1\n6811 AA Arnhem")
    assert_accessible(page)
    submit(page)
    page.wait_for_load_state()
    assert "uw toezeggingen zijn bevestigd" in page.content()
    assert Commitment.objects.get(stage=Commitment.Stage.CONTINUATION).signer_role == "directeur"

    page.context.clear_cookies()
    sign_in(page, programme_manager.email, PASSWORD)
    page.goto(reverse("applications:commitments", args=[centre.slug, made.pk]))
    row = page.locator("tr[data-after='partner-a']")
    assert "bevestigd" in row.inner_text() and "directeur" in row.inner_text()
    assert_accessible(page)
    assert_reflows(page)
    screenshot(page, "continuation-commitments-office-1280")
