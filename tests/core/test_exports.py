"""The export module: one table as CSV, XLSX and a PDF table; formats, autofilter, quoting, streaming, downloads."""

import io
import itertools
import tempfile
from datetime import date
from decimal import Decimal

import openpyxl
from django.utils import translation

from civhub.core.exports import CONTENT_TYPES, Coded, Column, Kind, Table, attachment, download, file_download
from civhub.core.exports.csv import iter_csv, write_csv
from civhub.core.exports.pdf import shown
from civhub.core.exports.xlsx import ISO_DATES, write_xlsx


def table(rows=None) -> Table:
    columns = [Column("naam", "Name"), Column("datum", "Date", Kind.DATE), Column("bedrag", "Amount", Kind.MONEY),
               Column("uren", "Hours", Kind.HOURS), Column("status", "Status"),
               Column("code", "Code", in_pdf=False, width=9)]
    rows = rows if rows is not None else [
        ("=SOM(A1)", date(2025, 3, 1), Decimal("1234.50"), Decimal("7.25"), Coded("open", "nog open"), "a-1"),
        ("Eva", None, Decimal("-10.00"), None, Coded("done", "klaar"), ""),
    ]
    return Table(sheet="Lijst", title="Een lijst", columns=columns, rows=rows)


def workbook(*tables, **options) -> openpyxl.Workbook:
    output = io.BytesIO()
    write_xlsx(tables, output, **options)
    output.seek(0)
    return openpyxl.load_workbook(output)


def test_xlsx_has_a_header_an_autofilter_widths_and_the_kinds_number_formats():
    sheet = workbook(table())["Lijst"]
    assert [cell.value for cell in sheet[1]] == ["naam", "datum", "bedrag", "uren", "status", "code"]
    assert sheet[1][0].font.b and sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:F3"
    assert sheet.column_dimensions["A"].width > sheet.column_dimensions["B"].width  # text wider than a date
    name, day, amount, hours, status, code = sheet[2]
    assert name.value == "=SOM(A1)" and name.data_type == "s"  # text stays text, never a formula
    assert name.quotePrefix and not sheet[3][0].quotePrefix  # and stays text when someone edits it
    assert day.is_date and day.number_format == "dd-mm-yyyy"
    assert amount.value == 1234.5 and amount.number_format == '"EUR" #,##0.00;"EUR −"#,##0.00'
    assert hours.value == 7.25 and hours.number_format == "0.00"
    assert (status.value, code.value) == ("open", "a-1")  # a Coded value's code, for tools
    assert [cell.value for cell in sheet[3]] == ["Eva", None, -10, None, "done", None]


def test_xlsx_number_formats_can_be_overridden_per_workbook_and_one_workbook_holds_many_tables():
    book = workbook(table(), Table(sheet="Een tweede blad met een veel te lange naam", title="",
                                   columns=[Column("n", kind=Kind.INTEGER)], rows=[(1,), (2,)]), formats=ISO_DATES)
    assert book.sheetnames == ["Lijst", "Een tweede blad met een veel te"]
    assert book["Lijst"]["B2"].number_format == "yyyy-mm-dd"
    assert [row[0].value for row in book.worksheets[1].iter_rows()] == ["n", 1, 2]


def test_a_column_without_a_kind_takes_the_rows_kind():
    mixed = Table(sheet="S", title="S", columns=[Column("Sleutel"), Column("Waarde", kind=None)],
                  rows=[("bedrag", Decimal("5.00")), ("peildatum", date(2025, 1, 2))],
                  row_kinds=[Kind.MONEY, Kind.DATE])
    sheet = workbook(mixed)["S"]
    assert "EUR" in sheet["B2"].number_format and sheet["B3"].number_format == "dd-mm-yyyy"


def test_csv_for_people_has_a_bom_and_quotes_formula_like_text():
    text = b"".join(iter_csv(table())).decode("utf-8")
    assert text == ("\ufeffnaam;datum;bedrag;uren;status;code\r\n"
                    "'=SOM(A1);2025-03-01;1234.50;7.25;open;a-1\r\n"
                    "Eva;;-10.00;;done;\r\n")  # a negative amount is a number, not a formula


def test_csv_for_tools_has_no_bom_and_still_quotes_formula_like_text():
    output = io.BytesIO()
    write_csv(table(), output, excel=False)
    assert output.getvalue().decode("utf-8").splitlines()[:2] == ["naam;datum;bedrag;uren;status;code",
                                                                  "'=SOM(A1);2025-03-01;1234.50;7.25;open;a-1"]


def test_both_writers_stream_a_generator_reading_it_once_in_order():
    taken = []

    def rows():
        for number in range(3000):
            taken.append(number)
            yield (f"rij {number}", date(2025, 1, 1), Decimal(number), None, "", "")

    chunks = iter_csv(table(rows()))
    assert next(chunks).count(b"\r\n") == 2 and len(taken) == 1  # header and row 1 go out before row 2 is read
    assert sum(chunk.count(b"\r\n") for chunk in chunks) == 2999
    sheet = workbook(table(rows()))["Lijst"]
    assert sheet.max_row == 3001 and sheet["A3001"].value == "rij 2999"


def test_the_pdf_table_leaves_out_machine_keys_and_formats_the_dutch_way():
    with translation.override("nl"):
        pdf = shown(table())
    assert pdf["title"] == "Een lijst"
    assert [heading.text for heading in pdf["headings"]] == ["Name", "Date", "Amount", "Hours", "Status"]
    first = [cell.text for cell in pdf["rows"][0]]
    assert first == ["=SOM(A1)", "01-03-2025", "EUR 1.234,50", "7,25", "nog open"]
    assert [cell.numeric for cell in pdf["rows"][0]] == [False, False, True, True, False]
    assert pdf["rows"][1][1].text == "—"


def test_download_answers_csv_or_xlsx_with_the_type_and_a_safe_name():
    response = download([table()], "csv", filename="lijst-2025")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="lijst-2025.csv"'
    response = download([table(itertools.islice(table().rows, 1))], "xlsx", filename="lijst", stream=True)
    assert response["Content-Type"] == CONTENT_TYPES["xlsx"]
    assert openpyxl.load_workbook(io.BytesIO(response.content))["Lijst"].max_row == 2
    assert attachment(download([table()], "csv", filename="x"), 'wéér "x".csv')["Content-Disposition"] == (
        "attachment; filename*=utf-8''w%C3%A9%C3%A9r%20%22x%22.csv")


def test_a_streamed_file_download_knows_its_size_and_closes_the_file():
    spool = tempfile.TemporaryFile()
    spool.write(b"PK" * 1000)
    response = file_download(spool, name="pakket.zip")
    assert (response["Content-Type"], response["Content-Length"]) == ("application/zip", "2000")
    assert b"".join(response.streaming_content) == b"PK" * 1000
    assert spool.closed
