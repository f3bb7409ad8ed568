"""Importing rate cards (docs/formats.md §3): all or nothing, idempotent, the office only, history kept."""

import io
from datetime import date
from decimal import Decimal

import pytest

from civhub.core.models import AuditEvent
from civhub.ledger.errors import LedgerError
from civhub.ledger.imports import import_contributions, import_rates
from civhub.ledger.models import ImportBatch, RateCard
from tests.ledger import builders as b

pytestmark = pytest.mark.django_db
HEADER = ["partner", "categorie", "uurtarief", "geldig_vanaf"]


def rates_file(rows, header=HEADER):
    return b.csv_file(rows, header=header)


def run(centre, actor, rows, **kwargs):
    return import_rates(centre=centre, actor=actor, file=rates_file(rows, **kwargs), file_name="tarieven.csv")


def cards():
    return sorted(RateCard.objects.values_list("partnership__short_code", "category", "hourly_rate", "valid_from"))


def test_rates_are_imported_with_who_did_it_in_their_history(centre, partner_a, partner_b, programme_manager):
    report = run(centre, programme_manager, [["partner-a", "analyst", "85,00", "01-01-2025"],
                                             ["Gemeente Partner B", "Advisor", "70.5", "2025-01-01"],
                                             ["partner-a", "analyst", "88", "01-01-2026"]])
    assert report.ok, report.errors
    assert report.summary() == "imported 3 rates (0 already present)"
    assert cards() == [("partner-a", "analyst", Decimal("85.00"), date(2025, 1, 1)),
                       ("partner-a", "analyst", Decimal("88.00"), date(2026, 1, 1)),
                       ("partner-b", "advisor", Decimal("70.50"), date(2025, 1, 1))]
    assert {record.history_user for record in RateCard.history.all()} == {programme_manager}
    assert report.batch.kind == ImportBatch.Kind.RATES and report.batch.state == ImportBatch.State.DONE
    assert AuditEvent.objects.get(action="rates_imported").actor == programme_manager


def test_english_headers_and_xlsx(centre, partner_a, finance_controller):
    file = b.xlsx_file([["partner-a", "analyst", 85, date(2025, 1, 1)]],
                       header=["Partner", "Category", "Hourly_Rate", "Valid_From"])
    report = import_rates(centre=centre, actor=finance_controller, file=file, file_name="rates.xlsx")
    assert report.ok, report.errors
    assert cards() == [("partner-a", "analyst", Decimal("85.00"), date(2025, 1, 1))]


def test_importing_the_same_rates_twice_adds_nothing(centre, partner_a, programme_manager):
    rows = [["partner-a", "analyst", "85", "01-01-2025"]]
    run(centre, programme_manager, rows)
    again = run(centre, programme_manager, rows + [["partner-a", "analyst", "85,00", "2025-01-01"]])
    assert again.ok and again.summary() == "imported 0 rates (2 already present)"
    assert RateCard.objects.count() == 1


def test_another_rate_for_a_known_partner_category_and_date_is_an_error(centre, partner_a, programme_manager):
    run(centre, programme_manager, [["partner-a", "analyst", "85", "01-01-2025"]])
    report = run(centre, programme_manager, [["partner-a", "lecturer", "60", "01-01-2025"],
                                             ["partner-a", "analyst", "90", "01-01-2025"]])
    assert [(error.row, error.column, error.value) for error in report.errors] == [(3, "uurtarief", "90")]
    assert "already has rate EUR 85.00" in report.errors[0].message
    assert cards() == [("partner-a", "analyst", Decimal("85.00"), date(2025, 1, 1))]


def test_two_rates_for_one_key_in_the_file_is_an_error(centre, partner_a, programme_manager):
    report = run(centre, programme_manager, [["partner-a", "analyst", "85", "01-01-2025"],
                                             ["partner-a", "Analyst", "86", "01-01-2025"]])
    assert [(error.row, error.column) for error in report.errors] == [(3, "uurtarief")]
    assert "Row 2 of this file" in report.errors[0].message
    assert not RateCard.objects.exists()


@pytest.mark.parametrize(("row", "column", "message"), [
    (["partner-a", "analyst", "0", "01-01-2025"], "uurtarief", "more than EUR 0 and at most EUR 500"),
    (["partner-a", "analyst", "500,01", "01-01-2025"], "uurtarief", "at most EUR 500"),
    (["partner-a", "analyst", "veel", "01-01-2025"], "uurtarief", "not a number"),
    (["partner-a", "analyst", "", "01-01-2025"], "uurtarief", "required"),
    (["partner-z", "analyst", "85", "01-01-2025"], "partner", "Unknown partner"),
    (["partner-a", "!?", "85", "01-01-2025"], "categorie", "1 to 40 letters"),
    (["partner-a", "", "85", "01-01-2025"], "categorie", "1 to 40 letters"),
    (["partner-a", "x" * 41, "85", "01-01-2025"], "categorie", "1 to 40 letters"),
    (["partner-a", "analyst", "85", "1 januari 2025"], "geldig_vanaf", "not a date"),
])
def test_a_bad_rate_row_gets_a_clear_error_and_nothing_is_written(centre, partner_a, programme_manager, row, column,
                                                                  message):
    report = run(centre, programme_manager, [["partner-a", "lecturer", "60", "01-01-2025"], row])
    assert [(error.row, error.column) for error in report.errors] == [(3, column)]
    assert message in report.errors[0].message
    assert not RateCard.objects.exists() and report.batch.state == ImportBatch.State.REFUSED


def test_a_rates_file_without_its_columns(centre, programme_manager):
    report = import_rates(centre=centre, actor=programme_manager, file=io.BytesIO(b"partner;categorie\na;b\n"),
                          file_name="tarieven.csv")
    assert "uurtarief / hourly_rate" in report.errors[0].message and not RateCard.objects.exists()


def test_a_dry_run_writes_nothing_and_previews_the_cards(centre, partner_a, programme_manager):
    report = import_rates(centre=centre, actor=programme_manager, file_name="tarieven.csv", dry_run=True,
                          file=rates_file([["partner-a", "analyst", "85", "01-01-2025"]]))
    assert report.ok and report.new_rows == 1 and not report.written
    assert [(card.partnership, card.hourly_rate) for card in report.preview] == [(partner_a, Decimal("85.00"))]
    assert not RateCard.objects.exists() and not ImportBatch.objects.exists()


def test_a_category_is_stored_as_the_office_form_stores_it(centre, partner_a, programme_manager):
    assert run(centre, programme_manager, [["partner-a", "Senior Analyst", "85", "01-01-2025"]]).ok
    assert RateCard.objects.get().category == "senior-analyst"


@pytest.mark.parametrize("persona", ["centre_admin", "partner_a_contact", "partner_a_signatory", "practor",
                                     "steering_member", "other_centre_manager"])
def test_only_the_programme_manager_and_finance_controller_import_rates(centre, partner_a, request, persona):
    with pytest.raises(LedgerError, match="Only the programme manager or the finance controller"):
        run(centre, request.getfixturevalue(persona), [["partner-a", "analyst", "85", "01-01-2025"]])
    assert not RateCard.objects.exists()


def test_imported_rates_value_the_hours_imported_after_them(centre, partner_a, programme_manager):
    b.grant(centre)
    run(centre, programme_manager, [["partner-a", "analyst", "80", "01-01-2024"],
                                    ["partner-a", "analyst", "84", "01-07-2025"]])
    report = import_contributions(centre=centre, actor=programme_manager, file_name="x.csv", file=b.csv_file([
        b.row("a-1", datum="30-06-2025", uren="1"), b.row("a-2", datum="01-07-2025", uren="1")]))
    assert report.ok and report.amount == Decimal("164.00")
