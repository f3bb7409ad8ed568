"""The HCA page: for a chosen survey round the forecast per occupation, the trend over the rounds, the skills
heatmap and the newest published forecast beside ours, each cell cut to its audience by selectors/cells.py.

The office sees every cell, and a cell with fewer than MIN_PARTNERS answering partners is marked as not
published; the steering group and the practor see published cells only, and a suppressed cell carries no figure
of the partners (the supply comes from the schools' programmes and is always shown). What is the page's own:
the partners' sums as they are (not whole persons) and the published forecast beside each row.

Ten queries whatever the number of partners, occupations, rounds and skills: the forecast of every round (4),
the heatmap of the chosen round (4) and the newest published edition (2).
"""

from dataclasses import dataclass, field

from civhub.hca.comparison import PublishedShares, edition_years, explain, published_shares
from civhub.hca.models import Occupation, PublishedForecastRow, SurveyRound
from civhub.hca.selectors.cells import FIGURES, SeenCell, TrendRow, newest, seen_rounds, trend_rows
from civhub.hca.selectors.forecast import MIN_PARTNERS, OccupationForecast, centre_forecasts
from civhub.hca.selectors.published import PublishedEdition, newest_edition
from civhub.hca.selectors.skills import SkillRow, skills_heatmap


@dataclass(frozen=True)
class ForecastRow:
    """One occupation in the chosen round, with the published row beside it and the difference in words."""

    cell: SeenCell
    published_row: PublishedForecastRow | None = None
    published: PublishedShares | None = None
    explanation: list[str] = field(default_factory=list)

    @property
    def forecast(self) -> OccupationForecast:
        return self.cell.forecast

    @property
    def state(self) -> str:
        return self.cell.state

    @property
    def occupation(self) -> Occupation:
        return self.cell.occupation

    @property
    def shown(self) -> bool:
        return self.cell.shown

    @property
    def marked(self) -> bool:
        return self.cell.marked

    @property
    def estimated(self) -> int:
        """Answering partners whose leavers were estimated (they did not state them)."""
        return self.forecast.answering - self.forecast.stating_leavers


@dataclass(frozen=True)
class Overview:
    office: bool
    rounds: list[SurveyRound]  # newest first
    chosen: SurveyRound | None
    rows: list[ForecastRow]
    trend: list[TrendRow]  # of SeenCells
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
    rounds = seen_rounds(centre_forecasts(centre), office=office)
    if round_pk is None:
        chosen = newest(rounds)
    else:
        chosen = next((item for item in rounds if item.survey_round.pk == round_pk), None)
        if chosen is None:
            return None
    edition = newest_edition(centre) if published and chosen is not None else None
    rows = [_row(cell, edition) for cell in chosen.cells] if chosen else []
    heatmap = skills_heatmap(chosen.survey_round, office=office) if skills and chosen else []
    survey_rounds = [item.survey_round for item in rounds]
    return Overview(office, survey_rounds[::-1], chosen.survey_round if chosen else None, rows,
                    trend_rows(rounds), survey_rounds, heatmap, edition)


def _row(cell: SeenCell, edition: PublishedEdition | None) -> ForecastRow:
    matched = edition.for_occupation(cell.occupation.pk) if edition else []
    if not matched:
        return ForecastRow(cell)
    row = next((item for item in matched if item.subject == PublishedForecastRow.Subject.OCCUPATION), matched[0])
    shares = published_shares(row, edition_years(edition.forecast.first_year, edition.forecast.last_year))
    words = (explain(cell.forecast.figures, shares, publisher=edition.forecast.publisher)
             if cell.state == FIGURES else [])
    return ForecastRow(cell, row, shares, words)
