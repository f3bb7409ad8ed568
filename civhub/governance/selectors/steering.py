"""The steering group's composition on a date: the current seats and the former ones (the history)."""

from datetime import date

from civhub.governance.models import SteeringMember


def composition(centre, *, today: date) -> tuple[list[SteeringMember], list[SteeringMember]]:
    """(current seats, chair first; ended seats, latest first): one query."""
    seats = list(SteeringMember.objects.filter(centre=centre).select_related("user", "partnership__organisation"))
    current = [seat for seat in seats if seat.start <= today and (seat.end is None or seat.end >= today)]
    former = [seat for seat in seats if seat.end is not None and seat.end < today]
    order = {SteeringMember.Role.CHAIR: 0, SteeringMember.Role.MEMBER: 1, SteeringMember.Role.ADVISOR: 2}
    current.sort(key=lambda seat: (order[seat.role], seat.display_name))
    former.sort(key=lambda seat: seat.end, reverse=True)
    return current, former
