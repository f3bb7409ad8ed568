"""Small builders for the feed's tests: courses, offerings, enrolments and skills with valid defaults."""

import datetime
import itertools
from decimal import Decimal

from civhub.learning.models import Course, Enrolment, Offering, Skill

_numbers = itertools.count(1)


def course(provider, *, status=Course.Status.PUBLISHED, **fields) -> Course:
    """A course of `provider` (a Partnership) in its centre, published unless told otherwise."""
    values = {
        "title": f"Cursus {next(_numbers)}",
        "description": "Praktijkgerichte cursus voor analisten op het Leiden Bio Science Park.",
        "level": Course.Level.MBO_4,
        "nlqf_level": 4,
        "eqf_level": 4,
        "study_load": Decimal("16.0"),
        "price": Decimal("340.84"),
        "mode": Course.Mode.ON_SITE,
        **fields,
    }
    return Course.objects.create(centre=provider.centre, provider=provider, status=status, **values)


def offering(of_course: Course, **fields) -> Offering:
    values = {
        "start_date": datetime.date(2026, 9, 7),
        "end_date": datetime.date(2026, 10, 12),
        "location": "Leiden Bio Science Park, Zernikedreef 11",
        "capacity": 12,
        **fields,
    }
    return Offering.objects.create(course=of_course, **values)


def enrolments(of_offering: Offering, *, enrolled=0, waiting=0, cancelled=0) -> None:
    statuses = ["enrolled"] * enrolled + ["waiting"] * waiting + ["cancelled"] * cancelled
    Enrolment.objects.bulk_create(
        Enrolment(offering=of_offering, name=f"Deelnemer {n}", email=f"deelnemer{n}@example.org", status=status)
        for n, status in zip(_numbers, statuses, strict=False)
    )


def skill(centre, name: str) -> Skill:
    return Skill.objects.get_or_create(centre=centre, name=name)[0]
