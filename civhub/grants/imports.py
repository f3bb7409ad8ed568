"""Importing subsidy expenditure (docs/formats.md §4) from CSV or XLSX: every row checked, then all written, or none.

The same contract as the ledger's imports (docs/formats.md, "Numbers, dates, text in every
import"), built on the same reading and reporting (civhub.ledger.imports.parsing and
report): every invalid row is listed with its row number, column, value and message;
rows carry an extern_id, so importing a file twice adds nothing the second time, and the
same extern_id with other content is an error for that row. An amount may be negative
(the correction of an earlier entry) but not zero.

    check_expenditure(...)   the web preview: every error and the first rows, nothing written
    import_expenditure(...)  the same check, then every new row written in one transaction
    import_confirmed(...)    a confirmed web import, run by the ledger's import task (queued like contributions)
"""

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import PurePath

from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import override

from civhub.core.audit import record_event
from civhub.core.models import Grant
from civhub.grants import chain
from civhub.grants.errors import GrantError
from civhub.grants.models import CostCategory, Expenditure
from civhub.grants.selectors.monitor import current_grant
from civhub.grants.services.budget import ensure_finance
from civhub.grants.services.expenditure import amount_problem, date_problem, description_problem
from civhub.ledger.imports import cells
from civhub.ledger.imports.parsing import MAX_ROWS, Column, FileError, open_table
from civhub.ledger.imports.report import PREVIEW_ROWS, ImportReport, RowError, close_batch, shown, start_batch
from civhub.ledger.imports.template_files import template_tables, value_list
from civhub.ledger.imports.values import CellError, cell_text, parse_decimal, parse_int
from civhub.ledger.models import ImportBatch, PeriodLock

COLUMNS = (
    Column("extern_id", ("extern_id", "external_id")),
    Column("date", ("datum", "date")),
    Column("category", ("categorie", "category")),
    Column("programme_line", ("programmalijn", "programme_line"), required=False),
    Column("amount", ("bedrag", "amount")),
    Column("description", ("omschrijving", "description")),
)
PROGRESS_EVERY = 1000  # rows between two reports of progress (the page polls it through the cache)
DUTCH_NAMES = {column.key: column.names[0] for column in COLUMNS}
# The Dutch names of the cost categories a bookkeeping export may use, whatever the catalogue says.
DUTCH_CATEGORY_NAMES = {
    "personeel": CostCategory.PERSONNEL, "personeelskosten": CostCategory.PERSONNEL,
    "materiaal": CostCategory.MATERIAL, "materieel": CostCategory.MATERIAL,
    "lab": CostCategory.LAB, "indirecte kosten": CostCategory.OVERHEAD, "overig": CostCategory.OTHER,
    "overige": CostCategory.OTHER, "overige kosten": CostCategory.OTHER,
}


def expenditure_template_tables(centre) -> list:
    """docs/formats.md §4: the spending's blank file, with the categories and the centre's programme lines."""
    notes = {
        "extern_id": _("Your own number for the row, e.g. the booking number; importing the file again adds "
                       "nothing."),
        "date": _("YYYY-MM-DD or DD-MM-YYYY; inside the grant period."),
        "category": _("A category from sheet Categories: its name or its code."),
        "programme_line": _("The number of a programme line (sheet Programme lines)."),
        "amount": _("Amount in euros; negative for a correction, never zero."),
        "description": _("What the money was spent on."),
    }
    categories = value_list(_("Categories"), _("The budget categories"), [_("Category"), _("Code")],
                            ([capfirst(str(category.label)), category.value] for category in CostCategory))
    lines = value_list(_("Programme lines"), _("The programme lines"), [_("Number"), _("Name")],
                       ([line.number, line.name] for line in centre.programme_lines.order_by("number")))
    return template_tables(COLUMNS, sheet="bestedingen", title=_("Subsidy spending"), notes=notes,
                           lists=[categories, lines])


@dataclass(frozen=True)
class Row:
    """One checked row of the file, as the preview shows it and the import writes it."""

    row: int
    extern_id: str
    date: date
    category: str
    programme_line: int | None  # the line's number
    amount: Decimal
    description: str
    already_present: bool = False

    @property
    def category_label(self) -> str:
        return CostCategory(self.category).label


class ExpenditureReport(ImportReport):
    """The import's report; its summary line names no hours (docs/formats.md §4 has none)."""

    def summary(self) -> str:
        """`imported N rows (M already present): EUR X`; fixed English, because scripts read it."""
        verb = "imported" if self.written else "would import"
        return f"{verb} {self.new_rows} rows ({self.existing_rows} already present): EUR {self.amount:.2f}"


def category_names() -> dict[str, str]:
    """Every accepted spelling of a cost category, lower-cased: the code, the Dutch and the English label."""
    names = {code: code for code in CostCategory.values} | {name: str(code) for name, code in
                                                             DUTCH_CATEGORY_NAMES.items()}
    for language in ("nl", "en"):
        with override(language):
            names.update({str(category.label).lower(): str(category) for category in CostCategory})
    return names


class _Facts:
    """The grant as the rows of one import see it, loaded in a handful of queries."""

    def __init__(self, grant: Grant):
        self.grant, self.today = grant, timezone.localdate()
        self.lines = dict(grant.centre.programme_lines.values_list("number", "pk"))
        self.categories = category_names()
        self.locks = list(PeriodLock.objects.filter(centre_id=grant.centre_id, reopened_at__isnull=True)
                          .values_list("starts_on", "ends_on"))
        fields = ("extern_id", "date", "category", "programme_line__number", "amount", "description")
        self.existing = {row[0]: row[1:] for row in grant.expenditures.exclude(extern_id="").values_list(*fields)}

    def category(self, value) -> str:
        found = self.categories.get(cell_text(value).lower())
        if found is None:
            raise CellError(_("Unknown cost category: use one of %(codes)s, or its Dutch or English name.")
                            % {"codes": ", ".join(CostCategory.values)})
        return found

    def line(self, value) -> int | None:
        if cell_text(value) == "":
            return None
        try:
            number = parse_int(value)
        except CellError:
            number = None
        if number not in self.lines:
            raise CellError(_("Unknown programme line: this centre has lines %(numbers)s.")
                            % {"numbers": ", ".join(str(number) for number in sorted(self.lines)) or "-"})
        return number

    def day_problem(self, day: date) -> str | None:
        closed = next((lock for lock in self.locks if lock[0] <= day <= lock[1]), None)
        return date_problem(self.grant, day, today=self.today, closed=closed)


def _amount(value) -> Decimal:
    number = parse_decimal(cells.required(value) if isinstance(value, str) else value)
    problem = amount_problem(number)
    if problem:
        raise CellError(problem)
    return number.quantize(Decimal("0.01"))


def _description(value) -> str:
    text = cell_text(value)
    problem = description_problem(text)
    if problem:
        raise CellError(problem)
    return text


# The public services ----------------------------------------------------------------------------


def check_expenditure(*, grant: Grant, actor, file, file_name: str, max_rows: int = MAX_ROWS) -> ExpenditureReport:
    """Check an expenditure file as `import_expenditure` would, and write nothing.

    Raises GrantError when `actor` is not the centre's finance controller.
    """
    ensure_finance(actor, grant)
    return _check(grant, file, file_name, max_rows=max_rows)[0]


def import_expenditure(*, grant: Grant, actor, file, file_name: str, dry_run: bool = False,
                       batch: ImportBatch | None = None, max_rows: int = MAX_ROWS, progress=None) -> ExpenditureReport:
    """Import an expenditure file into `grant`, all or nothing; `dry_run` only checks it.

    `batch` is the web preview's record of the file, which then records the import too;
    without it a new ImportBatch is started. The report's batch holds the outcome: done,
    or refused with every error. `progress(done, total)` hears how many rows are checked, now and then.
    """
    if dry_run:
        return check_expenditure(grant=grant, actor=actor, file=file, file_name=file_name, max_rows=max_rows)
    ensure_finance(actor, grant)
    batch = batch or start_batch(centre=grant.centre, actor=actor, kind=ImportBatch.Kind.EXPENDITURE,
                                 file_name=file_name)
    try:
        with transaction.atomic():
            report = _check_and_write(grant, actor, batch, file, file_name, max_rows=max_rows, progress=progress)
    except IntegrityError:
        report = ExpenditureReport(file_name=file_name)
        report.file_error(_("The expenditure changed while the file was imported; nothing was written. "
                            "Import the file again."))
    if not report.ok:
        close_batch(batch, report, ImportBatch.State.REFUSED)
    return report


def _check_and_write(grant, actor, batch, file, file_name, *, max_rows, progress) -> ExpenditureReport:
    """Lock the grant (imports of one grant queue up), check every row, write the new ones when all is well."""
    chain.lock_grant(grant)
    report, rows = _check(grant, file, file_name, max_rows=max_rows, progress=progress)
    if not report.ok:
        return report
    lines = dict(grant.centre.programme_lines.values_list("number", "pk"))
    chain.seal_all(Expenditure.objects.bulk_create([
        Expenditure(grant=grant, extern_id=row.extern_id, date=row.date, category=row.category,
                    programme_line_id=lines.get(row.programme_line), amount=row.amount,
                    description=row.description, import_batch=batch, entered_by=actor)
        for row in rows
    ]), grant)
    report.written = True
    close_batch(batch, report, ImportBatch.State.DONE)
    record_event(batch, actor=actor, action="expenditure_imported", centre=grant.centre, summary=report.summary(),
                 changes={"file": batch.file_name, "rows": report.new_rows, "already_present": report.existing_rows,
                          "amount": str(report.amount)})
    return report


# Checking -----------------------------------------------------------------------------------------


def _check(grant: Grant, file, file_name: str, *, max_rows: int, progress=None) -> tuple[ExpenditureReport, list[Row]]:
    """Read and check every row; the report, and the new rows when the file is clean."""
    report, rows, facts, seen = ExpenditureReport(file_name=file_name), [], _Facts(grant), {}
    try:
        table = open_table(file, file_name, COLUMNS, max_rows=max_rows)
        for number, values in table.rows():
            report.rows += 1
            if progress is not None and report.rows % PROGRESS_EVERY == 0:
                progress(report.rows, 0)
            row = _check_row(number, values, table.headers, facts, seen, report)
            if row is None:
                continue
            if row.already_present:
                report.existing_rows += 1
            else:
                report.new_rows += 1
                report.amount += row.amount
                rows.append(row)
            if len(report.preview) < PREVIEW_ROWS:
                report.preview.append(row)
    except FileError as error:
        report.file_error(str(error), error.row)
    report.close_errors()
    if report.ok and report.rows == 0:
        report.file_error(_("The file has a header but no rows."))
    if not report.ok:
        report.new_rows, report.amount, rows = 0, Decimal("0.00"), []
    return report, rows


def _check_row(number: int, values: dict, headers: dict, facts: _Facts, seen: dict,
               report: ImportReport) -> Row | None:
    """The checked row, or None when something is wrong with it (each problem goes to the report)."""
    failed = []

    def fail(key: str, message: str) -> None:
        column = headers.get(key, DUTCH_NAMES[key])
        report.add_error(RowError(number, column, shown(cell_text(values.get(key, ""))), message))
        failed.append(key)

    def take(key: str, parse):
        try:
            return parse(values.get(key, ""))
        except CellError as error:
            fail(key, str(error))
            return None

    extern_id = take("extern_id", cells.extern_id)
    day = take("date", cells.day)
    category = take("category", facts.category)
    line = take("programme_line", facts.line)
    amount = take("amount", _amount)
    description = take("description", _description)
    if day is not None and (problem := facts.day_problem(day)):
        present = facts.existing.get(extern_id) == (day, category, line, amount, description)
        if not present:  # a row already imported keeps its date, even in a period closed since
            fail("date", problem)
    if failed:
        return None
    content = (day, category, line, amount, description)
    present = _already_present(extern_id, content, number, facts, seen, fail)
    if present is None:
        return None
    return Row(number, extern_id, day, category, line, amount, description, present)


def _already_present(extern_id: str, content: tuple, number: int, facts: _Facts, seen: dict, fail) -> bool | None:
    """True when the grant (or an earlier row) has this extern_id with this content; None when it differs."""
    if extern_id in facts.existing:
        if facts.existing[extern_id] == content:
            return True
        fail("extern_id", _("This extern_id is already recorded with other content. A correction needs a new "
                            "extern_id and a negative amount."))
        return None
    if extern_id in seen:
        if seen[extern_id][1] == content:
            return True
        fail("extern_id", _("This extern_id is also in row %(row)s of this file, with other content.")
             % {"row": seen[extern_id][0]})
        return None
    seen[extern_id] = (number, content)
    return False


# The web import: upload and check, then confirm -----------------------------------------------------


def preview_expenditure(*, grant: Grant, actor, upload) -> ImportBatch:
    """Check an uploaded file and record the outcome as an ImportBatch; nothing is written to the expenditure.

    A clean file waits in state *preview*, stored privately (MEDIA_ROOT/imports/, served by no
    URL) so that the confirmation imports exactly the file that was checked; a file with errors
    is *refused* and its batch keeps every error.
    """
    report = check_expenditure(grant=grant, actor=actor, file=upload, file_name=upload.name)
    batch = ImportBatch(
        centre=grant.centre, kind=ImportBatch.Kind.EXPENDITURE, file_name=upload.name[:255], actor=actor,
        state=ImportBatch.State.PREVIEW if report.ok else ImportBatch.State.REFUSED, total_rows=report.rows,
        existing_rows=report.existing_rows, total_amount=report.amount,
        errors=[error.as_dict() for error in report.errors], finished_at=None if report.ok else timezone.now(),
    )
    if report.ok:
        upload.seek(0)
        suffix = PurePath(upload.name).suffix.lower()[:10]
        batch.upload.save(f"{uuid.uuid4().hex}{suffix}", File(upload), save=False)
    batch.save()
    return batch


def preview_rows(batch: ImportBatch, grant: Grant) -> list[Row]:
    """The first rows of a file waiting for confirmation, checked again (an expenditure file is small)."""
    if batch.state != ImportBatch.State.PREVIEW or not batch.upload:
        return []
    try:
        with batch.upload.open("rb") as file:
            return check_expenditure(grant=grant, actor=batch.actor, file=file, file_name=batch.file_name).preview
    except (GrantError, OSError):
        return []


def import_confirmed(batch: ImportBatch, file, progress) -> ExpenditureReport:
    """The confirmed web import, run by the ledger's `run_import` task (registered in grants/apps.py): the stored
    file into the centre's current grant, recorded on the confirmed batch itself; checked again as it is written."""
    grant = current_grant(batch.centre, today=timezone.localdate())
    if grant is None:
        raise GrantError(_("The centre has no grant to record the expenditure in."))
    return import_expenditure(grant=grant, actor=batch.actor, file=file, file_name=batch.file_name, batch=batch,
                              progress=progress)
