"""Meetings and decisions in the partners' API, read only: what the person may open in the steering group's pages.

Meetings are those `visible_meetings` gives (the office every one, drafts included; the steering group's
readers every meeting that is not a working group's; anyone else the meetings they take part in); decisions
are those of these meetings (`governance.selectors.registers.decisions`, the decisions register's own query).
"""

import django_filters as filters
from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers

from civhub.api.rest.binding import IdFilter
from civhub.api.rest.centres import CentreDetailView, CentreListView
from civhub.api.rest.filters import date_filterset
from civhub.api.rest.schema import problems
from civhub.governance.models import AgendaItem, Decision, Meeting
from civhub.governance.permissions import visible_meetings
from civhub.governance.selectors.registers import decisions as decisions_register


def meetings(user, centre):
    """The meetings the user may open, latest first, with their agenda (two queries a page)."""
    items = Prefetch("items", queryset=AgendaItem.objects.order_by("position", "pk"))
    return (visible_meetings(user, centre).distinct().select_related("programme_line")
            .prefetch_related(items).order_by("-starts_at", "-pk"))


def decisions(user, centre):
    """The decisions of the meetings the user may open, newest first (one query a page)."""
    return decisions_register(user, centre)


class AgendaItemSerializer(serializers.ModelSerializer):
    """An item of a meeting's agenda, in its order."""

    class Meta:
        model = AgendaItem
        fields = ["id", "position", "title", "presenter", "duration_minutes", "purpose", "proposal"]


class MeetingSerializer(serializers.ModelSerializer):
    """A meeting with its agenda; `programme_line` is the line's number (working groups), else null."""

    programme_line = serializers.IntegerField(source="programme_line.number", read_only=True, allow_null=True,
                                              default=None)
    items = AgendaItemSerializer(many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = ["id", "kind", "title", "status", "starts_at", "ends_at", "place", "online_link", "is_public",
                  "programme_line", "items"]


class DecisionSerializer(serializers.ModelSerializer):
    """A decision of the register: its number, date and text, the meeting and the agenda item it was taken on."""

    meeting_title = serializers.CharField(source="meeting.title", read_only=True)
    item_title = serializers.CharField(source="item.title", read_only=True, allow_null=True, default=None)

    class Meta:
        model = Decision
        fields = ["id", "number", "year", "sequence", "decided_on", "text", "meeting", "meeting_title", "item",
                  "item_title"]


# `?from=`/`?to=` on the meeting's start, `?status=`, `?kind=`; decisions: on the day decided, `?meeting=`.
MeetingFilter = date_filterset(Meeting, date_field="starts_at", status_field="status",
                               kind=filters.ChoiceFilter(choices=Meeting.Kind.choices))
DecisionFilter = date_filterset(Decision, date_field="decided_on", meeting=IdFilter("meeting_id"))


@extend_schema_view(get=extend_schema(
    operation_id="listMeetings", summary="Meetings",
    description="The meetings the person may open: every one for the office (drafts too); the steering group's and "
                "partner consultations for the steering group and the partners' signatories; working groups for "
                "their participants. Filter by the start date (`from`, `to`), `status` and `kind`.",
    responses={200: MeetingSerializer(many=True), **problems(400, 404)}))
class MeetingList(CentreListView):
    """The meetings the person may open, latest first."""

    model = Meeting
    serializer_class = MeetingSerializer
    filterset_class = MeetingFilter

    def scoped_queryset(self, centre):
        return meetings(self.request.user, centre)


@extend_schema_view(get=extend_schema(
    operation_id="getMeeting", summary="One meeting", description="A meeting the person may open; else 404.",
    responses={200: MeetingSerializer, **problems(404)}))
class MeetingDetail(CentreDetailView):
    """One meeting with its agenda; one the person may not open is a 404."""

    model = Meeting
    serializer_class = MeetingSerializer

    def scoped_queryset(self, centre):
        return meetings(self.request.user, centre)


@extend_schema_view(get=extend_schema(
    operation_id="listDecisions", summary="Decisions",
    description="The decisions register: the decisions of the meetings the person may open, newest first. Filter by "
                "the day decided (`from`, `to`), `year` and `meeting`.",
    responses={200: DecisionSerializer(many=True), **problems(400, 404)}))
class DecisionList(CentreListView):
    """The decisions register as the person may read it, newest first."""

    model = Decision
    serializer_class = DecisionSerializer
    filterset_class = DecisionFilter

    def scoped_queryset(self, centre):
        return decisions(self.request.user, centre)


@extend_schema_view(get=extend_schema(
    operation_id="getDecision", summary="One decision",
    description="A decision of a meeting the person may open; else 404.",
    responses={200: DecisionSerializer, **problems(404)}))
class DecisionDetail(CentreDetailView):
    """One decision; a decision of a meeting the person may not open is a 404."""

    model = Decision
    serializer_class = DecisionSerializer

    def scoped_queryset(self, centre):
        return decisions(self.request.user, centre)
