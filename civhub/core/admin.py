"""Admin for centres, their programme lines, grants, key dates and public contacts, and the audit trail."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from civhub.core.admin_scoping import (
    CentreScopedAdmin,
    CentreScopedAdminMixin,
    ReadOnlyAdminMixin,
    admin_centre_ids,
)
from civhub.core.mail import resend
from civhub.core.models import (
    AuditEvent,
    Centre,
    Grant,
    KeyDate,
    OutgoingMail,
    ProgrammeLine,
    PublicContact,
    Regulation,
)


@admin.register(Centre)
class CentreAdmin(CentreScopedAdminMixin, SimpleHistoryAdmin):
    """A centre admin edits their own centre; only a superuser adds or removes a centre."""

    centre_path = ""
    list_display = ["name", "slug", "region"]
    search_fields = ["name", "slug"]

    def get_readonly_fields(self, request, obj=None):
        # The slug is in every URL and in the definition file; a centre admin cannot break them.
        return [] if request.user.is_superuser else ["slug"]

    def has_add_permission(self, request, *args):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(ProgrammeLine)
class ProgrammeLineAdmin(CentreScopedAdmin):
    list_display = ["__str__", "centre"]
    list_filter = ["centre"]


@admin.register(Grant)
class GrantAdmin(CentreScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["__str__", "scheme", "amount", "start", "end", "centre"]
    list_filter = ["centre", "scheme"]


@admin.register(Regulation)
class RegulationAdmin(admin.ModelAdmin):
    """The subsidy regulations and their parameters: shared by every centre, so only a superuser changes them."""

    list_display = ["name", "code", "scheme", "fixed_hourly_rate", "cofinancing_ratio", "retention_years"]
    search_fields = ["name", "code"]

    def has_module_permission(self, request):
        return request.user.is_superuser or bool(admin_centre_ids(request.user))

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)  # centre admins read what their grants are measured by

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return False  # grants name their regulation


@admin.register(KeyDate)
class KeyDateAdmin(CentreScopedAdmin):
    list_display = ["__str__", "starts_on", "ends_on", "centre"]
    list_filter = ["centre"]
    date_hierarchy = "starts_on"


@admin.register(PublicContact)
class PublicContactAdmin(CentreScopedAdmin):
    list_display = ["name", "email", "phone", "order", "centre"]
    list_filter = ["centre"]


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdminMixin, CentreScopedAdmin):
    """The audit trail: written by services, read here, never changed."""

    list_display = ["created_at", "action", "target_type", "target_id", "summary", "actor", "centre"]
    list_filter = ["centre", "action", "target_type"]
    search_fields = ["summary", "target_id", "actor__email"]
    list_select_related = ["actor", "centre"]
    date_hierarchy = "created_at"


@admin.register(OutgoingMail)
class OutgoingMailAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The outbox, for the site's administrators: what was sent, what waits for a retry, what failed and why."""

    list_display = ["created_at", "recipient", "subject", "state", "attempts", "next_attempt_at", "last_error"]
    list_filter = ["state"]
    search_fields = ["recipient", "subject"]
    actions = ["send_again"]

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    @admin.action(description=_("Send the selected e-mails again"))
    def send_again(self, request, queryset):
        for mail in queryset:
            resend(mail)
