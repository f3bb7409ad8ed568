"""The public catalogue feed in the shape of the Open Education API (OOAPI) v5: read-only, for everyone.

It spans every centre of this civhub (OOAPI has no centres); `?centre=<slug>` narrows a list
to one. Courses come oldest first, offerings chronologically (OOAPI's default sort, by start
date), organisations by name. Lists are paged (civhub/api/pagination.py); errors are OOAPI problem details
(civhub/api/errors.py); ids are UUIDs (civhub/api/ids.py), and a course also answers to its
plain number.
"""

from django.utils import translation
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from drf_spectacular.views import SpectacularAPIView
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from civhub.api import errors, selectors, serializers
from civhub.api.ids import COURSE, pk_from_id
from civhub.api.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, page_request, paginate

PAGING = [
    OpenApiParameter("pageSize", int,
                     description=f"Items per page, 1 to {MAX_PAGE_SIZE} (default {DEFAULT_PAGE_SIZE})."),
    OpenApiParameter("pageNumber", int, description="The page, from 1. A page past the last has no items."),
]
CENTRE = OpenApiParameter("centre", str, description="Only this centre's catalogue (the centre's slug).")
# Errors come as application/problem+json (errors.py): documented so, or a client validating answers refuses them.
PROBLEM = {(status, errors.PROBLEM_CONTENT_TYPE): serializers.ProblemSerializer for status in (400, 404)}
COURSE_ID = OpenApiParameter("course_id", OpenApiTypes.STR, OpenApiParameter.PATH,
                             description="The course's courseId (a UUID) or its number.")


class FeedView(APIView):
    """What every feed endpoint shares: anonymous, GET only, errors as OOAPI problems."""

    authentication_classes = []
    permission_classes = [AllowAny]
    http_method_names = ["get", "head"]

    def get_exception_handler(self):
        return errors.handle_exception

    def centre(self) -> str | None:
        return self.request.query_params.get("centre")

    def page(self, queryset, item_serializer, *, rows=None) -> Response:
        """One page of `queryset` as OOAPI's Pagination object (`rows`: see pagination.page_items)."""
        paging = page_request(self.request.query_params)  # a bad page is refused before any query
        page = paginate(queryset, paging, rows)
        page["items"] = item_serializer(page["items"], many=True).data
        return Response(page)


def published_course_key_or_404(course_id: str) -> int:
    """The key of the published course `course_id` names (its UUID or number); a 404 for anything else."""
    pk = pk_from_id(COURSE, course_id)
    if pk is None or not selectors.published_courses().filter(pk=pk).exists():
        raise NotFound(_("There is no published course with this id."))
    return pk


class CourseList(FeedView):
    @extend_schema(operation_id="listCourses", summary="Published courses", parameters=[*PAGING, CENTRE],
                   responses={200: serializers.CoursePage, **PROBLEM})
    def get(self, request):
        return self.page(selectors.published_courses(centre=self.centre()), serializers.CourseSerializer,
                         rows=selectors.course_rows)


class CourseDetail(FeedView):
    @extend_schema(operation_id="getCourse", summary="One published course", parameters=[COURSE_ID],
                   responses={200: serializers.CourseSerializer, **PROBLEM})
    def get(self, request, course_id: str):
        courses = selectors.course_rows([published_course_key_or_404(course_id)])
        if not courses:  # taken back to draft a moment ago
            raise NotFound(_("There is no published course with this id."))
        return Response(serializers.CourseSerializer(courses[0]).data)


class CourseOfferingList(FeedView):
    @extend_schema(operation_id="listCourseOfferings", summary="The offerings of one published course",
                   parameters=[COURSE_ID, *PAGING], responses={200: serializers.OfferingPage, **PROBLEM})
    def get(self, request, course_id: str):
        course_key = published_course_key_or_404(course_id)
        return self.page(selectors.published_offerings(course_id=course_key), serializers.OfferingSerializer,
                         rows=selectors.offering_rows)


class OfferingList(FeedView):
    @extend_schema(operation_id="listOfferings", summary="Offerings of published courses", parameters=[*PAGING, CENTRE],
                   responses={200: serializers.OfferingPage, **PROBLEM})
    def get(self, request):
        return self.page(selectors.published_offerings(centre=self.centre()), serializers.OfferingSerializer,
                         rows=selectors.offering_rows)


class OrganizationList(FeedView):
    @extend_schema(operation_id="listOrganizations", summary="Organisations providing published courses",
                   parameters=[*PAGING, CENTRE], responses={200: serializers.OrganizationPage, **PROBLEM})
    def get(self, request):
        return self.page(selectors.providers(centre=self.centre()), serializers.OrganizationSerializer)


class SchemaView(SpectacularAPIView):
    """The OpenAPI schema of the feed and of v1, for everyone: in English (its readers are developers), or with its
    labels and choices in Dutch with `?lang=nl`.
    """

    @extend_schema(exclude=True)  # the schema does not describe itself
    def get(self, request, *args, **kwargs):
        with translation.override(request.GET.get("lang") or "en"):
            return super().get(request, *args, **kwargs)
