"""The public side: published courses with their upcoming offerings and places left, learning paths as routes.

Each page takes a fixed number of queries whatever the number of courses: the offerings, skills and
path steps come in one prefetch each, and the counts of places are summed by the database.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Now

from civhub.core.models import Centre
from civhub.learning.models import Course, Enrolment, LearningPath, LearningPathStep, Offering, Skill


@dataclass(frozen=True)
class CatalogueFilters:
    """What a visitor narrowed the catalogue to; empty values mean no filter."""

    level: str = ""
    mode: str = ""
    skill: int | None = None
    provider: int | None = None
    stap_only: bool = False
    text: str = ""


def published_courses(centre: Centre) -> QuerySet[Course]:
    """The courses anyone may see: published ones of this centre (drafts never leave the provider)."""
    return Course.objects.filter(centre=centre, status=Course.Status.PUBLISHED)


def with_places(offerings: QuerySet[Offering]) -> QuerySet[Offering]:
    """Offerings with `enrolled`, `held` (pending an e-mail confirmation, hold not expired), `waiting` and
    `places_left` counted by the database."""
    return offerings.annotate(
        enrolled=Count("enrolments", filter=Q(enrolments__status=Enrolment.Status.ENROLLED)),
        held=Count("enrolments", filter=Q(enrolments__status=Enrolment.Status.PENDING,
                                          enrolments__hold_until__gt=Now())),
        waiting=Count("enrolments", filter=Q(enrolments__status=Enrolment.Status.WAITING)),
    ).annotate(places_left=F("capacity") - F("enrolled") - F("held"))


def upcoming_offerings(today: date) -> QuerySet[Offering]:
    """Offerings that have not started yet, soonest first."""
    return with_places(Offering.objects.filter(start_date__gte=today)).order_by("start_date", "pk")


def _with_details(courses: QuerySet[Course], today: date) -> QuerySet[Course]:
    return courses.select_related("provider__organisation").prefetch_related(
        Prefetch("skills", queryset=Skill.objects.order_by("name")),
        Prefetch("offerings", queryset=upcoming_offerings(today), to_attr="upcoming"),
    )


def catalogue(centre: Centre, filters: CatalogueFilters, *, today: date) -> QuerySet[Course]:
    """Published courses matching the filters, with provider, skills and upcoming offerings."""
    courses = published_courses(centre)
    if filters.level:
        courses = courses.filter(level=filters.level)
    if filters.mode:
        courses = courses.filter(mode=filters.mode)
    if filters.skill:
        courses = courses.filter(skills=filters.skill)
    if filters.provider:
        courses = courses.filter(provider_id=filters.provider)
    if filters.stap_only:
        courses = courses.filter(stap_eligible=True)
    if filters.text:
        skill_named = Skill.objects.filter(courses=OuterRef("pk"), name__icontains=filters.text)
        courses = courses.filter(Q(title__icontains=filters.text) | Q(description__icontains=filters.text)
                                 | Q(provider__organisation__name__icontains=filters.text) | Exists(skill_named))
    return _with_details(courses, today).order_by("title", "pk")


@dataclass(frozen=True)
class CatalogueChoices:
    """What the catalogue's filters offer: the skills and providers of published courses, and whether any of
    them is STAP-eligible (the STAP budget ended in 2024; without such a course the filter would find nothing)."""

    skills: list
    providers: list
    has_stap: bool


def catalogue_choices(centre: Centre) -> CatalogueChoices:
    """The choices the catalogue's filters offer, from the published courses."""
    courses = published_courses(centre)
    skills = list(Skill.objects.filter(courses__in=courses).distinct().order_by("name").values_list("pk", "name"))
    providers = list(courses.order_by("provider__organisation__name").values_list(
        "provider_id", "provider__organisation__name").distinct())
    return CatalogueChoices(skills, providers, courses.filter(stap_eligible=True).exists())


def course_detail(courses: QuerySet[Course], pk: int, *, today: date) -> Course | None:
    """One course with its details and upcoming offerings, from `courses` (published, or the user's own)."""
    return _with_details(courses, today).filter(pk=pk).first()


def paths_with(course: Course) -> list[LearningPath]:
    """The published learning paths that `course` is a step of."""
    return list(LearningPath.objects.filter(centre_id=course.centre_id, published=True, steps__course=course)
                .order_by("title", "pk"))


def published_paths(centre: Centre) -> QuerySet[LearningPath]:
    """Published learning paths with their steps; a step whose course is a draft stays out of sight."""
    steps = (LearningPathStep.objects.filter(course__status=Course.Status.PUBLISHED)
             .select_related("course__provider__organisation").order_by("position"))
    return (LearningPath.objects.filter(centre=centre, published=True)
            .prefetch_related(Prefetch("steps", queryset=steps, to_attr="visible_steps")).order_by("title", "pk"))


def offering_for_enrolment(centre: Centre, pk: int) -> Offering | None:
    """An offering of a published course of the centre, with its places counted, or None."""
    offerings = with_places(Offering.objects.filter(course__in=published_courses(centre)))
    return offerings.select_related("course__provider__organisation").filter(pk=pk).first()


def feed_offerings(centre: Centre, *, today: date) -> QuerySet[Offering]:
    """Upcoming offerings of published courses, for the iCalendar feed."""
    return (Offering.objects.filter(course__in=published_courses(centre), start_date__gte=today)
            .select_related("course__provider__organisation").order_by("start_date", "pk"))
