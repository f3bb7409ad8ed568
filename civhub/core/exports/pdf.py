"""A table for a WeasyPrint PDF: its cells formatted the Dutch way, for the include `core/_export_table.html`.

    {% include "core/_export_table.html" with table=shown_table %}

`shown(table)` gives the include a title, headings and rows of `Cell`s (text, and whether it is a
number, which the print stylesheet right-aligns). Columns with `in_pdf=False` (machine keys) are left out.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from civhub.core.exports.tables import Coded, Kind, Table
from civhub.core.formatting import format_date, format_eur, group_number

EMPTY = "—"
NUMERIC = Kind.NUMERIC


@dataclass(frozen=True)
class Cell:
    """One formatted cell of a PDF table."""

    text: str
    numeric: bool


def format_value(value, kind: str | None, *, currency: bool = True) -> str:
    """A cell as people read it, in the active language: EUR 1.234,56; 2,05; 87,5%; 24-11-2026 (a table's date).

    `currency=False` leaves "EUR" out of money (a compact table says "(EUR)" in its title instead).
    """
    if value is None or value == "":
        return EMPTY
    if isinstance(value, Coded):
        return value.label
    if kind == Kind.MONEY:
        return format_eur(value) if currency else format_eur(value).replace("EUR ", "")
    if kind in (Kind.RATIO, Kind.HOURS):
        return group_number(Decimal(value), 2)
    if kind == Kind.PERCENT:
        return f"{group_number(Decimal(value), 1)}%"
    if kind == Kind.SHARE:
        return f"{group_number(Decimal(value) * 100, 1)}%"
    if kind == Kind.DATE and isinstance(value, date):
        return format_date(value, "table")
    if kind == Kind.DATETIME and isinstance(value, date):
        return format_date(value, "table time")
    return str(value)


def formatted_rows(table: Table, columns: list[int], *, currency: bool = True) -> list[list[Cell]]:
    """The table's rows as formatted cells of the given columns (numbers flagged, to be right-aligned)."""
    rows = []
    for index, row in enumerate(table.rows):
        kinds = table.kinds_of(index)
        rows.append([Cell(format_value(row[column], kinds[column], currency=currency), kinds[column] in NUMERIC)
                     for column in columns])
    return rows


def shown(table: Table, columns: list[int] | None = None, title: str | None = None, *,
          compact: bool = False) -> dict:
    """What the include needs of a table (by default its columns meant for people): title, headings, rows.

    A `compact` table (many columns of money) writes amounts without "EUR" and says "(EUR)" in its title.
    """
    if columns is None:
        columns = [index for index, column in enumerate(table.columns) if column.in_pdf]
    headings = [Cell(str(table.columns[index].label), table.columns[index].kind in NUMERIC) for index in columns]
    title = str(title or table.title)
    if compact:
        title = _("%(title)s (EUR)") % {"title": title}
    return {"title": title, "headings": headings, "rows": formatted_rows(table, columns, currency=not compact),
            "compact": compact}
