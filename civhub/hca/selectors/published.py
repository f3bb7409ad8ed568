"""The published forecasts the office imported (docs/formats.md §9), as published, beside the centre's own.

Two queries whatever the number of editions and rows. The newest edition (by its last year) is the one shown
beside the partners' forecast; the rows are exactly what the publisher printed.
"""

from dataclasses import dataclass

from django.db.models import Count, Prefetch

from civhub.hca.models import PublishedForecast, PublishedForecastRow
from civhub.hca.published_file import typology_text


@dataclass(frozen=True)
class PublishedEdition:
    """One imported edition with its rows, and the rows matched to each of our occupations."""

    forecast: PublishedForecast
    rows: list[PublishedForecastRow]

    @property
    def typology_text(self) -> str:
        """The edition's typology as the command line writes it: `0.85:zeer goed,…,slecht`."""
        return typology_text(self.forecast.typology)

    def for_occupation(self, occupation_id: int) -> list[PublishedForecastRow]:
        return [row for row in self.rows if row.occupation_id == occupation_id]


def published_editions(centre) -> list[PublishedEdition]:
    """Every edition imported for `centre`, newest first, each with its rows in file order."""
    rows = PublishedForecastRow.objects.select_related("occupation").order_by("pk")
    forecasts = (PublishedForecast.objects.filter(centre=centre).select_related("imported_by")
                 .prefetch_related(Prefetch("rows", queryset=rows)))
    return [PublishedEdition(forecast, list(forecast.rows.all())) for forecast in forecasts]


def newest_edition(centre) -> PublishedEdition | None:
    """The edition shown beside the centre's own forecast: the one reaching furthest, or None."""
    editions = published_editions(centre)
    return editions[0] if editions else None


def imported_edition(centre, *, edition: str, region: str) -> PublishedForecast | None:
    """The edition and region as imported before, if they were (an import would replace its rows)."""
    return (PublishedForecast.objects.filter(centre=centre, edition=edition.strip(), region=region.strip())
            .annotate(row_count=Count("rows")).first())
