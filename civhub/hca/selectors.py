"""The centre's own labour-market forecast for a survey round, per occupation (docs/hca-method.md).

Over the round's horizon H, from the employer partners' answers and the schools' programmes:

- expansion demand = Σ (expected headcount − persons now); negative when employment falls;
- replacement demand = the leavers a partner stated (retirements + other leavers), else an
  estimate: its 60+ band × min(H, 7) ÷ 7 plus the round's annual outflow rate × persons × H;
- supply = Σ graduates a year × share entering the region × H over the programmes that train
  for the occupation (a programme that trains for two occupations counts for both);
- then the indicators of docs/formats.md §7 (hca/indicators.py), employment being the persons now.

Three queries whatever the number of partners: the occupations, the answers summed per
occupation, the programmes summed per occupation. A cell is published (outside the office)
only when at least MIN_PARTNERS partners answered for it.
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


def round_forecast(survey_round: SurveyRound) -> list[OccupationForecast]:
    """Every occupation of the round's centre, in the centre's order, with its forecast (see the module)."""
    horizon = survey_round.horizon_years
    answers = _answer_sums(survey_round)
    supply = _supply_per_year(survey_round.centre_id)
    result = []
    for occupation in Occupation.objects.filter(centre_id=survey_round.centre_id):
        sums = answers.get(occupation.pk, {})
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


def occupations_and_programmes(centre) -> dict:
    """The office's lists: the occupations with how many programmes supply each, and the programmes with their
    school and occupations (three queries)."""
    occupations = list(Occupation.objects.filter(centre=centre).annotate(programme_count=Count("programmes")))
    programmes = list(EducationProgramme.objects.filter(centre=centre)
                      .select_related("school__organisation").prefetch_related("occupations")
                      .order_by("school__organisation__name", "name"))
    return {"occupations": occupations, "programmes": programmes}


def _answer_sums(survey_round: SurveyRound) -> dict[int, dict]:
    stated = Q(retirements__isnull=False) | Q(other_leavers__isnull=False)
    rows = (WorkforceAnswer.objects.filter(survey_round=survey_round).values("occupation_id").annotate(
        answering=Count("partnership_id", distinct=True),
        stating=Count("partnership_id", filter=stated, distinct=True),
        persons_now=Sum("persons"), expected_then=Sum("expected_headcount"),
        stated=Coalesce(Sum(Coalesce("retirements", 0) + Coalesce("other_leavers", 0), filter=stated), 0),
        unstated_60_plus=Coalesce(Sum("age_60_plus", filter=~stated), 0),
        unstated_persons=Coalesce(Sum("persons", filter=~stated), 0),
    ).order_by())
    return {row["occupation_id"]: row for row in rows}


def _supply_per_year(centre_id: int) -> dict[int, Decimal]:
    """School-leavers entering the region a year, per occupation."""
    entering = ExpressionWrapper(F("educationprogramme__graduates_per_year") * F("educationprogramme__share_entering"),
                                 output_field=DecimalField(max_digits=14, decimal_places=3))
    rows = (EducationProgramme.occupations.through.objects.filter(educationprogramme__centre_id=centre_id)
            .values("occupation_id").annotate(per_year=Coalesce(Sum(entering), Value(Decimal(0)))).order_by())
    return {row["occupation_id"]: Decimal(str(row["per_year"])) for row in rows}


def _tenth(value: Decimal) -> Decimal:
    return value.quantize(TENTH)
