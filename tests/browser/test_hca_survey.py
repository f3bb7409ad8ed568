"""The workforce survey in Chromium: partner A's contact opens the survey, fills in one occupation (the live sum
of the age bands follows), saves it and sees it answered; the office sees who answered. Every page passes
axe-core and reflows at 320 px; screenshots are kept."""

import pytest
from django.urls import reverse

from civhub.hca.models import SkillRating, WorkforceAnswer
from tests.browser.support import assert_accessible, assert_reflows, screenshot, sign_in, submit
from tests.factories import PASSWORD
from tests.hca.survey_support import make_occupations, make_round, make_skills

pytestmark = pytest.mark.browser


def test_a_partner_fills_in_one_occupation_and_the_office_sees_it(transactional_db, page, new_page, centre, partner_a,
                                                                  partner_a_contact, programme_manager):
    survey = make_round(centre, programme_manager)
    make_occupations(centre, "laborant mbo-3", "analist mbo-4")
    make_skills(centre, "Pipetteren", "Werken volgens GMP")

    sign_in(page, partner_a_contact.email, PASSWORD)
    # The partner's portal page leads to the survey: the open round, its closing date, the progress.
    page.goto(reverse("portal:partner", args=[centre.slug, partner_a.short_code]))
    section = page.locator("section", has=page.get_by_role("heading", name="Personeelsenquête"))
    assert "0 van 2 beroepen ingevuld" in section.inner_text()
    assert_accessible(page)
    assert_reflows(page)
    screenshot(page, "hca-survey-portal-1280")
    with page.expect_navigation():
        section.get_by_role("link", name="Vul de enquête in").click()
    page.wait_for_load_state()
    assert "0 van 2 beroepen ingevuld" in page.locator("main").inner_text()
    assert_accessible(page)
    assert_reflows(page)

    page.get_by_role("link", name="laborant mbo-3").click()
    page.get_by_label("Personen nu").fill("10")
    page.get_by_label("Fte nu").fill("8,5")
    for label, value in (("Jonger dan 25", "2"), ("25 tot en met 34", "3"), ("35 tot en met 44", "2"),
                         ("45 tot en met 54", "1"), ("55 tot en met 59", "1")):
        page.get_by_label(label).fill(value)
    hint = page.locator("[data-age-total]")
    assert "9 van 10" in hint.inner_text()
    page.get_by_label("60 en ouder").fill("1")
    assert "10 van 10" in hint.inner_text()
    page.get_by_label("Verwacht aantal medewerkers over 6 jaar").fill("12")
    page.get_by_label("Pipetteren: belang nu").select_option("3")
    page.get_by_label("Pipetteren: belang over vijf jaar").select_option("5")
    assert_accessible(page)
    assert_reflows(page)
    screenshot(page, "hca-survey-answer-1280")
    submit(page)
    page.wait_for_load_state()

    assert "Het antwoord voor laborant mbo-3 is opgeslagen." in page.content()
    assert "1 van 2 beroepen ingevuld" in page.locator("main").inner_text()
    answer = WorkforceAnswer.objects.get()
    assert (answer.persons, answer.expected_headcount, answer.survey_round_id) == (10, 12, survey.pk)
    assert SkillRating.objects.get().importance_later == 5
    assert_accessible(page)
    screenshot(page, "hca-survey-partner-1280")

    office = new_page()
    sign_in(office, programme_manager.email, PASSWORD)
    office.goto(reverse("hca:round", args=[centre.slug, survey.pk]))
    assert "1 van 1 werkgevers hebben geantwoord" in office.locator("main").inner_text()
    assert_accessible(office)
    assert_reflows(office)
    screenshot(office, "hca-survey-round-1280")
    office.goto(reverse("hca:rounds", args=[centre.slug]))
    assert_accessible(office)
    assert_reflows(office)
    screenshot(office, "hca-survey-rounds-1280")
