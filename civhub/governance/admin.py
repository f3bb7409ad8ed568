"""Admin for the steering group and its meetings, scoped to the centre admin's centres.

Meetings are planned, published and minuted on the governance pages; the admin is for looking
up and correcting a typo. A meeting's status and publication are read-only here (publishing
tells the participants), and so is the record: published minutes (a correction is a new
version with a reason, made on the meeting's page) and the numbered decisions register.
"""

from django.contrib import admin

from civhub.core.admin_scoping import CentreScopedAdmin, ReadOnlyAdminMixin
from civhub.governance.models import (
    Action,
    AgendaItem,
    Decision,
    Meeting,
    MeetingDocument,
    MinutesEntry,
    MinutesVersion,
    SteeringMember,
)


@admin.register(SteeringMember)
class SteeringMemberAdmin(CentreScopedAdmin):
    list_display = ["__str__", "role", "partnership", "start", "end"]
    list_filter = ["centre", "role"]
    list_select_related = ["user", "partnership__organisation", "partnership__centre"]
    search_fields = ["name", "user__full_name", "user__email"]


@admin.register(Meeting)
class MeetingAdmin(CentreScopedAdmin):
    list_display = ["title", "kind", "starts_at", "place", "status"]
    list_filter = ["centre", "kind", "status"]
    search_fields = ["title"]
    readonly_fields = ["status", "agenda_published_at"]
    date_hierarchy = "starts_at"


@admin.register(AgendaItem)
class AgendaItemAdmin(CentreScopedAdmin):
    centre_path = "meeting__centre"
    list_display = ["title", "meeting", "position", "presenter", "purpose"]
    list_filter = ["meeting__centre", "purpose"]
    list_select_related = ["meeting"]
    search_fields = ["title", "presenter"]


@admin.register(MeetingDocument)
class MeetingDocumentAdmin(CentreScopedAdmin):
    centre_path = "item__meeting__centre"
    list_display = ["title", "item", "added_at"]
    list_filter = ["item__meeting__centre"]
    list_select_related = ["item__meeting"]
    search_fields = ["title"]


@admin.register(MinutesVersion)
class MinutesVersionAdmin(ReadOnlyAdminMixin, CentreScopedAdmin):
    centre_path = "meeting__centre"
    list_display = ["meeting", "number", "published_at", "published_by", "correction_reason"]
    list_filter = ["meeting__centre"]
    list_select_related = ["meeting", "published_by"]


@admin.register(MinutesEntry)
class MinutesEntryAdmin(ReadOnlyAdminMixin, CentreScopedAdmin):
    centre_path = "version__meeting__centre"
    list_display = ["version", "item"]
    list_filter = ["version__meeting__centre"]
    list_select_related = ["version__meeting", "item"]


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdminMixin, CentreScopedAdmin):
    list_display = ["number", "meeting", "decided_on", "text", "recorded_by"]
    list_filter = ["centre", "year"]
    list_select_related = ["meeting", "recorded_by"]
    search_fields = ["number", "text"]


@admin.register(Action)
class ActionAdmin(CentreScopedAdmin):
    list_display = ["what", "owner", "due_date", "status", "done_on", "meeting"]
    list_filter = ["centre", "status"]
    list_select_related = ["owner", "meeting"]
    search_fields = ["what"]
    # Done is marked on the actions list; the overdue reminder goes once, and the admin cannot re-arm it.
    readonly_fields = ["status", "done_on", "reminded_at", "created_at"]
    date_hierarchy = "due_date"
