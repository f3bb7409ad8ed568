"""Reading a file of forecasts per occupation (docs/formats.md §7), with the import rules of every import.

All or nothing: every bad row is named (row, column, value, what is wrong), and with any
error no forecast is returned. The rows are read as every HCA file's (hca/file_rows.py).
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from civhub.hca.file_rows import CellReader, read_rows
from civhub.hca.indicators import Forecast
from civhub.ledger.imports.parsing import Column
from civhub.ledger.imports.report import RowError
from civhub.ledger.imports.values import cell_text, parse_decimal, parse_int

COLUMNS = (
    Column("occupation", ("beroep", "occupation")),
    Column("employment", ("werkgelegenheid", "employment")),
    Column("expansion", ("uitbreidingsvraag", "expansion_demand")),
    Column("replacement", ("vervangingsvraag", "replacement_demand")),
    Column("supply", ("instroom", "supply")),
    Column("horizon", ("horizon",)),
)
HORIZONS = range(1, 11)


@dataclass
class ForecastFile:
    """What a forecast file held: its forecasts when every row is right, else every error."""

    file_name: str
    forecasts: list[Forecast] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        return ngettext("%(file)s: %(count)d forecast.", "%(file)s: %(count)d forecasts.", len(self.forecasts)) % {
            "file": self.file_name, "count": len(self.forecasts)}


def read_forecasts(file, file_name: str) -> ForecastFile:
    """The file's forecasts, or (with no forecasts) every problem in it."""
    result = ForecastFile(file_name)
    result.forecasts = read_rows(file, file_name, COLUMNS, lambda number, values, headers: _forecast(
        CellReader(number, values, headers, result.errors)), result.errors)
    return result


def _forecast(read: CellReader) -> Forecast | None:
    """One row as a Forecast, or None after adding its errors (every bad cell of the row)."""
    occupation = read("occupation", cell_text, lambda text: None if text else _("Name the occupation."))
    employment = read("employment", parse_decimal, lambda n: None if n > 0 else _("Employment must be above 0."))
    expansion = read("expansion", parse_decimal)
    replacement = read("replacement", parse_decimal, _not_negative)
    supply = read("supply", parse_decimal, _not_negative)
    horizon = read("horizon", parse_int, lambda n: None if n in HORIZONS else _("The horizon is 1 to 10 years."))
    if employment is not None and expansion is not None and employment + expansion < 0:
        read.error("expansion", _("Employment cannot fall by more than it is (%(employment)s).")
                   % {"employment": format(employment, "f")})
    if read.failed:
        return None
    return Forecast(occupation, employment, expansion, replacement, supply, horizon)


def _not_negative(number: Decimal) -> str | None:
    return None if number >= 0 else _("This cannot be negative.")
