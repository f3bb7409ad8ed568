"""Admin for funding applications, scoped to the centre admin's centres.

The application is written on its pages, whose services keep the rules (only a draft changes;
staff hours at the round's rate; lines within the period) and write the audit rows. The admin is
for looking up and for correcting a typo: the status is read-only (submitting and the award are
steps of their own), comments are read-only (never changed), and every edit keeps its history.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from civhub.applications.models import (
    Application,
    ApplicationPart,
    Award,
    BudgetLine,
    Commitment,
    ContinuationLine,
    PartComment,
    SubmittedCopy,
)
from civhub.core.admin_scoping import CentreScopedAdmin, CentreScopedAdminMixin, ReadOnlyAdminMixin


@admin.register(Application)
class ApplicationAdmin(CentreScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["title", "centre", "regulation", "planned_start", "planned_end", "status"]
    list_filter = ["centre", "regulation", "status"]
    list_select_related = ["centre", "regulation"]
    search_fields = ["title"]
    readonly_fields = ["status", "created_by", "created_at", "updated_at"]


@admin.register(ApplicationPart)
class ApplicationPartAdmin(CentreScopedAdminMixin, SimpleHistoryAdmin):
    centre_path = "application__centre"
    list_display = ["__str__", "owner", "status", "updated_at"]
    list_filter = ["application__centre", "kind", "status"]
    list_select_related = ["application", "owner"]
    readonly_fields = ["application", "kind", "position", "updated_by", "updated_at"]


@admin.register(PartComment)
class PartCommentAdmin(ReadOnlyAdminMixin, CentreScopedAdmin):
    """Read-only: a comment is never changed."""

    centre_path = "part__application__centre"
    list_display = ["part", "author", "created_at"]
    list_filter = ["part__application__centre"]
    list_select_related = ["part__application", "author"]


@admin.register(BudgetLine)
class BudgetLineAdmin(CentreScopedAdminMixin, SimpleHistoryAdmin):
    centre_path = "application__centre"
    list_display = ["application", "year", "side", "source", "partnership", "form", "category", "volume", "price",
                    "amount"]
    list_filter = ["application__centre", "side", "year", "category"]
    list_select_related = ["application", "partnership__organisation", "partnership__centre"]
    search_fields = ["description"]
    readonly_fields = ["amount"]


@admin.register(ContinuationLine)
class ContinuationLineAdmin(CentreScopedAdminMixin, SimpleHistoryAdmin):
    centre_path = "application__centre"
    list_display = ["application", "year", "side", "partnership", "description", "amount"]
    list_filter = ["application__centre", "side", "year"]
    list_select_related = ["application", "partnership__organisation", "partnership__centre"]
    search_fields = ["description"]


@admin.register(Commitment)
class CommitmentAdmin(ReadOnlyAdminMixin, CentreScopedAdmin):
    """Read-only: a partner's answer is its signatory's own, never changed (a new answer is a new row)."""

    centre_path = "application__centre"
    list_display = ["application", "partnership", "answer", "signer_name", "answered_at"]
    list_filter = ["application__centre", "answer"]
    list_select_related = ["application", "partnership__organisation"]
@admin.register(SubmittedCopy)
class SubmittedCopyAdmin(ReadOnlyAdminMixin, CentreScopedAdmin):
    """Read-only: the copy frozen on submission never changes (the model refuses it too)."""

    centre_path = "application__centre"
    list_display = ["application", "submitted_by", "submitted_at", "subsidy_asked", "content_sha256"]
    list_filter = ["application__centre"]
    list_select_related = ["application", "submitted_by"]
    exclude = ["content"]


@admin.register(Award)
class AwardAdmin(ReadOnlyAdminMixin, CentreScopedAdmin):
    """Read-only: the award decision is recorded on its page, which makes the grant; it never changes."""

    centre_path = "application__centre"
    list_display = ["application", "decision_reference", "decision_date", "amount_granted", "scaled", "grant"]
    list_filter = ["application__centre", "scaled"]
    list_select_related = ["application", "grant__centre"]
