"""The API under /api/: the OOAPI v5 catalogue feed and the OpenAPI schema that describes it."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from civhub.api import views

app_name = "api"
urlpatterns = [
    path("ooapi/v5/courses", views.CourseList.as_view(), name="courses"),
    path("ooapi/v5/courses/<str:course_id>", views.CourseDetail.as_view(), name="course"),
    path("ooapi/v5/courses/<str:course_id>/offerings", views.CourseOfferingList.as_view(), name="course_offerings"),
    path("ooapi/v5/offerings", views.OfferingList.as_view(), name="offerings"),
    path("ooapi/v5/organizations", views.OrganizationList.as_view(), name="organizations"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
]
