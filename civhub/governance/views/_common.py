"""Shared bits of the governance views: loading a meeting with its access check and linking to it."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse

from civhub.governance.models import Meeting
from civhub.governance.permissions import ensure_may_see, may_edit


def meeting_for(request, centre, pk) -> Meeting:
    """The centre's meeting (404 for another centre's, and a draft for anyone but the office), 403 without access."""
    meeting = get_object_or_404(Meeting.objects.select_related("centre", "programme_line"), centre=centre, pk=pk)
    if meeting.status == Meeting.Status.DRAFT and not may_edit(request.user, centre):
        raise Http404
    ensure_may_see(request.user, meeting)
    return meeting


def meeting_url(meeting, anchor: str = "") -> str:
    return reverse("governance:meeting", args=[meeting.centre.slug, meeting.pk]) + anchor
