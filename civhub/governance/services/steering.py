"""The office keeps the steering group's composition; seats are closed with an end date, never deleted."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from civhub.core.audit import record_event
from civhub.governance.errors import GovernanceError
from civhub.governance.models import SteeringMember
from civhub.governance.services.meetings import ensure_editor


@dataclass
class SeatData:
    """Who sits in the steering group, for which partner, in which role, from when."""

    role: str
    start: date
    user: object = None
    name: str = ""
    partnership: object = None
    end: date | None = None


def _check(centre, data: SeatData) -> None:
    if data.user is None and not data.name.strip():
        raise GovernanceError(_("Choose a person with a login or give a name."), field="name")
    if data.end is not None and data.end < data.start:
        raise GovernanceError(_("The end date lies before the start date."), field="end")
    if data.partnership is not None and data.partnership.centre_id != centre.pk:
        raise GovernanceError(_("Choose one of the centre's partners."), field="partnership")


def add_seat(*, centre, actor, data: SeatData) -> SteeringMember:
    ensure_editor(actor, centre)
    _check(centre, data)
    with transaction.atomic():
        seat = SteeringMember.objects.create(centre=centre, user=data.user, name=data.name.strip(),
                                             partnership=data.partnership, role=data.role, start=data.start,
                                             end=data.end)
        record_event(seat, actor=actor, action="steering_seat_added", centre=centre, summary=seat.display_name)
    return seat


def end_seat(*, seat, actor, end: date) -> SteeringMember:
    """Close a seat on `end`: the row stays, so the history shows who sat when."""
    ensure_editor(actor, seat.centre)
    if seat.end is not None:
        raise GovernanceError(_("This seat has already ended."))
    if end < seat.start:
        raise GovernanceError(_("The end date lies before the start date."), field="end")
    with transaction.atomic():
        seat.end = end
        seat.save(update_fields=["end"])
        record_event(seat, actor=actor, action="steering_seat_ended", centre=seat.centre, summary=seat.display_name)
    return seat
