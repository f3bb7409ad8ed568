"""Admin for the Human Capital Agenda's records, scoped to the centre admin's centres: for looking up and
correcting a figure (with history); the pages are where the office and the partners work."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from civhub.core.admin_scoping import CentreScopedAdminMixin
from civhub.hca.models import EducationProgramme, Occupation, SurveyRound, WorkforceAnswer


@admin.register(Occupation)
class OccupationAdmin(CentreScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["name", "isco_code", "order", "centre"]
    list_filter = ["centre"]
    search_fields = ["name", "isco_code"]


@admin.register(EducationProgramme)
class EducationProgrammeAdmin(CentreScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["name", "code", "level", "school", "graduates_per_year", "share_entering"]
    list_filter = ["centre", "level"]
    list_select_related = ["school__organisation", "school__centre"]
    search_fields = ["name", "code"]


@admin.register(SurveyRound)
class SurveyRoundAdmin(CentreScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["reference_date", "closes_on", "horizon_years", "outflow_rate", "centre"]
    list_filter = ["centre"]
    readonly_fields = ["opened_by", "opened_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.opened_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(WorkforceAnswer)
class WorkforceAnswerAdmin(CentreScopedAdminMixin, SimpleHistoryAdmin):
    centre_path = "survey_round__centre"
    list_display = ["survey_round", "occupation", "partnership", "persons", "expected_headcount", "updated_at"]
    list_filter = ["survey_round", "occupation"]
    list_select_related = ["survey_round", "occupation", "partnership__organisation", "partnership__centre"]
    readonly_fields = ["updated_by", "updated_at"]

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
