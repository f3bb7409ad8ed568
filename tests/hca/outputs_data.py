"""Test data for the HCA's outputs (dashboard card, meeting pack, public page, report), made with the ORM.

Two survey rounds (two years apart, the newest on 1 January of this year) and three occupations:

- "laborant mbo-3": three employers answer in both rounds: published.
- "procesoperator": three employers answer in the newest round: published.
- "analist mbo-4": only two employers answer: suppressed. Its figures are distinctive (5001 persons now,
  7100 expected), so a test can check they never show anywhere outside the office.

Skills: "Pipetteren" rated by three partners for the laborant (published, a gap); "Validatie van methoden"
rated by the two analist employers only (suppressed: it must not show at all). A published forecast edition
matches the laborant and the analist.
"""

from dataclasses import dataclass, field
from datetime import date
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
from tests.factories import OrganisationFactory, PartnershipFactory, UserFactory
from tests.hca.conftest import answer

D = Decimal
# The suppressed cell's sums as the office would see them: none of these may show outside the office.
SUPPRESSED_FIGURES = ["5001", "7100", "2099"]
PARTNER_NAME = "Geheimlab Analytica BV"  # one employer's organisation name: never on the public page or report
SUPPRESSED_TEXT = "minder dan 3 partners: niet gepubliceerd"


def assert_hides_the_suppressed_cell(text: str) -> None:
    """Neither the 2-partner cell's figures (in any notation) nor its skill nor a partner's name shows in `text`."""
    for figure in SUPPRESSED_FIGURES:
        for separator in ("", ".", ",", "\u00a0", " "):
            shown = f"{figure[0]}{separator}{figure[1:]}"
            assert shown not in text, shown
    assert "Validatie van methoden" not in text
    assert PARTNER_NAME not in text


@dataclass
class LabourMarket:
    centre: object
    newest: SurveyRound
    older: SurveyRound
    occupations: dict
    employers: list = field(default_factory=list)


def employer(centre, name=None):
    organisation = OrganisationFactory(name=name) if name else OrganisationFactory()
    return PartnershipFactory(centre=centre, organisation=organisation, cofinancing_group=CofinancingGroup.EMPLOYER)


def build_labour_market(centre, *, employers: int = 3, more_occupations: int = 0, more_rounds: int = 0,
                        illustrative: bool = True) -> LabourMarket:
    """The two rounds of the module docstring; `employers` (≥ 3) answer for the published occupations, and
    `more_occupations` / `more_rounds` add published occupations and older rounds (for query counts)."""
    people = UserFactory()
    this_year = timezone.localdate().year
    newest = SurveyRound.objects.create(centre=centre, reference_date=date(this_year, 1, 1),
                                        closes_on=date(this_year, 3, 1), opened_by=people, illustrative=illustrative)
    older = SurveyRound.objects.create(centre=centre, reference_date=date(this_year - 2, 1, 1),
                                       closes_on=date(this_year - 2, 3, 1), opened_by=people)
    extra_rounds = [SurveyRound.objects.create(centre=centre, reference_date=date(this_year - 3 - n, 1, 1),
                                               closes_on=date(this_year - 3 - n, 3, 1), opened_by=people)
                    for n in range(more_rounds)]
    names = ["laborant mbo-3", "analist mbo-4", "procesoperator", *[f"beroep {n}" for n in range(more_occupations)]]
    occupations = {name: Occupation.objects.create(centre=centre, name=name, order=order)
                   for order, name in enumerate(names)}
    partners = [employer(centre, PARTNER_NAME), *[employer(centre) for _ in range(employers - 1)]]
    laborant, analist = occupations["laborant mbo-3"], occupations["analist mbo-4"]
    published = [occupation for name, occupation in occupations.items() if name != "analist mbo-4"]
    for survey_round in (newest, older, *extra_rounds):
        for partner in partners:
            for occupation in published:
                if occupation.name == "procesoperator" and survey_round != newest:
                    continue
                answer(survey_round, partner, occupation, [2, 3, 2, 1, 1, 1], 16, people)
    # Only two employers for the analist, with figures no one outside the office may see.
    answer(newest, partners[0], analist, [1000, 1000, 1000, 0, 0, 1], 4500, people)
    answer(newest, partners[1], analist, [500, 500, 500, 500, 0, 0], 2600, people)
    _skills(centre, newest, partners, laborant, analist)
    _supply(centre, laborant, analist)
    _published_forecast(centre, people, laborant, analist)
    return LabourMarket(centre, newest, older, occupations, partners)


def _skills(centre, newest, partners, laborant, analist):
    pipetting = Skill.objects.create(centre=centre, name="Pipetteren", position=1)
    validation = Skill.objects.create(centre=centre, name="Validatie van methoden", position=2)
    module = EducationModule.objects.create(centre=centre, code="M1", title="Basis laboratorium")
    SkillCoverage.objects.create(module=module, skill=pipetting, level=1)
    for partner in partners:
        SkillRating.objects.create(answer=WorkforceAnswer.objects.get(survey_round=newest, partnership=partner,
                                                                      occupation=laborant),
                                   skill=pipetting, importance_now=4, importance_later=5)
    for partner in partners[:2]:
        SkillRating.objects.create(answer=WorkforceAnswer.objects.get(survey_round=newest, partnership=partner,
                                                                      occupation=analist),
                                   skill=validation, importance_now=5, importance_later=5)


def _supply(centre, laborant, analist):
    school = PartnershipFactory(centre=centre, cofinancing_group=CofinancingGroup.OTHER)
    EducationProgramme.objects.create(centre=centre, school=school, name="Laborant", code="25881", level="mbo3",
                                      graduates_per_year=2, share_entering=D("0.5")).occupations.add(laborant)
    EducationProgramme.objects.create(centre=centre, school=school, name="Analist", code="25882", level="mbo4",
                                      graduates_per_year=30, share_entering=D("0.5")).occupations.add(analist)


def _published_forecast(centre, people, laborant, analist):
    forecast = PublishedForecast.objects.create(
        centre=centre, publisher="ROA", edition="De arbeidsmarkt tot 2030", region="Zuid-Holland",
        first_year=2025, last_year=2030, imported_by=people)
    PublishedForecastRow.objects.create(forecast=forecast, subject="occupation", name="Laboranten",
                                        occupation=laborant, employment=12000, expansion=900, replacement=1800,
                                        supply=2500, ita=D("0.93"), typology="goed")
    PublishedForecastRow.objects.create(forecast=forecast, subject="occupation", name="Analisten",
                                        occupation=analist, employment=8000, expansion=400, replacement=1200,
                                        supply=1900, ita=D("1.19"), typology="slecht")


def grow(market: LabourMarket, *, employers: int = 6, occupations: int = 4, rounds: int = 3) -> None:
    """More of everything in the same centre: employers answering every published occupation in every round,
    more occupations, more (older) rounds; for the query-count tests."""
    centre, people = market.centre, UserFactory()
    market.employers += [employer(centre) for _ in range(employers)]
    start = len(market.occupations)
    for n in range(occupations):
        name = f"extra beroep {n}"
        market.occupations[name] = Occupation.objects.create(centre=centre, name=name, order=start + n)
    oldest = min(SurveyRound.objects.filter(centre=centre).values_list("reference_date", flat=True))
    for n in range(rounds):
        SurveyRound.objects.create(centre=centre, reference_date=date(oldest.year - 1 - n, 1, 1),
                                   closes_on=date(oldest.year - 1 - n, 3, 1), opened_by=people)
    published = [o for name, o in market.occupations.items() if name != "analist mbo-4"]
    for survey_round in SurveyRound.objects.filter(centre=centre):
        done = set(WorkforceAnswer.objects.filter(survey_round=survey_round)
                   .values_list("partnership_id", "occupation_id"))
        for partner in market.employers:
            for occupation in published:
                if (partner.pk, occupation.pk) not in done:
                    answer(survey_round, partner, occupation, [2, 3, 2, 1, 1, 1], 16, people)
