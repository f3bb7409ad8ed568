"""Admin for the learning app, scoped to the centre admin's centres.

Courses, offerings, skills and paths can be corrected here; interest and enrolments are
read-only, because the waiting list and its e-mails are kept by the enrolment services.
"""

from django.contrib import admin

from civhub.core.admin_scoping import CentreScopedAdmin, ReadOnlyAdminMixin
from civhub.learning.models import Course, Enrolment, Interest, LearningPath, Offering, Skill


@admin.register(Skill)
class SkillAdmin(CentreScopedAdmin):
    list_display = ["name", "centre"]
    list_filter = ["centre"]
    search_fields = ["name"]


@admin.register(Course)
class CourseAdmin(CentreScopedAdmin):
    list_display = ["title", "provider", "level", "status", "price", "stap_eligible"]
    list_filter = ["centre", "status", "level", "mode"]
    list_select_related = ["provider__organisation"]
    search_fields = ["title"]


@admin.register(Offering)
class OfferingAdmin(CentreScopedAdmin):
    centre_path = "course__centre"
    list_display = ["course", "start_date", "end_date", "location", "capacity"]
    list_filter = ["course__centre"]
    list_select_related = ["course"]
    date_hierarchy = "start_date"


@admin.register(Interest)
class InterestAdmin(ReadOnlyAdminMixin, CentreScopedAdmin):
    centre_path = "course__centre"
    list_display = ["name", "email", "course", "employer", "created_at"]
    list_filter = ["course__centre"]
    list_select_related = ["course", "employer__organisation"]
    search_fields = ["name", "email"]


@admin.register(Enrolment)
class EnrolmentAdmin(ReadOnlyAdminMixin, CentreScopedAdmin):
    centre_path = "offering__course__centre"
    list_display = ["name", "email", "offering", "status", "created_at", "promoted_at", "cancelled_at"]
    list_filter = ["offering__course__centre", "status"]
    list_select_related = ["offering__course"]
    search_fields = ["name", "email"]
    exclude = ["token"]  # the personal link's secret is the person's own


@admin.register(LearningPath)
class LearningPathAdmin(CentreScopedAdmin):
    list_display = ["title", "published"]
    list_filter = ["centre", "published"]  # its steps are put in order on the office's path page
