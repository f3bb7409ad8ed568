"""What the public feed may show: published courses, their offerings, and the organisations providing them.

(And, at the end, a person's own API tokens for their account page.)

Every queryset starts from published courses, so a draft course, its offerings and a
provider with only drafts never appear in a list, a count or a lookup. Each fetches its
page's related rows in a fixed number of queries, whatever the page size.
"""

from collections import defaultdict

from django.db.models import Count, F, Min, Q

from civhub.api.models import PersonalToken
from civhub.learning.models import Course, Enrolment, Offering
from civhub.partners.models import Organisation

PUBLISHED = Course.Status.PUBLISHED


def published_courses(*, centre: str | None = None):
    """The keys of published courses, oldest first (the (status, id) index serves the filter and the order).

    `course_rows` fetches a page of them.
    """
    courses = Course.objects.filter(status=PUBLISHED)
    if centre is not None:
        courses = courses.filter(centre__slug=centre)
    return courses.order_by("id")


def course_rows(keys: list[int]) -> list[Course]:
    """The published courses with these keys, each with `centre_slug`, `skill_names` and `offering_ids`.

    Three queries whatever the number of keys. Skills and offering ids come as plain
    values rather than prefetched objects: the feed only shows their names and ids.
    """
    courses = [
        course for course in Course.objects.filter(pk__in=keys).select_related("provider")
        .annotate(centre_slug=F("centre__slug"))
        if course.status == PUBLISHED  # checked again: see offering_rows
    ]
    skills, offerings = defaultdict(list), defaultdict(list)
    for course_id, name in Course.skills.through.objects.filter(course_id__in=keys).order_by(
        "skill__name"
    ).values_list("course_id", "skill__name"):
        skills[course_id].append(name)
    for course_id, offering_id in Offering.objects.filter(course_id__in=keys).order_by(
        "start_date", "id"
    ).values_list("course_id", "id"):
        offerings[course_id].append(offering_id)
    for course in courses:
        course.skill_names, course.offering_ids = skills[course.pk], offerings[course.pk]
    return courses


def published_offerings(*, centre: str | None = None, course_id: int | None = None):
    """The keys of offerings of published courses, by start date; `offering_rows` fetches a page of them."""
    offerings = Offering.objects.filter(course__status=PUBLISHED)
    if centre is not None:
        offerings = offerings.filter(course__centre__slug=centre)
    if course_id is not None:
        offerings = offerings.filter(course_id=course_id)
    return offerings.order_by("start_date", "id")


def offering_rows(keys: list[int]) -> list[Offering]:
    """The offerings with these keys, with their courses and providers and their enrolment counts.

    Fetched by key alone, so the database goes straight to them (filtering on the course's
    status again lets SQLite walk every published course first). The keys come from
    `published_offerings`; the status is checked once more here all the same, so a course
    taken back to draft between the two queries cannot slip through.
    """
    offerings = [
        offering for offering in Offering.objects.filter(pk__in=keys).select_related("course__provider")
        if offering.course.status == PUBLISHED
    ]
    return attach_enrolment_counts(offerings)


def attach_enrolment_counts(offerings: list[Offering]) -> list[Offering]:
    """Set `enrolled_count` and `waiting_count` on each offering of a page, with one query for the page.

    Counting per page rather than annotating the list keeps the database from counting the
    enrolments of every offering before it picks the page.
    """
    counts = {
        row["offering_id"]: row
        for row in Enrolment.objects.filter(offering__in=offerings)
        .values("offering_id")
        .annotate(
            enrolled=Count("id", filter=Q(status=Enrolment.Status.ENROLLED)),
            waiting=Count("id", filter=Q(status=Enrolment.Status.WAITING)),
        )
        .order_by()
    }
    for offering in offerings:
        row = counts.get(offering.pk, {})
        offering.enrolled_count = row.get("enrolled", 0)
        offering.waiting_count = row.get("waiting", 0)
    return offerings


def providers(*, centre: str | None = None):
    """Organisations providing at least one published course, with one of their short codes as `short_name`.

    An organisation can be a partner of several centres under different short codes; the feed
    shows the first in alphabetical order among the partnerships that provide published courses.
    """
    provides = {"partnerships__courses__status": PUBLISHED}
    if centre is not None:
        provides["partnerships__courses__centre__slug"] = centre
    # One filter() call, so both conditions hold for the same course; the annotation then counts only those rows.
    return Organisation.objects.filter(**provides).annotate(short_name=Min("partnerships__short_code")).order_by(
        "name", "id"
    )


# Personal API tokens (the person's own page) ----------------------------------------------------------------------


def tokens_of(user):
    """The person's own tokens, newest first: active, expired and revoked alike (a revoked one shows when it stopped).

    Nothing here reads a secret: civhub keeps only each token's hash and its first characters.
    """
    return PersonalToken.objects.filter(user=user).order_by("-created", "-pk")
