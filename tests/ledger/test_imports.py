"""Importing contributions (docs/formats.md §2): all or nothing, every bad row reported, idempotent, scoped."""

import io
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from civhub.core.models import AuditEvent
from civhub.ledger.chain import verify_chain
from civhub.ledger.errors import LedgerError
from civhub.ledger.imports import check_contributions, import_contributions
from civhub.ledger.models import Contribution, ImportBatch, PeriodLock, StatusEvent
from civhub.ledger.valuation import value_of
from tests.ledger import builders as b

REFERENCE = "Getekende partnerverklaringen 2025"  # the evidence a migration names (docs/formats.md §2)

pytestmark = pytest.mark.django_db
Status = Contribution.Status


@pytest.fixture
def rated(centre, partner_a, partner_b):
    """A grant valued at the partners' own rate cards (no fixed rate), partner A's analyst at EUR 85 then 90."""
    b.grant(centre)
    b.rate(partner_a, "analyst", "85.00", date(2024, 1, 1))
    b.rate(partner_a, "analyst", "90.00", date(2025, 7, 1))
    b.rate(partner_b, "advisor", "70.50", date(2024, 1, 1))
    return centre


@pytest.fixture
def fixed(centre, partner_a, partner_b):
    """A grant with the 2014 rule: every hour at EUR 73."""
    b.grant(centre, fixed_rate=Decimal("73.00"))
    return centre


def run(centre, actor, rows, *, name="bijdragen.csv", maker=b.csv_file, **kwargs):
    return import_contributions(centre=centre, actor=actor, file=maker(rows), file_name=name, **kwargs)


def assert_nothing_written(report):
    assert not report.ok and not report.written
    assert Contribution.objects.count() == 0
    assert StatusEvent.objects.count() == 0
    assert not AuditEvent.objects.filter(action="contributions_imported").exists()
    assert report.batch.state == ImportBatch.State.REFUSED
    assert report.batch.errors == [error.as_dict() for error in report.errors]


# The happy path ------------------------------------------------------------------------------------------


def test_rows_arrive_submitted_and_valued_at_the_rate_card_in_force(rated, programme_manager, partner_a, partner_b):
    report = run(rated, programme_manager, [
        b.row("a-1", datum="30-06-2025", uren="7,5"),
        b.row("a-2", datum="2025-07-01", uren="7.5"),
        b.row("b-1", partner="Gemeente Partner B", categorie="advisor", uren="0,25", soort="research"),
        b.row("b-2", partner="partner-b", categorie="", uren="", bedrag="1.234,56", soort="cash", programmalijn=""),
    ])
    assert report.ok, report.errors
    assert report.summary() == "imported 4 rows (0 already present): 15.25 hours, EUR 2564.69"
    entries = {entry.extern_id: entry for entry in Contribution.objects.all()}
    assert [entries["a-1"].hourly_rate, entries["a-1"].amount] == [Decimal("85.00"), Decimal("637.50")]
    assert [entries["a-2"].hourly_rate, entries["a-2"].amount] == [Decimal("90.00"), Decimal("675.00")]
    assert entries["b-1"].amount == Decimal("17.63")  # 0.25 × 70.50 = 17.625, rounded half up
    assert entries["b-2"].hours is None and entries["b-2"].amount == Decimal("1234.56")
    assert {entry.status for entry in entries.values()} == {Status.SUBMITTED}
    assert {entry.entered_by for entry in entries.values()} == {programme_manager}
    assert entries["a-1"].programme_line.number == 1 and entries["b-2"].programme_line is None
    assert entries["b-1"].partnership == partner_b and entries["a-1"].partnership == partner_a


def test_the_import_is_recorded_with_a_batch_status_events_and_one_audit_event(fixed, programme_manager):
    report = run(fixed, programme_manager, [b.row("a-1", categorie=""), b.row("a-2", uren="", bedrag="250")])
    batch = report.batch
    assert (batch.state, batch.created_rows, batch.existing_rows, batch.total_rows) == ("done", 2, 0, 2)
    assert (batch.total_hours, batch.total_amount) == (Decimal("7.50"), Decimal("797.50"))
    assert batch.actor == programme_manager and batch.finished_at and not batch.as_accepted
    assert set(Contribution.objects.values_list("import_batch", flat=True)) == {batch.pk}
    events = StatusEvent.objects.all()
    assert len(events) == 2
    assert {(event.actor, event.action, event.from_status, event.to_status) for event in events} == {
        (programme_manager, "imported", "", "submitted")}
    audit = AuditEvent.objects.get(action="contributions_imported")
    assert audit.actor == programme_manager and audit.target_id == str(batch.pk)
    assert audit.changes["file"] == "bijdragen.csv" and audit.changes["rows"] == 2
    assert audit.changes["as_accepted"] is False


def test_a_fixed_rate_values_every_hour_at_it_and_needs_no_category(fixed, programme_manager):
    report = run(fixed, programme_manager, [b.row("a-1", categorie="", uren="2,5"),
                                            b.row("a-2", categorie="anything", uren="1")])
    assert report.ok, report.errors
    assert sorted(Contribution.objects.values_list("hourly_rate", "amount")) == [
        (Decimal("73.00"), Decimal("73.00")), (Decimal("73.00"), Decimal("182.50"))]


def test_english_headers_dutch_kind_labels_and_xlsx_cells(fixed, programme_manager):
    header = ["External_ID", "Partner", "Date", "Kind", "Programme_Line", "Category", "Hours", "Amount", "Description"]
    rows = [
        [1001, "Partner A BV", date(2025, 3, 3), "Bijdrage aan een actuele labomgeving", 2, None, 7.5, None, "Lab"],
        ["1002", "partner-a", "03-03-2025", "opbouw van het LLO-ecosysteem", "3", "materiaal", "", "99,95", "Cursus"],
    ]
    report = import_contributions(centre=fixed, actor=programme_manager, file=b.xlsx_file(rows, header=header),
                                  file_name="bijdragen.xlsx")
    assert report.ok, report.errors
    assert sorted(Contribution.objects.values_list("extern_id", "kind", "programme_line__number", "amount")) == [
        ("1001", "lab", 2, Decimal("547.50")), ("1002", "lifelong_learning", 3, Decimal("99.95"))]


@pytest.mark.parametrize(("name", "kind"), [
    ("Onderzoek", "research"), ("LLO", "lifelong_learning"), ("financieel", "cash"), ("Organisatie", "organisation"),
    ("Lifelong learning", "lifelong_learning"), ("Cash", "cash"), ("BPV", "bpv"), ("lab", "lab"),
])
def test_the_short_kind_names_the_site_shows_are_accepted(fixed, programme_manager, name, kind):
    money = {"uren": "", "bedrag": "100,00", "categorie": ""} if kind == "cash" else {}
    report = run(fixed, programme_manager, [b.row("k-1", soort=name, **money)])
    assert report.ok, report.errors
    assert Contribution.objects.get().kind == kind


def test_check_writes_nothing_and_previews_the_first_rows_valued(rated, programme_manager):
    rows = [b.row(f"a-{number}") for number in range(60)]
    report = check_contributions(centre=rated, actor=programme_manager, file=b.csv_file(rows), file_name="x.csv")
    assert report.ok and not report.written and report.batch is None
    assert Contribution.objects.count() == 0 and ImportBatch.objects.count() == 0
    assert len(report.preview) == 50
    first = report.preview[0]
    assert (first.row, first.extern_id, first.partner, first.hourly_rate, first.amount, first.already_present) == (
        2, "a-0", "partner-a", Decimal("85.00"), Decimal("637.50"), False)
    assert report.summary() == "would import 60 rows (0 already present): 450.00 hours, EUR 38250.00"


def test_dry_run_is_a_check(rated, programme_manager):
    report = run(rated, programme_manager, [b.row()], dry_run=True)
    assert report.ok and not report.written
    assert not Contribution.objects.exists() and not ImportBatch.objects.exists()


def test_progress_is_reported_while_the_rows_are_checked_and_written(fixed, programme_manager, monkeypatch):
    """One pass writes each row as it is checked: the count starts at zero once the file is open."""
    from civhub.ledger.imports import contributions, writing

    monkeypatch.setattr(contributions, "PROGRESS_EVERY", 2)
    monkeypatch.setattr(writing, "WRITE_BATCH", 3)
    calls = []
    run(fixed, programme_manager, [b.row(f"a-{n}", categorie="") for n in range(5)],
        progress=lambda done, total: calls.append((done, total)))
    assert calls == [(0, 5), (2, 5), (4, 5)]
    assert Contribution.objects.count() == 5


# Idempotence -----------------------------------------------------------------------------------------------


def test_importing_the_same_file_twice_adds_nothing_the_second_time(rated, programme_manager):
    rows = [b.row("a-1"), b.row("a-2", uren="", bedrag="10", categorie="")]
    first = run(rated, programme_manager, rows)
    second = run(rated, programme_manager, rows)
    assert first.summary() == "imported 2 rows (0 already present): 7.50 hours, EUR 647.50"
    assert second.summary() == "imported 0 rows (2 already present): 0.00 hours, EUR 0.00"
    assert Contribution.objects.count() == 2 and StatusEvent.objects.count() == 2
    assert second.batch.state == ImportBatch.State.DONE and second.batch.existing_rows == 2


def test_a_repeated_file_with_new_rows_adds_only_those(rated, programme_manager):
    run(rated, programme_manager, [b.row("a-1")])
    report = run(rated, programme_manager, [b.row("a-1"), b.row("a-2")])
    assert (report.new_rows, report.existing_rows) == (1, 1)
    assert sorted(Contribution.objects.values_list("extern_id", flat=True)) == ["a-1", "a-2"]


def test_the_same_content_in_another_notation_is_already_present(fixed, programme_manager):
    run(fixed, programme_manager, [b.row("a-1", categorie="", uren="7,5", datum="03-03-2025")])
    again = b.xlsx_file([b.row("a-1", categorie="", uren=7.5, datum=date(2025, 3, 3), programmalijn=1)])
    report = import_contributions(centre=fixed, actor=programme_manager, file=again, file_name="x.xlsx")
    assert (report.new_rows, report.existing_rows) == (0, 1)


def test_an_already_present_row_in_a_period_closed_since_is_still_just_present(rated, programme_manager,
                                                                                 finance_controller):
    run(rated, programme_manager, [b.row("a-1", datum="15-03-2025")])
    PeriodLock.objects.create(centre=rated, span="quarter", starts_on=date(2025, 1, 1), ends_on=date(2025, 3, 31),
                              closed_by=finance_controller)
    report = run(rated, programme_manager, [b.row("a-1", datum="15-03-2025")])
    assert report.ok and report.existing_rows == 1


def test_the_same_extern_id_for_two_partners_is_two_entries(fixed, programme_manager):
    report = run(fixed, programme_manager, [b.row("x-1", categorie=""), b.row("x-1", partner="partner-b",
                                                                              categorie="")])
    assert report.ok and Contribution.objects.count() == 2


def test_a_row_repeated_within_the_file_counts_once(fixed, programme_manager):
    report = run(fixed, programme_manager, [b.row("a-1", categorie=""), b.row("a-1", categorie="")])
    assert (report.new_rows, report.existing_rows) == (1, 1)
    assert Contribution.objects.count() == 1


# Bad input: a clear error and nothing written ---------------------------------------------------------------


def future_day() -> str:
    return (timezone.localdate() + timedelta(days=1)).strftime("%d-%m-%Y")


TOMORROW = object()  # read when the test runs, not when the module is collected: a run may cross midnight


BAD_ROWS = [
    ("hours zero", {"uren": "0"}, "uren", "Hours must be more than 0 and at most 24"),
    ("hours negative", {"uren": "-2"}, "uren", "Hours must be more than 0 and at most 24"),
    ("hours over 24", {"uren": "24,01"}, "uren", "Hours must be more than 0 and at most 24"),
    ("hours not a number", {"uren": "zeven"}, "uren", "not a number"),
    ("hours three decimals", {"uren": "7,125"}, "uren", "three decimals"),
    ("both hours and amount", {"bedrag": "100"}, "bedrag", "either hours or an amount, not both and not neither"),
    ("neither hours nor amount", {"uren": ""}, "uren", "either hours or an amount, not both and not neither"),
    ("amount zero", {"uren": "", "bedrag": "0"}, "bedrag", "more than EUR 0 and at most EUR 1,000,000"),
    ("amount over a million", {"uren": "", "bedrag": "1.000.000,01"}, "bedrag", "at most EUR 1,000,000"),
    ("cash in hours", {"soort": "cash"}, "uren", "cash contribution is an amount"),
    ("date in the future", {"datum": TOMORROW}, "datum", "lies in the future"),
    ("date before the grant", {"datum": "31-12-2023"}, "datum", "outside the grant period"),
    ("date not a date", {"datum": "15 maart 2025"}, "datum", "not a date"),
    ("date that does not exist", {"datum": "29-02-2025"}, "datum", "does not exist"),
    ("unknown partner", {"partner": "partner-z"}, "partner", "Unknown partner"),
    ("unknown kind", {"soort": "koffie"}, "soort", "Unknown kind"),
    ("unknown line", {"programmalijn": "9"}, "programmalijn", "Unknown programme line: this centre has lines 1, 2, 3"),
    ("unknown category", {"categorie": "astronaut"}, "categorie", "Unknown staff category for Partner A BV"),
    ("no category under rate cards", {"categorie": ""}, "categorie", "Choose a staff category"),
    ("no rate card on that date", {"datum": "15-01-2024", "categorie": "senior"}, "categorie",
     "no hourly rate for category “senior” of Partner A BV on 15 January 2024"),
    ("description too long", {"omschrijving": "x" * 501}, "omschrijving", "1 to 500 characters (this one has 501)"),
    ("description empty", {"omschrijving": ""}, "omschrijving", "1 to 500 characters"),
    ("extern_id empty", {"extern_id": ""}, "extern_id", "required"),
    ("extern_id too long", {"extern_id": "x" * 101}, "extern_id", "at most 100 characters"),
]


@pytest.mark.parametrize(("change", "column", "message"), [case[1:] for case in BAD_ROWS],
                         ids=[case[0] for case in BAD_ROWS])
def test_a_bad_row_gets_a_clear_error_and_nothing_is_written(rated, partner_a, programme_manager, change, column,
                                                             message):
    b.rate(partner_a, "senior", "120.00", date(2025, 1, 1))
    change = {column_name: future_day() if value is TOMORROW else value for column_name, value in change.items()}
    report = run(rated, programme_manager, [b.row("good-1"), b.row(**{"extern_id": "bad", **change}), b.row("good-2")])
    assert [(error.row, error.column) for error in report.errors] == [(3, column)]
    assert message in report.errors[0].message
    assert_nothing_written(report)


def test_a_date_in_a_closed_period(rated, programme_manager, finance_controller):
    PeriodLock.objects.create(centre=rated, span="quarter", starts_on=date(2025, 1, 1), ends_on=date(2025, 3, 31),
                              closed_by=finance_controller)
    report = run(rated, programme_manager, [b.row("a-1", datum="31-03-2025"), b.row("a-2", datum="01-04-2025")])
    assert [(error.row, error.column) for error in report.errors] == [(2, "datum")]
    assert report.errors[0].message == (
        "The period 1 January 2025 – 31 March 2025 is closed: it takes no new entries, edits or imports.")
    assert_nothing_written(report)


def test_a_reopened_period_takes_imports_again(rated, programme_manager, finance_controller):
    PeriodLock.objects.create(centre=rated, span="quarter", starts_on=date(2025, 1, 1), ends_on=date(2025, 3, 31),
                              closed_by=finance_controller, reopened_at=timezone.now(), reopen_reason="Correctie")
    assert run(rated, programme_manager, [b.row("a-1", datum="31-03-2025")]).ok


def test_a_known_extern_id_with_other_content_is_an_error_for_that_row(rated, programme_manager):
    run(rated, programme_manager, [b.row("a-1", uren="7,5")])
    report = run(rated, programme_manager, [b.row("a-2"), b.row("a-1", uren="8")])
    assert [(error.row, error.column, error.value) for error in report.errors] == [(3, "extern_id", "a-1")]
    assert "already in the ledger with other content" in report.errors[0].message
    assert Contribution.objects.count() == 1 and report.batch.state == ImportBatch.State.REFUSED


def test_an_extern_id_twice_in_the_file_with_other_content(fixed, programme_manager):
    report = run(fixed, programme_manager, [b.row("a-1", categorie=""), b.row("a-1", categorie="", uren="3")])
    assert [(error.row, error.column) for error in report.errors] == [(3, "extern_id")]
    assert "also in row 2 of this file" in report.errors[0].message
    assert_nothing_written(report)


def test_every_bad_row_and_column_is_reported(rated, programme_manager):
    rows = [b.row("ok")] + [b.row(f"bad-{n}", uren="0") for n in range(3)] + [
        b.row("worse", partner="nobody", soort="koffie", datum="2023-01-01", omschrijving="")]
    report = run(rated, programme_manager, rows)
    assert [(error.row, error.column) for error in report.errors] == [
        (3, "uren"), (4, "uren"), (5, "uren"), (6, "partner"), (6, "soort"), (6, "omschrijving"), (6, "datum")]
    assert_nothing_written(report)


@pytest.mark.parametrize(("data", "name", "message"), [
    (b"%PDF-1.7", "bijdragen.pdf", "not a CSV or XLSX file"),
    (b"", "bijdragen.csv", "The file is empty."),
    (b"a-1;partner-a;15-03-2025;lab;1;analyst;7;;Lab\n", "bijdragen.csv", "not a header"),
    (b"extern_id;partner;datum;soort;uren\na;partner-a;15-03-2025;lab;1\n", "bijdragen.csv",
     "misses the column(s): omschrijving / description"),
    (b"extern_id;partner;datum;soort;omschrijving\na;partner-a;15-03-2025;lab;x\n", "bijdragen.csv",
     "uren / hours / bedrag / amount"),
    (";".join(b.HEADER).encode() + "\na-1;partner-a;15-03-2025;lab;1;analyst;7;;Caf\xe9\n".encode("cp1252"),
     "bijdragen.csv", "not in UTF-8"),
    (";".join(b.HEADER).encode() + b"\n", "bijdragen.csv", "a header but no rows"),
])
def test_a_file_that_cannot_be_imported(rated, programme_manager, data, name, message):
    report = import_contributions(centre=rated, actor=programme_manager, file=io.BytesIO(data), file_name=name)
    assert len(report.errors) == 1 and report.errors[0].column == ""
    assert message in report.errors[0].message
    assert_nothing_written(report)


def test_a_file_with_too_many_rows_is_refused(fixed, programme_manager):
    report = run(fixed, programme_manager, [b.row(f"a-{n}", categorie="") for n in range(11)], max_rows=10)
    assert [(error.row, error.message) for error in report.errors] == [
        (12, "The file has more than 10 rows; split it into files of at most 10 rows.")]
    assert_nothing_written(report)


def test_a_file_wrong_throughout_lists_errors_up_to_a_limit_and_counts_the_rest(fixed, programme_manager,
                                                                                monkeypatch):
    from civhub.ledger.imports import report as report_module

    monkeypatch.setattr(report_module, "REPORTED_ERRORS", 4)
    report = run(fixed, programme_manager, [b.row(f"a-{n}", uren="0", soort="koffie") for n in range(3)])
    assert [(error.row, error.column) for error in report.errors[:4]] == [(2, "soort"), (2, "uren"), (3, "soort"),
                                                                          (3, "uren")]
    assert report.errors[4] == report_module.RowError(0, "", "", "… and 2 more errors, not listed.")
    assert_nothing_written(report)


def test_a_file_error_replaces_the_row_errors_found_before_it(fixed, programme_manager):
    report = run(fixed, programme_manager, [b.row("a-1", uren="0")] + [b.row(f"a-{n}") for n in range(2, 12)],
                 max_rows=5)
    assert len(report.errors) == 1 and "more than 5 rows" in report.errors[0].message


# Who may import -----------------------------------------------------------------------------------------------


def test_a_partner_contact_imports_for_their_own_partner(fixed, partner_a, partner_a_contact):
    report = run(fixed, partner_a_contact, [b.row("a-1", categorie="")], partnership=partner_a)
    assert report.ok and report.batch.partnership == partner_a
    assert Contribution.objects.get().entered_by == partner_a_contact


def test_a_partner_import_treats_other_partners_rows_as_unknown(fixed, partner_a, partner_a_contact):
    """Partner B exists, but partner A's import must not reveal it: the same message as for no partner at all."""
    rows = [b.row("a-1", categorie=""), b.row("b-1", partner="partner-b", categorie=""),
            b.row("b-2", partner="Gemeente Partner B", categorie=""), b.row("z-1", partner="partner-z", categorie="")]
    report = run(fixed, partner_a_contact, rows, partnership=partner_a)
    assert [(error.row, error.column) for error in report.errors] == [(3, "partner"), (4, "partner"), (5, "partner")]
    assert len({error.message for error in report.errors}) == 1
    assert "partner-b" not in report.errors[0].message and "Partner B" not in report.errors[0].message
    assert_nothing_written(report)


def test_the_preview_of_a_partner_import_shows_nothing_of_another_partner(fixed, partner_a, partner_a_contact):
    report = check_contributions(centre=fixed, actor=partner_a_contact, partnership=partner_a, file_name="x.csv",
                                 file=b.csv_file([b.row("a-1", categorie=""),
                                                  b.row("b-1", partner="partner-b", categorie="")]))
    assert [row.partner for row in report.preview] == ["partner-a"]


def test_a_partner_contact_without_a_partnership_given_is_limited_to_their_own(fixed, partner_a, partner_a_contact):
    report = run(fixed, partner_a_contact, [b.row("b-1", partner="partner-b", categorie="")])
    assert [error.column for error in report.errors] == ["partner"]
    assert run(fixed, partner_a_contact, [b.row("a-1", categorie="")]).batch.partnership == partner_a


def test_an_office_import_belongs_to_the_centre_even_with_one_partner(centre, partner_a, programme_manager):
    b.grant(centre, fixed_rate=Decimal("73.00"))
    assert run(centre, programme_manager, [b.row("a-1", categorie="")]).batch.partnership is None


def test_the_extern_ids_of_another_partner_do_not_leak_through_a_partner_import(fixed, partner_a, partner_b,
                                                                                 partner_a_contact, programme_manager):
    run(fixed, programme_manager, [b.row("shared-1", partner="partner-b", categorie="", uren="3")])
    report = run(fixed, partner_a_contact, [b.row("shared-1", categorie="")], partnership=partner_a)
    assert report.ok and report.new_rows == 1


@pytest.mark.parametrize("persona", ["partner_b_contact"])
def test_a_partner_contact_may_not_import_for_another_partner(fixed, partner_a, request, persona):
    with pytest.raises(LedgerError, match="may not import contributions for this partner"):
        run(fixed, request.getfixturevalue(persona), [b.row()], partnership=partner_a)
    assert not ImportBatch.objects.exists()


@pytest.mark.parametrize("persona", ["practor", "communications", "steering_member", "other_centre_manager"])
def test_people_without_an_office_or_partner_role_may_not_import(fixed, request, persona):
    with pytest.raises(LedgerError, match="may not import contributions for this centre"):
        run(fixed, request.getfixturevalue(persona), [b.row()])
    with pytest.raises(LedgerError):
        check_contributions(centre=fixed, actor=request.getfixturevalue(persona), file=b.csv_file([b.row()]),
                            file_name="x.csv")
    assert not ImportBatch.objects.exists()


@pytest.mark.parametrize("persona", ["programme_manager", "finance_controller", "centre_admin"])
def test_the_office_imports_for_the_whole_centre(fixed, request, persona):
    report = run(fixed, request.getfixturevalue(persona),
                 [b.row("a-1", categorie=""), b.row("b-1", partner="partner-b", categorie="")])
    assert report.ok and report.new_rows == 2


# As accepted: migrating entries approved before civhub ---------------------------------------------------------


def test_the_finance_controller_imports_entries_as_accepted_and_chained(rated, finance_controller):
    report = run(rated, finance_controller, [b.row("a-1"), b.row("a-2", datum="01-08-2025")], as_accepted=True,
                 reference=REFERENCE)
    assert report.ok, report.errors
    entries = list(Contribution.objects.order_by("chain_index"))
    assert [entry.status for entry in entries] == [Status.ACCEPTED, Status.ACCEPTED]
    assert {(entry.approved_by, entry.accepted_by) for entry in entries} == {(finance_controller, finance_controller)}
    assert all(entry.approved_at and entry.accepted_at for entry in entries)
    assert [entry.chain_index for entry in entries] == [1, 2]
    assert entries[1].previous_hash == entries[0].content_hash
    assert entries[1].hourly_rate == Decimal("90.00")  # the rate in force on its day, frozen now
    assert verify_chain(rated).broken is None and verify_chain(rated).checked == 2
    assert report.batch.as_accepted
    assert AuditEvent.objects.get(action="contributions_imported").changes["as_accepted"] is True
    assert set(StatusEvent.objects.values_list("to_status", flat=True)) == {Status.ACCEPTED}


def test_accepted_imports_continue_the_existing_chain(fixed, finance_controller):
    run(fixed, finance_controller, [b.row("a-1", categorie="")], as_accepted=True, reference=REFERENCE)
    run(fixed, finance_controller, [b.row("a-2", categorie=""), b.row("a-3", categorie="")], as_accepted=True,
        reference=REFERENCE)
    assert list(Contribution.objects.order_by("chain_index").values_list("extern_id", "chain_index")) == [
        ("a-1", 1), ("a-2", 2), ("a-3", 3)]
    assert verify_chain(fixed).broken is None


@pytest.mark.parametrize("persona", ["programme_manager", "centre_admin", "partner_a_contact", "partner_a_signatory"])
def test_only_the_finance_controller_imports_as_accepted(fixed, partner_a, request, persona):
    with pytest.raises(LedgerError, match="Only the finance controller"):
        run(fixed, request.getfixturevalue(persona), [b.row(categorie="")], as_accepted=True, reference=REFERENCE)
    assert not Contribution.objects.exists() and not ImportBatch.objects.exists()


def test_a_refused_accepted_import_leaves_the_chain_alone(fixed, finance_controller):
    report = run(fixed, finance_controller, [b.row("a-1", categorie=""), b.row("a-2", uren="99")], as_accepted=True,
                 reference=REFERENCE)
    assert_nothing_written(report)
    assert report.batch.as_accepted


# Speed: a fixed number of queries, whatever the size --------------------------------------------------------


def test_checking_asks_the_database_the_same_number_of_questions_for_10_or_30_rows(rated, partner_b,
                                                                                    programme_manager):
    def queries(count: int) -> int:
        rows = [b.row(f"a-{n}", partner="partner-b" if n % 2 else "partner-a",
                      categorie="advisor" if n % 2 else "analyst", programmalijn=str(n % 3 + 1)) for n in range(count)]
        with CaptureQueriesContext(connection) as captured:
            report = check_contributions(centre=rated, actor=programme_manager, file=b.csv_file(rows),
                                         file_name="x.csv")
        assert report.ok, report.errors
        return len(captured)

    queries(1)  # the user's roles are read once and remembered
    assert queries(10) == queries(30)


def test_importing_writes_in_batches_not_per_row(fixed, programme_manager):
    def queries(count: int) -> int:
        rows = [b.row(f"n{count}-{n}", categorie="") for n in range(count)]
        with CaptureQueriesContext(connection) as captured:
            assert run(fixed, programme_manager, rows).ok
        return len(captured)

    queries(1)
    assert queries(10) == queries(30)


# Valuation ------------------------------------------------------------------------------------------------


hours = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("24"), places=2)
rates = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("500"), places=2)


@settings(database=None, max_examples=500, deadline=None)
@given(hours, rates)
def test_value_is_hours_times_rate_rounded_half_up_to_the_cent(hours, rate):
    value = value_of(hours, rate)
    assert isinstance(value, Decimal)
    assert value == (hours * rate).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert value >= 0 and value.as_tuple().exponent == -2
    assert abs(value - hours * rate) <= Decimal("0.005")


def test_value_rounds_a_half_cent_up():
    assert value_of(Decimal("0.25"), Decimal("70.50")) == Decimal("17.63")
    assert value_of(Decimal("0.10"), Decimal("0.05")) == Decimal("0.01")


# The benchmark's file ----------------------------------------------------------------------------------------


@pytest.mark.demo  # runs the whole load_demo: make test-demo
def test_the_benchmark_generator_writes_a_file_the_demo_centre_imports(tmp_path):
    from django.core.management import call_command

    from bench.generate import generate
    from civhub.accounts.models import User
    from civhub.core.models import Centre

    call_command("load_demo", stdout=io.StringIO())
    path = generate(300, tmp_path / "bench.csv")
    with path.open("rb") as file:
        report = import_contributions(centre=Centre.objects.get(slug="civ-bio-sciences"), file=file,
                                      actor=User.objects.get(email="finance@example.org"), file_name=path.name)
    assert report.ok, report.errors[:3]
    assert report.new_rows == 300
    imported = Contribution.objects.filter(extern_id__startswith="bench-")
    assert set(imported.values_list("kind", flat=True)) == {
        "organisation", "research", "lab", "education", "lifelong_learning"}
    assert len(set(imported.values_list("partnership", flat=True))) > 15
