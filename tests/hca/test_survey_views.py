"""The survey's pages: a partner answers per occupation (save and resume), reads a closed round, never sees
another partner's answer, uploads a file; the office opens rounds, sees who answered and opens one answer."""

import io
from datetime import timedelta
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from civhub.accounts.models import Role
from civhub.hca.models import SkillRating, SurveyRound, WorkforceAnswer
from civhub.hca.services.survey import save_answer
from tests.factories import MembershipFactory, OrganisationFactory, PartnershipFactory
from tests.hca.survey_support import csv_file, figures, make_occupations, make_round, make_skills, today
from tests.partners.factories import client_for, count_queries

pytestmark = pytest.mark.django_db

FORM = {"persons": "10", "fte": "8,5", "age_under_25": "2", "age_25_34": "3", "age_35_44": "2", "age_45_54": "1",
        "age_55_59": "1", "age_60_plus": "1", "expected_headcount": "12", "open_vacancies": "", "hard_to_fill": "",
        "retirements": "", "other_leavers": ""}


@pytest.fixture
def setting(centre, programme_manager):
    survey = make_round(centre, programme_manager)
    return survey, make_occupations(centre, "laborant", "analist"), make_skills(centre, "Pipetteren", "GMP")


def answer_url(centre, partnership, survey, occupation):
    return reverse("hca:answer", args=[centre.slug, partnership.short_code, survey.pk, occupation.pk])


def test_a_partner_saves_one_occupation_and_the_other_stays_as_it_was(setting, centre, partner_a,
                                                                      partner_a_contact):
    survey, (laborant, analist), (pipet, gmp) = setting
    save_answer(actor=partner_a_contact, survey_round=survey, partnership=partner_a, occupation=analist,
                figures=figures(persons=4, age_under_25=0, age_25_34=1, age_35_44=1, age_45_54=1, age_55_59=1,
                                age_60_plus=0))
    client = client_for(partner_a_contact)

    page = client.get(reverse("hca:survey", args=[centre.slug])).content.decode()
    assert "1 of 2 occupations answered" in page
    response = client.post(answer_url(centre, partner_a, survey, laborant),
                           FORM | {f"skill_{pipet.pk}_now": "3", f"skill_{pipet.pk}_later": "5"})

    assert response.status_code == 302
    assert response["Location"].endswith("?partner=partner-a")
    assert WorkforceAnswer.objects.get(occupation=laborant).fte == Decimal("8.5")
    assert WorkforceAnswer.objects.get(occupation=analist).persons == 4
    assert list(SkillRating.objects.values_list("skill__name", "importance_now", "importance_later")) == [
        ("Pipetteren", 3, 5)]
    page = client.get(response["Location"]).content.decode()
    assert "2 of 2 occupations answered" in page
    resumed = client.get(answer_url(centre, partner_a, survey, laborant)).content.decode()
    assert 'value="8,5"' in resumed or 'value="8.5"' in resumed
    assert '<option value="5" selected>' in resumed


def test_bands_that_do_not_add_up_or_a_skill_rated_once_come_back_on_the_form(setting, centre, partner_a,
                                                                              partner_a_contact):
    survey, (laborant, _analist), (pipet, _gmp) = setting
    client = client_for(partner_a_contact)

    bands = client.post(answer_url(centre, partner_a, survey, laborant), FORM | {"age_60_plus": "2"})
    half = client.post(answer_url(centre, partner_a, survey, laborant), FORM | {f"skill_{pipet.pk}_now": "3"})

    assert bands.status_code == 400 and "must add up to the number of persons" in bands.content.decode()
    assert half.status_code == 400 and "both now and in five years" in half.content.decode()
    assert not WorkforceAnswer.objects.exists()


def test_after_the_close_the_partner_reads_its_answer_but_cannot_change_it(setting, centre, partner_a,
                                                                           partner_a_contact):
    survey, (laborant, _analist), _skills = setting
    save_answer(actor=partner_a_contact, survey_round=survey, partnership=partner_a, occupation=laborant,
                figures=figures())
    SurveyRound.objects.filter(pk=survey.pk).update(closes_on=today() - timedelta(days=1))
    client = client_for(partner_a_contact)

    page = client.get(answer_url(centre, partner_a, survey, laborant))
    posted = client.post(answer_url(centre, partner_a, survey, laborant), FORM | {"expected_headcount": "99"})

    assert page.status_code == 200
    text = page.content.decode()
    assert "This round closed on" in text and "disabled" in text and "Save this occupation" not in text
    assert posted.status_code == 400 and "ask the programme office" in posted.content.decode()
    assert WorkforceAnswer.objects.get().expected_headcount == 12


def test_another_partners_answer_is_a_404(setting, centre, partner_a, partner_a_contact, partner_b_contact):
    survey, (laborant, _analist), _skills = setting
    save_answer(actor=partner_a_contact, survey_round=survey, partnership=partner_a, occupation=laborant,
                figures=figures())
    client = client_for(partner_b_contact)
    assert client.get(answer_url(centre, partner_a, survey, laborant)).status_code == 404
    assert client.post(answer_url(centre, partner_a, survey, laborant), FORM).status_code == 404
    assert client.get(reverse("hca:survey", args=[centre.slug]) + "?partner=partner-a").status_code == 403


def test_a_person_acting_for_two_employers_chooses_one(setting, centre, partner_a, partner_a_contact):
    second = PartnershipFactory(centre=centre, short_code="partner-c", organisation=OrganisationFactory(
        name="Partner C BV"))
    MembershipFactory(user=partner_a_contact, centre=centre, partnership=second, role=Role.PARTNER_CONTACT)
    client = client_for(partner_a_contact)

    choice = client.get(reverse("hca:survey", args=[centre.slug])).content.decode()
    chosen = client.get(reverse("hca:survey", args=[centre.slug]) + "?partner=partner-c").content.decode()

    assert "Partner A BV" in choice and "Partner C BV" in choice and "occupations answered" not in choice
    assert "Workforce survey of Partner C BV" in chosen


def test_a_partner_uploads_a_file_and_sees_every_error_in_a_table(setting, centre, partner_a, partner_a_contact):
    survey, _occupations, _skills = setting
    client = client_for(partner_a_contact)
    url = reverse("hca:survey_import", args=[centre.slug, "partner-a", survey.pk])
    bad = csv_file(";laborant;10;8;2;3;2;1;1;2;12;;;;;;", ";bakker;1;1;1;0;0;0;0;0;1;;;;;;",
                   header=csv_file().decode().strip().replace(";nu: Pipetteren;over 5 jaar: Pipetteren", ""))

    refused = client.post(url, {"file": _upload(bad)})
    accepted = client.post(url, {"file": _upload(csv_file(";laborant;10;8;2;3;2;1;1;1;12;;;;;3;3"))})

    text = refused.content.decode()
    assert refused.status_code == 400 and "2 errors; nothing was saved" in text
    assert "<th scope=\"row\" class=\"num\">2</th>" in text and "bakker" in text
    assert accepted.status_code == 302
    assert WorkforceAnswer.objects.get().expected_headcount == 12


def test_the_template_is_an_xlsx_with_the_occupations(setting, centre, partner_a_contact):
    response = client_for(partner_a_contact).get(reverse("hca:survey_template", args=[centre.slug]))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["laborant", "analist"]


def test_the_office_opens_a_round_with_a_percentage_as_people_write_it(centre, programme_manager):
    client = client_for(programme_manager)
    response = client.post(reverse("hca:rounds", args=[centre.slug]), {
        "reference_date": "2027-01-01", "closes_on": "2027-03-01", "horizon_years": "6", "outflow_rate": "3,5 %"})

    survey = SurveyRound.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("hca:round", args=[centre.slug, survey.pk])
    assert (survey.outflow_rate, survey.horizon_years, survey.opened_by) == (Decimal("0.035"), 6, programme_manager)
    again = client.post(reverse("hca:rounds", args=[centre.slug]), {
        "reference_date": "2027-01-01", "closes_on": "2027-03-01", "horizon_years": "6", "outflow_rate": "3"})
    assert again.status_code == 400 and "already" in again.content.decode()
    page = client.get(reverse("hca:rounds", args=[centre.slug])).content.decode()
    assert 'value="3"' in page or "2027" in page


def test_the_office_sees_who_answered_and_opens_one_answer(setting, centre, partner_a, partner_a_contact,
                                                           programme_manager):
    survey, (laborant, _analist), _skills = setting
    save_answer(actor=partner_a_contact, survey_round=survey, partnership=partner_a, occupation=laborant,
                figures=figures())
    client = client_for(programme_manager)

    page = client.get(reverse("hca:round", args=[centre.slug, survey.pk])).content.decode()
    one = client.get(reverse("hca:round_answer", args=[centre.slug, survey.pk, "partner-a", laborant.pk]))

    assert "1 of 1 employer partners answered, 0 for every occupation" in page
    assert "Partner-A Contact" in page and "1 / 2" in page
    assert one.status_code == 200 and "Last saved on" in one.content.decode()


def test_who_answered_takes_the_same_queries_as_partners_grow(setting, centre, partner_a, partner_a_contact,
                                                              programme_manager):
    survey, occupations, _skills = setting
    client = client_for(programme_manager)
    url = reverse("hca:round", args=[centre.slug, survey.pk])

    def add(count):
        for _number in range(count):
            partnership = PartnershipFactory(centre=centre)
            for occupation in occupations:
                save_answer(actor=programme_manager, survey_round=survey, partnership=partnership,
                            occupation=occupation, figures=figures())

    add(2)
    few = count_queries(client, url)  # nothing cached (the menu's count is computed afresh after each change)
    add(12)
    assert count_queries(client, url) <= few
    rounds = reverse("hca:rounds", args=[centre.slug])
    listed = count_queries(client, rounds)
    make_round(centre, programme_manager, reference_date=today() - timedelta(days=400))
    assert count_queries(client, rounds) <= listed


def _upload(content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("antwoorden.csv", content, content_type="text/csv")
