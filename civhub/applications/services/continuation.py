"""Writing the continuation forecast: income and costs for the years after the subsidy (how the centre lives on).

A line's year lies after the planned end; income may name the partner that brings it (the
partners confirm those commitments after the award, services/commitments.py). The forecast changes in a draft,
and again after the award while the partners are asked for their commitments after the subsidy.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from civhub.applications.errors import ApplicationError
from civhub.applications.models import Application, BudgetSide, ContinuationLine
from civhub.applications.services.applications import ensure_editor, locked_for_continuation
from civhub.applications.services.budget import MAX_AMOUNT
from civhub.core.audit import field_changes, record_event

# How far after the subsidy a forecast may look.
HORIZON_YEARS = 10
DESCRIPTION_LENGTH = ContinuationLine._meta.get_field("description").max_length


@dataclass
class ContinuationData:
    """What a continuation line says."""

    year: int
    side: str
    description: str
    amount: Decimal
    partnership: object = None

    def fields(self) -> dict:
        return {"year": self.year, "side": self.side, "description": self.description.strip(),
                "amount": self.amount, "partnership": self.partnership}


def continuation_problem(application: Application, data: ContinuationData) -> tuple[str, str] | None:
    """(field, message) for the first thing wrong with the line, or None."""
    end = application.planned_end.year
    if not end < data.year <= end + HORIZON_YEARS:
        return "year", _("Choose a year after the subsidy: %(first)s to %(last)s.") % {
            "first": end + 1, "last": end + HORIZON_YEARS}
    if data.side not in BudgetSide.values:
        return "side", _("Say whether the line is income or a cost.")
    if not 1 <= len(data.description.strip()) <= DESCRIPTION_LENGTH:
        return "description", _("Give a description of 1 to %(count)s characters.") % {"count": DESCRIPTION_LENGTH}
    if not Decimal("0") < data.amount <= MAX_AMOUNT:
        return "amount", _("An amount is more than EUR 0 and at most EUR 100,000,000.")
    if data.partnership is not None:
        if data.side == BudgetSide.COST:
            return "partnership", _("A cost names no partner: income says who brings it.")
        if data.partnership.centre_id != application.centre_id:
            return "partnership", _("Choose one of the centre's partners.")
    return None


def _refuse_if_wrong(application, data: ContinuationData) -> None:
    problem = continuation_problem(application, data)
    if problem:
        raise ApplicationError(problem[1], field=problem[0])


def add_continuation_line(*, application: Application, actor, data: ContinuationData) -> ContinuationLine:
    ensure_editor(actor, application.centre)
    with transaction.atomic():
        application = locked_for_continuation(application)
        _refuse_if_wrong(application, data)
        line = ContinuationLine.objects.create(application=application, **data.fields())
        record_event(line, actor=actor, action="continuation_line_added", centre=application.centre,
                     summary=line.description, changes={"year": line.year, "side": line.side,
                                                        "amount": str(line.amount)})
    return line


def update_continuation_line(*, line: ContinuationLine, actor, data: ContinuationData) -> ContinuationLine:
    ensure_editor(actor, line.application.centre)
    with transaction.atomic():
        application = locked_for_continuation(line.application)
        _refuse_if_wrong(application, data)
        line = ContinuationLine.objects.select_for_update().get(pk=line.pk)
        changes = field_changes(line, data.fields())
        for name, value in data.fields().items():
            setattr(line, name, value)
        line.save()
        record_event(line, actor=actor, action="continuation_line_changed", centre=application.centre,
                     summary=line.description, changes=changes)
    return line


def delete_continuation_line(*, line: ContinuationLine, actor) -> None:
    ensure_editor(actor, line.application.centre)
    with transaction.atomic():
        application = locked_for_continuation(line.application)
        line = ContinuationLine.objects.select_for_update().get(pk=line.pk)
        record_event(line, actor=actor, action="continuation_line_removed", centre=application.centre,
                     summary=line.description, changes={"year": line.year, "side": line.side,
                                                        "amount": str(line.amount)})
        line.delete()
