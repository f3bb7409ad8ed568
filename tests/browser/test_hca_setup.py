"""The office's occupations and programmes in Chromium: the programme manager adds an occupation and a programme
that trains for it; the list and both forms pass axe-core and reflow at 320 px; a screenshot is kept."""

import pytest
from django.urls import reverse

from civhub.hca.models import EducationProgramme
from tests.browser.support import assert_accessible, assert_reflows, screenshot, sign_in, submit
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_the_programme_manager_adds_an_occupation_and_a_programme(transactional_db, page, centre, partner_b,
                                                                   programme_manager):
    sign_in(page, programme_manager.email, PASSWORD)
    page.goto(reverse("hca:setup", args=[centre.slug]))
    assert_accessible(page)

    page.get_by_role("link", name="Beroep toevoegen").click()
    assert_accessible(page)
    page.get_by_label("Naam").fill("laborant mbo-3")
    page.get_by_label("ISCO-08-code").fill("3111")
    submit(page)
    page.wait_for_load_state()
    assert "Het beroep is opgeslagen." in page.content()

    page.get_by_role("link", name="Opleiding toevoegen").click()
    page.get_by_label("School").select_option(label="Gemeente Partner B")
    page.get_by_label("Naam").fill("Laboratoriumtechniek")
    page.get_by_label("crebo- of CROHO-code").fill("25881")
    page.get_by_label("Niveau").select_option(label="mbo-niveau 3")
    page.get_by_label("Gediplomeerden per jaar").fill("40")
    page.get_by_label("Aandeel dat in de regio gaat werken").fill("0,6")
    page.get_by_label("laborant mbo-3").check()
    assert_accessible(page)
    submit(page)
    page.wait_for_load_state()

    programme = EducationProgramme.objects.get()
    assert [occupation.name for occupation in programme.occupations.all()] == ["laborant mbo-3"]
    main = page.locator("main")
    assert "Laboratoriumtechniek" in main.inner_text() and "60%" in main.inner_text()
    assert_accessible(page)
    assert_reflows(page)
    screenshot(page, "hca-setup-1280")
