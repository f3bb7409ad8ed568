"""Fixtures of the HCA tests: a survey round, three occupations, and three employers' answers with two
programmes supplying them (the figures test_forecast.py computes by hand)."""

from datetime import date
from decimal import Decimal

import pytest

from civhub.hca.models import AGE_BANDS, EducationProgramme, Occupation, SurveyRound, WorkforceAnswer
from civhub.partners.models import CofinancingGroup
from tests.factories import PartnershipFactory, UserFactory

D = Decimal


@pytest.fixture
def people():
    return UserFactory()


@pytest.fixture
def survey(centre, people):
    return SurveyRound.objects.create(centre=centre, reference_date=date(2026, 1, 1), closes_on=date(2026, 3, 1),
                                      opened_by=people)


@pytest.fixture
def occupations(centre):
    return {name: Occupation.objects.create(centre=centre, name=name, order=order)
            for order, name in enumerate(["laborant mbo-3", "analist mbo-4", "procesoperator"])}


def employer(centre):
    return PartnershipFactory(centre=centre, cofinancing_group=CofinancingGroup.EMPLOYER)


def answer(survey, partner, occupation, bands, expected, people, **extra):
    """One employer's answer: `bands` the six age bands (persons is their sum, FTE the same), `extra` any
    other field (retirements, other leavers, vacancies)."""
    return WorkforceAnswer.objects.create(
        survey_round=survey, partnership=partner, occupation=occupation, persons=sum(bands), fte=D(sum(bands)),
        expected_headcount=expected, updated_by=people, **dict(zip(AGE_BANDS, bands, strict=True)), **extra)


@pytest.fixture
def answered(centre, survey, occupations, people):
    a, b, c = employer(centre), employer(centre), employer(centre)
    laborant, analist = occupations["laborant mbo-3"], occupations["analist mbo-4"]
    answer(survey, a, laborant, [2, 3, 2, 1, 1, 1], 14, people, retirements=1, other_leavers=2)  # states 3
    answer(survey, b, laborant, [4, 4, 4, 2, 2, 4], 18, people)  # estimated: 4 × 6/7 + 0.03 × 20 × 6
    answer(survey, c, laborant, [1, 2, 1, 1, 0, 0], 7, people)  # estimated: 0.03 × 5 × 6
    answer(survey, a, analist, [0, 2, 2, 0, 0, 0], 3, people, retirements=0)  # states 0 leavers
    school = PartnershipFactory(centre=centre, cofinancing_group=CofinancingGroup.OTHER)
    EducationProgramme.objects.create(centre=centre, school=school, name="Laborant", code="25881", level="mbo3",
                                      graduates_per_year=40, share_entering=D("0.5")).occupations.add(laborant)
    EducationProgramme.objects.create(centre=centre, school=school, name="Analist", code="25882", level="mbo4",
                                      graduates_per_year=10, share_entering=D("0.3")).occupations.add(laborant, analist)
    return survey
