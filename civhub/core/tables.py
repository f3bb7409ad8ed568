"""A list on screen, downloaded: the same rows (header first) as CSV or as XLSX.

The partner list, a course offering's enrolments and an event's attendees all export this way. Both
formats keep text as text: a cell that starts like a formula is not run by a spreadsheet program
(people type these texts), and a website stays plain text, not a link.
"""

import csv
import io
from collections.abc import Iterable
from datetime import date, datetime

from django.http import Http404, HttpResponse
from django.utils import timezone

# A cell starting with one of these is run as a formula by spreadsheet programs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")


def wall_time(moment: datetime) -> datetime:
    """A moment as the Dutch clock showed it, without a zone: what a spreadsheet cell can hold."""
    return timezone.localtime(moment).replace(tzinfo=None) if timezone.is_aware(moment) else moment


def csv_cell(value) -> str:
    """One cell as CSV text: dates as ISO dates, times to the minute, formula-like text quoted."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return wall_time(value).isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    return "'" + text if isinstance(value, str) and text.startswith(FORMULA_STARTS) else text


def table_csv(rows: Iterable[list]) -> bytes:
    """`;`-separated UTF-8 with a byte-order mark, so that Excel opens it with the accents intact."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for row in rows:
        writer.writerow([csv_cell(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def table_xlsx(rows: Iterable[list], *, sheet_name: str) -> bytes:
    """One sheet, the header bold and frozen, written row by row; dates and times as real dates."""
    import xlsxwriter  # only an XLSX export pays for loading it

    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {"constant_memory": True, "in_memory": True,
                                            "strings_to_formulas": False, "strings_to_urls": False})
    bold = workbook.add_format({"bold": True})
    formats = {datetime: workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"}),
               date: workbook.add_format({"num_format": "yyyy-mm-dd"})}
    sheet = workbook.add_worksheet(sheet_name[:31])
    rows = iter(rows)
    header = [str(cell) for cell in next(rows, [])]
    for column, heading in enumerate(header):  # widths first: constant memory writes rows once, in order
        sheet.set_column(column, column, min(max(len(heading) + 4, 14), 40))
    sheet.write_row(0, 0, header, bold)
    sheet.freeze_panes(1, 0)
    for number, row in enumerate(rows, start=1):
        for column, value in enumerate(row):
            kind = datetime if isinstance(value, datetime) else date if isinstance(value, date) else None
            if kind is datetime:
                sheet.write_datetime(number, column, wall_time(value), formats[kind])
            elif kind is date:
                sheet.write_datetime(number, column, value, formats[kind])
            elif value is not None:
                sheet.write(number, column, value)
    workbook.close()
    return output.getvalue()


def table_download(rows: Iterable[list], fmt: str, *, filename: str, sheet_name: str) -> HttpResponse:
    """The rows as an attachment `<filename>.<fmt>`; an unknown format is a 404 like any wrong address."""
    if fmt == "csv":
        response = HttpResponse(table_csv(rows), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(table_xlsx(rows, sheet_name=sheet_name), content_type=XLSX_TYPE)
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
