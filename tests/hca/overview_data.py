"""Test data for the HCA page, built with the ORM: survey rounds answered by employer partners, programmes, skills
with ratings and coverage, and a published edition. Dates are given by the tests (read at run time)."""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from civhub.hca.models import (
    EducationProgramme,
    Occupation,
    PublishedForecast,
    PublishedForecastRow,
    SkillCoverage,
    SkillRating,
    SurveyRound,
    WorkforceAnswer,
)
from civhub.learning.models import Skill
from civhub.partners.models import CofinancingGroup
from civhub.programme.models import EducationModule
from tests.factories import PartnershipFactory
from tests.hca import conftest


def employers(centre, count: int) -> list:
    return [PartnershipFactory(centre=centre, cofinancing_group=CofinancingGroup.EMPLOYER) for _ in range(count)]


def occupations(centre, *names: str) -> list[Occupation]:
    return [Occupation.objects.create(centre=centre, name=name, order=order) for order, name in enumerate(names)]


def survey_round(centre, user, reference_date: date, **fields) -> SurveyRound:
    return SurveyRound.objects.create(centre=centre, reference_date=reference_date,
                                      closes_on=reference_date + timedelta(days=60), opened_by=user, **fields)


def answer(survey, partner, occupation, user, bands=(1, 2, 2, 2, 1, 2), expected=None, **fields) -> WorkforceAnswer:
    """tests.hca.conftest.answer with a default workforce that grows by two."""
    return conftest.answer(survey, partner, occupation, bands, sum(bands) + 2 if expected is None else expected,
                           user, **fields)


def programme(centre, school, occupation, *, code="25881", graduates=40, share="0.5") -> EducationProgramme:
    made = EducationProgramme.objects.create(centre=centre, school=school, name=f"Opleiding {code}", code=code,
                                             level="mbo3", graduates_per_year=graduates,
                                             share_entering=Decimal(share))
    made.occupations.add(occupation)
    return made


def skill_with_ratings(centre, answers, name: str, *, now=3, later=5, coverage=None) -> Skill:
    """A skill rated by each answer (now, in five years), optionally covered by a line-1 module at `coverage`."""
    skill = Skill.objects.create(centre=centre, name=name)
    SkillRating.objects.bulk_create(SkillRating(answer=item, skill=skill, importance_now=now, importance_later=later)
                                    for item in answers)
    if coverage is not None:
        module, _ = EducationModule.objects.get_or_create(centre=centre, code="M1", defaults={"title": "Module 1"})
        SkillCoverage.objects.create(module=module, skill=skill, level=coverage)
    return skill


def edition(centre, user, rows: dict, *, first_year=2023, last_year=2028, illustrative=False) -> PublishedForecast:
    """A published edition with a row per our occupation: {occupation: (employment, expansion, replacement, supply,
    ita, typology)}."""
    forecast = PublishedForecast.objects.create(
        centre=centre, publisher="ROA", edition=f"Arbeidsmarkt tot {last_year}", region="Zuid-Holland Noord",
        first_year=first_year, last_year=last_year, imported_by=user, illustrative=illustrative)
    for occupation, (employment, expansion, replacement, supply, ita, typology) in rows.items():
        PublishedForecastRow.objects.create(
            forecast=forecast, subject=PublishedForecastRow.Subject.OCCUPATION, name=f"{occupation.name} (ROA)",
            occupation=occupation, employment=employment, expansion=expansion, replacement=replacement,
            supply=supply, ita=ita, typology=typology)
    return forecast


def two_rounds(centre, user) -> dict:
    """Two rounds (the earlier illustrative); laborant answered by three employers (published, ITA 0.73), analist by
    two (not published); a skill rated for both; a published edition with a row for each."""
    today = timezone.localdate()
    laborant, analist = occupations(centre, "laborant", "analist")
    earlier = survey_round(centre, user, today - timedelta(days=400), illustrative=True)
    newest = survey_round(centre, user, today - timedelta(days=30))
    three = employers(centre, 3)
    programme(centre, employers(centre, 1)[0], laborant, graduates=2, share="1")
    answers = [answer(survey, partner, laborant, user) for survey in (earlier, newest) for partner in three]
    answers += [answer(newest, three[0], analist, user, bands=(0, 3, 3, 3, 0, 0), expected=2000),
                answer(newest, three[1], analist, user, bands=(0, 3, 3, 3, 0, 0), expected=2345)]
    newest_answers = [item for item in answers if item.survey_round_id == newest.pk]
    skill_with_ratings(centre, newest_answers, "Pipetteren", now=3, later=5, coverage=1)
    skill_with_ratings(centre, newest_answers, "Data-integriteit (ALCOA+)", now=4, later=5)
    skill_with_ratings(centre, newest_answers, "Veilig werken in het lab", now=5, later=5, coverage=3)
    edition(centre, user, {
        laborant: (10000, 600, 1200, 1500, Decimal("0.83"), "zeer goed"),
        analist: (5000, 100, 400, 900, Decimal("1.80"), "slecht"),
    })
    return {"earlier": earlier, "newest": newest, "laborant": laborant, "analist": analist}
