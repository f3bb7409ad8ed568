"""The centre's own forecast per occupation from the partners' answers (hca/selectors/forecast.py), computed by hand."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from civhub.hca.models import WorkforceAnswer
from civhub.hca.selectors.forecast import round_forecast
from tests.hca.conftest import answer, employer

D = Decimal
pytestmark = pytest.mark.django_db


def by_name(forecasts):
    return {forecast.occupation.name: forecast for forecast in forecasts}


def test_three_employers_stated_and_estimated_leavers_and_two_programmes(answered):
    laborant = by_name(round_forecast(answered))["laborant mbo-3"]

    assert (laborant.answering, laborant.stating_leavers, laborant.persons, laborant.expected) == (3, 1, 35, 39)
    assert laborant.expansion == D("4")
    # 3 stated + (4 + 0) × 6/7 + 0.03 × (20 + 5) × 6 = 3 + 3.43 + 4.5 = 10.93
    assert laborant.replacement == D("10.9")
    assert laborant.supply == D("138.0")  # (40 × 0.5 + 10 × 0.3) × 6
    assert laborant.figures.openings == D("14.9")
    assert (laborant.figures.ita, laborant.figures.typology) == (D("9.26"), "slecht")
    assert laborant.published


def test_falling_employment_without_leavers_has_no_openings_and_one_partner_is_not_published(answered):
    analist = by_name(round_forecast(answered))["analist mbo-4"]

    assert (analist.answering, analist.expansion, analist.replacement, analist.supply) == (1, D("-1"), 0, D("18.0"))
    assert analist.figures.openings == 0
    assert analist.figures.typology == "geen baanopeningen"
    assert not analist.published


def test_an_occupation_nobody_answered_for_has_no_figures(answered):
    operator = by_name(round_forecast(answered))["procesoperator"]

    assert (operator.answering, operator.persons, operator.figures) == (0, 0, None)


def test_a_ten_year_horizon_retires_the_whole_60_plus_band(answered):
    answered.horizon_years = 10
    answered.save()

    laborant = by_name(round_forecast(answered))["laborant mbo-3"]

    # 3 + 4 × 7/7 + 0.03 × 25 × 10
    assert laborant.replacement == D("14.5")
    assert laborant.supply == D("230.0")


def test_three_queries_whatever_the_number_of_partners(answered, occupations, people, django_assert_num_queries):
    with django_assert_num_queries(3):
        round_forecast(answered)
    for _ in range(5):
        answer(answered, employer(answered.centre), occupations["procesoperator"], [1, 1, 1, 1, 1, 1], 6, people)
    with django_assert_num_queries(3):
        forecasts = round_forecast(answered)
    assert by_name(forecasts)["procesoperator"].answering == 5


def test_the_age_bands_must_add_up_and_one_answer_per_partner_and_occupation(answered, occupations, people):
    partner = WorkforceAnswer.objects.filter(survey_round=answered).first().partnership
    with pytest.raises(IntegrityError), transaction.atomic():
        WorkforceAnswer.objects.create(survey_round=answered, partnership=partner,
                                       occupation=occupations["procesoperator"], persons=3, fte=D(3), age_25_34=2,
                                       expected_headcount=3, updated_by=people)
    with pytest.raises(IntegrityError), transaction.atomic():
        answer(answered, partner, occupations["laborant mbo-3"], [1, 0, 0, 0, 0, 0], 1, people)
