"""Imports written in batches while the file is read (imports/writing.py): the same stored rows, hashes and audit
as one write at the end, and still all or nothing when the error comes after batches were written.

WRITE_BATCH is made small so that a file of a few rows spans several batches; the suite runs on
SQLite (executemany) and on PostgreSQL (COPY) alike.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection

from civhub.core.models import AuditEvent
from civhub.ledger import chain
from civhub.ledger.chain import verify_chain
from civhub.ledger.imports import import_contributions, writing
from civhub.ledger.models import Contribution, ImportBatch, StatusEvent
from tests.ledger import builders as b

pytestmark = pytest.mark.django_db
REFERENCE = "Getekende partnerverklaringen 2025"
Status = Contribution.Status


@pytest.fixture(autouse=True)
def small_batches(monkeypatch):
    monkeypatch.setattr(writing, "WRITE_BATCH", 3)


@pytest.fixture
def rated(centre, partner_a, partner_b):
    b.grant(centre)
    b.rate(partner_a, "analyst", "85.00", date(2024, 1, 1))
    b.rate(partner_a, "analyst", "90.00", date(2025, 7, 1))
    b.rate(partner_b, "advisor", "70.50", date(2024, 1, 1))
    return centre


def seven_rows() -> list[list[str]]:
    """Three batches of three: hours at two rates, an amount, another partner, no programme line, a repeat."""
    return [
        b.row("a-1", datum="30-06-2025", uren="7,5"),
        b.row("a-2", datum="2025-07-01", uren="7.5", omschrijving="Meetplan “pH” – week 27"),
        b.row("b-1", partner="partner-b", categorie="advisor", uren="0,25", soort="research"),
        b.row("b-2", partner="partner-b", categorie="", uren="", bedrag="1.234,56", soort="cash", programmalijn=""),
        b.row("a-1", datum="30-06-2025", uren="7,50"),  # the first row again: counted as present, not written
        b.row("a-3", datum="01-04-2025", uren="2", programmalijn="3"),
        b.row("a-4", datum="02-04-2025", uren="", bedrag="99,99", categorie="", soort="lab"),
    ]


EXPECTED = [  # (extern_id, partner, date, kind, line, category, hours, rate, amount, description)
    ("a-1", "partner-a", date(2025, 6, 30), "lab", 1, "analyst", Decimal("7.50"), Decimal("85.00"),
     Decimal("637.50"), "Practicum begeleid"),
    ("a-2", "partner-a", date(2025, 7, 1), "lab", 1, "analyst", Decimal("7.50"), Decimal("90.00"),
     Decimal("675.00"), "Meetplan “pH” – week 27"),
    ("b-1", "partner-b", date(2025, 3, 15), "research", 1, "advisor", Decimal("0.25"), Decimal("70.50"),
     Decimal("17.63"), "Practicum begeleid"),
    ("b-2", "partner-b", date(2025, 3, 15), "cash", None, "", None, None, Decimal("1234.56"), "Practicum begeleid"),
    ("a-3", "partner-a", date(2025, 4, 1), "lab", 3, "analyst", Decimal("2.00"), Decimal("85.00"),
     Decimal("170.00"), "Practicum begeleid"),
    ("a-4", "partner-a", date(2025, 4, 2), "lab", 1, "", None, None, Decimal("99.99"), "Practicum begeleid"),
]


def stored() -> list[tuple]:
    return list(Contribution.objects.order_by("pk").values_list(
        "extern_id", "partnership__short_code", "date", "kind", "programme_line__number", "category", "hours",
        "hourly_rate", "amount", "description"))


def run(centre, actor, rows, **kwargs):
    return import_contributions(centre=centre, actor=actor, file=b.csv_file(rows), file_name="bijdragen.csv",
                                **kwargs)


def raw_columns(pk: int) -> dict:
    """A row as the database holds it (the driver's own types), without what differs between two rows anyway."""
    columns = [field.column for field in Contribution._meta.concrete_fields]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(columns)} FROM ledger_contribution WHERE id = %s", [pk])  # noqa: S608
        values = dict(zip(columns, cursor.fetchone(), strict=True))
    return {column: value for column, value in values.items()
            if column not in ("id", "extern_id", "created_at", "updated_at")}


# The same result -------------------------------------------------------------------------------------------


def test_a_batched_import_stores_the_expected_rows_in_file_order(rated, programme_manager):
    report = run(rated, programme_manager, seven_rows())
    assert report.ok, report.errors
    assert report.summary() == "imported 6 rows (1 already present): 17.25 hours, EUR 2834.68"
    assert stored() == EXPECTED
    entries = Contribution.objects.order_by("pk")
    assert {(entry.status, entry.entered_by_id, entry.import_batch_id, entry.provenance, entry.chain_index,
             entry.content_hash, entry.accepted_on, entry.approved_by_id) for entry in entries} == {
        (Status.SUBMITTED, programme_manager.pk, report.batch.pk, Contribution.Provenance.TWO_KEYS, None, "", None,
         None)}


def test_a_row_written_in_a_batch_is_stored_exactly_as_bulk_create_stores_it(rated, programme_manager):
    """The batched insert prepares values itself; the database must hold what Django's own insert gives it."""
    report = run(rated, programme_manager, seven_rows())
    for imported in Contribution.objects.filter(import_batch=report.batch):
        twin = Contribution(
            centre_id=imported.centre_id, partnership_id=imported.partnership_id, extern_id=f"twin-{imported.pk}",
            date=imported.date, kind=imported.kind, programme_line_id=imported.programme_line_id,
            category=imported.category, hours=imported.hours, hourly_rate=imported.hourly_rate,
            amount=imported.amount, description=imported.description, status=Status.SUBMITTED,
            entered_by_id=programme_manager.pk, import_batch_id=report.batch.pk)
        Contribution.objects.bulk_create([twin])
        assert raw_columns(imported.pk) == raw_columns(twin.pk)


def test_a_batched_import_has_one_status_event_per_row_and_one_audit_event(rated, programme_manager):
    report = run(rated, programme_manager, seven_rows())
    events = StatusEvent.objects.order_by("contribution_id")
    assert [event.contribution.extern_id for event in events] == [row[0] for row in EXPECTED]
    assert {(event.actor_id, event.action, event.from_status, event.to_status) for event in events} == {
        (programme_manager.pk, "imported", "", Status.SUBMITTED)}
    audit = AuditEvent.objects.get(action="contributions_imported")
    assert audit.target_id == str(report.batch.pk) and audit.summary == report.summary()
    assert audit.changes == {"file": "bijdragen.csv", "rows": 6, "already_present": 1, "hours": "17.25",
                             "amount": "2834.68", "as_accepted": False, "reference": "", "partnership": None}
    batch = report.batch
    assert (batch.state, batch.total_rows, batch.created_rows, batch.existing_rows) == ("done", 7, 6, 1)


def test_an_accepted_import_in_batches_chains_every_row_in_file_order(rated, finance_controller):
    run(rated, finance_controller, [b.row("x-0", uren="1")], as_accepted=True, reference=REFERENCE)  # a chain to go on
    report = run(rated, finance_controller, seven_rows(), as_accepted=True, reference=REFERENCE)
    assert report.ok, report.errors
    entries = list(Contribution.objects.filter(import_batch=report.batch).order_by("chain_index"))
    assert [entry.extern_id for entry in entries] == [row[0] for row in EXPECTED]
    assert [entry.chain_index for entry in entries] == list(range(2, 8))
    previous = Contribution.objects.get(extern_id="x-0").content_hash
    for entry in entries:  # each hash over the stored row and the hash before it, across the batches
        assert entry.previous_hash == previous
        assert entry.content_hash == chain.compute_hash(entry, previous)
        previous = entry.content_hash
    assert verify_chain(rated).broken is None and verify_chain(rated).checked == 7
    assert {(entry.status, entry.provenance, entry.migration_reference) for entry in entries} == {
        (Status.ACCEPTED, Contribution.Provenance.MIGRATED, REFERENCE)}
    assert set(StatusEvent.objects.filter(contribution__in=entries).values_list("to_status", flat=True)) == {
        Status.ACCEPTED}


# All or nothing, after batches were written ------------------------------------------------------------


def assert_nothing_stored(report, before: int = 0):
    assert not report.ok and not report.written
    assert Contribution.objects.count() == before
    assert StatusEvent.objects.count() == before
    assert not AuditEvent.objects.filter(action="contributions_imported", target_id=str(report.batch.pk)).exists()
    assert report.batch.state == ImportBatch.State.REFUSED


def test_an_error_in_the_last_row_after_three_written_batches_stores_nothing(rated, programme_manager):
    rows = [b.row(f"a-{n}", uren="1") for n in range(9)] + [b.row("a-last", datum="31-02-2025")]
    report = run(rated, programme_manager, rows)
    assert_nothing_stored(report)
    assert [(error.row, error.column, error.message) for error in report.errors] == [
        (11, "datum", "This date does not exist.")]


def test_a_late_error_in_an_accepted_import_leaves_the_chain_as_it_was(rated, finance_controller):
    run(rated, finance_controller, [b.row("x-0", uren="1")], as_accepted=True, reference=REFERENCE)
    tip = chain.chain_tip(rated)
    rows = [b.row(f"a-{n}", uren="1") for n in range(9)] + [b.row("a-last", partner="nobody")]
    report = run(rated, finance_controller, rows, as_accepted=True, reference=REFERENCE)
    assert_nothing_stored(report, before=1)
    assert chain.chain_tip(rated) == tip and verify_chain(rated).checked == 1


def test_a_file_error_after_written_batches_stores_nothing(rated, programme_manager):
    report = run(rated, programme_manager, [b.row(f"a-{n}", uren="1") for n in range(10)], max_rows=9)
    assert_nothing_stored(report)
    assert "more than 9 rows" in report.errors[0].message


def test_an_error_found_while_writing_stores_nothing(rated, programme_manager, monkeypatch):
    """A batch the database refuses (here: made to fail) rolls back the batches before it and fails the import."""
    real = writing._insert
    calls = []

    def failing(rows):
        calls.append(len(rows))
        if len(calls) == 3:
            raise RuntimeError("disk full")
        real(rows)

    monkeypatch.setattr(writing, "_insert", failing)
    with pytest.raises(RuntimeError, match="disk full"):
        run(rated, programme_manager, [b.row(f"a-{n}", uren="1") for n in range(9)])
    assert calls == [3, 3, 3]
    assert not Contribution.objects.exists() and not StatusEvent.objects.exists()
    assert ImportBatch.objects.get().state == ImportBatch.State.FAILED
