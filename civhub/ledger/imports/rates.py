"""Importing rate cards (docs/formats.md §3): a partner's hourly rate per staff category from a date on.

All or nothing, like every import. A row whose partner, category and valid_from are in
the ledger already with the same rate is counted as already present; the same key with
another rate is an error (a rate that changes gets a new valid_from, so the old entries
keep the rate that was in force on their day).
"""

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from civhub.core.audit import record_event
from civhub.ledger.imports import cells
from civhub.ledger.imports.parsing import MAX_ROWS, Column, FileError, open_table
from civhub.ledger.imports.report import PREVIEW_ROWS, ImportReport, RowError, close_batch, shown, start_batch
from civhub.ledger.imports.values import CellError, cell_text
from civhub.ledger.models import ImportBatch, RateCard
from civhub.ledger.permissions import ensure_may_import_rates
from civhub.partners.models import Partnership

COLUMNS = (
    Column("partner", ("partner",)),
    Column("category", ("categorie", "category")),
    Column("hourly_rate", ("uurtarief", "hourly_rate")),
    Column("valid_from", ("geldig_vanaf", "valid_from")),
)


def import_rates(*, centre, actor, file, file_name: str, dry_run: bool = False,
                 max_rows: int = MAX_ROWS) -> ImportReport:
    """Import a rate-card file for `centre`, all or nothing; `dry_run` checks and writes nothing.

    Only the programme office may (LedgerError otherwise). The report's preview holds the
    first rows as RateCard objects (unsaved); a refused file leaves an ImportBatch with its errors.
    """
    ensure_may_import_rates(actor, centre)
    if dry_run:
        return _check(centre, file, file_name, max_rows=max_rows)[0]
    batch = start_batch(centre=centre, actor=actor, kind=ImportBatch.Kind.RATES, file_name=file_name)
    with transaction.atomic():
        report, cards = _check(centre, file, file_name, max_rows=max_rows)
        if report.ok:
            bulk_create_with_history(cards, RateCard, default_user=actor)
            report.written = True
            close_batch(batch, report, ImportBatch.State.DONE)
            record_event(batch, actor=actor, action="rates_imported", centre=centre, summary=report.summary(),
                         changes={"file": batch.file_name, "rates": report.new_rows,
                                  "already_present": report.existing_rows})
    if not report.ok:
        close_batch(batch, report, ImportBatch.State.REFUSED)
    return report


def _check(centre, file, file_name: str, *, max_rows: int) -> tuple[ImportReport, list[RateCard]]:
    """Every row checked against the centre's partners and existing cards; the new cards when all is well."""
    report, cards = ImportReport(file_name=file_name, noun="rates"), []
    partners = list(Partnership.objects.filter(centre=centre).select_related("organisation"))
    by_code = {p.short_code.lower(): p for p in partners} | {p.organisation.name: p for p in partners}
    existing = {(card.partnership_id, card.category.lower(), card.valid_from): card.hourly_rate
                for card in RateCard.objects.filter(partnership__centre=centre)}
    seen: dict[tuple, tuple[int, Decimal]] = {}
    try:
        table = open_table(file, file_name, COLUMNS, max_rows=max_rows)
        for number, values in table.rows():
            report.rows += 1
            card = _check_row(number, values, table.headers, by_code, report)
            if card is not None and _is_new(card, number, existing, seen, table.headers, values, report):
                cards.append(card)
    except FileError as error:
        report.file_error(str(error), error.row)
    report.close_errors()
    if report.ok and report.rows == 0:
        report.file_error(_("The file has a header but no rows."))
    report.new_rows = len(cards) if report.ok else 0
    report.preview = cards[:PREVIEW_ROWS]
    return report, cards if report.ok else []


def _check_row(number: int, values: dict, headers: dict, partners: dict, report: ImportReport) -> RateCard | None:
    checked, failed = {}, False
    for key, parse in (("partner", lambda value: _partner(value, partners)),
                       ("category", lambda value: cells.category(value, needed=True)),
                       ("hourly_rate", cells.hourly_rate), ("valid_from", cells.day)):
        try:
            checked[key] = parse(values.get(key, ""))
        except CellError as error:
            report.add_error(RowError(number, headers[key], shown(cell_text(values.get(key, ""))), str(error)))
            failed = True
    if failed:
        return None
    return RateCard(partnership=checked["partner"], category=checked["category"],
                    hourly_rate=checked["hourly_rate"], valid_from=checked["valid_from"])


def _is_new(card: RateCard, number: int, existing: dict, seen: dict, headers: dict, values: dict,
            report: ImportReport) -> bool:
    """True for a card to add; False when present already (counted) or conflicting (an error)."""
    key = (card.partnership_id, card.category, card.valid_from)
    known = existing.get(key, seen.get(key, (None, None))[1])
    if known is None:
        seen[key] = (number, card.hourly_rate)
        return True
    if known == card.hourly_rate:
        report.existing_rows += 1
        return False
    message = (_("This partner already has rate EUR %(rate)s for this category from this date; a new rate needs "
                 "a new valid_from date.") if key in existing else
               _("Row %(row)s of this file gives another rate for this partner, category and date."))
    report.add_error(RowError(number, headers["hourly_rate"], shown(cell_text(values.get("hourly_rate"))),
                                  message % {"rate": existing.get(key), "row": seen.get(key, (0,))[0]}))
    return False


def _partner(value, partners: dict) -> Partnership:
    name = cell_text(value)
    partner = partners.get(name.lower()) or partners.get(name)
    if partner is None:
        raise CellError(_("Unknown partner: use the short code or the exact name of a partner of this centre."))
    return partner
