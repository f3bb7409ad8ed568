"""What an import tells its user: every error with its row and column, a preview, the counts and totals.

The same report backs the web preview (a table of errors or of the first rows) and the
management commands (errors on stderr, one summary line on stdout).
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from civhub.ledger.models import ImportBatch

PREVIEW_ROWS = 50
# An import batch keeps at most this many errors for the web page.
STORED_ERRORS = 10_000
# The report itself lists every error up to this many (a file of 200,000 rows with nine bad cells
# each would otherwise hold 1.8 million of them in memory), then counts the rest.
REPORTED_ERRORS = 50_000
# A value is shown in the error report up to this length (a 600-character description is not read anyway).
SHOWN_VALUE = 80


@dataclass(frozen=True)
class RowError:
    """One problem in the file: row number as in the file (header = 1; 0 for the file as a whole),
    the column header as written in the file, the value found there, and what is wrong with it."""

    row: int
    column: str
    value: str
    message: str

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "value": self.value, "message": self.message}

    def __str__(self) -> str:
        if not self.column:
            return _("row %(row)s: %(message)s") % {"row": self.row, "message": self.message} if self.row \
                else self.message
        return _("row %(row)s, %(column)s, “%(value)s”: %(message)s") % self.as_dict()


def shown(value) -> str:
    """A cell's value as the error report shows it: text, shortened when long."""
    text = "" if value is None else str(value)
    return text if len(text) <= SHOWN_VALUE else text[: SHOWN_VALUE - 1] + "…"


@dataclass
class ImportReport:
    """The outcome of checking or importing one file.

    `new_rows` are the rows that were (or, when only checked, would be) added; their
    hours and value are `hours` and `amount`. `existing_rows` were in the ledger already
    with the same content. `errors` lists every problem; with any error nothing is written.
    """

    file_name: str
    noun: str = "rows"
    rows: int = 0
    new_rows: int = 0
    existing_rows: int = 0
    hours: Decimal = Decimal("0.00")
    amount: Decimal = Decimal("0.00")
    errors: list[RowError] = field(default_factory=list)
    unlisted_errors: int = 0
    preview: list = field(default_factory=list)
    written: bool = False
    batch: ImportBatch | None = None

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        """The command's success line (docs/formats.md §2); fixed English, because scripts read it."""
        verb = "imported" if self.written else "would import"
        line = f"{verb} {self.new_rows} {self.noun} ({self.existing_rows} already present)"
        if self.noun == "rows":
            line += f": {self.hours:.2f} hours, EUR {self.amount:.2f}"
        return line

    def add_error(self, error: RowError) -> None:
        if len(self.errors) < REPORTED_ERRORS:
            self.errors.append(error)
        else:
            self.unlisted_errors += 1

    def close_errors(self) -> None:
        """Say how many errors were counted but not listed (only in a file that is wrong throughout)."""
        if self.unlisted_errors:
            self.errors.append(RowError(0, "", "", ngettext(
                "… and %(count)s more error, not listed.", "… and %(count)s more errors, not listed.",
                self.unlisted_errors) % {"count": self.unlisted_errors}))
            self.unlisted_errors = 0

    def file_error(self, message: str, row: int | None = None) -> None:
        """The file as a whole is refused: this error replaces the row errors found so far."""
        self.errors, self.unlisted_errors = [RowError(row or 0, "", "", message)], 0


def start_batch(*, centre, actor, kind: str, file_name: str, partnership=None, as_accepted=False,
                reference: str = "") -> ImportBatch:
    """The import's record, written before the work starts so that a page can show it is running."""
    return ImportBatch.objects.create(
        centre=centre, partnership=partnership, kind=kind, state=ImportBatch.State.RUNNING,
        file_name=file_name[:255], as_accepted=as_accepted, reference=reference.strip(), actor=actor,
    )


def close_batch(batch: ImportBatch, report: ImportReport, state: str) -> None:
    """Record the outcome on the batch: counts and totals when done, the errors when refused."""
    batch.state = state
    batch.total_rows = report.rows
    batch.processed_rows = report.rows if state == ImportBatch.State.DONE else 0
    batch.created_rows, batch.existing_rows = report.new_rows, report.existing_rows
    batch.total_hours, batch.total_amount = report.hours, report.amount
    batch.errors = [error.as_dict() for error in report.errors[:STORED_ERRORS]]
    batch.finished_at = timezone.now()
    batch.save()
    report.batch = batch
