"""Meetings for the centre's agenda page and feeds (read by the events app)."""

from django.db.models import Q, QuerySet

from civhub.governance.models import Meeting


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
