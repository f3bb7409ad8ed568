"""The providers' side: their courses with offerings and counts, the people in an offering, the demand signal.

The export of an offering's enrolments and its page show the same rows (`enrolment_rows`).
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from civhub.core.models import Centre
from civhub.learning.models import Course, Enrolment, Interest, Offering, Skill
from civhub.learning.selectors.catalogue import with_places

BY_PROVIDER = ("provider__organisation__name", "title", "pk")


def managed_courses(courses: QuerySet[Course], *, ordering=BY_PROVIDER) -> QuerySet[Course]:
    """The courses a provider manages, in `ordering` (by provider), with their interest count and every offering
    with its places."""
    offerings = with_places(Offering.objects.all()).order_by("start_date", "pk")
    return (courses.select_related("provider__organisation")
            .annotate(interest_count=Count("interests", distinct=True))
            .prefetch_related(Prefetch("offerings", queryset=offerings, to_attr="all_offerings"))
            .order_by(*ordering))


def live_enrolments(offering: Offering) -> QuerySet[Enrolment]:
    """The offering's people with a place first, then the waiting list in its order (cancelled ones left out)."""
    queue = Case(When(status=Enrolment.Status.ENROLLED, then=Value(0)), default=Value(1), output_field=IntegerField())
    return (offering.enrolments.exclude(status=Enrolment.Status.CANCELLED).select_related("employer__organisation")
            .annotate(queue=queue).order_by("queue", "created_at", "pk"))


def enrolment_header() -> list[str]:
    return [_("Name"), _("E-mail address"), _("Employer"), _("Status"), _("Registered at"), _("Invoice address"),
            _("Purchase-order number")]


def enrolment_rows(offering: Offering) -> Iterator[list]:
    """The header, then one row per live enrolment: name, e-mail, employer, status, registered at (local time),
    and how the employer is invoiced."""
    yield enrolment_header()
    for enrolment in live_enrolments(offering).iterator():
        employer = enrolment.employer.organisation.name if enrolment.employer else ""
        registered = timezone.localtime(enrolment.created_at).replace(tzinfo=None, microsecond=0)
        yield [enrolment.name, enrolment.email, employer, str(enrolment.get_status_display()), registered,
               enrolment.invoice_address, enrolment.purchase_order]


@dataclass(frozen=True)
class Demand:
    """What providers plan with: interest per course and per skill, and how full upcoming offerings are."""

    courses: list
    skills: list
    offerings: list


def demand(centre: Centre, courses: QuerySet[Course], *, today: date) -> Demand:
    """Interest per course (of `courses`), per skill (the whole centre: counts only) and offerings' fill."""
    per_course = (courses.select_related("provider__organisation")
                  .annotate(interest_count=Count("interests", distinct=True))
                  .order_by("-interest_count", "title", "pk"))
    per_skill = (Skill.objects.filter(centre=centre)
                 .annotate(interest_count=Count("courses__interests", distinct=True),
                           course_count=Count("courses", filter=Q(courses__status=Course.Status.PUBLISHED),
                                              distinct=True))
                 .filter(Q(interest_count__gt=0) | Q(course_count__gt=0))
                 .order_by("-interest_count", "name"))
    offerings = (with_places(Offering.objects.filter(course__in=courses, start_date__gte=today))
                 .select_related("course__provider__organisation").order_by("start_date", "pk"))
    return Demand(courses=list(per_course), skills=list(per_skill), offerings=list(offerings))


def employees(enrolments: QuerySet[Enrolment], interests: QuerySet[Interest]) -> tuple[QuerySet, QuerySet]:
    """An employer's view: its people's enrolments (newest offerings first) and interest registrations."""
    enrolments = (enrolments.select_related("offering__course__provider__organisation", "employer__organisation")
                  .order_by("-offering__start_date", "name", "pk"))
    interests = (interests.select_related("course__provider__organisation", "employer__organisation")
                 .order_by("-created_at", "pk"))
    return enrolments, interests
