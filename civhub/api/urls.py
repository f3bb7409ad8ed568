"""The API under /api/: the OOAPI v5 catalogue feed, the partners' API (v1) and the OpenAPI schema of both.

v1 URLs are `v1/centres/<centre_slug>/<resource>/` named `v1-<resource>-list` and `<resource>/<pk>/` named
`v1-<resource>-detail` (an action: `v1-<resource>-<action>`); their views are in civhub/api/rest/.
"""

from django.urls import path

from civhub.api import views
from civhub.api.rest import courses, events, ledger, meetings, monitor, partners
from civhub.core.public_cache import cached_for_visitors

app_name = "api"
V1 = "v1/centres/<slug:centre_slug>/"



def _feed(view_class):
    """The feed is the same for every visitor: cached until the catalogue changes (core/public_cache.py)."""
    return cached_for_visitors(view_class.as_view())


urlpatterns = [
    path("ooapi/v5/courses", _feed(views.CourseList), name="courses"),
    path("ooapi/v5/courses/<str:course_id>", _feed(views.CourseDetail), name="course"),
    path("ooapi/v5/courses/<str:course_id>/offerings", _feed(views.CourseOfferingList), name="course_offerings"),
    path("ooapi/v5/offerings", _feed(views.OfferingList), name="offerings"),
    path("ooapi/v5/organizations", _feed(views.OrganizationList), name="organizations"),
    path("schema/", views.SchemaView.as_view(), name="schema"),
    # The partners' API, v1.
    path(V1 + "partners/", partners.PartnerList.as_view(), name="v1-partners-list"),
    path(V1 + "partners/<int:pk>/", partners.PartnerDetail.as_view(), name="v1-partners-detail"),
    path(V1 + "contacts/", partners.ContactList.as_view(), name="v1-contacts-list"),
    path(V1 + "contacts/<int:pk>/", partners.ContactDetail.as_view(), name="v1-contacts-detail"),
    path(V1 + "pledges/", ledger.PledgeList.as_view(), name="v1-pledges-list"),
    path(V1 + "pledges/<int:pk>/", ledger.PledgeDetail.as_view(), name="v1-pledges-detail"),
    path(V1 + "rate-cards/", ledger.RateCardList.as_view(), name="v1-rate-cards-list"),
    path(V1 + "rate-cards/<int:pk>/", ledger.RateCardDetail.as_view(), name="v1-rate-cards-detail"),
    path(V1 + "contributions/", ledger.ContributionList.as_view(), name="v1-contributions-list"),
    path(V1 + "contributions/<int:pk>/", ledger.ContributionDetail.as_view(), name="v1-contributions-detail"),
    path(V1 + "contributions/<int:pk>/submit/", ledger.ContributionSubmit.as_view(), name="v1-contributions-submit"),
    # Events, courses, meetings and the monitor (the monitor is one object: its figures, hence `-detail`).
    path(V1 + "events/", events.EventList.as_view(), name="v1-events-list"),
    path(V1 + "events/<int:pk>/", events.EventDetail.as_view(), name="v1-events-detail"),
    path(V1 + "registrations/", events.RegistrationList.as_view(), name="v1-registrations-list"),
    path(V1 + "courses/", courses.CourseList.as_view(), name="v1-courses-list"),
    path(V1 + "courses/<int:pk>/", courses.CourseDetail.as_view(), name="v1-courses-detail"),
    path(V1 + "enrolments/", courses.EnrolmentList.as_view(), name="v1-enrolments-list"),
    path(V1 + "meetings/", meetings.MeetingList.as_view(), name="v1-meetings-list"),
    path(V1 + "meetings/<int:pk>/", meetings.MeetingDetail.as_view(), name="v1-meetings-detail"),
    path(V1 + "decisions/", meetings.DecisionList.as_view(), name="v1-decisions-list"),
    path(V1 + "decisions/<int:pk>/", meetings.DecisionDetail.as_view(), name="v1-decisions-detail"),
    path(V1 + "monitor/", monitor.MonitorView.as_view(), name="v1-monitor-detail"),
]
