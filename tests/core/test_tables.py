"""Downloaded lists (header-first rows, as a page shows them): the same rows as CSV and XLSX, text kept as text."""

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.http import Http404

from civhub.core.exports import ISO_DATES, XLSX_TYPE, Table, download

MAY_26 = datetime(2026, 5, 26, 11, 30, tzinfo=ZoneInfo("UTC"))  # 13:30 on a Dutch clock (CEST)
ROWS = [["Naam", "Website", "Aangemeld", "Op"],
        ["=HYPERLINK(\"x\")", "https://example.org", date(2026, 5, 26), MAY_26],
        ["Eva", None, -5, 3.5]]


def table_download(rows, fmt, *, filename, sheet_name):
    return download([Table.from_rows(rows, sheet=sheet_name)], fmt, filename=filename, formats=ISO_DATES)


def test_csv_quotes_formula_like_text_and_writes_iso_dates():
    text = table_download(ROWS, "csv", filename="lijst", sheet_name="Lijst").content.decode("utf-8")
    assert text.startswith("\ufeffNaam;Website;Aangemeld;Op\r\n")
    assert "'=HYPERLINK" in text and "2026-05-26;2026-05-26 13:30" in text
    assert text.endswith("Eva;;-5;3.5\r\n")  # a negative number is a number, not a formula


def test_xlsx_keeps_text_as_text_and_dates_as_dates():
    response = table_download(ROWS, "xlsx", filename="lijst",
                              sheet_name="Een heel lange bladnaam van meer dan 31 tekens")
    assert response["Content-Type"] == XLSX_TYPE
    assert response["Content-Disposition"] == 'attachment; filename="lijst.xlsx"'
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "Een heel lange bladnaam van mee"
    assert [cell.value for cell in sheet[1]] == ROWS[0]
    formula, website, day, moment = (cell for cell in sheet[2])
    assert formula.data_type == "s" and website.hyperlink is None
    assert day.value.date() == date(2026, 5, 26) and day.number_format == "yyyy-mm-dd"
    assert (moment.value.hour, moment.value.minute) == (13, 30) and moment.number_format == "yyyy-mm-dd hh:mm"
    assert [cell.value for cell in sheet[3]] == ["Eva", None, -5, 3.5]


def test_an_unknown_format_is_not_found():
    with pytest.raises(Http404):
        table_download(ROWS, "pdf", filename="lijst", sheet_name="Lijst")
