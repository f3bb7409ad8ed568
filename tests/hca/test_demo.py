"""The demo's Human Capital Agenda: two illustrative rounds whose answers keep every rule, one suppressed cell, a
published edition, one skill list with the catalogue, a forecast with a mix of typologies; added once."""

import pytest
from django.core.management import call_command
from django.db.models import F, Sum
from django.utils import timezone, translation

from civhub.accounts.models import Role
from civhub.core.models import Centre
from civhub.hca.models import (
    AGE_BANDS,
    EducationProgramme,
    Occupation,
    PublishedForecast,
    PublishedForecastRow,
    SkillCoverage,
    SkillRating,
    SurveyRound,
    WorkforceAnswer,
)
from civhub.hca.selectors.forecast import MIN_PARTNERS, centre_forecasts
from civhub.hca.selectors.skills import skills_heatmap
from civhub.learning.models import Skill
from civhub.loader.demo_hca import COVERAGE, EMPLOYERS, PROGRAMMES, add_demo_hca
from civhub.loader.demo_learning import DEMO_COURSES
from civhub.loader.demo_skills import DEMO_SKILLS
from civhub.partners.models import CofinancingGroup
from civhub.programme.models import EducationModule
from tests.factories import MembershipFactory, PartnershipFactory, UserFactory

pytestmark = pytest.mark.django_db
MODELS = (Skill, Occupation, EducationProgramme, SkillCoverage, SurveyRound, WorkforceAnswer, SkillRating,
          PublishedForecast, PublishedForecastRow)
MICROBIOLOGIST = "microbiologisch analist"


@pytest.fixture
def demo_centre(centre):
    """What the HCA demo builds on: the employer partners, the two schools, the office, the line-1 modules."""
    for employer in EMPLOYERS:
        PartnershipFactory(centre=centre, short_code=employer.code, cofinancing_group=CofinancingGroup.EMPLOYER)
    for school in sorted({school for school, *_rest in PROGRAMMES}):
        PartnershipFactory(centre=centre, short_code=school, cofinancing_group=CofinancingGroup.OTHER)
    MembershipFactory(user=UserFactory(email="pm@example.org"), centre=centre, role=Role.PROGRAMME_MANAGER)
    for code in COVERAGE:
        EducationModule.objects.create(centre=centre, code=code, title=f"Module {code}")
    return centre


def counts() -> list[int]:
    return [model.objects.count() for model in MODELS]


def check_the_demo_hca(centre) -> None:
    """The story the issue asks of the demo, on whatever centre the demo was loaded into."""
    rounds = list(SurveyRound.objects.filter(centre=centre).order_by("reference_date"))
    assert [(r.reference_date.year, r.illustrative) for r in rounds] == [(2024, True), (2026, True)]
    assert all(r.closes_on < timezone.localdate() for r in rounds)  # both finished; none open
    answers = WorkforceAnswer.objects.filter(survey_round__centre=centre)
    for answer in answers.select_related("survey_round"):
        assert sum(getattr(answer, band) for band in AGE_BANDS) == answer.persons
        assert answer.hard_to_fill <= answer.open_vacancies
        answered_on = timezone.localtime(answer.updated_at).date()
        assert answer.survey_round.reference_date <= answered_on <= answer.survey_round.closes_on
    assert answers.filter(retirements__isnull=True, other_leavers__isnull=True).exists()  # some leave it to us
    assert answers.filter(retirements__isnull=False, other_leavers__isnull=False).exists()  # others state both
    assert answers.filter(expected_headcount__lt=F("persons")).exists()  # an employer expects to shrink
    assert not answers.filter(partnership__cofinancing_group__in=[CofinancingGroup.OTHER,
                                                                    CofinancingGroup.GOVERNMENT]).exists()
    assert SkillRating.objects.filter(answer__survey_round__centre=centre).count() == answers.count() * len(DEMO_SKILLS)

    first, last = centre_forecasts(centre)
    suppressed = [(cell.occupation.name, cell.answering) for cell in first.occupations if not cell.published]
    assert suppressed == [(MICROBIOLOGIST, MIN_PARTNERS - 1)]
    assert all(cell.published for cell in last.occupations)
    assert {cell.figures.typology for cell in last.occupations} == {"zeer goed", "goed", "redelijk", "matig",
                                                                     "slecht"}
    public_2024 = skills_heatmap(first.survey_round, office=False)
    microbiologist = [cell for row in public_2024 for cell in row.cells if cell.occupation.name == MICROBIOLOGIST]
    assert microbiologist and not any(cell.shown for cell in microbiologist)
    assert all(cell.shown for row in skills_heatmap(first.survey_round, office=True) for cell in row.cells
               if cell.occupation.name == MICROBIOLOGIST)

    edition = PublishedForecast.objects.get(centre=centre)
    assert edition.illustrative and edition.publisher == "ROA" and "illustratieve cijfers" in edition.edition
    rows = edition.rows.all()
    assert rows.filter(occupation__isnull=False).count() == 5 and rows.filter(occupation__isnull=True).count() == 1
    assert all(row.ita is not None and row.typology for row in rows)

    skills = Skill.objects.filter(centre=centre)
    assert skills.count() == len(DEMO_SKILLS) and not skills.filter(description="").exists()
    assert SkillCoverage.objects.filter(module__centre=centre).aggregate(total=Sum("level"))["total"] > 0


def test_the_demo_hca_tells_its_story_once(demo_centre):
    with translation.override("en"):
        summary = add_demo_hca(centre=demo_centre)
    assert "25 skills, 6 occupations, 4 education programmes" in summary
    assert "2 survey rounds (75 answers, 1875 skill ratings) and 1 published forecasts added" in summary
    check_the_demo_hca(demo_centre)
    before = counts()
    with translation.override("en"):
        assert add_demo_hca(centre=demo_centre) == (
            "demo HCA: 0 skills, 0 occupations, 0 education programmes, 0 skill coverages, 0 survey rounds "
            "(0 answers, 0 skill ratings) and 0 published forecasts added")
    assert counts() == before


def test_what_a_demo_user_changed_survives_a_reload(demo_centre):
    add_demo_hca(centre=demo_centre)
    SurveyRound.objects.get(reference_date__year=2026).delete()
    Skill.objects.filter(name="GMP").update(description="Onze eigen omschrijving.")
    Occupation.objects.filter(name="procesoperator").update(name="operator biotech")

    add_demo_hca(centre=demo_centre)

    assert SurveyRound.objects.filter(reference_date__year=2026).exists()  # the missing round comes back
    assert Skill.objects.get(name="GMP").description == "Onze eigen omschrijving."
    assert not Occupation.objects.filter(name="procesoperator").exists()
    assert not WorkforceAnswer.objects.filter(survey_round__reference_date__year=2026,
                                              occupation__name="operator biotech").exists()


def test_the_catalogue_and_the_hca_share_one_skill_list():
    named = {skill.name for skill in DEMO_SKILLS}
    assert len(named) == len(DEMO_SKILLS) == 25
    assert {name for course in DEMO_COURSES for name in course.skills} <= named
    assert {name for levels in COVERAGE.values() for name in levels} <= named


@pytest.mark.demo  # runs the whole load_demo: make test-demo
def test_the_loaded_demo_has_its_hca_and_a_second_load_adds_nothing():
    call_command("load_demo", verbosity=0)
    centre = Centre.objects.get(slug="civ-bio-sciences")
    check_the_demo_hca(centre)
    assert Skill.objects.get(centre=centre, name="HPLC").courses.exists()  # the catalogue's skill, rated too
    before = counts()
    call_command("load_demo", verbosity=0)
    assert counts() == before
