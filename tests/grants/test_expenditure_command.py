"""`manage.py import_expenditure` (docs/formats.md §4): its output line, exit status and refusals."""

import io

import pytest
from django.core.management import CommandError, call_command

from civhub.grants.models import Expenditure
from tests.grants.support import expenditure_csv, expenditure_row, grant_with_lines

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages")]
SLUG = "civ-bio-sciences-test"


@pytest.fixture
def grant(centre):
    return grant_with_lines(centre)


def write(tmp_path, rows, name="bestedingen.csv"):
    path = tmp_path / name
    path.write_bytes(expenditure_csv(rows).getvalue())
    return str(path)


def command(*args):
    """(stdout, stderr, exit status) of import_expenditure."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_expenditure", *args, stdout=out, stderr=err)
    except CommandError as error:
        err.write(f"CommandError: {error}\n")
        return out.getvalue(), err.getvalue(), error.returncode
    return out.getvalue(), err.getvalue(), 0


def test_import_prints_the_summary_line_and_exits_0(grant, finance_controller, tmp_path):
    path = write(tmp_path, [expenditure_row("b-1", bedrag="1.234,56"), expenditure_row("b-2", bedrag="-34,56")])
    assert command(path, "--centre", SLUG, "--as", finance_controller.email) == (
        "imported 2 rows (0 already present): EUR 1200.00\n", "", 0)
    assert Expenditure.objects.count() == 2


def test_import_twice_counts_the_rows_already_present(grant, finance_controller, tmp_path):
    path = write(tmp_path, [expenditure_row("b-1")])
    command(path, "--centre", SLUG, "--as", finance_controller.email)
    out, _err, status = command(path, "--centre", SLUG, "--as", finance_controller.email.upper())
    assert (out, status) == ("imported 0 rows (1 already present): EUR 0.00\n", 0)


def test_dry_run_writes_nothing(grant, finance_controller, tmp_path):
    path = write(tmp_path, [expenditure_row("b-1")])
    out, _err, status = command(path, "--centre", SLUG, "--as", finance_controller.email, "--dry-run")
    assert (out, status) == ("would import 1 rows (0 already present): EUR 1234.56\n", 0)
    assert not Expenditure.objects.exists()


def test_errors_go_to_stderr_with_exit_1(grant, finance_controller, tmp_path):
    path = write(tmp_path, [expenditure_row("b-1", bedrag="0"), expenditure_row("b-2", categorie="reizen")])
    out, err, status = command(path, "--centre", SLUG, "--as", finance_controller.email)
    assert (out, status) == ("", 1)
    assert "row 2, bedrag, “0”: The amount may not be zero" in err
    assert "row 3, categorie, “reizen”: Unknown cost category" in err
    assert "bestedingen.csv has 2 errors; nothing was written." in err
    assert not Expenditure.objects.exists()


@pytest.mark.parametrize("persona", ["programme_manager", "partner_a_contact", "other_centre_manager"])
def test_a_user_who_is_not_the_finance_controller_is_refused(grant, request, tmp_path, persona):
    user = request.getfixturevalue(persona)
    out, err, status = command(write(tmp_path, [expenditure_row()]), "--centre", SLUG, "--as", user.email)
    assert (out, status) == ("", 1)
    assert "Only the finance controller" in err


def test_a_superuser_may_import(grant, tmp_path, django_user_model):
    admin = django_user_model.objects.create_superuser(email="root@example.org", password="x" * 20)
    out, _err, status = command(write(tmp_path, [expenditure_row()]), "--centre", SLUG, "--as", admin.email)
    assert (out.startswith("imported 1 rows"), status) == (True, 0)


def test_an_unknown_centre_is_refused(grant, finance_controller, tmp_path):
    _out, err, status = command(write(tmp_path, [expenditure_row()]), "--centre", "nope", "--as",
                                finance_controller.email)
    assert status == 1 and "There is no centre “nope”." in err


def test_a_centre_without_grant_is_refused(centre, finance_controller, tmp_path):
    _out, err, status = command(write(tmp_path, [expenditure_row()]), "--centre", SLUG, "--as",
                                finance_controller.email)
    assert status == 1 and f"The centre “{SLUG}” has no grant." in err


def test_a_missing_file_is_refused(grant, finance_controller, tmp_path):
    _out, err, status = command(str(tmp_path / "nope.csv"), "--centre", SLUG, "--as", finance_controller.email)
    assert status == 1 and "nope.csv cannot be opened" in err


def test_an_unknown_user_is_refused(grant, tmp_path):
    _out, err, status = command(write(tmp_path, [expenditure_row()]), "--centre", SLUG, "--as", "who@example.org")
    assert status == 1 and "There is no active user with e-mail address who@example.org." in err
