"""The Human Capital Agenda as it shows beyond its own page: the office dashboard's card, the meeting pack, the
public page and the report. Every one shows only published cells (at least MIN_PARTNERS answering partners), cut
by selectors/cells.py for an audience that is not the office; a suppressed cell says so and carries no figures,
so no partner's plans can be read back.

- `headline(centre)`: the newest round, its response and the occupations with the tightest prospects (six queries).
- `shown_rounds(centre)`: every round's cells as `Cell`s (four queries), for the report.
- `public_picture(centre)`: every round's published cells, the trend per occupation over the rounds and the
  newest round's skills with the biggest gaps (eight queries).

Figures of people (employment, openings, supply) are whole persons here, rounded half up: the partners'
sums are estimates, and a publisher prints them whole too.
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from civhub.hca.models import SurveyRound, WorkforceAnswer
from civhub.hca.selectors.cells import SeenCell, SeenRound, TrendRow, newest, seen_rounds, trend_rows, typology_label
from civhub.hca.selectors.forecast import centre_forecasts
from civhub.hca.selectors.skills import SkillRow, skills_heatmap
from civhub.partners.models import CofinancingGroup, Partnership

TIGHTEST = 3  # occupations on the dashboard's card and in the pack's headline
SKILLS_SHOWN = 8  # skills with the biggest gaps on the public page


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


def cell(seen: SeenCell) -> Cell:
    """A cell as shown outside the office, in whole persons: a suppressed one keeps only its occupation's name."""
    occupation, forecast, figures = seen.occupation, seen.forecast, seen.figures
    if figures is None:
        return Cell(occupation.name, occupation.pk, published=False)
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


def shown_round(seen: SeenRound) -> ShownRound:
    return ShownRound(seen.survey_round, [cell(item) for item in seen.cells])


def shown_rounds(centre) -> list[ShownRound]:
    """Every round of the centre, oldest first, with its cells as shown outside the office (four queries)."""
    return [shown_round(seen) for seen in seen_rounds(centre_forecasts(centre), office=False)]


@dataclass(frozen=True)
class Headline:
    """The newest round for the dashboard's card: who answered and where school-leavers will be scarcest."""

    round: ShownRound
    answered: int
    employers: int

    @property
    def tightest(self) -> list[Cell]:
        return self.round.tightest[:TIGHTEST]


def headline(centre, *, as_of: date | None = None) -> Headline | None:
    """The newest round's (on or before `as_of`, when given) response (partners answered / employer partners) and
    its tightest occupations, or None before the first round. Six queries whatever the number of partners,
    occupations and rounds."""
    chosen = newest(shown_rounds(centre), as_of=as_of)
    if chosen is None:
        return None
    return Headline(chosen, *response(chosen.survey_round))


def response(survey_round: SurveyRound) -> tuple[int, int]:
    """(partners that answered the round, the centre's active employer partners): two queries."""
    answered = (WorkforceAnswer.objects.filter(survey_round=survey_round)
                .values("partnership_id").distinct().count())
    employers = Partnership.objects.filter(centre_id=survey_round.centre_id, status=Partnership.Status.ACTIVE,
                                           cofinancing_group=CofinancingGroup.EMPLOYER).count()
    return answered, employers


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
    trend: list[TrendRow]  # of Cells
    skill_gaps: list[SkillGap]

    @property
    def newest(self) -> ShownRound | None:
        return newest(self.rounds)


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
    seen = seen_rounds(centre_forecasts(centre), office=False)
    rounds = [shown_round(item) for item in seen]
    latest = newest(rounds)
    gaps = skill_gaps(skills_heatmap(latest.survey_round, office=False), skills) if latest else []
    return Picture(rounds, trend_rows(seen, cell), gaps)

