"""Admin for events and registrations, scoped to the centre admin's centres: read-only.

A change to an event reaches its registrants through the office pages (a new revision, an
e-mail, the calendar file's sequence number), and registrations, the waiting list and check-in
are kept by the registration services; an edit here would bypass both. The admin is for
looking things up. A person's calendar-feed token is not here at all: it is their own secret.
"""

from django.contrib import admin

from civhub.core.admin_scoping import CentreScopedAdmin, ReadOnlyAdminMixin
from civhub.events.models import Event, EventQuestion, Registration


@admin.register(Event)
class EventAdmin(ReadOnlyAdminMixin, CentreScopedAdmin):
    list_display = ["title", "kind", "starts_at", "location", "capacity", "audience"]
    list_filter = ["centre", "kind", "audience"]
    search_fields = ["title"]
    date_hierarchy = "starts_at"


@admin.register(EventQuestion)
class EventQuestionAdmin(ReadOnlyAdminMixin, CentreScopedAdmin):
    centre_path = "event__centre"
    list_display = ["label", "event", "kind", "required"]
    list_filter = ["event__centre", "kind"]
    list_select_related = ["event"]


@admin.register(Registration)
class RegistrationAdmin(ReadOnlyAdminMixin, CentreScopedAdmin):
    centre_path = "event__centre"
    list_display = ["name", "email", "event", "status", "created_at", "confirmed_at", "checked_in_at"]
    list_filter = ["event__centre", "status"]
    list_select_related = ["event"]
    search_fields = ["name", "email"]
    exclude = ["token"]  # the personal link's secret is the registrant's own
