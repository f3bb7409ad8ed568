"""Opening a survey round and saving a partner's answers: who may, what is refused, and the audit trail."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from civhub.core.models import AuditEvent
from civhub.hca.errors import HcaError
from civhub.hca.models import Occupation, WorkforceAnswer
from civhub.hca.services.survey import AnswerFigures, open_round, save_answer

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages")]


def today():
    return timezone.localdate()


def figures(**changes):
    values = dict(persons=10, fte=Decimal("8.5"), age_under_25=2, age_25_34=3, age_35_44=2, age_45_54=1,
                  age_55_59=1, age_60_plus=1, expected_headcount=12, open_vacancies=2, hard_to_fill=1)
    return AnswerFigures(**(values | changes))


@pytest.fixture
def survey(centre, programme_manager):
    return open_round(actor=programme_manager, centre=centre, reference_date=today() - timedelta(days=10),
                      closes_on=today() + timedelta(days=20))


@pytest.fixture
def laborant(centre):
    return Occupation.objects.create(centre=centre, name="laborant mbo-3")


def test_the_office_opens_a_round_once_per_reference_date_with_an_audit_event(survey, centre, programme_manager):
    assert AuditEvent.objects.filter(action="survey_round_opened", target_id=str(survey.pk)).exists()
    assert (survey.horizon_years, survey.outflow_rate) == (6, Decimal("0.030"))
    with pytest.raises(HcaError, match="already") as raised:
        open_round(actor=programme_manager, centre=centre, reference_date=survey.reference_date,
                   closes_on=survey.closes_on)
    assert raised.value.field == "reference_date"
    with pytest.raises(HcaError, match="closes on or after"):
        open_round(actor=programme_manager, centre=centre, reference_date=date(2027, 1, 1),
                   closes_on=date(2026, 12, 1))


def test_only_the_office_opens_a_round(centre, partner_a_contact, steering_member):
    for person in (partner_a_contact, steering_member):
        with pytest.raises(HcaError, match="Only the programme office"):
            open_round(actor=person, centre=centre, reference_date=date(2027, 1, 1), closes_on=date(2027, 3, 1))


def test_a_partner_saves_and_resumes_its_own_answer(survey, partner_a, partner_a_contact, laborant):
    first = save_answer(actor=partner_a_contact, survey_round=survey, partnership=partner_a, occupation=laborant,
                        figures=figures())
    again = save_answer(actor=partner_a_contact, survey_round=survey, partnership=partner_a, occupation=laborant,
                        figures=figures(expected_headcount=15, retirements=1))

    assert first.pk == again.pk
    assert WorkforceAnswer.objects.get().expected_headcount == 15
    events = AuditEvent.objects.filter(target_type="hca.workforceanswer", target_id=str(first.pk)).order_by("pk")
    assert list(events.values_list("action", flat=True)) == ["workforce_answer_saved", "workforce_answer_changed"]
    assert again.updated_by == partner_a_contact


def test_nobody_answers_for_another_partner_or_for_a_partner_that_is_no_employer(
        survey, partner_a, partner_b, partner_a_contact, partner_b_contact, laborant):
    with pytest.raises(HcaError, match="Only the partner itself"):
        save_answer(actor=partner_b_contact, survey_round=survey, partnership=partner_a, occupation=laborant,
                    figures=figures())
    with pytest.raises(HcaError, match="Only the partner itself"):  # partner B is a municipality
        save_answer(actor=partner_b_contact, survey_round=survey, partnership=partner_b, occupation=laborant,
                    figures=figures())
    assert not WorkforceAnswer.objects.exists()


@pytest.mark.parametrize(("changes", "field"), [
    ({"age_60_plus": 2}, "persons"),
    ({"hard_to_fill": 3}, "hard_to_fill"),
    ({"fte": Decimal("-1")}, "fte"),
    ({"retirements": -1}, "retirements"),
])
def test_figures_that_do_not_add_up_are_refused_on_their_field(survey, partner_a, partner_a_contact, laborant,
                                                               changes, field):
    with pytest.raises(HcaError) as raised:
        save_answer(actor=partner_a_contact, survey_round=survey, partnership=partner_a, occupation=laborant,
                    figures=figures(**changes))
    assert raised.value.field == field
    assert not WorkforceAnswer.objects.exists()


def test_after_the_close_only_the_office_corrects(survey, partner_a, partner_a_contact, programme_manager, laborant):
    survey.closes_on = today() - timedelta(days=1)
    survey.save()

    with pytest.raises(HcaError, match="closed on"):
        save_answer(actor=partner_a_contact, survey_round=survey, partnership=partner_a, occupation=laborant,
                    figures=figures())
    answer = save_answer(actor=programme_manager, survey_round=survey, partnership=partner_a, occupation=laborant,
                         figures=figures())
    assert answer.updated_by == programme_manager


def test_another_centres_occupation_is_refused(survey, partner_a, partner_a_contact, other_centre):
    elsewhere = Occupation.objects.create(centre=other_centre, name="laborant mbo-3")
    with pytest.raises(HcaError, match="not of the round's centre"):
        save_answer(actor=partner_a_contact, survey_round=survey, partnership=partner_a, occupation=elsewhere,
                    figures=figures())
