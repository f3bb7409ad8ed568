"""The steering group: its composition on a date (current and former seats), and its meetings as the
centre's agenda page and feeds show them (read by the events app)."""

from datetime import date

from django.db.models import Q, QuerySet

from civhub.governance.models import Meeting, SteeringMember


def composition(centre, *, today: date) -> tuple[list[SteeringMember], list[SteeringMember]]:
    """(current seats, chair first; ended seats, latest first): one query."""
    seats = list(SteeringMember.objects.filter(centre=centre).select_related("user", "partnership__organisation"))
    current = [seat for seat in seats if seat.start <= today and (seat.end is None or seat.end >= today)]
    former = [seat for seat in seats if seat.end is not None and seat.end < today]
    order = {SteeringMember.Role.CHAIR: 0, SteeringMember.Role.MEMBER: 1, SteeringMember.Role.ADVISOR: 2}
    current.sort(key=lambda seat: (order[seat.role], seat.display_name))
    former.sort(key=lambda seat: seat.end, reverse=True)
    return current, former


def meetings_for_agenda(centre, *, public_only: bool, user=None) -> QuerySet[Meeting]:
    """The centre's meetings with a published agenda that belong on an agenda, soonest first.

    With public_only, only meetings marked public; otherwise the public ones plus those the user takes part
    in. Drafts never appear: their date and agenda are not settled.
    """
    meetings = Meeting.objects.filter(centre=centre).exclude(status=Meeting.Status.DRAFT)
    if public_only or user is None or not user.is_authenticated:
        shown = Q(is_public=True)
    else:
        shown = Q(is_public=True) | Q(participants=user)
    return meetings.filter(shown).distinct().select_related("programme_line").order_by("starts_at", "pk")
