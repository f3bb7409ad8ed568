"""Recording contributions: a partner's drafts, edits and submissions."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civhub.core.audit import record_event
from civhub.core.choices import MATERIAL_CATEGORY, STAFF_TIME_KINDS
from civhub.ledger import notifications
from civhub.ledger.errors import LedgerError
from civhub.ledger.models import Contribution, StatusEvent
from civhub.ledger.permissions import may_enter
from civhub.ledger.services.periods import ensure_open
from civhub.ledger.valuation import grant_on, hourly_rate_for, value_of

Status = Contribution.Status
MAX_AMOUNT = Decimal("1000000")


@dataclass
class EntryData:
    """What a person (or an import row) says about one contribution."""

    date: date
    kind: str
    description: str
    hours: Decimal | None = None
    amount: Decimal | None = None
    category: str = ""
    programme_line: object = None
    extern_id: str = ""
    activity: object = None  # the programme activity the contribution served (optional)


def staff_time_as_amount(kind: str, category: str, *, fixed_rate) -> bool:
    """Whether an amount is refused: under a fixed hourly rate (RIF 2014 art. 14(3)) staff time is hours.

    Organisation, research, education and lifelong-learning work is staff time; an amount is
    allowed for lab use, cash, BPV, or a material cost booked under the category `materiaal`.
    """
    return fixed_rate is not None and kind in STAFF_TIME_KINDS and category != MATERIAL_CATEGORY


STAFF_TIME_MESSAGE = gettext_lazy("Under this grant's fixed hourly rate, staff time is recorded in hours: give the "
                                  "hours. An amount is only for lab use, cash, BPV or a material cost (category "
                                  "“materiaal”).")


def valuation(partnership, data: EntryData) -> tuple[Decimal | None, Decimal]:
    """(hourly rate, value) of an entry: hours at the rate in force that day, or the amount given."""
    if (data.hours is None) == (data.amount is None):
        raise LedgerError(_("Give either hours or an amount, not both and not neither."))
    grant = grant_on(partnership.centre, data.date)
    if data.amount is not None:
        if not Decimal("0") < data.amount <= MAX_AMOUNT:
            raise LedgerError(_("An amount must be more than EUR 0 and at most EUR 1,000,000."))
        if staff_time_as_amount(data.kind, data.category, fixed_rate=grant and grant.fixed_hourly_rate):
            raise LedgerError(str(STAFF_TIME_MESSAGE))
        return None, data.amount
    if not Decimal("0") < data.hours <= Decimal("24"):
        raise LedgerError(_("Hours must be more than 0 and at most 24 per entry."))
    rate = hourly_rate_for(partnership=partnership, category=data.category, day=data.date, grant=grant)
    return rate, value_of(data.hours, rate)


def check_date(partnership, day: date) -> None:
    """A contribution lies inside the grant period, not in the future and not in a closed period."""
    if day > timezone.localdate():
        raise LedgerError(_("The date lies in the future."))
    if grant_on(partnership.centre, day) is None:
        raise LedgerError(_("The date lies outside the grant period."))
    ensure_open(partnership.centre, day)


def record_status(entry: Contribution, *, actor, action: str, from_status: str, reason: str = "") -> None:
    StatusEvent.objects.create(contribution=entry, actor=actor, action=action, from_status=from_status,
                               to_status=entry.status, reason=reason)


def create_contribution(*, partnership, actor, data: EntryData, evidence=None, submit: bool = False) -> Contribution:
    """A partner contact or signatory records a contribution, as a draft or submitted at once."""
    if not may_enter(actor, partnership):
        raise LedgerError(_("You can only record contributions for your own organisation."))
    check_date(partnership, data.date)
    rate, amount = valuation(partnership, data)
    with transaction.atomic():
        entry = Contribution.objects.create(
            centre=partnership.centre, partnership=partnership, extern_id=data.extern_id, date=data.date,
            kind=data.kind, programme_line=data.programme_line, activity=data.activity, category=data.category,
            hours=data.hours,
            hourly_rate=rate, amount=amount, description=data.description, entered_by=actor,
            status=Status.SUBMITTED if submit else Status.DRAFT, evidence=evidence or "",
        )
        record_status(entry, actor=actor, action="submitted" if submit else "created", from_status="")
        record_event(entry, actor=actor, action="contribution_created", centre=entry.centre,
                     summary=f"{partnership.short_code} {entry.date} EUR {entry.amount}")
        if submit:
            notifications.submitted(entry, actor=actor)
    return entry


def locked(entry: Contribution) -> Contribution:
    """The entry reloaded under a row lock: two people acting on it at once cannot both succeed."""
    return Contribution.objects.select_for_update().select_related("partnership__centre").get(pk=entry.pk)


def _lock_for_partner(entry: Contribution, actor, allowed: set[str]) -> Contribution:
    entry = locked(entry)
    if not may_enter(actor, entry.partnership):
        raise LedgerError(_("You can only change contributions of your own organisation."))
    if entry.status not in allowed:
        raise LedgerError(_("A contribution that is %(status)s can no longer be changed.")
                          % {"status": entry.get_status_display()})
    return entry


def update_contribution(*, entry: Contribution, actor, data: EntryData, evidence=None) -> Contribution:
    """Edit a draft or a rejected entry; a rejected entry becomes a draft again."""
    with transaction.atomic():
        entry = _lock_for_partner(entry, actor, {Status.DRAFT, Status.REJECTED})
        ensure_open(entry.centre, entry.date)
        check_date(entry.partnership, data.date)
        rate, amount = valuation(entry.partnership, data)
        before = entry.status
        for name in ("date", "kind", "programme_line", "activity", "category", "hours", "description"):
            setattr(entry, name, getattr(data, name))
        entry.hourly_rate, entry.amount, entry.status = rate, amount, Status.DRAFT
        if evidence is not None:
            entry.evidence = evidence
        entry.save()
        record_status(entry, actor=actor, action="edited", from_status=before)
        record_event(entry, actor=actor, action="contribution_edited", centre=entry.centre,
                     summary=f"EUR {entry.amount}")
    return entry


def submit_contribution(*, entry: Contribution, actor) -> Contribution:
    """Send a draft to the partner's signatory."""
    with transaction.atomic():
        entry = _lock_for_partner(entry, actor, {Status.DRAFT})
        ensure_open(entry.centre, entry.date)
        entry.status = Status.SUBMITTED
        entry.save(update_fields=["status", "updated_at"])
        record_status(entry, actor=actor, action="submitted", from_status=Status.DRAFT)
        notifications.submitted(entry, actor=actor)
    return entry


def delete_draft(*, entry: Contribution, actor) -> None:
    """Remove a draft that was never submitted (nothing of it counted anywhere)."""
    with transaction.atomic():
        entry = _lock_for_partner(entry, actor, {Status.DRAFT})
        record_event(entry, actor=actor, action="draft_deleted", centre=entry.centre,
                     summary=f"{entry.partnership.short_code} {entry.date} EUR {entry.amount}")
        entry.delete()
