"""The ledger's management commands (docs/formats.md §2, §3, §5 and verify_ledger): output, exit status, refusals."""

import csv
import io
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from civhub.ledger.models import Contribution, ImportBatch, RateCard
from tests.ledger import builders as b

pytestmark = pytest.mark.django_db
SLUG = "civ-bio-sciences-test"


@pytest.fixture
def ledger(centre, partner_a, partner_b):
    b.grant(centre, fixed_rate=Decimal("73.00"))
    return centre


def write(tmp_path, rows, name="bijdragen.csv", **kwargs):
    path = tmp_path / name
    path.write_bytes(b.csv_file(rows, **kwargs).getvalue())
    return path


def command(name, *args):
    """(stdout, stderr, exit status) of a management command."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(name, *args, stdout=out, stderr=err)
    except CommandError as error:
        err.write(f"CommandError: {error}\n")
        return out.getvalue(), err.getvalue(), error.returncode
    return out.getvalue(), err.getvalue(), 0


# import_contributions -------------------------------------------------------------------------------------


def test_import_prints_the_summary_line_and_exits_0(ledger, programme_manager, tmp_path):
    path = write(tmp_path, [b.row("a-1", uren="7,5"), b.row("a-2", uren="", bedrag="1.234,56")])
    out, err, status = command("import_contributions", str(path), "--centre", SLUG, "--as", programme_manager.email)
    assert (out, err, status) == ("imported 2 rows (0 already present): 7.50 hours, EUR 1782.06\n", "", 0)
    assert Contribution.objects.count() == 2
    assert ImportBatch.objects.get().file_name == "bijdragen.csv"


def test_import_twice_adds_nothing(ledger, programme_manager, tmp_path):
    path = write(tmp_path, [b.row("a-1")])
    command("import_contributions", str(path), "--centre", SLUG, "--as", programme_manager.email)
    out, _err, status = command("import_contributions", str(path), "--centre", SLUG, "--as",
                                programme_manager.email.upper())
    assert (out, status) == ("imported 0 rows (1 already present): 0.00 hours, EUR 0.00\n", 0)


def test_import_prints_every_row_error_to_stderr_and_exits_1(ledger, programme_manager, tmp_path):
    path = write(tmp_path, [b.row("a-1"), b.row("a-2", uren="0"), b.row("a-3", partner="nobody", soort="koffie")])
    out, err, status = command("import_contributions", str(path), "--centre", SLUG, "--as", programme_manager.email)
    assert (out, status) == ("", 1)
    assert err.splitlines() == [
        "row 3, uren, “0”: Hours must be more than 0 and at most 24 per entry.",
        "row 4, partner, “nobody”: Unknown partner: use the short code or the exact name of a partner of this "
        "centre.",
        "row 4, soort, “koffie”: Unknown kind: use one of Organisation, Research, Lab, Education, Lifelong learning, "
        "Cash, BPV (or the code or full name of the kind).",
        "CommandError: bijdragen.csv has 3 errors; nothing was written.",
    ]
    assert not Contribution.objects.exists()


def test_a_file_error_is_printed_too(ledger, programme_manager, tmp_path):
    path = tmp_path / "bijdragen.pdf"
    path.write_bytes(b"%PDF-1.7")
    _out, err, status = command("import_contributions", str(path), "--centre", SLUG, "--as",
                                programme_manager.email)
    assert status == 1 and err.startswith("This is not a CSV or XLSX file.")


def test_dry_run_writes_nothing(ledger, programme_manager, tmp_path):
    path = write(tmp_path, [b.row("a-1")])
    out, _err, status = command("import_contributions", str(path), "--centre", SLUG, "--as",
                                programme_manager.email, "--dry-run")
    assert (out, status) == ("would import 1 rows (0 already present): 7.50 hours, EUR 547.50\n", 0)
    assert not Contribution.objects.exists() and not ImportBatch.objects.exists()


def test_accepted_for_the_finance_controller(ledger, finance_controller, tmp_path):
    path = write(tmp_path, [b.row("a-1"), b.row("a-2")])
    _out, _err, status = command("import_contributions", str(path), "--centre", SLUG, "--as",
                                 finance_controller.email, "--accepted", "--reference",
                                 "Getekende partnerverklaringen 2025")
    assert status == 0
    assert set(Contribution.objects.values_list("status", "accepted_by")) == {("accepted", finance_controller.pk)}
    assert command("verify_ledger", "--centre", SLUG)[0] == (
        "ledger of civ-bio-sciences-test: 2 accepted entries, 0 expenditure entries, chains intact\n")


@pytest.mark.parametrize(("persona", "message"), [
    ("programme_manager", "Only the finance controller of the centre may import entries as accepted."),
    ("partner_a_signatory", "Only the finance controller of the centre may import entries as accepted."),
])
def test_accepted_is_refused_to_anyone_else(ledger, request, tmp_path, persona, message):
    path = write(tmp_path, [b.row("a-1")])
    user = request.getfixturevalue(persona)
    _out, err, status = command("import_contributions", str(path), "--centre", SLUG, "--as", user.email,
                                "--accepted", "--reference", "Getekende partnerverklaringen 2025")
    assert (err, status) == (f"CommandError: {message}\n", 1)
    assert not Contribution.objects.exists()


@pytest.mark.parametrize("persona", ["practor", "steering_member", "other_centre_manager"])
def test_a_user_who_may_not_import_for_the_centre_is_refused(ledger, request, tmp_path, persona):
    path = write(tmp_path, [b.row("a-1")])
    _out, err, status = command("import_contributions", str(path), "--centre", SLUG, "--as",
                                request.getfixturevalue(persona).email)
    assert (err, status) == ("CommandError: You may not import contributions for this centre.\n", 1)


def test_a_partner_contact_imports_only_their_own_rows(ledger, partner_a_contact, tmp_path):
    path = write(tmp_path, [b.row("a-1"), b.row("b-1", partner="partner-b")])
    _out, err, status = command("import_contributions", str(path), "--centre", SLUG, "--as",
                                partner_a_contact.email)
    assert status == 1 and err.startswith("row 3, partner, “partner-b”: Unknown partner")


@pytest.mark.parametrize(("args", "message"), [
    (["--centre", "no-such-centre", "--as", "programme.manager@example.org"], "There is no centre “no-such-centre”."),
    (["--centre", SLUG, "--as", "nobody@example.org"], "There is no active user with e-mail address nobody"),
])
def test_an_unknown_centre_or_user(ledger, programme_manager, tmp_path, args, message):
    path = write(tmp_path, [b.row("a-1")])
    _out, err, status = command("import_contributions", str(path), *args)
    assert status == 1 and message in err


def test_a_missing_file(ledger, programme_manager, tmp_path):
    _out, err, status = command("import_contributions", str(tmp_path / "nope.csv"), "--centre", SLUG, "--as",
                                programme_manager.email)
    assert status == 1 and "cannot be opened" in err


def test_an_xlsx_file(ledger, programme_manager, tmp_path):
    path = tmp_path / "bijdragen.xlsx"
    path.write_bytes(b.xlsx_file([b.row("a-1", uren=7.5, datum=date(2025, 3, 3), programmalijn=1)]).getvalue())
    out, _err, status = command("import_contributions", str(path), "--centre", SLUG, "--as", programme_manager.email)
    assert (out, status) == ("imported 1 rows (0 already present): 7.50 hours, EUR 547.50\n", 0)


# import_rates ------------------------------------------------------------------------------------------------


def test_import_rates(ledger, finance_controller, tmp_path):
    path = write(tmp_path, [["partner-a", "analyst", "85", "01-01-2025"]], name="tarieven.csv",
                 header=["partner", "categorie", "uurtarief", "geldig_vanaf"])
    out, _err, status = command("import_rates", str(path), "--centre", SLUG, "--as", finance_controller.email)
    assert (out, status) == ("imported 1 rates (0 already present)\n", 0)
    assert RateCard.objects.get().hourly_rate == Decimal("85.00")


def test_import_rates_errors_and_refusals(ledger, finance_controller, partner_a_contact, tmp_path):
    path = write(tmp_path, [["partner-a", "analyst", "501", "01-01-2025"]], name="tarieven.csv",
                 header=["partner", "category", "hourly_rate", "valid_from"])
    _out, err, status = command("import_rates", str(path), "--centre", SLUG, "--as", finance_controller.email)
    assert status == 1 and err.splitlines()[0] == (
        "row 2, hourly_rate, “501”: An hourly rate must be more than EUR 0 and at most EUR 500.")
    _out, err, status = command("import_rates", str(path), "--centre", SLUG, "--as", partner_a_contact.email)
    assert status == 1 and "Only the programme manager or the finance controller" in err
    assert not RateCard.objects.exists()


# export_contributions ------------------------------------------------------------------------------------------


@pytest.fixture
def entries(ledger, partner_a, partner_b, partner_a_contact, partner_b_contact):
    b.entry(partner_a, partner_a_contact, extern_id="a-1", hours=Decimal("7.50"), rate=Decimal("73.00"))
    b.entry(partner_b, partner_b_contact, extern_id="b-1", day=date(2025, 1, 2))


def test_export_csv(entries, tmp_path):
    path = tmp_path / "export.csv"
    assert command("export_contributions", "--centre", SLUG, "--format", "csv", "--output", str(path))[2] == 0
    rows = list(csv.reader(path.read_text(encoding="utf-8").splitlines(), delimiter=";"))
    assert rows == [
        ["extern_id", "partner", "datum", "soort", "programmalijn", "categorie", "uren", "uurtarief", "bedrag",
         "status"],
        ["b-1", "partner-b", "2025-01-02", "lab", "", "", "", "", "100.00", "submitted"],
        ["a-1", "partner-a", "2025-03-15", "lab", "", "", "7.50", "73.00", "547.50", "submitted"],
    ]


def test_export_xlsx(entries, tmp_path):
    path = tmp_path / "export.xlsx"
    assert command("export_contributions", "--centre", SLUG, "--format", "xlsx", "--output", str(path))[2] == 0
    sheet = openpyxl.load_workbook(path).worksheets[0]
    assert [cell.value for cell in next(sheet.iter_rows())][:3] == ["extern_id", "partner", "datum"]
    assert sheet.max_row == 3 and sheet["I3"].value == 547.5


def test_export_as_a_partner_is_limited_to_that_partner(entries, partner_a_contact, tmp_path):
    path = tmp_path / "export.csv"
    command("export_contributions", "--centre", SLUG, "--format", "csv", "--output", str(path), "--as",
            partner_a_contact.email)
    assert [row.split(";")[1] for row in path.read_text().splitlines()[1:]] == ["partner-a"]


def test_export_of_an_unknown_centre(tmp_path, db):
    _out, err, status = command("export_contributions", "--centre", "nope", "--format", "csv", "--output",
                                str(tmp_path / "x.csv"))
    assert status == 1 and "There is no centre" in err


# verify_ledger -------------------------------------------------------------------------------------------------


def test_verify_ledger_names_the_first_entry_changed_with_raw_sql(ledger, finance_controller, tmp_path):
    path = write(tmp_path, [b.row("a-1"), b.row("a-2"), b.row("a-3")])
    command("import_contributions", str(path), "--centre", SLUG, "--as", finance_controller.email, "--accepted",
            "--reference", "Getekende partnerverklaringen 2025")
    assert command("verify_ledger", "--centre", SLUG) == (
        "ledger of civ-bio-sciences-test: 3 accepted entries, 0 expenditure entries, chains intact\n", "", 0)
    tampered = Contribution.objects.get(extern_id="a-2")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE ledger_contribution SET amount = %s WHERE id = %s", ["9999.00", tampered.pk])
    out, err, status = command("verify_ledger", "--centre", SLUG)
    assert (out, status) == ("", 1)
    assert err.splitlines() == [
        f"contributions: entry {tampered.pk} (extern_id “a-2”, partner partner-a, position 2): stored content does "
        "not match its hash",
        f"CommandError: the ledger of civ-bio-sciences-test is broken in its contributions at record {tampered.pk}; "
        "the 1 record before it is intact.",
    ]


def test_verify_an_empty_ledger(centre):
    assert command("verify_ledger", "--centre", SLUG) == (
        "ledger of civ-bio-sciences-test: 0 accepted entries, 0 expenditure entries, chains intact\n", "", 0)
