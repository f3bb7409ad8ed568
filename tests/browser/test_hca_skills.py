"""The skills, the coverage matrix, the published forecasts and a school's own programmes in Chromium: the
matrix is filled in with the keyboard alone, every page passes axe-core and reflows at 320 px; screenshots kept."""

import pytest
from django.urls import reverse

from civhub.hca.models import EducationProgramme, Occupation, SkillCoverage
from civhub.hca.services.published import import_published_forecast
from tests.browser.support import NARROWEST, assert_accessible, assert_reflows, screenshot, sign_in, submit
from tests.factories import PASSWORD
from tests.hca.support_skills import module, school, school_contact, skills
from tests.hca.test_published import GOOD

pytestmark = pytest.mark.browser


def at_320(page, name: str) -> None:
    """The page at the narrowest width: accessible there too, and a screenshot to look at."""
    size = page.viewport_size
    page.set_viewport_size({"width": NARROWEST, "height": 800})
    assert_accessible(page)
    screenshot(page, name)
    page.set_viewport_size(size)


def test_the_office_fills_in_the_coverage_matrix_with_the_keyboard(transactional_db, page, centre,
                                                                   programme_manager):
    pipetting, aseptic, _gmp = skills(centre, "pipetteren", "aseptisch werken", "werken volgens GMP")
    first = module(centre, "LAB-1", title="Analytische chemie")
    module(centre, "LAB-2", title="Microbiologie")
    sign_in(page, programme_manager.email, PASSWORD)
    page.goto(reverse("hca:coverage", args=[centre.slug]))
    assert_accessible(page)

    cell = page.get_by_label("pipetteren in module LAB-1")
    cell.focus()
    page.keyboard.type("3")            # the level's number picks it
    page.keyboard.press("Tab")         # the next module in the same row
    page.keyboard.press("Tab")         # the next skill, first module
    page.keyboard.type("2")
    page.locator("main button[type=submit]").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert "2 cellen van de dekking zijn gewijzigd." in page.content()
    assert {(row.skill_id, row.level) for row in SkillCoverage.objects.filter(module=first)} == {
        (pipetting.pk, 3), (aseptic.pk, 2)}
    assert page.get_by_label("pipetteren in module LAB-1").input_value() == "3"
    assert_accessible(page)
    assert_reflows(page)
    screenshot(page, "hca-coverage-1280")
    at_320(page, "hca-coverage-320")


def test_the_office_adds_a_skill_and_reads_the_list(transactional_db, page, centre, programme_manager):
    sign_in(page, programme_manager.email, PASSWORD)
    page.goto(reverse("hca:skills", args=[centre.slug]))
    assert_accessible(page)

    page.get_by_role("link", name="Vaardigheid toevoegen").click()
    page.get_by_label("Naam").fill("aseptisch werken")
    page.get_by_label("ESCO-verwijzing").fill("https://example.org/skill")
    submit(page)
    page.wait_for_load_state()
    assert "data.europa.eu/esco/" in page.locator("main").inner_text()
    assert_accessible(page)
    page.get_by_label("ESCO-verwijzing").fill("http://data.europa.eu/esco/skill/abc")
    submit(page)
    page.wait_for_load_state()

    assert "De vaardigheid is opgeslagen." in page.content()
    assert_accessible(page)
    assert_reflows(page)
    at_320(page, "hca-skills-320")


def test_the_office_checks_and_imports_a_published_forecast(transactional_db, page, centre, programme_manager,
                                                            tmp_path):
    Occupation.objects.create(centre=centre, name="analist mbo-4")
    source = tmp_path / "roa.csv"
    source.write_text(GOOD, encoding="utf-8")
    sign_in(page, programme_manager.email, PASSWORD)
    page.goto(reverse("hca:published", args=[centre.slug]))
    assert_accessible(page)

    page.get_by_label("Bestand (CSV of XLSX)").set_input_files(str(source))
    page.locator("#id_publisher").fill("ROA")
    page.locator("#id_edition").fill("AOB 2028")
    page.locator("#id_region").fill("Zuid-Holland")
    page.locator("#id_first_year").fill("2023")
    page.locator("#id_last_year").fill("2028")
    page.get_by_role("button", name="Bestand controleren").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_role("button", name="2 rijen importeren").click()
    page.wait_for_load_state()

    assert "2 rijen van AOB 2028 zijn geïmporteerd." in page.content()
    assert_accessible(page)
    assert_reflows(page)
    screenshot(page, "hca-published-1280")
    at_320(page, "hca-published-320")


def test_a_school_keeps_its_programmes_from_the_portal(transactional_db, page, centre, programme_manager):
    own = school(centre)
    contact = school_contact(own)
    Occupation.objects.create(centre=centre, name="laborant mbo-3")
    import_published_forecast(actor=programme_manager, centre=centre, file_name="x.csv",
                              content=b"soort;naam;werkgelegenheid;uitbreidingsvraag;vervangingsvraag;instroom\n"
                                      b"beroep;x;1;1;1;1\n", publisher="ROA", edition="E", region="R",
                              first_year=2023, last_year=2028)  # the school never sees it
    sign_in(page, contact.email, PASSWORD)
    page.goto(reverse("portal:partner", args=[centre.slug, own.short_code]))
    assert_accessible(page)

    page.get_by_role("link", name="Onze opleidingen").click()
    page.get_by_role("link", name="Opleiding toevoegen").click()
    page.get_by_label("Naam").fill("Laboratoriumtechniek")
    page.get_by_label("crebo- of CROHO-code").fill("25881")
    page.get_by_label("Niveau").select_option(label="mbo-niveau 3")
    page.get_by_label("Gediplomeerden per jaar").fill("40")
    page.get_by_label("Aandeel dat in de regio gaat werken").fill("0,6")
    page.get_by_label("laborant mbo-3").check()
    assert_accessible(page)
    submit(page)
    page.wait_for_load_state()

    assert EducationProgramme.objects.get().school == own
    assert "Laboratoriumtechniek" in page.locator("main").inner_text()
    assert_accessible(page)
    assert_reflows(page)
    at_320(page, "hca-school-programmes-320")
