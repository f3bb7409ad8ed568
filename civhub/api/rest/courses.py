"""Courses and enrolments in the partners' API: the catalogue a person may open, and the enrolments they may see.

Courses are those `courses_visible_to` gives (every published course, and the drafts the person's partner
provides), each with its upcoming offerings and their places. Enrolments are those `enrolments_visible_to`
gives: the provider's, the employer's, or all for the office. Enrolling goes through the catalogue's own form
and service: the person's own address is enrolled at once, anyone else gets the confirmation e-mail.
"""

import django_filters as filters
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from civhub.api.rest.binding import IDEMPOTENCY_KEY, IdFilter, client_address, form_errors
from civhub.api.rest.centres import CentreDetailView, CentreListCreateView, CentreListView
from civhub.api.rest.filters import date_filterset
from civhub.api.rest.schema import problems
from civhub.learning.forms.public import EnrolmentForm
from civhub.learning.models import Course, Enrolment, Offering, Skill
from civhub.learning.permissions import courses_visible_to, enrolments_visible_to
from civhub.learning.selectors.catalogue import offering_for_enrolment, upcoming_offerings
from civhub.learning.services.enrolment import enrol


def courses(user, centre):
    """The courses the user may open, with provider, skills and upcoming offerings (three queries a page)."""
    return (courses_visible_to(user, centre).select_related("provider__organisation")
            .prefetch_related(Prefetch("skills", queryset=Skill.objects.order_by("name")),
                              Prefetch("offerings", queryset=upcoming_offerings(timezone.localdate()),
                                       to_attr="upcoming"))
            .order_by("title", "pk"))


def enrolments(user, centre):
    """The enrolments whose personal data the user may see, newest first (one query a page)."""
    return (enrolments_visible_to(user, centre).select_related("offering")
            .order_by("-created_at", "-pk"))


class CourseOfferingSerializer(serializers.ModelSerializer):
    """An upcoming offering with its places left (an expired hold frees its place)."""

    places_left = serializers.IntegerField(read_only=True)

    class Meta:
        model = Offering
        fields = ["id", "start_date", "end_date", "location", "capacity", "places_left"]


class CatalogueCourseSerializer(serializers.ModelSerializer):
    """A course as the catalogue shows it; `offerings` are the ones still to start."""

    provider_name = serializers.CharField(source="provider.organisation.name", read_only=True)
    skills = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    offerings = CourseOfferingSerializer(source="upcoming", many=True, read_only=True)

    class Meta:
        model = Course
        fields = ["id", "title", "description", "status", "level", "nlqf_level", "eqf_level", "study_load",
                  "study_load_unit", "language", "mode", "price", "stap_eligible", "provider", "provider_name",
                  "skills", "offerings"]


class EnrolmentSerializer(serializers.ModelSerializer):
    """An enrolment: who, in which offering (and course), for which employer, its status and price."""

    course = serializers.IntegerField(source="offering.course_id", read_only=True)

    class Meta:
        model = Enrolment
        fields = ["id", "offering", "course", "name", "email", "employer", "status", "price", "created_at",
                  "confirmed_at", "cancelled_at"]


class NewEnrolmentSerializer(serializers.Serializer):
    """Enrolling in an offering: by default the person the token belongs to, with their name and address."""

    offering = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    name = serializers.CharField(required=False, max_length=200)
    email = serializers.EmailField(required=False)
    employer = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=2**31 - 1,
                                        help_text="The partner (partnership id) that employs the participant.")
    invoice_address = serializers.CharField(required=False, allow_blank=True, max_length=500)
    purchase_order = serializers.CharField(required=False, allow_blank=True, max_length=100)
    terms_accepted = serializers.BooleanField(help_text="The participant accepts the course's terms and price.")


def enrolment_form(offering: Offering, data: dict, user) -> EnrolmentForm:
    """The catalogue's enrolment form bound to the API's fields, so the same checks apply."""
    bound = {"name": data.get("name") or user.get_full_name() or user.email, "email": data.get("email") or user.email,
             "employer": data.get("employer") or "", "invoice_address": data.get("invoice_address", ""),
             "purchase_order": data.get("purchase_order", ""), "terms_accepted": data["terms_accepted"]}
    return EnrolmentForm(bound, course=offering.course)


class CourseFilter(filters.FilterSet):
    """`?status=` (published, or draft for a provider's own), `?level=`, `?mode=`, `?provider=` (a partnership)."""

    provider = IdFilter("provider_id")

    class Meta:
        model = Course
        fields = ["status", "level", "mode"]


# `?from=`/`?to=` on the day of enrolling, `?status=`, `?offering=`, `?course=`.
EnrolmentFilter = date_filterset(Enrolment, date_field="created_at", status_field="status",
                                 offering=IdFilter("offering_id"),
                                 course=IdFilter("offering__course_id"))


@extend_schema_view(get=extend_schema(
    operation_id="listCatalogueCourses", summary="Courses",
    description="The centre's published courses, and the drafts of the person's own partner (every draft for the "
                "office), each with its upcoming offerings and places left. Filter by `status`, `level`, `mode` and "
                "`provider`.",
    responses={200: CatalogueCourseSerializer(many=True), **problems(400, 404)}))
class CourseList(CentreListView):
    """The courses the person may open, by title."""

    model = Course
    serializer_class = CatalogueCourseSerializer
    filterset_class = CourseFilter

    def scoped_queryset(self, centre):
        return courses(self.request.user, centre)


@extend_schema_view(get=extend_schema(
    operation_id="getCatalogueCourse", summary="One course", description="A course the person may open; else 404.",
    responses={200: CatalogueCourseSerializer, **problems(404)}))
class CourseDetail(CentreDetailView):
    """One course; another provider's draft is a 404."""

    model = Course
    serializer_class = CatalogueCourseSerializer

    def scoped_queryset(self, centre):
        return courses(self.request.user, centre)


@extend_schema_view(
    get=extend_schema(
        operation_id="listEnrolments", summary="Enrolments",
        description="Enrolments the person may see: those in their partner's courses (as provider) and of their "
                    "partner's employees (as employer); every one for the office. Filter by the day enrolled "
                    "(`from`, `to`), `status`, `offering` and `course`.",
        responses={200: EnrolmentSerializer(many=True), **problems(400, 404)}),
    post=extend_schema(
        operation_id="createEnrolment", summary="Enrol in an offering",
        description="Enrols the person (or, with `name` and `email`, someone else) as the course's page does: one's "
                    "own address is enrolled at once (or put on the waiting list); another address gets the "
                    "confirmation e-mail and holds a place for 48 hours. The terms must be accepted; when an employer "
                    "pays, give an invoice address or a purchase-order number.",
        parameters=[IDEMPOTENCY_KEY], request=NewEnrolmentSerializer,
        responses={201: EnrolmentSerializer, **problems(400, 404, 422)}))
class EnrolmentList(CentreListCreateView):
    """GET: the enrolments the person may see. POST: enrol in an offering, as on the catalogue's page."""

    model = Enrolment
    serializer_class = EnrolmentSerializer
    create_serializer_class = NewEnrolmentSerializer
    filterset_class = EnrolmentFilter

    def scoped_queryset(self, centre):
        return enrolments(self.request.user, centre)

    def created_queryset(self):
        # An enrolment made for someone without the maker's partner as employer or provider is not in the maker's
        # list; the answer shows the maker what they just sent all the same.
        return Enrolment.objects.filter(offering__course__centre=self.centre).select_related("offering")

    def create_object(self, incoming) -> Enrolment:
        data, user = incoming.validated_data, self.request.user
        offering = offering_for_enrolment(self.centre, data["offering"])
        if offering is None:
            raise ValidationError({"offering": [_("There is no offering with this number open for enrolment.")]})
        form = enrolment_form(offering, data, user)
        if not form.is_valid():
            raise form_errors(form)
        return enrol(offering=offering, data=form.registration(), actor=user, ip_address=client_address(self.request),
                     language=get_language())
