"""The ledger export (docs/formats.md §5): its column order, and values that read back exactly from CSV and XLSX."""

import csv
import io
from datetime import date, datetime
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from civhub.core.exports import csv as csv_export
from civhub.core.exports import xlsx as xlsx_export
from civhub.ledger.exports import HEADER, LEDGER_FORMATS, export_rows, ledger_table
from civhub.ledger.imports.parsing import Column, open_table
from civhub.ledger.models import Contribution
from civhub.ledger.permissions import contributions_visible_to
from tests.factories import ProgrammeLineFactory
from tests.ledger import builders as b
from tests.partners.factories import client_for

pytestmark = pytest.mark.django_db
Status = Contribution.Status
FORMATS_MD_COLUMNS = ["extern_id", "partner", "datum", "soort", "programmalijn", "categorie", "uren", "uurtarief",
                      "bedrag", "status"]


@pytest.fixture
def ledger(centre, partner_a, partner_b, partner_a_contact, finance_controller):
    """Three entries of partner A (hours, an amount, a reversal) and one of partner B."""
    line = ProgrammeLineFactory(centre=centre, number=2)
    hours = b.entry(partner_a, partner_a_contact, extern_id="A-ü/1", day=date(2025, 3, 1), hours=Decimal("7.50"),
                    rate=Decimal("85.25"), category="analyst", programme_line=line, status=Status.ACCEPTED)
    amount = b.entry(partner_a, partner_a_contact, extern_id="a;2", day=date(2025, 1, 15),
                     amount=Decimal("1234567.89"), kind="cash", status=Status.SUBMITTED)
    reversal = b.entry(partner_a, finance_controller, day=date(2025, 3, 1), amount=Decimal("-639.38"),
                       reversal_of=hours, status=Status.ACCEPTED)
    other = b.entry(partner_b, finance_controller, extern_id="b-1", day=date(2024, 12, 31), status=Status.DRAFT)
    return {"hours": hours, "amount": amount, "reversal": reversal, "other": other}


EXPECTED = [
    ("b-1", "partner-b", date(2024, 12, 31), "lab", None, "", None, None, Decimal("100.00"), "draft"),
    ("a;2", "partner-a", date(2025, 1, 15), "cash", None, "", None, None, Decimal("1234567.89"), "submitted"),
    ("A-ü/1", "partner-a", date(2025, 3, 1), "lab", 2, "analyst", Decimal("7.50"), Decimal("85.25"),
     Decimal("639.38"), "accepted"),
    ("", "partner-a", date(2025, 3, 1), "lab", None, "", None, None, Decimal("-639.38"), "accepted"),
]


def write_csv(entries, output):
    csv_export.write_csv(ledger_table(entries), output, excel=False)


def iter_csv(entries):
    return csv_export.iter_csv(ledger_table(entries), excel=False)


def write_xlsx(entries, output):
    xlsx_export.write_xlsx([ledger_table(entries)], output, formats=LEDGER_FORMATS)


def test_the_columns_are_those_of_formats_md_in_order():
    assert list(HEADER) == FORMATS_MD_COLUMNS


def test_rows_come_oldest_first_with_typed_values(ledger, centre):
    assert list(export_rows(Contribution.objects.filter(centre=centre))) == EXPECTED


def test_the_callers_order_is_kept(ledger, centre):
    rows = export_rows(Contribution.objects.filter(centre=centre).order_by("-amount"))
    assert [row[8] for row in rows] == [Decimal("1234567.89"), Decimal("639.38"), Decimal("100.00"),
                                        Decimal("-639.38")]


def test_rows_stream_from_the_database_in_one_query(ledger, centre):
    with CaptureQueriesContext(connection) as queries:
        rows = export_rows(Contribution.objects.filter(centre=centre))
        assert not isinstance(rows, list)
        assert len(list(rows)) == 4
    assert len(queries) == 1


def test_csv_reads_back_exactly(ledger, centre):
    output = io.BytesIO()
    write_csv(Contribution.objects.filter(centre=centre), output)
    data = output.getvalue()
    assert not data.startswith(b"\xef\xbb\xbf")
    assert data.splitlines()[0] == b"extern_id;partner;datum;soort;programmalijn;categorie;uren;uurtarief;bedrag;status"
    read = list(csv.reader(io.StringIO(data.decode("utf-8"), newline=""), delimiter=";"))
    assert read[0] == FORMATS_MD_COLUMNS
    assert read[1:] == [
        ["b-1", "partner-b", "2024-12-31", "lab", "", "", "", "", "100.00", "draft"],
        ["a;2", "partner-a", "2025-01-15", "cash", "", "", "", "", "1234567.89", "submitted"],
        ["A-ü/1", "partner-a", "2025-03-01", "lab", "2", "analyst", "7.50", "85.25", "639.38", "accepted"],
        ["", "partner-a", "2025-03-01", "lab", "", "", "", "", "-639.38", "accepted"],
    ]
    assert [Decimal(row[8]) for row in read[1:]] == [row[8] for row in EXPECTED]


def test_csv_streams_in_pieces_for_a_streaming_response(ledger, centre):
    chunks = list(iter_csv(Contribution.objects.filter(centre=centre)))
    assert all(isinstance(chunk, bytes) for chunk in chunks)
    assert b"".join(chunks).count(b"\r\n") == 5


def test_xlsx_reads_back_exactly_with_numbers_and_dates(ledger, centre):
    output = io.BytesIO()
    write_xlsx(Contribution.objects.filter(centre=centre), output)
    output.seek(0)
    sheet = openpyxl.load_workbook(output).worksheets[0]
    cells = list(sheet.iter_rows())
    assert sheet.title == "Bijdragen"
    assert [cell.value for cell in cells[0]] == FORMATS_MD_COLUMNS
    read = [[cell.value for cell in row] for row in cells[1:]]
    assert read[2][:6] == ["A-ü/1", "partner-a", datetime(2025, 3, 1, 0, 0), "lab", 2, "analyst"]  # noqa: DTZ001
    back = [tuple(_typed(value, column) for column, value in zip(FORMATS_MD_COLUMNS, row, strict=True))
            for row in read]
    assert back == EXPECTED
    money = cells[3][8]
    assert money.data_type == "n" and "€" in money.number_format
    assert cells[3][6].data_type == "n" and cells[3][6].number_format == "0.00"
    assert cells[1][2].is_date and cells[1][2].number_format == "yyyy-mm-dd"


def _typed(value, column):
    """An XLSX cell as the row source gave it: Decimals with their cents, dates as dates, empty as ''/None."""
    if column in {"uren", "uurtarief", "bedrag"} and value is not None:
        return Decimal(str(value)).quantize(Decimal("0.01"))
    if column == "datum":
        return value.date()
    if column in {"extern_id", "categorie"} and value is None:
        return ""
    return value


def test_an_empty_ledger_exports_its_header(centre):
    output = io.BytesIO()
    write_xlsx(Contribution.objects.filter(centre=centre), output)
    output.seek(0)
    assert [cell.value for cell in next(openpyxl.load_workbook(output).worksheets[0].iter_rows())] == \
        FORMATS_MD_COLUMNS


def test_a_partner_exports_only_its_own_entries(ledger, centre, partner_a_contact, partner_b_contact,
                                                programme_manager):
    def exported(user) -> set[str]:
        output = io.BytesIO()
        write_csv(contributions_visible_to(user, centre), output)
        return {row[1] for row in csv.reader(io.StringIO(output.getvalue().decode()), delimiter=";")} - {"partner"}

    assert exported(partner_a_contact) == {"partner-a"}
    assert exported(partner_b_contact) == {"partner-b"}
    assert exported(programme_manager) == {"partner-a", "partner-b"}


# Formula injection (docs/security.md, "Hostile input") ---------------------------------------------------------------

FORMULA_IDS = ["=HYPERLINK(\"http://x\";\"klik\")", "+31 6", "-1+1", "@SUM(A1)", "\tTAB", "\rCR"]
# XlsxWriter writes a carriage return as the escape _x000D_, which openpyxl does not read back.
XLSX_READ = [*FORMULA_IDS[:-1], "_x000D_CR"]


@pytest.fixture
def formula_entries(centre, partner_a, partner_a_contact):
    for index, extern_id in enumerate(FORMULA_IDS):
        b.entry(partner_a, partner_a_contact, extern_id=extern_id, day=date(2025, 3, 1 + index))
    return Contribution.objects.filter(centre=centre)


@pytest.mark.parametrize("output_format", ["csv", "xlsx"])
def test_export_contributions_never_writes_a_formula_and_reads_back_the_same_ids(formula_entries, centre, tmp_path,
                                                                                   output_format):
    path = tmp_path / f"export.{output_format}"
    call_command("export_contributions", centre=centre.slug, output_format=output_format, output=str(path))
    if output_format == "csv":
        written = [row[0] for row in csv.reader(io.StringIO(path.read_bytes().decode("utf-8"), newline=""),
                                                delimiter=";")][1:]
        assert written == ["'" + extern_id for extern_id in FORMULA_IDS]  # a spreadsheet reads each as text
    else:
        sheet = openpyxl.load_workbook(path).worksheets[0]
        cells = [row[0] for row in sheet.iter_rows(min_row=2)]
        assert all(cell.data_type == "s" and cell.quotePrefix for cell in cells)  # text, and text when edited
        assert [cell.value for cell in cells] == XLSX_READ
    with path.open("rb") as handle:  # civhub's own import reads the export back as it was
        table = open_table(handle, path.name, [Column("extern_id", ("extern_id",))])
        read_back = [values["extern_id"] for _, values in table.rows()]
    # (an XLSX cell has no apostrophe to keep a leading tab from the import's stripping of spaces)
    assert read_back == (FORMULA_IDS if output_format == "csv" else [text.strip() for text in XLSX_READ])


def test_the_ledger_download_neutralises_formula_like_text(formula_entries, centre, finance_controller):
    response = client_for(finance_controller).get(reverse("ledger:export", args=[centre.slug, "csv"]))
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8")
    first_cells = [row[0] for row in csv.reader(io.StringIO(body, newline=""), delimiter=";")][1:]
    assert first_cells == ["'" + extern_id for extern_id in FORMULA_IDS]
