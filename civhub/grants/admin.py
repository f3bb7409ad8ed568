"""Admin for the grant's budget versions and lines, scoped to the centre admin's centres.

Budget versions and lines can be corrected here. Expenditure is sealed in its hash chain and a
submitted report keeps the pack of that day with its SHA-256, so both are read-only.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from civhub.core.admin_scoping import CentreScopedAdmin, CentreScopedAdminMixin, ReadOnlyAdminMixin
from civhub.grants.models import BudgetLine, BudgetVersion, Expenditure, ReportSubmission


@admin.register(BudgetVersion)
class BudgetVersionAdmin(CentreScopedAdmin):
    centre_path = "grant__centre"
    list_display = ["__str__", "number", "is_current", "created_by", "created_at"]
    list_filter = ["grant__centre", "is_current"]
    list_select_related = ["grant__centre", "created_by"]


@admin.register(BudgetLine)
class BudgetLineAdmin(CentreScopedAdminMixin, SimpleHistoryAdmin):
    centre_path = "version__grant__centre"
    list_display = ["version", "year", "programme_line", "category", "source", "amount"]
    list_filter = ["version__grant__centre", "year", "category", "source"]
    list_select_related = ["version__grant__centre", "programme_line"]


@admin.register(Expenditure)
class ExpenditureAdmin(ReadOnlyAdminMixin, CentreScopedAdmin):
    """Read-only: expenditure is recorded through its service (form or import), and never changed afterwards."""

    centre_path = "grant__centre"
    list_display = ["date", "grant", "category", "programme_line", "amount", "description", "extern_id", "entered_by"]
    list_filter = ["grant__centre", "category"]
    list_select_related = ["grant__centre", "programme_line", "entered_by"]
    search_fields = ["description", "extern_id"]
    date_hierarchy = "date"


@admin.register(ReportSubmission)
class ReportSubmissionAdmin(ReadOnlyAdminMixin, CentreScopedAdmin):
    """Read-only: the pack as submitted is the evidence of what the funder received on that day."""

    centre_path = "grant__centre"
    list_display = ["__str__", "grant", "submitted_on", "as_of", "submitted_by", "recorded_at"]
    list_filter = ["grant__centre", "kind"]
    list_select_related = ["grant__centre", "submitted_by"]
