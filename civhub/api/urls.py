"""The API under /api/: the OOAPI v5 catalogue feed, the partners' API (v1) and the OpenAPI schema of both.

v1 URLs are `v1/centres/<centre_slug>/<resource>/` named `v1-<resource>-list` and `<resource>/<pk>/` named
`v1-<resource>-detail` (an action: `v1-<resource>-<action>`); their views are in civhub/api/rest/.
"""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from civhub.api import views
from civhub.api.rest import partners

app_name = "api"
V1 = "v1/centres/<slug:centre_slug>/"

urlpatterns = [
    path("ooapi/v5/courses", views.CourseList.as_view(), name="courses"),
    path("ooapi/v5/courses/<str:course_id>", views.CourseDetail.as_view(), name="course"),
    path("ooapi/v5/courses/<str:course_id>/offerings", views.CourseOfferingList.as_view(), name="course_offerings"),
    path("ooapi/v5/offerings", views.OfferingList.as_view(), name="offerings"),
    path("ooapi/v5/organizations", views.OrganizationList.as_view(), name="organizations"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The partners' API, v1.
    path(V1 + "partners/", partners.PartnerList.as_view(), name="v1-partners-list"),
    path(V1 + "partners/<int:pk>/", partners.PartnerDetail.as_view(), name="v1-partners-detail"),
    path(V1 + "contacts/", partners.ContactList.as_view(), name="v1-contacts-list"),
    path(V1 + "contacts/<int:pk>/", partners.ContactDetail.as_view(), name="v1-contacts-detail"),
]
