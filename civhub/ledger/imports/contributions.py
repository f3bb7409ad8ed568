"""Importing contributions (docs/formats.md §2): every row checked, then all rows written at once, or none.

`check_contributions` is the web preview: it reads the whole file, writes nothing, and
returns every error and the first rows as they would be valued. `import_contributions`
does the same check in one pass inside one transaction and, while the file is clean so
far, writes the checked rows in batches as it goes (writing.py): as *submitted*, or as
*accepted* and sealed into the centre's hash chain when the finance controller migrates
entries approved before civhub. Only a batch of rows is in memory at a time. The first
error stops the writing (the rest of the file is still checked, for the report) and
rolls back what was written, so a refused file leaves only an ImportBatch with its
errors. Rows whose extern_id is already in the ledger with the same content are counted,
not added again, so an import can be repeated.
"""

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civhub.core.audit import record_event
from civhub.core.choices import ContributionKind
from civhub.core.formatting import format_date
from civhub.ledger import chain
from civhub.ledger.errors import LedgerError
from civhub.ledger.imports import cells
from civhub.ledger.imports.facts import LedgerFacts, fingerprint
from civhub.ledger.imports.parsing import MAX_ROWS, Column, FileError, Table, open_table
from civhub.ledger.imports.report import PREVIEW_ROWS, ImportReport, RowError, close_batch, shown, start_batch
from civhub.ledger.imports.values import CellError, cell_text
from civhub.ledger.imports.writing import EntryWriter
from civhub.ledger.models import Contribution, ImportBatch
from civhub.ledger.permissions import batch_partnership, contribution_scope
from civhub.ledger.services.entries import STAFF_TIME_MESSAGE, staff_time_as_amount
from civhub.ledger.valuation import value_of

COLUMNS = (
    Column("extern_id", ("extern_id", "external_id")),
    Column("partner", ("partner",)),
    Column("date", ("datum", "date")),
    Column("kind", ("soort", "kind")),
    Column("programme_line", ("programmalijn", "programme_line"), required=False),
    Column("category", ("categorie", "category"), required=False),
    Column("hours", ("uren", "hours"), required=False),
    Column("amount", ("bedrag", "amount"), required=False),
    Column("description", ("omschrijving", "description")),
    Column("accepted_on", ("geaccepteerd_op", "accepted_on"), required=False),
)
ONE_OF = (("hours", "amount"),)
DUTCH_NAMES = {column.key: column.names[0] for column in COLUMNS}
PROGRESS_EVERY = 5000

Progress = Callable[[int, int], None]
Status = Contribution.Status


class Entry(NamedTuple):
    """One checked row, ready to be written (a tuple: cheap to make, and the writer keeps a batch of them)."""

    row: int
    partnership_id: int
    extern_id: str
    date: date
    kind: str
    programme_line_id: int | None
    category: str
    hours: Decimal | None
    hourly_rate: Decimal | None
    amount: Decimal
    description: str
    accepted_on: date | None  # a migrated row counts from this day (its own date when the file gives none)


@dataclass(frozen=True)
class PreviewRow:
    """A row as the preview table shows it: valued, and whether the ledger has it already."""

    row: int
    extern_id: str
    partner: str
    date: date
    kind: str
    programme_line: int | None
    category: str
    hours: Decimal | None
    hourly_rate: Decimal | None
    amount: Decimal
    description: str
    already_present: bool


# The public services ---------------------------------------------------------------------------


def check_contributions(*, centre, actor, file, file_name: str, partnership=None, as_accepted: bool = False,
                        reference: str = "", progress: Progress | None = None,
                        max_rows: int = MAX_ROWS) -> ImportReport:
    """Check a contributions file as `import_contributions` would, and write nothing.

    Returns the report: every error (row as in the file, column, value, message) and a
    preview of the first rows with their value. Raises LedgerError when `actor` may not
    import for the centre (or the partner, or as accepted).
    """
    scope = contribution_scope(actor, centre, partnership, as_accepted=as_accepted, reference=reference)
    return _check(file, file_name, LedgerFacts(centre, scope, today=timezone.localdate()), progress=progress,
                  max_rows=max_rows, as_accepted=as_accepted)


def import_contributions(*, centre, actor, file, file_name: str, partnership=None, as_accepted: bool = False,
                         reference: str = "", dry_run: bool = False, progress: Progress | None = None,
                         max_rows: int = MAX_ROWS) -> ImportReport:
    """Import a contributions file, all or nothing; `dry_run` only checks it (see check_contributions).

    `partnership` limits the import to one partner (a partner's own web import): rows naming
    any other partner get the unknown-partner error. `as_accepted` (finance controller only,
    with a `reference` to the evidence) writes the rows accepted, with the provenance
    *migrated*, and chained: for entries approved before the centre used civhub. A migrated
    row counts as accepted on its `geaccepteerd_op` date, else on its own date.

    `progress(done, total)` is called with (0, total) when the file is open and then every few
    thousand rows while they are checked and written (total is an estimate from the file's
    size, or 0). The ImportBatch on the report records the outcome: done, or refused with
    the errors.
    """
    if dry_run:
        return check_contributions(centre=centre, actor=actor, file=file, file_name=file_name,
                                   partnership=partnership, as_accepted=as_accepted, reference=reference,
                                   progress=progress, max_rows=max_rows)
    scope = contribution_scope(actor, centre, partnership, as_accepted=as_accepted, reference=reference)
    batch = start_batch(centre=centre, actor=actor, kind=ImportBatch.Kind.CONTRIBUTIONS, file_name=file_name,
                        partnership=batch_partnership(actor, centre, scope, partnership), as_accepted=as_accepted,
                        reference=reference)
    try:
        report = _check_and_write(centre, actor, batch, file, file_name, scope, as_accepted=as_accepted,
                                  progress=progress, max_rows=max_rows)
    except IntegrityError:
        _fail(batch)
        raise LedgerError(_("The ledger changed while the file was imported; nothing was written. "
                            "Import the file again.")) from None
    except BaseException:
        _fail(batch)
        raise
    if not report.ok:
        close_batch(batch, report, ImportBatch.State.REFUSED)
    return report


def _check_and_write(centre, actor, batch, file, file_name, scope, *, as_accepted, progress, max_rows) -> ImportReport:
    """One transaction: lock the centre (imports and acceptances queue up), check and write, keep it when clean."""
    with transaction.atomic(), fewer_gc_passes():
        chain.lock_chain(centre)
        facts = LedgerFacts(centre, scope, today=timezone.localdate())
        writer = EntryWriter(centre=centre, actor=actor, batch=batch, as_accepted=as_accepted,
                             reference=batch.reference)
        report = _check(file, file_name, facts, write=writer.add, progress=progress, max_rows=max_rows,
                        as_accepted=as_accepted)
        if not report.ok:
            transaction.set_rollback(True)  # the rows written before the first error go too: all or nothing
            return report
        writer.finish()
        report.written = True
        close_batch(batch, report, ImportBatch.State.DONE)
        _audit(batch, report, actor=actor, as_accepted=as_accepted)
    return report


@contextmanager
def fewer_gc_passes():
    """Let Python's cycle collector run less often while a file is imported.

    An import makes millions of short-lived objects (cells, rows, entries) while it keeps the
    extern_ids seen so far alive; with the default threshold the collector runs every 2,000
    allocations and took a third of the import's time (bench/imports.py). Collecting every
    50,000 allocations instead costs little memory: reference counting frees nearly all of it.
    """
    before = gc.get_threshold()
    gc.set_threshold(50_000, *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _fail(batch: ImportBatch) -> None:
    batch.state, batch.finished_at = ImportBatch.State.FAILED, timezone.now()
    batch.save(update_fields=["state", "finished_at"])


def _audit(batch: ImportBatch, report: ImportReport, *, actor, as_accepted: bool) -> None:
    record_event(batch, actor=actor, action="contributions_imported", centre=batch.centre, summary=report.summary(),
                 changes={"file": batch.file_name, "rows": report.new_rows, "already_present": report.existing_rows,
                          "hours": str(report.hours), "amount": str(report.amount), "as_accepted": as_accepted,
                          "reference": batch.reference, "partnership": batch.partnership_id})


# Checking --------------------------------------------------------------------------------------


def _check(file, file_name: str, facts: LedgerFacts, *, progress: Progress | None, max_rows: int,
           as_accepted: bool = False, write: Callable[[Entry], None] | None = None) -> ImportReport:
    """Read and check every row in one pass; each new entry goes to `write` as long as the file is clean so far."""
    report = ImportReport(file_name=file_name)
    try:
        table = open_table(file, file_name, COLUMNS, one_of=ONE_OF, max_rows=max_rows)
        if write is not None and progress:
            progress(0, table.estimated_rows or 0)  # writing starts with the first row: the count begins again
        seen: dict[tuple[int, str], tuple[int, int]] = {}
        for number, values in _with_progress(table, progress):
            report.rows += 1
            entry, present = _check_row(number, values, table, facts, seen, report, as_accepted=as_accepted)
            if entry is not None:
                _count(report, entry, present, facts)
                if write is not None and not present and report.ok:
                    write(entry)
    except FileError as error:
        report.file_error(str(error), error.row)
    report.close_errors()
    if report.ok and report.rows == 0:
        report.file_error(_("The file has a header but no rows."))
    return report


def _with_progress(table: Table, progress: Progress | None) -> Iterator[tuple[int, dict]]:
    for done, row in enumerate(table.rows(), start=1):
        if progress and done % PROGRESS_EVERY == 0:
            progress(done, table.estimated_rows or 0)
        yield row


def _count(report: ImportReport, entry: Entry, present: bool, facts: LedgerFacts) -> None:
    if present:
        report.existing_rows += 1
    else:
        report.new_rows += 1
        report.hours += entry.hours or 0
        report.amount += entry.amount
    if len(report.preview) < PREVIEW_ROWS:
        report.preview.append(PreviewRow(
            entry.row, entry.extern_id, facts.partnerships[entry.partnership_id].short_code, entry.date, entry.kind,
            facts.line_numbers.get(entry.programme_line_id), entry.category, entry.hours, entry.hourly_rate,
            entry.amount, entry.description, present,
        ))


class _Row:
    """One file row being checked: takes its cells through parsers and collects what is wrong."""

    def __init__(self, number: int, values: dict, table: Table, report: ImportReport):
        self.number, self.values, self.table, self.report = number, values, table, report
        self.failed_keys: set[str] = set()

    @property
    def failed(self) -> bool:
        return bool(self.failed_keys)

    def take(self, key: str, parse):
        try:
            return parse(self.values.get(key, ""))
        except CellError as error:
            self.fail(key, str(error))
            return None

    def fail(self, key: str, message: str) -> None:
        column = self.table.headers.get(key, DUTCH_NAMES[key])
        self.report.add_error(RowError(self.number, column, shown(cell_text(self.values.get(key, ""))), message))
        self.failed_keys.add(key)


def _check_row(number: int, values: dict, table: Table, facts: LedgerFacts, seen: dict,
               report: ImportReport, *, as_accepted: bool = False) -> tuple[Entry | None, bool]:
    """(the checked entry or None, whether the ledger already has it); errors go to the report."""
    row = _Row(number, values, table, report)
    partnership = row.take("partner", facts.partner)
    extern_id = row.take("extern_id", cells.extern_id)
    day = row.take("date", cells.day)
    kind = row.take("kind", facts.kind)
    line_id = row.take("programme_line", facts.line)
    category = row.take("category", cells.category)
    hours = row.take("hours", cells.hours)
    amount = row.take("amount", cells.amount)
    description = row.take("description", cells.description)
    accepted_on = row.take("accepted_on", cells.optional_day)
    if not row.failed_keys & {"kind", "hours", "amount", "category", "date"}:
        _check_quantities(row, kind, hours, amount, category, facts.grant_on(day))
    if accepted_on is not None and day is not None:
        _check_accepted_on(row, facts, day, accepted_on, as_accepted)
    if row.failed:
        if day is not None:  # report what is wrong with the date too, though the row's other cells failed
            _check_date(row, facts, day)
        return None, False
    content = fingerprint(day, kind, line_id, category, hours, amount, description)
    present = _already_present(row, facts, seen, (partnership.pk, extern_id), content)
    if present is None:
        return None, False
    if not present:
        _check_date(row, facts, day)
        if row.failed:  # a day outside the grant or closed has no rate worth reporting on
            return None, False
    # A row the ledger has already is valued for the preview only; its rate no longer matters.
    valuing = _Row(number, values, table, ImportReport(file_name="")) if present else row
    rate, category = _rate(valuing, facts, partnership, day, category, hours)
    if row.failed:
        return None, False
    value = amount if hours is None else value_of(hours, rate) if rate is not None else Decimal("0.00")
    return Entry(number, partnership.pk, extern_id, day, kind, line_id, category, hours, rate, value,
                 description, (accepted_on or day) if as_accepted else None), present


def _already_present(row: _Row, facts: LedgerFacts, seen: dict, key: tuple[int, str], print_: int) -> bool | None:
    """True when the ledger (or an earlier row) has this extern_id with this content; None when it differs."""
    if key in facts.existing:
        if facts.existing[key] == print_:
            return True
        row.fail("extern_id", _("This extern_id is already in the ledger with other content. A correction "
                                "needs a new extern_id (and a reversal of the old entry)."))
        return None
    if key in seen:
        earlier, earlier_print = seen[key]
        if earlier_print == print_:
            return True
        row.fail("extern_id", _("This extern_id is also in row %(row)s of this file, with other content.")
                 % {"row": earlier})
        return None
    seen[key] = (row.number, print_)
    return False


def _check_date(row: _Row, facts: LedgerFacts, day: date) -> None:
    """Inside the grant, not in the future, not in a closed period (the rules of services.entries.check_date)."""
    if day > facts.today:
        row.fail("date", _("The date lies in the future."))
    elif facts.grant_on(day) is None:
        row.fail("date", _("The date lies outside the grant period."))
    elif lock := facts.closed_period_on(day):
        row.fail("date", _("The period %(start)s – %(end)s is closed: it takes no new entries, edits or imports.")
                 % {"start": format_date(lock[0]), "end": format_date(lock[1])})


def _check_quantities(row: _Row, kind: str, hours, amount, category: str, grant) -> None:
    """Hours or an amount; cash is an amount; under a fixed hourly rate staff time is hours (docs/formats.md §2)."""
    if (hours is None) == (amount is None):
        row.fail("amount" if hours is not None else "hours",
                 _("Give either hours or an amount, not both and not neither."))
    elif hours is not None and kind == ContributionKind.CASH:
        row.fail("hours", _("A cash contribution is an amount, not hours."))
    elif amount is not None and staff_time_as_amount(kind, category, fixed_rate=grant[2] if grant else None):
        row.fail("amount", str(STAFF_TIME_MESSAGE))


def _check_accepted_on(row: _Row, facts: LedgerFacts, day: date, accepted_on: date, as_accepted: bool) -> None:
    """geaccepteerd_op: only for a migration, not before the row's date, not in the future."""
    if not as_accepted:
        row.fail("accepted_on", _("Only a migration of accepted entries gives the day they were accepted; leave "
                                  "this column empty."))
    elif accepted_on < day:
        row.fail("accepted_on", _("An entry cannot have been accepted before its own date."))
    elif accepted_on > facts.today:
        row.fail("accepted_on", _("The date lies in the future."))


def _rate(row: _Row, facts: LedgerFacts, partnership, day: date, category: str, hours) -> tuple[Decimal | None, str]:
    """(hourly rate, category as on the rate card) of an hours row: the grant's fixed rate, else the rate card."""
    grant = facts.grant_on(day)
    if hours is None:
        return None, category
    if grant is not None and grant[2] is not None:
        return grant[2], category
    if not category:
        row.fail("category", _("Choose a staff category: this grant values hours at the partner's own rates."))
        return None, category
    found = facts.rate(partnership.pk, category, day)
    if found is None:
        known = ", ".join(facts.categories(partnership.pk)) or "-"
        row.fail("category", _("Unknown staff category for %(partner)s; its rate cards have: %(known)s.")
                 % {"partner": partnership.organisation.name, "known": known})
        return None, category
    spelled, rate = found
    if rate is None:
        row.fail("category", _("There is no hourly rate for category “%(category)s” of %(partner)s on %(date)s.")
                 % {"category": spelled, "partner": partnership.organisation.name, "date": format_date(day)})
    return rate, spelled
