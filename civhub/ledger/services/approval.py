"""The two keys: the partner's signatory approves, the finance controller accepts; corrections reverse.

Every step locks the entry's row, so two people acting on one entry at once cannot both
succeed; the loser gets a LedgerError saying what happened.
"""

from functools import partial

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civhub.core import hooks
from civhub.core.audit import record_event
from civhub.ledger import chain, notifications
from civhub.ledger.errors import LedgerError
from civhub.ledger.models import Contribution
from civhub.ledger.permissions import is_finance_controller, may_approve
from civhub.ledger.services.entries import locked, record_status
from civhub.ledger.services.periods import ensure_open
from civhub.ledger.valuation import grant_on, hourly_rate_for, value_of

Status = Contribution.Status

# The only moves the ledger allows: (from, to).
TRANSITIONS = {
    (Status.DRAFT, Status.SUBMITTED),
    (Status.SUBMITTED, Status.APPROVED),
    (Status.APPROVED, Status.ACCEPTED),
    (Status.SUBMITTED, Status.REJECTED),
    (Status.APPROVED, Status.REJECTED),
    (Status.ACCEPTED, Status.REVERSED),
    (Status.REJECTED, Status.DRAFT),
}


def ensure_transition(entry: Contribution, target: str) -> None:
    if (entry.status, target) not in TRANSITIONS:
        raise LedgerError(
            _("A contribution that is %(current)s cannot become %(target)s.")
            % {"current": entry.get_status_display(), "target": Status(target).label}
        )


def approve_contribution(*, entry: Contribution, actor) -> Contribution:
    """The partner's signatory approves a submitted entry (never one they entered)."""
    with transaction.atomic():
        entry = locked(entry)
        ensure_transition(entry, Status.APPROVED)
        if not may_approve(actor, entry):
            raise LedgerError(_("Only another person, the signatory of this partner, can approve this entry."))
        entry.status, entry.approved_by, entry.approved_at = Status.APPROVED, actor, timezone.now()
        entry.save(update_fields=["status", "approved_by", "approved_at", "updated_at"])
        record_status(entry, actor=actor, action="approved", from_status=Status.SUBMITTED)
        notifications.approved(entry, actor=actor)
    return entry


def reject_contribution(*, entry: Contribution, actor, reason: str) -> Contribution:
    """Send a submitted or approved entry back to the partner, with a reason."""
    reason = (reason or "").strip()
    if not reason:
        raise LedgerError(_("Give a reason: the partner needs it to correct the entry."))
    with transaction.atomic():
        entry = locked(entry)
        ensure_transition(entry, Status.REJECTED)
        allowed = may_approve(actor, entry) if entry.status == Status.SUBMITTED else is_finance_controller(
            actor, entry.centre)
        if not allowed:
            raise LedgerError(_("You may not reject this entry."))
        before = entry.status
        entry.status, entry.rejection_reason = Status.REJECTED, reason
        entry.save(update_fields=["status", "rejection_reason", "updated_at"])
        record_status(entry, actor=actor, action="rejected", from_status=before, reason=reason)
        notifications.rejected(entry, actor=actor)
    return entry


def _freeze_value(entry: Contribution) -> None:
    """Value an hours entry at the rate in force on its day as it stands now, and keep that from now on.

    A rate card may still be corrected while no accepted entry uses it (services.reference);
    the entries waiting for acceptance then take the corrected rate here.
    """
    if entry.hours is None:
        return
    rate = hourly_rate_for(partnership=entry.partnership, category=entry.category, day=entry.date,
                           grant=grant_on(entry.centre, entry.date))
    entry.hourly_rate, entry.amount = rate, value_of(entry.hours, rate)


def ensure_four_eyes(entry: Contribution, actor) -> None:
    """Nobody accepts an entry they entered or approved themselves: the second key is another person's."""
    if actor.pk in (entry.entered_by_id, entry.approved_by_id):
        raise LedgerError(_("You entered or approved this entry yourself: another finance controller accepts it."))


def accept_contribution(*, entry: Contribution, actor) -> Contribution:
    """The finance controller accepts an approved entry: its rate is frozen and it joins the hash chain."""
    with transaction.atomic():
        entry = locked(entry)
        ensure_transition(entry, Status.ACCEPTED)
        if not is_finance_controller(actor, entry.centre):
            raise LedgerError(_("Only the finance controller accepts entries."))
        ensure_four_eyes(entry, actor)
        ensure_open(entry.centre, entry.date)
        _freeze_value(entry)
        chain.lock_chain(entry.centre)
        entry.status, entry.accepted_by, entry.accepted_at = Status.ACCEPTED, actor, timezone.now()
        entry.accepted_on, entry.provenance = timezone.localdate(), Contribution.Provenance.TWO_KEYS
        index, previous = chain.chain_tip(entry.centre)
        chain.seal(entry, index=index, previous_hash=previous)
        entry.save()
        record_status(entry, actor=actor, action="accepted", from_status=Status.APPROVED)
        record_event(entry, actor=actor, action="contribution_accepted", centre=entry.centre,
                     summary=f"{entry.partnership.short_code} EUR {entry.amount}")
        hooks.publish("contribution.accepted", entry.centre, partial(accepted_payload, entry))
    return entry


def accepted_payload(entry: Contribution) -> dict:
    """What a webhook tells of an accepted entry: its figures and the partner's code, no description and no people
    (docs/webhooks.md)."""
    return {"contribution": {
        "id": entry.pk, "partner": entry.partnership.short_code, "date": entry.date.isoformat(), "kind": entry.kind,
        "hours": None if entry.hours is None else str(entry.hours), "amount": str(entry.amount),
        "accepted_at": entry.accepted_at.isoformat(), "content_hash": entry.content_hash,
    }}


def reverse_contribution(*, entry: Contribution, actor, reason: str) -> Contribution:
    """Correct an accepted entry: an accepted entry of the opposite value, linked to it, with a reason.

    The original keeps its content (and its hash); only its status says it was reversed.
    The reversal takes the original's origin, so a reversed migrated entry leaves the
    migrated share too, and counts from the day it is made (reports as of earlier dates keep
    the original). The finance controller makes it alone: it only ever lowers what counts.
    Returns the reversal entry.
    """
    reason = (reason or "").strip()
    if not reason:
        raise LedgerError(_("Give a reason for the reversal."))
    with transaction.atomic():
        entry = locked(entry)
        ensure_transition(entry, Status.REVERSED)
        if entry.is_reversal:
            raise LedgerError(_("A reversal cannot itself be reversed: record a new entry instead."))
        if not is_finance_controller(actor, entry.centre):
            raise LedgerError(_("Only the finance controller reverses accepted entries."))
        ensure_open(entry.centre, entry.date)  # the reversal is a new entry on the original's date
        chain.lock_chain(entry.centre)
        now = timezone.now()
        reversal = Contribution.objects.create(
            centre=entry.centre, partnership=entry.partnership, date=entry.date, kind=entry.kind,
            programme_line=entry.programme_line, category=entry.category, hours=None,
            hourly_rate=entry.hourly_rate, amount=-entry.amount, description=entry.description[:500],
            entered_by=actor, approved_by=actor, approved_at=now, accepted_by=actor, accepted_at=now,
            accepted_on=timezone.localdate(), provenance=entry.provenance,
            status=Status.ACCEPTED, reversal_of=entry, reversal_reason=reason,
        )
        index, previous = chain.chain_tip(entry.centre)
        chain.seal(reversal, index=index, previous_hash=previous)
        reversal.save(update_fields=["chain_index", "previous_hash", "content_hash"])
        entry.status = Status.REVERSED
        entry.save(update_fields=["status", "updated_at"])
        record_status(entry, actor=actor, action="reversed", from_status=Status.ACCEPTED, reason=reason)
        record_status(reversal, actor=actor, action="reversal", from_status="", reason=reason)
        record_event(entry, actor=actor, action="contribution_reversed", centre=entry.centre,
                     summary=f"EUR {entry.amount}", changes={"reason": reason, "reversal": reversal.pk})
    return reversal


def bulk(action, entries, **kwargs) -> tuple[list[Contribution], list[tuple[Contribution, str]]]:
    """Apply one of the steps above to several entries; each in its own transaction.

    Returns (done, failed with the reason), so one refused entry does not block the rest.
    """
    done, failed = [], []
    for entry in entries:
        try:
            done.append(action(entry=entry, **kwargs))
        except LedgerError as error:
            failed.append((entry, str(error)))
    return done, failed
