"""The employer partner's way to the survey on its portal page: the open round, its closing date, the occupations
it answered and a button to the survey; nothing of it for a school, nor when the office looks at the page."""

import pytest
from django.urls import reverse

from civhub.hca.services.survey import save_answer
from tests.hca.support_skills import school, school_contact
from tests.hca.survey_support import figures, make_occupations, make_round
from tests.partners.factories import client_for, count_queries

pytestmark = pytest.mark.django_db


def portal(centre, partnership):
    return reverse("portal:partner", args=[centre.slug, partnership.short_code])


def survey_link(centre, partnership):
    return reverse("hca:survey", args=[centre.slug]) + f"?partner={partnership.short_code}"


def test_an_employer_contact_finds_the_open_round_and_its_progress_on_the_portal(centre, partner_a,
                                                                                  partner_a_contact,
                                                                                  programme_manager):
    survey = make_round(centre, programme_manager, closes_in=20)
    laborant, _analist = make_occupations(centre, "laborant", "analist")
    save_answer(actor=partner_a_contact, survey_round=survey, partnership=partner_a, occupation=laborant,
                figures=figures(), ratings={})

    text = client_for(partner_a_contact).get(portal(centre, partner_a)).content.decode()

    assert 'id="workforce-survey"' in text
    assert f"You can answer until {survey.closes_on.day}" in text
    assert "1 of 2 occupations answered." in text
    assert survey_link(centre, partner_a) in text


def test_without_an_open_round_the_section_still_leads_to_the_earlier_answers(centre, partner_a, partner_a_contact,
                                                                              programme_manager):
    make_round(centre, programme_manager, closes_in=-1)

    text = client_for(partner_a_contact).get(portal(centre, partner_a)).content.decode()

    assert "No survey round is open now." in text and survey_link(centre, partner_a) in text


def test_a_school_and_the_office_get_no_survey_section(centre, partner_a, programme_manager):
    make_round(centre, programme_manager)
    own = school(centre)

    assert 'id="workforce-survey"' not in client_for(school_contact(own)).get(portal(centre, own)).content.decode()
    office = client_for(programme_manager).get(portal(centre, partner_a)).content.decode()
    assert 'id="workforce-survey"' not in office


def test_the_section_takes_the_same_queries_for_more_occupations_and_answers(centre, partner_a, partner_a_contact,
                                                                             programme_manager):
    survey = make_round(centre, programme_manager)
    client = client_for(partner_a_contact)

    def answer(*names):
        for occupation in make_occupations(centre, *names):
            save_answer(actor=partner_a_contact, survey_round=survey, partnership=partner_a, occupation=occupation,
                        figures=figures(), ratings={})

    answer("laborant")
    few = count_queries(client, portal(centre, partner_a))
    answer("analist", "operator", "teamleider")
    assert count_queries(client, portal(centre, partner_a)) == few
