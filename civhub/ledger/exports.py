"""The ledger export (docs/formats.md §5): one row source, written as CSV or XLSX.

The caller decides what may be exported and scopes the queryset first, e.g.

    entries = contributions_visible_to(request.user, centre)
    write_xlsx(export_rows(entries), response)            # or write_csv(...), or iter_csv(...)

`export_rows` streams from the database with `.iterator()`, and both writers write as they
go (XlsxWriter in constant-memory mode), so an export of 100,000 entries never holds them
all in memory. Columns, in this order: extern_id, partner (short code), datum (YYYY-MM-DD),
soort (kind code), programmalijn (number), categorie, uren, uurtarief, bedrag (valued EUR),
status (draft|submitted|approved|accepted|rejected|reversed).
"""

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import date
from decimal import Decimal
from typing import BinaryIO

from django.db.models import QuerySet

from civhub.ledger.models import Contribution

HEADER = ("extern_id", "partner", "datum", "soort", "programmalijn", "categorie", "uren", "uurtarief", "bedrag",
          "status")
# The database fields behind HEADER, in the same order.
FIELDS = ("extern_id", "partnership__short_code", "date", "kind", "programme_line__number", "category", "hours",
          "hourly_rate", "amount", "status")
DECIMAL_COLUMNS = {"uren", "uurtarief", "bedrag"}
CHUNK = 2000


def export_rows(contributions: QuerySet[Contribution]) -> Iterator[tuple]:
    """One tuple per contribution in HEADER's order: str, date, int, Decimal or None.

    Keeps the queryset's own ordering when it has one; otherwise oldest first (date, id),
    so an export reads like a ledger and two exports of the same data are identical.
    """
    if not contributions.query.order_by:
        contributions = contributions.order_by("date", "pk")
    return contributions.values_list(*FIELDS).iterator(chunk_size=CHUNK)


def csv_cell(value) -> str:
    """A value as the CSV writes it: dates YYYY-MM-DD, numbers with a point and their two decimals."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def iter_csv(rows: Iterable[tuple], *, header: Iterable[str] = HEADER) -> Iterator[bytes]:
    """The CSV as UTF-8 lines (`;` between cells, CRLF line ends), e.g. for a StreamingHttpResponse.

    No byte-order mark: the file is plain UTF-8, as every CSV reader expects (civhub's own
    import accepts it with or without one).
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for number, row in enumerate(rows):
        writer.writerow([csv_cell(value) for value in row])
        if number % 500 == 0:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()


def write_csv(rows: Iterable[tuple], binary_file: BinaryIO, *, header: Iterable[str] = HEADER) -> None:
    """Write the rows as CSV (see iter_csv) to an open binary file or HttpResponse."""
    for chunk in iter_csv(rows, header=header):
        binary_file.write(chunk)


def write_xlsx(rows: Iterable[tuple], binary_file: BinaryIO, *, header: Iterable[str] = HEADER,
               sheet_name: str = "Bijdragen") -> None:
    """Write the rows as one XLSX sheet to an open binary file (or HttpResponse).

    Money is a number with a EUR format, hours a number with two decimals, dates real dates
    shown as YYYY-MM-DD; the header row is frozen and filterable.
    """
    import xlsxwriter  # only an XLSX export pays for loading it

    header = list(header)
    workbook = xlsxwriter.Workbook(binary_file, {"constant_memory": True})
    sheet = workbook.add_worksheet(sheet_name)
    styles = _styles(workbook)
    formats = [styles.get(name) for name in header]
    for column, name in enumerate(header):
        sheet.write_string(0, column, name, styles["header"])
        sheet.set_column(column, column, 14 if name in DECIMAL_COLUMNS or name == "datum" else 18)
    sheet.freeze_panes(1, 0)
    last = 0
    for last, row in enumerate(rows, start=1):
        for column, value in enumerate(row):
            _write_cell(sheet, last, column, value, formats[column])
    sheet.autofilter(0, 0, last, len(header) - 1)
    workbook.close()


def _styles(workbook) -> dict:
    money = workbook.add_format({"num_format": '[$€-nl-NL] #,##0.00;[$€-nl-NL] -#,##0.00'})
    return {
        "header": workbook.add_format({"bold": True}),
        "datum": workbook.add_format({"num_format": "yyyy-mm-dd"}),
        "uren": workbook.add_format({"num_format": "0.00"}),
        "uurtarief": money,
        "bedrag": money,
    }


def _write_cell(sheet, row: int, column: int, value, style) -> None:
    if value is None or value == "":
        return  # an empty cell, as the CSV has an empty field
    if isinstance(value, Decimal):
        sheet.write_number(row, column, float(value), style)
    elif isinstance(value, date):
        sheet.write_datetime(row, column, value, style)
    elif isinstance(value, int):
        sheet.write_number(row, column, value, style)
    else:
        sheet.write_string(row, column, str(value), style)
