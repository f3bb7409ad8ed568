"""The funder pack as XLSX (docs/formats.md §6): the row sources of reports/funder.py, one sheet each.

XlsxWriter in constant-memory mode writes each row to a temporary file as it goes, so the
`Bijdragen` sheet streams a million entries without holding them: every sheet is written
top to bottom, and Bijdragen (the only long one) last. Money is a number with a EUR
format, ratios two decimals, percentages one, hours two; dates are real dates. The pack is
for people at the funder: it is written in Dutch whatever the language of the request.
"""

from datetime import date
from decimal import Decimal
from typing import BinaryIO

from django.utils import translation

from civhub.grants.selectors.monitor import Monitor
from civhub.reports.funder import Coded, Kind, Table, sheets

PACK_LANGUAGE = "nl"
NUMBER_FORMATS = {
    Kind.MONEY: '"EUR" #,##0.00;"EUR" -#,##0.00',
    Kind.RATIO: "0.00",
    Kind.PERCENT: "0.0",
    Kind.HOURS: "0.00",
    Kind.SHARE: "0.0%",
    Kind.DATE: "dd-mm-yyyy",
    Kind.INTEGER: "0",
}
TEXT_WIDTH, LONG_TEXT_WIDTH, NUMBER_WIDTH = 22, 58, 16
LONG_TEXT_COLUMNS = {"Onderdeel", "Partner", "Programmalijn", "Soort", "partnernaam"}


def write_funder_xlsx(figures: Monitor, binary_file: BinaryIO) -> None:
    """Write the pack's six sheets for `figures` to an open binary file (a temporary file, a response)."""
    import xlsxwriter  # only an XLSX pays for loading it

    workbook = xlsxwriter.Workbook(binary_file, {"constant_memory": True})
    styles = {kind: workbook.add_format({"num_format": number_format})
              for kind, number_format in NUMBER_FORMATS.items()}
    styles["header"] = workbook.add_format({"bold": True, "bottom": 1, "text_wrap": True, "valign": "top"})
    with translation.override(PACK_LANGUAGE):
        for table in sheets(figures):
            _write_table(workbook.add_worksheet(table.sheet), table, styles)
    workbook.close()


def _width(column) -> int:
    if column.name in LONG_TEXT_COLUMNS:
        return LONG_TEXT_WIDTH
    return TEXT_WIDTH if column.kind in (Kind.TEXT, None) else NUMBER_WIDTH


def _write_table(sheet, table: Table, styles: dict) -> None:
    for column, spec in enumerate(table.columns):
        sheet.write_string(0, column, spec.name, styles["header"])
        sheet.set_column(column, column, _width(spec))
    sheet.freeze_panes(1, 0)
    fixed = not table.row_kinds
    kinds = [spec.kind for spec in table.columns]
    last = 0
    for last, row in enumerate(table.rows, start=1):
        row_kinds = kinds if fixed else table.kinds_of(last - 1)
        for column, value in enumerate(row):
            _write_cell(sheet, last, column, value, row_kinds[column], styles)
    sheet.autofilter(0, 0, last, len(table.columns) - 1)


def _write_cell(sheet, row: int, column: int, value, kind: str, styles: dict) -> None:
    if isinstance(value, Coded):
        value = value.code
    if value is None or value == "":
        return  # no figure (a ratio without subsidy spent, a line-less row's number): an empty cell
    style = styles.get(kind)
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        sheet.write_number(row, column, float(value), style)
    elif isinstance(value, date):
        sheet.write_datetime(row, column, value, style)
    else:
        sheet.write_string(row, column, str(value))
