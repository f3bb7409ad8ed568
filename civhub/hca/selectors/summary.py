"""The Human Capital Agenda as it shows beyond its own page: the office dashboard's card, the meeting pack, the
public page and the report. Every one shows only published cells (at least MIN_PARTNERS answering partners);
a suppressed cell says so and carries no figures, so no partner's plans can be read back.

- `headline(centre)`: the newest round, its response and the occupations with the tightest prospects (six queries).
- `public_picture(centre)`: every round's published cells, the trend per occupation over the rounds and the
  newest round's skills with the biggest gaps (eight queries).

Figures of people (employment, openings, supply) are whole persons here, rounded half up: the partners'
sums are estimates, and a publisher prints them whole too.
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import pgettext_lazy

from civhub.hca.indicators import NO_OPENINGS
from civhub.hca.models import SurveyRound, WorkforceAnswer
from civhub.hca.selectors.forecast import OccupationForecast, RoundForecast, centre_forecasts, round_forecast
from civhub.hca.selectors.skills import SkillRow, skills_heatmap
from civhub.partners.models import CofinancingGroup, Partnership

TIGHTEST = 3  # occupations on the dashboard's card and in the pack's headline
SKILLS_SHOWN = 8  # skills with the biggest gaps on the public page

# ROA's typology words (stored in Dutch, as ROA prints them), for the reader's language.
TYPOLOGY_LABELS = {
    "zeer goed": pgettext_lazy("ITA typology", "very good"),
    "goed": pgettext_lazy("ITA typology", "good"),
    "redelijk": pgettext_lazy("ITA typology", "fair"),
    "matig": pgettext_lazy("ITA typology", "moderate"),
    "slecht": pgettext_lazy("ITA typology", "poor"),
    NO_OPENINGS: pgettext_lazy("ITA typology", "no job openings"),
}


def typology_label(typology: str) -> str:
    """ROA's word for an ITA in the active language (a word we do not know is shown as stored)."""
    return str(TYPOLOGY_LABELS.get(typology, typology))


def whole(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(Decimal(1), rounding=ROUND_HALF_UP) + 0


@dataclass(frozen=True)
class Cell:
    """One occupation in one round as it may be shown outside the office: figures only when published."""

    occupation: str
    occupation_id: int
    published: bool
    employment: Decimal | None = None
    expansion: Decimal | None = None
    replacement: Decimal | None = None
    openings: Decimal | None = None
    supply: Decimal | None = None
    openings_per_year_pct: Decimal | None = None
    replacement_importance_pct: Decimal | None = None
    ita: Decimal | None = None
    typology: str = ""  # ROA's word as stored ("matig"); empty when not published

    @property
    def typology_label(self) -> str:
        return typology_label(self.typology) if self.typology else ""

    @property
    def has_openings(self) -> bool:
        return self.ita is not None


def cell(forecast: OccupationForecast) -> Cell:
    """The occupation's forecast as shown outside the office: a suppressed cell keeps only its name."""
    occupation = forecast.occupation
    if not forecast.published or forecast.figures is None:
        return Cell(occupation.name, occupation.pk, published=False)
    figures = forecast.figures
    return Cell(occupation.name, occupation.pk, True, whole(Decimal(forecast.persons)), whole(forecast.expansion),
                whole(forecast.replacement), whole(figures.openings), whole(forecast.supply),
                figures.openings_per_year_pct, figures.replacement_importance_pct, figures.ita, figures.typology)


@dataclass(frozen=True)
class ShownRound:
    """A survey round with its cells as shown outside the office, in the centre's order of occupations."""

    survey_round: SurveyRound
    cells: list[Cell]

    @property
    def published(self) -> list[Cell]:
        return [c for c in self.cells if c.published]

    @property
    def suppressed(self) -> list[Cell]:
        return [c for c in self.cells if not c.published]

    @property
    def tightest(self) -> list[Cell]:
        """Published cells with openings, lowest ITA (fewest school-leavers per opening) first."""
        return sorted((c for c in self.published if c.has_openings), key=lambda c: (c.ita, c.occupation))


def shown_round(forecast: RoundForecast) -> ShownRound:
    return ShownRound(forecast.survey_round, [cell(occupation) for occupation in forecast.occupations])


@dataclass(frozen=True)
class Headline:
    """The newest round for the dashboard's card: who answered and where school-leavers will be scarcest."""

    round: ShownRound
    answered: int
    employers: int

    @property
    def tightest(self) -> list[Cell]:
        return self.round.tightest[:TIGHTEST]


def newest_round(centre, *, as_of: date | None = None) -> SurveyRound | None:
    """The newest survey round (of those with a reference date on or before `as_of`, when given)."""
    rounds = SurveyRound.objects.filter(centre=centre)
    if as_of is not None:
        rounds = rounds.filter(reference_date__lte=as_of)
    return rounds.order_by("-reference_date").first()


def headline(centre, *, as_of: date | None = None) -> Headline | None:
    """The newest round's response (partners answered / employer partners) and its tightest occupations, or None
    before the first round. Six queries whatever the number of partners and occupations."""
    survey_round = newest_round(centre, as_of=as_of)
    if survey_round is None:
        return None
    return Headline(ShownRound(survey_round, [cell(f) for f in round_forecast(survey_round)]),
                    *response(survey_round))


def response(survey_round: SurveyRound) -> tuple[int, int]:
    """(partners that answered the round, the centre's active employer partners): two queries."""
    answered = (WorkforceAnswer.objects.filter(survey_round=survey_round)
                .values("partnership_id").distinct().count())
    employers = Partnership.objects.filter(centre_id=survey_round.centre_id, status=Partnership.Status.ACTIVE,
                                           cofinancing_group=CofinancingGroup.EMPLOYER).count()
    return answered, employers


@dataclass(frozen=True)
class TrendRow:
    """One occupation over the rounds, oldest first: a cell per round."""

    occupation: str
    cells: list[Cell]


@dataclass(frozen=True)
class SkillGap:
    """A skill whose importance in five years outruns what line-1 education covers, at its biggest published gap."""

    skill: str
    occupation: str
    importance_now: Decimal
    importance_later: Decimal
    coverage: int
    gap: Decimal


@dataclass(frozen=True)
class Picture:
    """What may be shown of the centre's forecasts outside the office: every round, the newest, the trend and the
    skills with the biggest gaps in the newest round."""

    rounds: list[ShownRound]
    trend: list[TrendRow]
    skill_gaps: list[SkillGap]

    @property
    def newest(self) -> ShownRound | None:
        return self.rounds[-1] if self.rounds else None


def trend_rows(rounds: list[ShownRound]) -> list[TrendRow]:
    if not rounds:
        return []
    return [TrendRow(first.occupation, [shown.cells[index] for shown in rounds])
            for index, first in enumerate(rounds[0].cells)]


def skill_gaps(rows: list[SkillRow], limit: int | None = None) -> list[SkillGap]:
    """Per skill its biggest published gap above zero, biggest first (the heatmap already hides the rest)."""
    gaps = []
    for row in rows:
        published = [c for c in row.cells if c.published and c.gap is not None and c.gap > 0]
        if published:
            worst = max(published, key=lambda c: c.gap)
            gaps.append(SkillGap(row.skill.name, worst.occupation.name, worst.importance_now, worst.importance_later,
                                 row.coverage, worst.gap))
    gaps.sort(key=lambda gap: (-gap.gap, gap.skill))
    return gaps if limit is None else gaps[:limit]


def public_picture(centre, *, skills: int | None = SKILLS_SHOWN) -> Picture:
    """Every round's published cells (oldest first), the trend per occupation and the newest round's skill gaps.

    Eight queries whatever the number of rounds, partners, occupations and skills.
    """
    rounds = [shown_round(forecast) for forecast in centre_forecasts(centre)]
    gaps = skill_gaps(skills_heatmap(rounds[-1].survey_round, office=False), skills) if rounds else []
    return Picture(rounds, trend_rows(rounds), gaps)

