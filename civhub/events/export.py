"""The attendee export as CSV or XLSX, from the same rows (civhub.events.selectors.agenda.export_rows)."""

import csv
import io

from django.utils.translation import gettext as _

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet would run a cell starting so as a formula
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _csv_cell(value) -> str:
    if hasattr(value, "isoformat"):
        return value.isoformat(sep=" ", timespec="minutes")
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def export_csv(rows) -> tuple[bytes, str]:
    """`;`-separated UTF-8 with a byte-order mark, so that Excel opens it with the accents intact."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for row in rows:
        writer.writerow([_csv_cell(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8"), "text/csv; charset=utf-8"


def export_xlsx(rows) -> tuple[bytes, str]:
    """One sheet, the header bold and frozen; texts stay texts (no formulas), times real date-times."""
    import xlsxwriter  # only an XLSX export pays for loading it

    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {"in_memory": True, "strings_to_formulas": False,
                                            "strings_to_urls": False, "default_date_format": "yyyy-mm-dd hh:mm"})
    sheet = workbook.add_worksheet(_("Attendees")[:31])
    bold = workbook.add_format({"bold": True})
    for number, row in enumerate(rows):
        sheet.write_row(number, 0, row, bold if number == 0 else None)
    sheet.set_column(0, 3, 28)
    sheet.set_column(4, 5, 18)
    sheet.freeze_panes(1, 0)
    workbook.close()
    return output.getvalue(), XLSX_TYPE


EXPORTERS = {"csv": export_csv, "xlsx": export_xlsx}
