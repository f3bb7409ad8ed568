"""`manage.py funder_report`: the success line and file, and every refusal with exit status 1 and its message."""

import io
import os
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from tests.factories import CentreFactory
from tests.reports.support import SHEETS, money, pdf_text, small_centre, summary_of, workbook

pytestmark = pytest.mark.django_db
SLUG = "civ-bio-sciences-test"


@pytest.fixture
def small(centre, partner_a, partner_b):
    return small_centre(centre, partner_a, partner_b)


def command(*args):
    """(stdout, stderr, exit status) of funder_report, as the ledger's command tests read them."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("funder_report", *args, stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), f"{err.getvalue()}{error}", error.returncode
    return out.getvalue(), err.getvalue(), 0


def test_xlsx_is_written_with_one_line_saying_what_and_where(small, tmp_path):
    path = tmp_path / "pack.xlsx"
    out, err, status = command("--centre", SLUG, "--as-of", "2025-03-31", "--format", "xlsx", "--output", str(path))
    assert (out, err, status) == (
        f"wrote the funder pack of {SLUG} (XLSX, whole grant, as of 2025-03-31) to {path}\n", "", 0)
    book = workbook(path.read_bytes())
    assert book.sheetnames == SHEETS
    assert money(summary_of(book)["cofinanciering_gerealiseerd"]) == Decimal("19800.00")
    assert [name for name in os.listdir(tmp_path)] == ["pack.xlsx"]  # no temporary file left behind


def test_year_restricts_the_pack(small, tmp_path):
    path = tmp_path / "pack.xlsx"
    out, _err, status = command("--centre", SLUG, "--year", "2024", "--as-of", "2025-03-31", "--format", "xlsx",
                                "--output", str(path))
    assert status == 0 and "(XLSX, 2024, as of 2025-03-31)" in out
    assert money(summary_of(workbook(path.read_bytes()))["subsidie_besteed"]) == Decimal("30000.00")


def test_pdf_is_written(small, tmp_path):
    path = tmp_path / "pack.pdf"
    out, _err, status = command("--centre", SLUG, "--as-of", "2025-03-31", "--format", "pdf", "--output", str(path))
    assert status == 0 and out.startswith(f"wrote the funder pack of {SLUG} (PDF")
    assert "EUR 19.800,00" in pdf_text(path.read_bytes())


def test_as_of_defaults_to_today(small, tmp_path):
    from django.utils import timezone

    out, _err, status = command("--centre", SLUG, "--format", "xlsx", "--output", str(tmp_path / "p.xlsx"))
    assert status == 0 and f"as of {timezone.localdate().isoformat()}" in out


def test_an_existing_file_is_replaced_whole(small, tmp_path):
    path = tmp_path / "pack.xlsx"
    path.write_bytes(b"old")
    assert command("--centre", SLUG, "--as-of", "2025-03-31", "--format", "xlsx", "--output", str(path))[2] == 0
    assert workbook(path.read_bytes()).sheetnames == SHEETS


@pytest.mark.parametrize(("args", "message"), [
    (("--centre", "no-such-centre"), "There is no centre “no-such-centre”."),
    (("--centre", SLUG, "--year", "2023"), "2023 is not a year of the grant (2024–2025)."),
    (("--centre", SLUG, "--as-of", "31-03-2025"), "“31-03-2025” is not a date: use YYYY-MM-DD."),
    (("--centre", SLUG, "--as-of", "2025-02-30"), "“2025-02-30” is not a date: use YYYY-MM-DD."),
])
def test_refusals_exit_1_with_a_message_and_write_nothing(small, tmp_path, args, message):
    path = tmp_path / "pack.xlsx"
    out, err, status = command(*args, "--format", "xlsx", "--output", str(path))
    assert (out, err, status) == ("", message, 1)
    assert not path.exists()


def test_a_centre_without_grant_is_refused(db, tmp_path):
    CentreFactory(slug="civ-no-grant", name="CIV Zonder Subsidie")
    out, err, status = command("--centre", "civ-no-grant", "--format", "pdf", "--output", str(tmp_path / "p.pdf"))
    assert (out, err, status) == ("", "CIV Zonder Subsidie has no grant yet, so there is nothing to report.", 1)


def test_a_missing_folder_is_refused_before_any_work(small, tmp_path):
    path = tmp_path / "nowhere" / "pack.xlsx"
    out, err, status = command("--centre", SLUG, "--format", "xlsx", "--output", str(path))
    assert (out, err, status) == ("", f"{path} cannot be written: the folder {path.parent} does not exist.", 1)


def test_a_folder_as_output_is_refused(small, tmp_path):
    out, err, status = command("--centre", SLUG, "--format", "xlsx", "--output", str(tmp_path))
    assert (out, err, status) == ("", f"{tmp_path} is a folder; give a file name.", 1)


def test_a_folder_without_write_permission_is_refused(small, tmp_path, monkeypatch):
    monkeypatch.setattr(os, "access", lambda path, mode: False)  # tests may run as root, who may write anywhere
    path = tmp_path / "pack.xlsx"
    out, err, status = command("--centre", SLUG, "--format", "xlsx", "--output", str(path))
    assert (out, err, status) == ("", f"{path} cannot be written: permission denied.", 1)


def test_a_failure_while_writing_leaves_no_half_file(small, tmp_path, monkeypatch):
    def broken(figures, handle):
        handle.write(b"half")
        raise RuntimeError("disk full")

    monkeypatch.setattr("civhub.reports.management.commands.funder_report.write_funder_xlsx", broken)
    with pytest.raises(RuntimeError):
        command("--centre", SLUG, "--format", "xlsx", "--output", str(tmp_path / "pack.xlsx"))
    assert os.listdir(tmp_path) == []
