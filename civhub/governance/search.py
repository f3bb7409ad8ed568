"""The governance sources for the search (core/search.py): meetings and decisions.

Both start from the meetings the person may open (`visible_meetings`): the office every one, drafts included; the
steering group's readers the steering-group meetings and partner consultations; anyone the meetings they take
part in. A decision links to its meeting's decisions.
"""

from django.urls import reverse
from django.utils.text import Truncator

from civhub.core.search import Found, Hit, Query, choice_label, found, joined, matching
from civhub.governance.models import Decision, Meeting
from civhub.governance.permissions import visible_meetings

TITLE_LENGTH = 140  # a decision's text as the hit's title, cut at this many characters


def meetings(user, centre, query: Query) -> Found:
    """Meetings by title, place or kind, the latest first (two queries at most)."""
    found_meetings = matching(
        Meeting.objects.filter(pk__in=visible_meetings(user, centre).values("pk")),
        ["title", "place", choice_label("kind", Meeting.Kind.choices)], query, order=["-starts_at", "pk"])
    return found(found_meetings, lambda meeting: Hit(
        title=meeting.title, when=meeting.starts_at,
        context=joined(meeting.get_kind_display(), meeting.place,
                       meeting.get_status_display() if meeting.status == Meeting.Status.DRAFT else ""),
        url=reverse("governance:meeting", args=[centre.slug, meeting.pk])))


def decisions(user, centre, query: Query) -> Found:
    """Decisions by their text or number, the latest first, with their meeting (two queries at most)."""
    found_decisions = matching(
        Decision.objects.filter(centre=centre, meeting__in=visible_meetings(user, centre).values("pk"))
        .select_related("meeting"),
        ["text", "number"], query, order=["-decided_on", "-sequence", "-pk"])
    return found(found_decisions, lambda decision: Hit(
        title=Truncator(decision.text).chars(TITLE_LENGTH), context=joined(decision.number, decision.meeting.title),
        when=decision.decided_on,
        url=reverse("governance:meeting", args=[centre.slug, decision.meeting_id]) + "#decisions"))
