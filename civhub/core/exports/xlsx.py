"""Tables as an XLSX workbook, one sheet per table, written as the rows come (XlsxWriter, constant memory).

In constant-memory mode XlsxWriter flushes each row to a temporary file once the next row
starts, so a sheet must be written top to bottom: widths and the header first, then the rows,
and a long table goes last in the workbook. Every sheet has a bold, frozen header row with an
autofilter over the data. A cell is written as its value is: a number (Decimal, int, float) as a
number with its column kind's number format, a date as a real date, anything else as text that is
never turned into a formula or a link (a name starting with "=" stays a name): text that looks like a
formula is also marked with a quote prefix (formulas.py), so it stays text when someone edits the cell.
`write_text` does the same for a workbook written without a Table (the application's budget annex).
"""

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import BinaryIO

from django.utils import timezone

from civhub.core.exports.formulas import looks_like_formula
from civhub.core.exports.tables import Coded, Column, Kind, Table

# The house formats: amounts read "EUR 1.234,56" in a Dutch Excel, whatever its currency setting.
NUMBER_FORMATS = {
    Kind.MONEY: '"EUR" #,##0.00;"EUR −"#,##0.00',  # a real minus sign after "EUR", as on the screen
    Kind.RATIO: "0.00",
    Kind.PERCENT: "0.0",
    Kind.HOURS: "0.00",
    Kind.SHARE: "0.0%",
    Kind.DATE: "dd-mm-yyyy",
    Kind.DATETIME: "dd-mm-yyyy hh:mm",
    Kind.INTEGER: "0",
}
# ISO dates, for files that tools read back as well as people (the lists and the ledger export).
ISO_DATES = {Kind.DATE: "yyyy-mm-dd", Kind.DATETIME: "yyyy-mm-dd hh:mm"}
HEADER_FORMAT = {"bold": True, "bottom": 1, "text_wrap": True, "valign": "top"}
TEXT_WIDTH, NUMBER_WIDTH = 22, 16
WORKBOOK_OPTIONS = {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
QUOTED = "quoted"  # the style of text that looks like a formula


def write_xlsx(tables: Iterable[Table], binary_file: BinaryIO, *, formats: Mapping[str, str] | None = None) -> None:
    """Write one sheet per table, in order, to an open binary file (a temporary file, an HttpResponse, BytesIO).

    `formats` overrides number formats by kind (e.g. `ISO_DATES`); the rest are `NUMBER_FORMATS`.
    """
    import xlsxwriter  # only an XLSX export pays for loading it

    workbook = xlsxwriter.Workbook(binary_file, WORKBOOK_OPTIONS)
    styles = {kind: workbook.add_format({"num_format": number_format})
              for kind, number_format in {**NUMBER_FORMATS, **(formats or {})}.items()}
    styles[QUOTED] = quoted_format(workbook)
    header = workbook.add_format(HEADER_FORMAT)
    for table in tables:
        _write_table(workbook.add_worksheet(str(table.sheet)[:31]), table, styles, header)
    workbook.close()


def width(column: Column) -> int:
    """A column's width in characters: its own, else by kind (text wider than numbers and dates)."""
    if column.width:
        return column.width
    return TEXT_WIDTH if column.kind in (Kind.TEXT, None) else NUMBER_WIDTH


def _write_table(sheet, table: Table, styles: dict, header) -> None:
    for index, column in enumerate(table.columns):
        sheet.write_string(0, index, str(column.name), header)
        sheet.set_column(index, index, width(column))
    sheet.freeze_panes(1, 0)
    kinds = [column.kind for column in table.columns]
    last = 0
    for last, row in enumerate(table.rows, start=1):
        row_kinds = table.kinds_of(last - 1) if table.row_kinds else kinds
        for index, value in enumerate(row):
            write_cell(sheet, last, index, value, row_kinds[index], styles)
    sheet.autofilter(0, 0, last, len(table.columns) - 1)


def write_cell(sheet, row: int, column: int, value, kind: str | None, styles: dict) -> None:
    """One cell: None and "" leave it empty (as the CSV has an empty field); a kind None is the value's own."""
    if isinstance(value, Coded):
        value = value.code
    if value is None or value == "":
        return
    if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
        sheet.write_number(row, column, float(value), styles.get(kind))
    elif isinstance(value, datetime):
        moment = timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
        sheet.write_datetime(row, column, moment, styles.get(kind or Kind.DATETIME))
    elif isinstance(value, date):
        sheet.write_datetime(row, column, value, styles.get(kind or Kind.DATE))
    else:
        write_text(sheet, row, column, str(value), styles.get(kind), styles[QUOTED])


def quoted_format(workbook):
    """The cell format of text that looks like a formula: a quote prefix, as Excel marks text typed after '."""
    return workbook.add_format({"quote_prefix": True})


def write_text(sheet, row: int, column: int, text: str, style, quoted) -> None:
    """A text cell; `quoted` (see quoted_format) instead of `style` when the text looks like a formula."""
    sheet.write_string(row, column, text, quoted if looks_like_formula(text) else style)
