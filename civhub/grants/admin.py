"""Admin for the grant's budget versions and lines, scoped to the centre admin's centres."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from civhub.core.admin_scoping import CentreScopedAdmin, CentreScopedAdminMixin
from civhub.grants.models import BudgetLine, BudgetVersion


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
