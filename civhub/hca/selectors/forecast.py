"""The centre's own labour-market forecast for a survey round, per occupation (docs/hca-method.md).

Over the round's horizon H, from the employer partners' answers and the schools' programmes:

- expansion demand = Σ (expected headcount − persons now); negative when employment falls;
- replacement demand = the leavers a partner stated (retirements + other leavers), else an
  estimate: its 60+ band × min(H, 7) ÷ 7 plus the round's annual outflow rate × persons × H;
- supply = Σ graduates a year × share entering the region × H over the programmes that train
  for the occupation (a programme that trains for two occupations counts for both);
- then the indicators of docs/formats.md §7 (hca/indicators.py), employment being the persons now.

A constant number of queries whatever the number of partners and rounds: the occupations, the
answers summed per round and occupation, the programmes summed per occupation. A cell is
published (outside the office) only when at least MIN_PARTNERS partners answered for it.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, DecimalField, ExpressionWrapper, F, Q, Sum, Value
from django.db.models.functions import Coalesce

from civhub.hca.indicators import Forecast, Indicators, indicators
from civhub.hca.models import EducationProgramme, Occupation, SurveyRound, WorkforceAnswer

MIN_PARTNERS = 3
RETIREMENT_YEARS = 7  # the 60+ band leaves within seven years: min(H, 7) ÷ 7 of it within the horizon
TENTH = Decimal("0.1")


@dataclass(frozen=True)
class OccupationForecast:
    """One occupation's forecast in a round; `figures` is None when nobody is employed in it now."""

    occupation: Occupation
    answering: int
    stating_leavers: int
    persons: int
    expected: int
    expansion: Decimal
    replacement: Decimal
    supply: Decimal
    figures: Indicators | None

    @property
    def published(self) -> bool:
        """Whether the cell may be shown beyond the office: enough partners answered to hide each one."""
        return self.answering >= MIN_PARTNERS


@dataclass(frozen=True)
class RoundForecast:
    """A survey round with the forecast of each of the centre's occupations, in the centre's order."""

    survey_round: SurveyRound
    occupations: list[OccupationForecast]

    def published_only(self) -> list[OccupationForecast]:
        """The cells that may be shown beyond the office (at least MIN_PARTNERS answering partners)."""
        return [cell for cell in self.occupations if cell.published]


def round_forecast(survey_round: SurveyRound) -> list[OccupationForecast]:
    """Every occupation of the round's centre, in the centre's order, with its forecast (see the module)."""
    occupations = list(Occupation.objects.filter(centre_id=survey_round.centre_id))
    answers = _answer_sums(SurveyRound.objects.filter(pk=survey_round.pk))
    supply = _supply_per_year(survey_round.centre_id)
    return _forecasts(survey_round, occupations, answers, supply)


def centre_forecasts(centre) -> list[RoundForecast]:
    """Every survey round of `centre`, oldest first, with its forecast per occupation: the trend over rounds.

    Four queries whatever the number of rounds, occupations and partners. The supply is the programmes'
    figures as they stand today, over each round's horizon.
    """
    rounds = list(SurveyRound.objects.filter(centre=centre).order_by("reference_date"))
    occupations = list(Occupation.objects.filter(centre=centre))
    answers = _answer_sums(SurveyRound.objects.filter(centre=centre))
    supply = _supply_per_year(centre.pk)
    return [RoundForecast(survey_round, _forecasts(survey_round, occupations, answers, supply))
            for survey_round in rounds]


def _forecasts(survey_round, occupations, answers, supply) -> list[OccupationForecast]:
    horizon = survey_round.horizon_years
    result = []
    for occupation in occupations:
        sums = answers.get((survey_round.pk, occupation.pk), {})
        persons, expected = sums.get("persons_now", 0), sums.get("expected_then", 0)
        replacement = (Decimal(sums.get("stated", 0))
                       + Decimal(sums.get("unstated_60_plus", 0)) * min(horizon, RETIREMENT_YEARS) / RETIREMENT_YEARS
                       + survey_round.outflow_rate * sums.get("unstated_persons", 0) * horizon)
        forecast = Forecast(occupation.name, Decimal(persons), Decimal(expected - persons),
                            _tenth(replacement), _tenth(supply.get(occupation.pk, Decimal(0)) * horizon), horizon)
        result.append(OccupationForecast(
            occupation, sums.get("answering", 0), sums.get("stating", 0), persons, expected, forecast.expansion,
            forecast.replacement, forecast.supply, indicators(forecast) if persons else None))
    return result


def _answer_sums(rounds) -> dict[tuple[int, int], dict]:
    """The answers summed per (round, occupation) over the given rounds, in one query."""
    stated = Q(retirements__isnull=False) | Q(other_leavers__isnull=False)
    rows = (WorkforceAnswer.objects.filter(survey_round__in=rounds).values("survey_round_id", "occupation_id").annotate(
        answering=Count("partnership_id", distinct=True),
        stating=Count("partnership_id", filter=stated, distinct=True),
        persons_now=Sum("persons"), expected_then=Sum("expected_headcount"),
        stated=Coalesce(Sum(Coalesce("retirements", 0) + Coalesce("other_leavers", 0), filter=stated), 0),
        unstated_60_plus=Coalesce(Sum("age_60_plus", filter=~stated), 0),
        unstated_persons=Coalesce(Sum("persons", filter=~stated), 0),
    ).order_by())
    return {(row["survey_round_id"], row["occupation_id"]): row for row in rows}


def _supply_per_year(centre_id: int) -> dict[int, Decimal]:
    """School-leavers entering the region a year, per occupation."""
    entering = ExpressionWrapper(F("educationprogramme__graduates_per_year") * F("educationprogramme__share_entering"),
                                 output_field=DecimalField(max_digits=14, decimal_places=3))
    rows = (EducationProgramme.occupations.through.objects.filter(educationprogramme__centre_id=centre_id)
            .values("occupation_id").annotate(per_year=Coalesce(Sum(entering), Value(Decimal(0)))).order_by())
    return {row["occupation_id"]: Decimal(str(row["per_year"])) for row in rows}


def _tenth(value: Decimal) -> Decimal:
    return value.quantize(TENTH)
