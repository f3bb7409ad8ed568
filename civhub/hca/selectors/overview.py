"""The HCA page: for a chosen survey round the forecast per occupation, the trend over the rounds, the skills
heatmap and the newest published forecast beside ours, each cell cut to what its audience may see.

The office sees every cell, and a cell with fewer than MIN_PARTNERS answering partners is marked as not
published; the steering group and the practor see published cells only, and a suppressed cell carries no
figure of the partners (the supply comes from the schools' programmes and is always shown).

Ten queries whatever the number of partners, occupations, rounds and skills: the forecast of every round (4),
the heatmap of the chosen round (4) and the newest published edition (2).
"""

from dataclasses import dataclass, field

from civhub.hca.comparison import PublishedShares, edition_years, explain, published_shares
from civhub.hca.models import Occupation, PublishedForecastRow, SurveyRound
from civhub.hca.selectors.forecast import MIN_PARTNERS, OccupationForecast, centre_forecasts
from civhub.hca.selectors.published import PublishedEdition, newest_edition
from civhub.hca.selectors.skills import SkillRow, skills_heatmap

# What a cell shows its audience.
FIGURES = "figures"  # the figures (for the office possibly marked: not published)
SUPPRESSED = "suppressed"  # fewer than MIN_PARTNERS answering partners, and the audience is not the office
NO_ANSWERS = "no_answers"  # nobody answered for the occupation in this round
NO_EMPLOYMENT = "no_employment"  # partners answered, but nobody is employed in it now: no shares, no ITA


def cell_state(forecast: OccupationForecast, *, office: bool) -> str:
    """What `forecast` shows to the office (`office`) or to the steering group and practor."""
    if not forecast.answering:
        return NO_ANSWERS
    if not (forecast.published or office):
        return SUPPRESSED
    return FIGURES if forecast.figures is not None else NO_EMPLOYMENT


@dataclass(frozen=True)
class ForecastRow:
    """One occupation in the chosen round, with the published row beside it and the difference in words."""

    forecast: OccupationForecast
    state: str
    published_row: PublishedForecastRow | None = None
    published: PublishedShares | None = None
    explanation: list[str] = field(default_factory=list)

    @property
    def occupation(self) -> Occupation:
        return self.forecast.occupation

    @property
    def shown(self) -> bool:
        return self.state == FIGURES

    @property
    def marked(self) -> bool:
        """Shown to the office although it would not be published (fewer than MIN_PARTNERS partners)."""
        return self.state in (FIGURES, NO_EMPLOYMENT) and not self.forecast.published

    @property
    def estimated(self) -> int:
        """Answering partners whose leavers were estimated (they did not state them)."""
        return self.forecast.answering - self.forecast.stating_leavers


@dataclass(frozen=True)
class TrendCell:
    survey_round: SurveyRound
    forecast: OccupationForecast
    state: str

    @property
    def figures(self):
        return self.forecast.figures if self.state == FIGURES else None

    @property
    def marked(self) -> bool:
        return self.state == FIGURES and not self.forecast.published


@dataclass(frozen=True)
class TrendRow:
    """One occupation's ITA in every round, oldest first."""

    occupation: Occupation
    cells: list[TrendCell]


@dataclass(frozen=True)
class Overview:
    office: bool
    rounds: list[SurveyRound]  # newest first
    chosen: SurveyRound | None
    rows: list[ForecastRow]
    trend: list[TrendRow]
    trend_rounds: list[SurveyRound]  # oldest first, the columns of the trend
    heatmap: list[SkillRow]
    edition: PublishedEdition | None
    min_partners: int = MIN_PARTNERS

    @property
    def compared(self) -> list[ForecastRow]:
        """The occupations shown with a published row beside them."""
        return [row for row in self.rows if row.published_row is not None]

    @property
    def marked_any(self) -> bool:
        return any(row.marked for row in self.rows)


def hca_overview(centre, *, round_pk: int | None, office: bool, skills: bool = True,
                 published: bool = True) -> Overview | None:
    """The page for the round `round_pk` (None: the newest), or None when the centre has no such round.

    `skills` and `published` leave out the heatmap and the published edition (the charts need neither).
    """
    forecasts = centre_forecasts(centre)
    rounds = [item.survey_round for item in forecasts]
    chosen = _chosen(forecasts, round_pk)
    if round_pk is not None and chosen is None:
        return None
    edition = newest_edition(centre) if published and chosen is not None else None
    rows = [_row(cell, edition, office) for cell in chosen.occupations] if chosen else []
    heatmap = skills_heatmap(chosen.survey_round, office=office) if skills and chosen else []
    return Overview(office, rounds[::-1], chosen.survey_round if chosen else None, rows,
                    _trend(forecasts, office), rounds, heatmap, edition)


def _chosen(forecasts, round_pk):
    if round_pk is None:
        return forecasts[-1] if forecasts else None
    return next((item for item in forecasts if item.survey_round.pk == round_pk), None)


def _row(forecast: OccupationForecast, edition: PublishedEdition | None, office: bool) -> ForecastRow:
    state = cell_state(forecast, office=office)
    matched = edition.for_occupation(forecast.occupation.pk) if edition else []
    if not matched:
        return ForecastRow(forecast, state)
    row = next((item for item in matched if item.subject == PublishedForecastRow.Subject.OCCUPATION), matched[0])
    shares = published_shares(row, edition_years(edition.forecast.first_year, edition.forecast.last_year))
    words = (explain(forecast.figures, shares, publisher=edition.forecast.publisher) if state == FIGURES else [])
    return ForecastRow(forecast, state, row, shares, words)


def _trend(forecasts, office: bool) -> list[TrendRow]:
    if not forecasts:
        return []
    occupations = [cell.occupation for cell in forecasts[0].occupations]
    by_occupation: dict[int, list[TrendCell]] = {occupation.pk: [] for occupation in occupations}
    for item in forecasts:
        for cell in item.occupations:
            by_occupation[cell.occupation.pk].append(TrendCell(item.survey_round, cell,
                                                               cell_state(cell, office=office)))
    return [TrendRow(occupation, by_occupation[occupation.pk]) for occupation in occupations]

