"""Importing subsidy expenditure (docs/formats.md §4): all or nothing, every error listed, idempotent by extern_id."""

import io
from datetime import date
from decimal import Decimal

import pytest

from civhub.core.models import AuditEvent
from civhub.grants.errors import GrantError
from civhub.grants.imports import import_expenditure
from civhub.grants.models import Expenditure
from civhub.ledger.imports import RowError
from civhub.ledger.models import ImportBatch, PeriodLock
from tests.grants.support import expenditure_csv, expenditure_row, expenditure_xlsx, grant_with_lines, spend

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages")]


@pytest.fixture
def grant(centre):
    return grant_with_lines(centre)


def run(grant, actor, rows, *, file=None, **kwargs):
    file = file or expenditure_csv(rows)
    return import_expenditure(grant=grant, actor=actor, file=file, file_name="bestedingen.csv", **kwargs)


def test_a_clean_file_is_imported_with_its_batch_and_audit(grant, finance_controller):
    report = run(grant, finance_controller, [expenditure_row("b-1"), expenditure_row("b-2", bedrag="1234.56",
                                                                                     programmalijn="")])
    assert report.ok and report.summary() == "imported 2 rows (0 already present): EUR 2469.12"
    entries = Expenditure.objects.order_by("extern_id")
    assert [(e.extern_id, e.amount, e.programme_line_id is not None) for e in entries] == [
        ("b-1", Decimal("1234.56"), True), ("b-2", Decimal("1234.56"), False)]
    batch = ImportBatch.objects.get()
    assert (batch.kind, batch.state, batch.created_rows, batch.total_amount) == (
        ImportBatch.Kind.EXPENDITURE, ImportBatch.State.DONE, 2, Decimal("2469.12"))
    assert set(entries.values_list("import_batch", flat=True)) == {batch.pk}
    assert AuditEvent.objects.get(action="expenditure_imported").changes["rows"] == 2


def test_one_bad_row_writes_nothing_and_every_invalid_row_is_listed(grant, finance_controller):
    report = run(grant, finance_controller, [
        expenditure_row("b-1"),
        expenditure_row("b-2", bedrag="0"),
        expenditure_row("b-3", datum="2024-12-31", categorie="reizen"),
        expenditure_row("", programmalijn="9", omschrijving=""),
    ])
    assert not report.ok and not Expenditure.objects.exists()
    assert report.errors == [
        RowError(3, "bedrag", "0", "The amount may not be zero; a correction is a negative amount."),
        RowError(4, "categorie", "reizen", "Unknown cost category: use one of personnel, material, lab, overhead, "
                                           "other, or its Dutch or English name."),
        RowError(4, "datum", "2024-12-31",
                 "The date lies outside the grant period (1 January 2025 – 31 December 2028)."),
        RowError(5, "extern_id", "", "This column is required."),
        RowError(5, "programmalijn", "9", "Unknown programme line: this centre has lines 1, 2."),
        RowError(5, "omschrijving", "", "Give a description of 1 to 500 characters (this one has 0)."),
    ]
    assert ImportBatch.objects.get().state == ImportBatch.State.REFUSED


def test_amounts_and_dates_are_read_as_every_import_reads_them(grant, finance_controller):
    report = run(grant, finance_controller, [
        expenditure_row("b-1", bedrag="1.234,56", datum="2025-03-15"),
        expenditure_row("b-2", bedrag="1,234.56", datum="15/03/2025"),
        expenditure_row("b-3", bedrag="12,345", datum="15-03-2025"),
    ])
    assert [error.row for error in report.errors] == [4]
    assert "three decimals" in report.errors[0].message


def test_a_negative_amount_is_a_correction(grant, finance_controller):
    report = run(grant, finance_controller, [expenditure_row("b-1", bedrag="500"),
                                             expenditure_row("b-2", bedrag="-500,00", omschrijving="Correctie b-1")])
    assert report.ok and report.amount == Decimal("0.00")
    assert sorted(Expenditure.objects.values_list("amount", flat=True)) == [Decimal("-500.00"), Decimal("500.00")]


def test_categories_may_be_given_by_code_or_dutch_or_english_name_in_any_case(grant, finance_controller):
    names = ["personnel", "Personeel", "MATERIAAL", "material", "lab", "Indirecte kosten", "overhead", "overig",
             "Other"]
    report = run(grant, finance_controller, [expenditure_row(f"b-{n}", categorie=name) for n, name in enumerate(names)])
    assert report.ok, report.errors
    assert list(Expenditure.objects.order_by("pk").values_list("category", flat=True)) == [
        "personnel", "personnel", "material", "material", "lab", "overhead", "overhead", "other", "other"]


def test_english_column_names_work_too(grant, finance_controller):
    header = ["External_ID", "Date", "Category", "Programme_line", "Amount", "Description"]
    report = run(grant, finance_controller, [], file=expenditure_csv([expenditure_row()], header=header,
                                                                      delimiter=","))
    assert report.ok and Expenditure.objects.count() == 1


def test_an_xlsx_file_is_read_like_a_csv_file(grant, finance_controller):
    report = run(grant, finance_controller, [], file=expenditure_xlsx([["b-1", date(2025, 3, 15), "lab", 2, -12.5,
                                                                       "Correctie labhuur"]]))
    assert report.ok, report.errors
    entry = Expenditure.objects.get()
    assert (entry.amount, entry.date, entry.programme_line.number) == (Decimal("-12.50"), date(2025, 3, 15), 2)


def test_importing_the_same_file_twice_adds_nothing(grant, finance_controller):
    rows = [expenditure_row("b-1"), expenditure_row("b-2", bedrag="-1,00")]
    run(grant, finance_controller, rows)
    report = run(grant, finance_controller, rows)
    assert report.ok and report.summary() == "imported 0 rows (2 already present): EUR 0.00"
    assert Expenditure.objects.count() == 2


def test_a_known_extern_id_with_other_content_is_an_error_for_that_row(grant, finance_controller):
    spend(grant, extern_id="b-1", amount="1234.56", line=1, description="Salaris programmamanager maart")
    report = run(grant, finance_controller, [expenditure_row("b-1", bedrag="1234,57"), expenditure_row("b-2")])
    assert [(error.row, error.column) for error in report.errors] == [(2, "extern_id")]
    assert "already recorded with other content" in report.errors[0].message
    assert Expenditure.objects.count() == 1


def test_the_same_extern_id_twice_in_a_file_with_other_content_is_an_error(grant, finance_controller):
    report = run(grant, finance_controller, [expenditure_row("b-1"), expenditure_row("b-1", bedrag="1,00")])
    assert [str(error) for error in report.errors] == [
        "row 3, extern_id, “b-1”: This extern_id is also in row 2 of this file, with other content."]


def test_a_date_in_a_closed_period_or_the_future_is_an_error(grant, finance_controller):
    PeriodLock.objects.create(centre=grant.centre, span=PeriodLock.Span.YEAR, starts_on=date(2025, 1, 1),
                              ends_on=date(2025, 12, 31), closed_by=finance_controller)
    report = run(grant, finance_controller, [expenditure_row("b-1"), expenditure_row("b-2", datum="01-01-2028")])
    assert [error.message for error in report.errors] == [
        "The period 1 January 2025 – 31 December 2025 is closed: it takes no new entries, edits or imports.",
        "The date lies in the future."]


def test_a_row_imported_before_a_period_closed_still_counts_as_present(grant, finance_controller):
    rows = [expenditure_row("b-1")]
    run(grant, finance_controller, rows)
    PeriodLock.objects.create(centre=grant.centre, span=PeriodLock.Span.YEAR, starts_on=date(2025, 1, 1),
                              ends_on=date(2025, 12, 31), closed_by=finance_controller)
    assert run(grant, finance_controller, rows).existing_rows == 1


@pytest.mark.parametrize(("content", "message"), [
    (b"", "The file is empty."),
    (b"extern_id;datum;bedrag\r\n", "The file misses the column(s): categorie / category; omschrijving / description."),
    (b"extern_id;datum;categorie;bedrag;omschrijving\r\n", "The file has a header but no rows."),
])
def test_a_file_that_cannot_be_imported_says_why(grant, finance_controller, content, message):
    report = run(grant, finance_controller, [], file=io.BytesIO(content))
    assert [error.message for error in report.errors] == [message]


def test_dry_run_checks_and_writes_nothing(grant, finance_controller):
    report = run(grant, finance_controller, [expenditure_row("b-1")], dry_run=True)
    assert report.ok and report.summary() == "would import 1 rows (0 already present): EUR 1234.56"
    assert not Expenditure.objects.exists() and not ImportBatch.objects.exists()


def test_only_the_finance_controller_imports(grant, programme_manager):
    with pytest.raises(GrantError, match="Only the finance controller"):
        run(grant, programme_manager, [expenditure_row()])
    assert not ImportBatch.objects.exists()
