"""Closing and reopening periods: a closed quarter or year takes no new entries, edits or imports."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civhub.core.audit import record_event
from civhub.core.formatting import format_date
from civhub.ledger.errors import LedgerError
from civhub.ledger.heads import record_chain_head
from civhub.ledger.models import PeriodLock
from civhub.ledger.permissions import is_finance_controller


def closed_lock_on(centre, day: date) -> PeriodLock | None:
    return PeriodLock.objects.filter(centre=centre, starts_on__lte=day, ends_on__gte=day,
                                     reopened_at__isnull=True).first()


def ensure_open(centre, day: date) -> None:
    """Raise when `day` lies in a closed period of the centre."""
    lock = closed_lock_on(centre, day)
    if lock is not None:
        raise LedgerError(_("The period %(start)s – %(end)s is closed: it takes no new entries, edits or imports.")
                          % {"start": format_date(lock.starts_on), "end": format_date(lock.ends_on)})


def period_bounds(span: str, year: int, quarter: int | None = None) -> tuple[date, date]:
    """First and last day of a calendar year or of one of its quarters."""
    if span == PeriodLock.Span.YEAR:
        return date(year, 1, 1), date(year, 12, 31)
    first_month = 3 * (quarter - 1) + 1
    end = date(year + 1, 1, 1) if quarter == 4 else date(year, first_month + 3, 1)
    return date(year, first_month, 1), date.fromordinal(end.toordinal() - 1)


def close_period(*, centre, actor, span: str, year: int, quarter: int | None = None) -> PeriodLock:
    """The finance controller closes a quarter or a year for the whole centre; the chains' heads are recorded."""
    if not is_finance_controller(actor, centre):
        raise LedgerError(_("Only the finance controller closes periods."))
    if span not in PeriodLock.Span.values or span == PeriodLock.Span.QUARTER and quarter not in (1, 2, 3, 4):
        raise LedgerError(_("Choose a year, or a quarter from 1 to 4."))
    starts_on, ends_on = period_bounds(span, year, quarter)
    with transaction.atomic():
        if closed_lock_on(centre, starts_on) and closed_lock_on(centre, ends_on):
            raise LedgerError(_("This period is already closed."))
        head = record_chain_head(centre=centre, actor=actor, day=ends_on,
                                 occasion=f"period {starts_on.isoformat()} – {ends_on.isoformat()} closed")
        lock = PeriodLock.objects.create(centre=centre, span=span, starts_on=starts_on, ends_on=ends_on,
                                         closed_by=actor, chain_head=head)
        record_event(lock, actor=actor, action="period_closed", centre=centre, summary=str(lock))
    return lock


def reopen_period(*, lock: PeriodLock, actor, reason: str) -> PeriodLock:
    """Only the finance controller reopens a closed period, and only with a reason; it is recorded."""
    reason = (reason or "").strip()
    if not is_finance_controller(actor, lock.centre):
        raise LedgerError(_("Only the finance controller reopens periods."))
    if not reason:
        raise LedgerError(_("Give a reason for reopening the period."))
    with transaction.atomic():
        lock = PeriodLock.objects.select_for_update().get(pk=lock.pk)
        if not lock.is_closed:
            raise LedgerError(_("This period is already open."))
        lock.reopened_by, lock.reopened_at, lock.reopen_reason = actor, timezone.now(), reason
        lock.save(update_fields=["reopened_by", "reopened_at", "reopen_reason"])
        record_event(lock, actor=actor, action="period_reopened", centre=lock.centre, summary=str(lock),
                     changes={"reason": reason})
    return lock
