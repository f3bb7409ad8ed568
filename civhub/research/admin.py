"""Admin for the practorate's records, scoped to the centre admin's centres.

Status changes and summary approvals go through the pages (services: audit, e-mail); the admin
is for looking up and for correcting a typo, so statuses and reviews are read-only here.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from civhub.core.admin_scoping import CentreScopedAdmin, CentreScopedAdminMixin, ReadOnlyAdminMixin
from civhub.research.models import QuestionMessage, ResearchOutput, ResearchProject, ResearchQuestion, SummaryReview


@admin.register(ResearchQuestion)
class ResearchQuestionAdmin(CentreScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["title", "partnership", "status", "submitted_by", "submitted_at"]
    list_filter = ["centre", "status"]
    list_select_related = ["partnership__organisation", "partnership__centre", "submitted_by"]
    search_fields = ["title", "context"]
    readonly_fields = ["status", "status_note", "status_changed_at", "submitted_by", "submitted_at"]


@admin.register(QuestionMessage)
class QuestionMessageAdmin(ReadOnlyAdminMixin, CentreScopedAdmin):
    centre_path = "question__centre"
    list_display = ["question", "author", "created_at"]
    list_select_related = ["question", "author"]


@admin.register(ResearchProject)
class ResearchProjectAdmin(CentreScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["title", "practor", "start", "end", "status", "summary_published_at"]
    list_filter = ["centre", "status"]
    list_select_related = ["practor", "centre"]
    search_fields = ["title", "plan"]
    readonly_fields = ["question", "activity", "summary_version", "summary_published_at"]


@admin.register(ResearchOutput)
class ResearchOutputAdmin(CentreScopedAdmin):
    centre_path = "project__centre"
    list_display = ["title", "project", "kind", "added_by", "added_at"]
    list_filter = ["kind"]
    list_select_related = ["project", "added_by"]


@admin.register(SummaryReview)
class SummaryReviewAdmin(ReadOnlyAdminMixin, CentreScopedAdmin):
    centre_path = "project__centre"
    list_display = ["project", "partnership", "version", "decision", "decided_by", "decided_at"]
    list_filter = ["decision"]
    list_select_related = ["project", "partnership__organisation", "partnership__centre", "decided_by"]
