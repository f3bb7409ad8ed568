"""Subsidy expenditure: what the lead applicant spent of the subsidy, recorded by the finance controller.

An entry never changes once recorded. A mistake is corrected by a new entry with a negative
amount, so the list reads like a ledger and the audit trail shows both. The rules here
(date, category, amount, description, extern_id) are the ones the import applies to
every row of a file (civhub.grants.imports), with the same messages.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civhub.core.audit import record_event
from civhub.core.formatting import format_date, format_eur
from civhub.core.models import Grant, ProgrammeLine
from civhub.grants import chain
from civhub.grants.errors import GrantError
from civhub.grants.models import CostCategory, Expenditure
from civhub.grants.services.budget import ensure_finance
from civhub.ledger.services.periods import closed_lock_on

MAX_AMOUNT = Decimal("10000000")  # ten million euros, either way: a typing error, not a real entry
MAX_DESCRIPTION = 500


@dataclass(frozen=True)
class ExpenditureData:
    """One entry as the form (or a caller) gives it."""

    date: date
    category: str
    amount: Decimal
    description: str
    programme_line: ProgrammeLine | None = None
    extern_id: str = ""


def date_problem(grant: Grant, day: date, *, today: date, closed=None) -> str | None:
    """Why `day` cannot take expenditure (outside the grant, in the future, in a closed period), or None.

    `closed` is the closed period holding the day as (start, end), when the caller knows it already.
    """
    if day > today:
        return _("The date lies in the future.")
    if not grant.start <= day <= grant.end:
        return _("The date lies outside the grant period (%(start)s – %(end)s).") % {
            "start": format_date(grant.start), "end": format_date(grant.end)}
    if closed is not None:
        return _("The period %(start)s – %(end)s is closed: it takes no new entries, edits or imports.") % {
            "start": format_date(closed[0]), "end": format_date(closed[1])}
    return None


def amount_problem(amount: Decimal) -> str | None:
    """Why an amount cannot be recorded (zero, more than two decimals, too large), or None."""
    if not amount.is_finite() or amount == 0:
        return _("The amount may not be zero; a correction is a negative amount.")
    if amount != amount.quantize(Decimal("0.01")):
        return _("At most 2 decimals.")
    if abs(amount) > MAX_AMOUNT:
        return _("An amount is at most EUR 10,000,000 either way.")
    return None


def description_problem(text: str) -> str | None:
    if not 1 <= len(text) <= MAX_DESCRIPTION:
        return _("Give a description of 1 to 500 characters (this one has %(count)s).") % {"count": len(text)}
    return None


def record_expenditure(*, grant: Grant, actor, data: ExpenditureData) -> Expenditure:
    """Record one entry of subsidy spent (a negative amount corrects an earlier one); GrantError when refused."""
    ensure_finance(actor, grant)
    _check(grant, data)
    try:
        with transaction.atomic():
            chain.lock_grant(grant)
            entry = Expenditure.objects.create(
                grant=grant, extern_id=data.extern_id.strip(), date=data.date, category=data.category,
                programme_line=data.programme_line, amount=data.amount.quantize(Decimal("0.01")),
                description=data.description.strip(), entered_by=actor)
            chain.seal_all([entry], grant)
            record_event(entry, actor=actor, action="expenditure_recorded", centre=grant.centre,
                         summary=_("%(date)s %(category)s: %(amount)s") % {
                             "date": format_date(data.date), "category": entry.get_category_display(),
                             "amount": format_eur(entry.amount)},
                         changes={"amount": str(entry.amount), "extern_id": entry.extern_id})
    except IntegrityError:  # the same extern_id recorded at the same moment by someone else
        raise GrantError(_("This extern_id is already used by another entry of this grant.")) from None
    return entry


def _check(grant: Grant, data: ExpenditureData) -> None:
    lock = closed_lock_on(grant.centre, data.date)
    problems = [
        date_problem(grant, data.date, today=timezone.localdate(),
                     closed=(lock.starts_on, lock.ends_on) if lock else None),
        None if data.category in CostCategory.values else _("Unknown cost category."),
        _("This programme line belongs to another centre.")
        if data.programme_line is not None and data.programme_line.centre_id != grant.centre_id else None,
        amount_problem(data.amount),
        description_problem(data.description.strip()),
        _extern_id_problem(grant, data.extern_id.strip()),
    ]
    problems = [problem for problem in problems if problem]
    if problems:
        raise GrantError(" ".join(problems))


def _extern_id_problem(grant: Grant, extern_id: str) -> str | None:
    if len(extern_id) > 100:
        return _("An extern_id has at most 100 characters.")
    if extern_id and grant.expenditures.filter(extern_id=extern_id).exists():
        return _("This extern_id is already used by another entry of this grant.")
    return None
