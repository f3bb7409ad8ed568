"""The forecast of every round at once (the trend) and the skills heatmap, computed by hand; constant queries."""

from datetime import date
from decimal import Decimal

import pytest

from civhub.hca.models import SkillCoverage, SkillRating, SurveyRound
from civhub.hca.selectors.forecast import centre_forecasts, round_forecast
from civhub.hca.selectors.skills import coverage_on_importance_scale, skills_heatmap
from civhub.learning.models import Skill
from civhub.programme.models import EducationModule
from tests.hca.conftest import answer, employer

D = Decimal
pytestmark = pytest.mark.django_db


def later_round(centre, people, year=2028):
    return SurveyRound.objects.create(centre=centre, reference_date=date(year, 1, 1), closes_on=date(year, 3, 1),
                                      horizon_years=4, opened_by=people)


def test_every_round_oldest_first_with_its_own_horizon(centre, answered, occupations, people):
    second = later_round(centre, people)
    laborant = occupations["laborant mbo-3"]
    for _ in range(3):
        answer(second, employer(centre), laborant, [1, 1, 1, 1, 1, 0], 6, people)
    rounds = centre_forecasts(centre)
    assert [item.survey_round for item in rounds] == [answered, second]
    assert rounds[0].occupations == round_forecast(answered)
    cell = rounds[1].occupations[0]
    # Three partners, 5 persons each, none in 60+: replacement 0.03 × 15 × 4 = 1.8; expansion 3 × (6 − 5) = 3.
    assert (cell.answering, cell.persons, cell.expansion, cell.replacement) == (3, 15, D(3), D("1.8"))
    # Supply over 4 years: (40 × 0.5 + 10 × 0.3) × 4 = 92.
    assert cell.supply == D("92.0")
    assert [c.occupation.name for c in rounds[1].published_only()] == ["laborant mbo-3"]


def test_the_trend_costs_the_same_queries_for_one_round_or_five(centre, answered, occupations, people,
                                                                  django_assert_num_queries):
    with django_assert_num_queries(4):
        centre_forecasts(centre)
    for year in range(2027, 2031):
        extra = later_round(centre, people, year)
        for name in occupations:
            answer(extra, employer(centre), occupations[name], [1, 0, 0, 0, 0, 1], 2, people)
    with django_assert_num_queries(4):
        assert len(centre_forecasts(centre)) == 5


@pytest.fixture
def skills(centre):
    return {name: Skill.objects.create(centre=centre, name=name, position=order)
            for order, name in enumerate(["Pipetteren", "GMP", "Data-analyse"])}


@pytest.fixture
def rated(centre, answered, skills, occupations):
    """Laborant: three partners rate GMP (later 5, 5, 4) and Pipetteren; analist: one partner only."""
    answers = {(a.partnership_id, a.occupation.name): a for a in answered.answers.select_related("occupation")}
    laborant = [a for (_, name), a in answers.items() if name == "laborant mbo-3"]
    for answer_row, (now, later) in zip(laborant, [(3, 5), (4, 5), (3, 4)], strict=True):
        SkillRating.objects.create(answer=answer_row, skill=skills["GMP"], importance_now=now, importance_later=later)
        SkillRating.objects.create(answer=answer_row, skill=skills["Pipetteren"], importance_now=5,
                                   importance_later=4)
    analist = next(a for (_, name), a in answers.items() if name == "analist mbo-4")
    SkillRating.objects.create(answer=analist, skill=skills["Data-analyse"], importance_now=2, importance_later=5)
    module = EducationModule.objects.create(centre=centre, code="M1", title="Basis laboratorium")
    SkillCoverage.objects.create(module=module, skill=skills["Pipetteren"], level=3)
    SkillCoverage.objects.create(module=module, skill=skills["GMP"], level=1)
    return answered


def test_coverage_is_put_on_the_importance_scale():
    assert [coverage_on_importance_scale(level) for level in range(4)] == [1, D(7) / 3, D(11) / 3, 5]


def test_the_biggest_gap_comes_first_and_each_cell_has_its_numbers(rated, skills):
    rows = skills_heatmap(rated, office=True)
    assert [row.skill.name for row in rows] == ["Data-analyse", "GMP", "Pipetteren"]
    gmp = rows[1]
    assert (gmp.coverage, [m.code for m in gmp.modules]) == (1, ["M1"])
    laborant = gmp.cells[0]
    # Later (5 + 5 + 4) / 3 = 4.7, now 3.3, coverage 1 = 2.3 on the 1–5 scale: gap 4.67 − 2.33 = 2.3.
    assert (laborant.raters, laborant.importance_now, laborant.importance_later, laborant.gap) == (
        3, D("3.3"), D("4.7"), D("2.3"))
    assert laborant.published
    pipetteren = rows[2].cells[0]
    assert pipetteren.gap == D("-1.0")  # covered at 3, rated 4 in five years: no gap
    data = rows[0].cells[1]
    assert (data.raters, data.published, data.gap) == (1, False, D("4.0"))


def test_outside_the_office_a_cell_under_three_partners_shows_and_orders_nothing(rated):
    rows = skills_heatmap(rated, office=False)
    assert [row.skill.name for row in rows] == ["GMP", "Pipetteren", "Data-analyse"]
    hidden = rows[2].cells[1]
    assert (hidden.raters, hidden.shown, hidden.importance_now, hidden.gap) == (1, False, None, None)
    assert rows[2].largest_gap is None


def test_the_heatmap_costs_four_queries_however_many_skills(rated, centre, django_assert_num_queries):
    with django_assert_num_queries(4):
        skills_heatmap(rated, office=True)
    for index in range(20):
        Skill.objects.create(centre=centre, name=f"Extra {index}")
    with django_assert_num_queries(4):
        assert len(skills_heatmap(rated, office=True)) == 23
