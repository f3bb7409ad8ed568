"""Admin for the programme lines' work, scoped to the centre admin's centres.

The office plans on the programme pages; the admin is for looking up and correcting a typo.
Every correction here is kept in the record's history (who, when, what), like an edit on a page.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from civhub.core.admin_scoping import CentreScopedAdmin, CentreScopedAdminMixin
from civhub.programme.models import Activity, EducationModule, Kpi, KpiActual, KpiTarget, Milestone


@admin.register(Activity)
class ActivityAdmin(CentreScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["title", "programme_line", "lead_person", "start", "end", "status"]
    list_filter = ["centre", "programme_line", "status"]
    list_select_related = ["programme_line"]
    search_fields = ["title", "description", "lead_person"]


@admin.register(Milestone)
class MilestoneAdmin(CentreScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["title", "programme_line", "due_date", "done_date"]
    list_filter = ["centre", "programme_line"]
    list_select_related = ["programme_line"]
    search_fields = ["title"]
    date_hierarchy = "due_date"


@admin.register(Kpi)
class KpiAdmin(CentreScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["name", "programme_line", "unit", "baseline", "target_year2", "target_year4"]
    list_filter = ["centre", "programme_line"]
    list_select_related = ["programme_line"]
    search_fields = ["name"]


@admin.register(KpiTarget)
class KpiTargetAdmin(CentreScopedAdminMixin, SimpleHistoryAdmin):
    centre_path = "kpi__centre"
    list_display = ["kpi", "year", "target"]
    list_filter = ["kpi__centre", "year"]
    list_select_related = ["kpi"]


@admin.register(KpiActual)
class KpiActualAdmin(CentreScopedAdminMixin, SimpleHistoryAdmin):
    centre_path = "kpi__centre"
    list_display = ["kpi", "date", "value", "source", "partnership", "recorded_by"]
    list_filter = ["kpi__centre"]
    list_select_related = ["kpi", "partnership__organisation", "partnership__centre", "recorded_by"]
    readonly_fields = ["recorded_by", "recorded_at"]  # who entered the figure stays as the page recorded it
    date_hierarchy = "date"


@admin.register(EducationModule)
class EducationModuleAdmin(CentreScopedAdmin):
    list_display = ["code", "title", "provider"]
    list_filter = ["centre"]
    list_select_related = ["provider__organisation", "provider__centre"]
    search_fields = ["code", "title"]
