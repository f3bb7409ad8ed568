"""A round's cells as an audience may see them: the one cut of `centre_forecasts` every HCA output builds on.

- The audience rule (`cell_state`): the office sees every cell, and one with fewer than MIN_PARTNERS answering
  partners is marked as not published; everyone else (the steering group, the practor, the dashboard's card, the
  meeting pack, the public page, the report) sees published cells only, and a suppressed cell carries no figure
  of the partners.
- `seen_rounds`: every round's cells cut to the audience (`SeenRound`, `SeenCell`); `newest` the newest of them
  (on or before a date); `trend_rows` the same cells per occupation over the rounds, oldest first.
- `typology_label`: ROA's typology word (stored in Dutch, as ROA prints it) in the reader's language.

The HCA page (selectors/overview.py) shows the cells with their partners' sums and the published forecast beside
them; the outputs beyond it (selectors/summary.py) turn the published ones into whole persons. No queries here:
the cut works on what `centre_forecasts` read.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.utils.translation import pgettext_lazy

from civhub.hca.indicators import NO_OPENINGS, Indicators
from civhub.hca.models import Occupation, SurveyRound
from civhub.hca.selectors.forecast import OccupationForecast, RoundForecast

# What a cell shows its audience.
FIGURES = "figures"  # the figures (for the office possibly marked: not published)
SUPPRESSED = "suppressed"  # fewer than MIN_PARTNERS answering partners, and the audience is not the office
NO_ANSWERS = "no_answers"  # nobody answered for the occupation in this round
NO_EMPLOYMENT = "no_employment"  # partners answered, but nobody is employed in it now: no shares, no ITA

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


def cell_state(forecast: OccupationForecast, *, office: bool) -> str:
    """What `forecast` shows to the office (`office`) or to everyone else."""
    if not forecast.answering:
        return NO_ANSWERS
    if not (forecast.published or office):
        return SUPPRESSED
    return FIGURES if forecast.figures is not None else NO_EMPLOYMENT


@dataclass(frozen=True)
class SeenCell:
    """One occupation in one round as its audience sees it."""

    forecast: OccupationForecast
    state: str

    @property
    def occupation(self) -> Occupation:
        return self.forecast.occupation

    @property
    def shown(self) -> bool:
        """Whether the figures (shares, ITA) are shown; outside the office only a published cell's."""
        return self.state == FIGURES

    @property
    def figures(self) -> Indicators | None:
        return self.forecast.figures if self.shown else None

    @property
    def marked(self) -> bool:
        """Shown to the office although it would not be published (fewer than MIN_PARTNERS partners)."""
        return self.state in (FIGURES, NO_EMPLOYMENT) and not self.forecast.published

    @property
    def typology_label(self) -> str:
        return typology_label(self.figures.typology) if self.figures else ""


@dataclass(frozen=True)
class SeenRound:
    """A survey round with its cells as the audience sees them, in the centre's order of occupations."""

    survey_round: SurveyRound
    cells: list[SeenCell]


def seen_round(forecast: RoundForecast, *, office: bool) -> SeenRound:
    return SeenRound(forecast.survey_round, [SeenCell(cell, cell_state(cell, office=office))
                                             for cell in forecast.occupations])


def seen_rounds(forecasts: list[RoundForecast], *, office: bool) -> list[SeenRound]:
    """Every round of `centre_forecasts` (oldest first) cut to the audience."""
    return [seen_round(forecast, office=office) for forecast in forecasts]


def newest[Round](rounds: Sequence[Round], *, as_of: date | None = None) -> Round | None:
    """The newest of `rounds` (oldest first, anything with a `survey_round`), of those with a reference date on or
    before `as_of` when given; None when there is none."""
    kept = [item for item in rounds if as_of is None or item.survey_round.reference_date <= as_of]
    return kept[-1] if kept else None


@dataclass(frozen=True)
class TrendRow:
    """One occupation over the rounds, oldest first: its cell in each round (a SeenCell, or an output's own)."""

    occupation: Occupation
    cells: list


def trend_rows(rounds: Sequence, shape=None) -> list[TrendRow]:
    """Per occupation its cells over `rounds` (oldest first: SeenRounds, or an output's rounds with `cells`), each
    passed through `shape` when given (an output's own shape of a cell)."""
    if not rounds:
        return []
    return [TrendRow(first.occupation, [shape(item.cells[index]) if shape else item.cells[index] for item in rounds])
            for index, first in enumerate(rounds[0].cells)]
