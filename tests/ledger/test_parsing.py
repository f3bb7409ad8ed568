"""Reading import files: CSV and XLSX, numbers and dates as docs/formats.md writes them (no database needed)."""

import io
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from civhub.ledger.imports.parsing import Column, FileError, open_table
from civhub.ledger.imports.values import CellError, cell_text, parse_date, parse_decimal, parse_int

COLUMNS = [Column("extern_id", ("extern_id", "external_id")), Column("hours", ("uren", "hours"), required=False),
           Column("date", ("datum", "date"), required=False)]
quick = settings(database=None, max_examples=300, deadline=None)
# An XLSX date cell is a naive datetime: spreadsheets know no time zones.
MARCH_15 = datetime.combine(date(2025, 3, 15), time())


def table_rows(data: bytes, name: str = "file.csv", **kwargs) -> list:
    return list(open_table(io.BytesIO(data), name, COLUMNS, **kwargs).rows())


def xlsx(rows) -> bytes:
    workbook = openpyxl.Workbook()
    for cells in rows:
        workbook.active.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# Files ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("delimiter", [";", ","])
def test_csv_delimiter_is_taken_from_the_header(delimiter):
    data = f"extern_id{delimiter}uren\na-1{delimiter}7\n".encode()
    assert table_rows(data) == [(2, {"extern_id": "a-1", "hours": "7"})]


def test_semicolon_file_keeps_decimal_commas_inside_cells():
    assert table_rows(b"extern_id;uren\na-1;7,5\n") == [(2, {"extern_id": "a-1", "hours": "7,5"})]


def test_utf8_with_bom_reads_like_without():
    data = "extern_id;uren\nébène;1\n".encode()
    assert table_rows(b"\xef\xbb\xbf" + data) == table_rows(data) == [(2, {"extern_id": "ébène", "hours": "1"})]


def test_header_is_matched_case_insensitively_in_either_language():
    assert table_rows(b"External_ID;HOURS;Datum\nx;2;2025-01-01\n") == [
        (2, {"extern_id": "x", "hours": "2", "date": "2025-01-01"})
    ]


def test_row_numbers_are_as_in_the_file_and_empty_lines_are_skipped():
    data = b"extern_id;uren\n\n a-1 ; 7 \n;\n\na-2;8\n"
    assert table_rows(data) == [(3, {"extern_id": "a-1", "hours": "7"}), (6, {"extern_id": "a-2", "hours": "8"})]


def test_quoted_cells_may_hold_the_delimiter_and_line_breaks():
    data = b'extern_id;uren\n"a;1";"7,5"\n"b\nc";1\nd;2\n'
    assert [number for number, _ in table_rows(data)] == [2, 3, 4]
    assert table_rows(data)[1][1]["extern_id"] == "b\nc"


def test_unknown_columns_are_ignored():
    assert table_rows(b"extern_id;remark;uren\na;whatever;3\n") == [(2, {"extern_id": "a", "hours": "3"})]


@pytest.mark.parametrize(("data", "name", "message"), [
    (b"", "file.csv", "empty"),
    (b"\xef\xbb\xbf\n\n  \n", "file.csv", "empty"),
    (b"a-1;7\nb-2;8\n", "file.csv", "not a header"),
    (b"uren\n7\n", "file.csv", "misses the column"),
    (b"extern_id;external_id\n1;2\n", "file.csv", "appears twice"),
    ("extern_id;uren\ncafé;1\n".encode("latin-1"), "file.csv", "not in UTF-8"),
    ("extern_id;uren\ncafé;1\n".encode("utf-16"), "file.csv", "UTF-16"),
    (b"%PDF-1.7 ...", "file.pdf", "not a CSV or XLSX"),
    (b"extern_id;uren\n", "file.docx", "not a CSV or XLSX"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "file.xls", "old Excel file"),
    (b"extern_id;uren\n", "file.xlsx", "not an Excel workbook"),
    (b"PK\x03\x04 not really a zip", "file.xlsx", "cannot be read"),
])
def test_a_file_that_cannot_be_imported_gets_a_clear_error(data, name, message):
    with pytest.raises(FileError, match=message):
        table_rows(data, name)


def test_more_rows_than_the_maximum_is_refused_before_reading_on():
    def endless():
        yield b"extern_id;uren\n"
        for number in range(10**9):  # never written out: the reader stops at the limit
            yield f"e-{number};1\n".encode()

    class Stream(io.RawIOBase):
        def __init__(self):
            self.chunks, self.rest = endless(), b""

        def readable(self):
            return True

        def readinto(self, buffer):
            while len(self.rest) < len(buffer):
                self.rest += next(self.chunks)
            buffer[:], self.rest = self.rest[: len(buffer)], self.rest[len(buffer):]
            return len(buffer)

    table = open_table(io.BufferedReader(Stream()), "huge.csv", COLUMNS, max_rows=1000)
    with pytest.raises(FileError, match="more than 1.000 rows") as error:
        list(table.rows())
    assert error.value.row == 1002  # the header is row 1


def test_xlsx_first_sheet_with_numbers_dates_and_text():
    data = xlsx([["Extern_ID", "uren", "datum"], [1001, 7.5, MARCH_15], [None, None, None],
                 ["b", "7,25", "15-03-2025"]])
    rows = table_rows(data, "file.xlsx")
    assert rows == [(2, {"extern_id": 1001, "hours": 7.5, "date": MARCH_15}),
                    (4, {"extern_id": "b", "hours": "7,25", "date": "15-03-2025"})]
    assert cell_text(rows[0][1]["extern_id"]) == "1001"
    assert parse_decimal(rows[0][1]["hours"]) == Decimal("7.5")
    assert parse_date(rows[0][1]["date"]) == date(2025, 3, 15)


def test_xlsx_rows_below_a_gap_keep_their_sheet_row_numbers():
    workbook = openpyxl.Workbook()
    workbook.active.append(["extern_id", "uren"])
    workbook.active["A7"], workbook.active["B7"] = "late", 3
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert table_rows(buffer.getvalue(), "file.xlsx") == [(7, {"extern_id": "late", "hours": 3})]


def test_xlsx_header_only_gives_no_rows():
    assert table_rows(xlsx([["extern_id", "uren"]]), "file.xlsx") == []


# Numbers ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("1234,56", "1234.56"), ("1234.56", "1234.56"), ("1.234,56", "1234.56"), ("1,234.56", "1234.56"),
    ("1.234.567,8", "1234567.8"), ("1,234,567", "1234567"), ("1.234.567", "1234567"), ("7", "7"), ("0,5", "0.5"),
    (",5", "0.5"), ("-3,25", "-3.25"), ("+2", "2"), (" 12,50 ", "12.50"),
])
def test_decimal_notations(text, expected):
    assert parse_decimal(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["", "abc", "12,", "1,2,3", "1.23.456", "12.34,5", "1e3", "NaN", "Infinity",
                                  "€ 12", "1 234", "--1", "1,234,56"])
def test_not_a_number(text):
    with pytest.raises(CellError, match="not a number"):
        parse_decimal(text)


@pytest.mark.parametrize("text", ["1.234", "1,234", "7,500"])
def test_a_lone_separator_before_three_digits_is_a_decimal_point_and_so_refused(text):
    """`1.234` could mean 1234 or 1.234: neither is guessed, the message says how to write it."""
    with pytest.raises(CellError, match="three decimals"):
        parse_decimal(text)


def test_more_than_two_decimals_is_refused():
    with pytest.raises(CellError, match="At most 2 decimals"):
        parse_decimal("1,2345")


@pytest.mark.parametrize(("value", "expected"), [(7, "7"), (7.5, "7.50"), (0.1 + 0.2, "0.30"), (1234.56, "1234.56")])
def test_xlsx_numbers_are_taken_as_numbers(value, expected):
    assert parse_decimal(value) == Decimal(expected)


@pytest.mark.parametrize("value", [7.123, float("nan"), True, MARCH_15])
def test_xlsx_cells_that_are_no_two_decimal_number(value):
    with pytest.raises(CellError):
        parse_decimal(value)


def styles(number: Decimal) -> dict[str, str]:
    """The number written in docs/formats.md's four notations, always with its two decimals."""
    sign = "-" if number < 0 else ""
    integer, fraction = f"{abs(number):.2f}".split(".")
    grouped = f"{int(integer):,}"
    return {
        "1234,56": f"{sign}{integer},{fraction}",
        "1234.56": f"{sign}{integer}.{fraction}",
        "1.234,56": f"{sign}{grouped.replace(',', '.')},{fraction}",
        "1,234.56": f"{sign}{grouped}.{fraction}",
    }


money = st.decimals(min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=2, allow_nan=False,
                    allow_infinity=False)


@quick
@given(money)
def test_every_notation_reads_back_the_same_decimal(number):
    for written in styles(number).values():
        parsed = parse_decimal(written)
        assert parsed == number, written
        assert isinstance(parsed, Decimal)


@quick
@given(st.decimals(min_value=0, max_value=Decimal("1e9"), places=2, allow_nan=False, allow_infinity=False))
def test_xlsx_floats_of_two_decimal_numbers_read_back_exactly(number):
    assert parse_decimal(float(number)) == number


@quick
@given(st.text(alphabet="0123456789.,-+ e", max_size=12))
def test_any_text_is_a_number_with_at_most_two_decimals_or_a_clear_error(text):
    try:
        number = parse_decimal(text)
    except CellError as error:
        assert str(error)
    else:
        assert isinstance(number, Decimal) and number.is_finite()
        assert -number.as_tuple().exponent <= 2


# Dates ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["2025-03-05", "2025/03/05", "2025-3-5", "05-03-2025", "5-3-2025", "05/03/2025",
                                  " 5/3/2025 "])
def test_date_notations(text):
    assert parse_date(text) == date(2025, 3, 5)


@pytest.mark.parametrize("text", ["", "2025-03/05", "03-2025", "2025.03.05", "5 maart 2025", "20250305",
                                  "31-02-2025", "2025-13-01", "00-01-2025"])
def test_not_a_date(text):
    with pytest.raises(CellError):
        parse_date(text)


days = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


@quick
@given(days, st.sampled_from(["-", "/"]), st.booleans())
def test_every_date_notation_reads_back_the_same_day(day, separator, padded):
    dd, mm = (f"{day.day:02}", f"{day.month:02}") if padded else (str(day.day), str(day.month))
    assert parse_date(f"{day.year}{separator}{mm}{separator}{dd}") == day
    assert parse_date(f"{dd}{separator}{mm}{separator}{day.year}") == day
    assert parse_date(datetime.combine(day, datetime.min.time())) == day


@quick
@given(days, st.integers(min_value=1, max_value=400))
def test_a_date_never_reads_as_another_day(day, shift):
    """The day and month are never swapped: 02-03 is the second of March, in both notations."""
    other = day + timedelta(days=shift) if day.year < 2100 else day - timedelta(days=shift)
    assert parse_date(day.strftime("%d-%m-%Y")) != other


def test_whole_numbers():
    assert parse_int("3") == parse_int(3) == parse_int(3.0) == 3
    for value in ("3,0", "drie", "-1", 2.5, True):
        with pytest.raises(CellError):
            parse_int(value)
