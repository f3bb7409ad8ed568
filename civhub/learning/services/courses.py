"""Providers' writes: their courses (draft or published), the courses' offerings and the skills they address."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from civhub.core.audit import field_changes, record_event
from civhub.core.formatting import format_date
from civhub.core.models import Centre
from civhub.learning.errors import LearningError
from civhub.learning.models import Course, Enrolment, Offering, Skill
from civhub.learning.permissions import provider_choices
from civhub.learning.services.enrolment import fill_free_places

COURSE_FIELDS = ("provider", "title", "description", "level", "nlqf_level", "eqf_level", "study_load_unit",
                 "study_load", "language", "price", "stap_eligible", "terms", "mode", "status")
OFFERING_FIELDS = ("start_date", "end_date", "location", "capacity")


def save_course(*, centre: Centre, actor, data: dict, skills=(), new_skills=(), course: Course | None = None) -> Course:
    """Create or change a course; `skills` are existing skills, `new_skills` names of skills to add to the centre."""
    _check_course(centre, actor, data)
    values = {name: data[name] for name in COURSE_FIELDS if name in data}  # terms are optional for callers
    with transaction.atomic():
        if course is None:
            course = Course.objects.create(centre=centre, **values)
            record_event(course, actor=actor, action="course_created", centre=centre, summary=course.title)
        else:
            course = Course.objects.select_for_update().get(pk=course.pk, centre=centre)
            changes = field_changes(course, values)
            for name, value in values.items():
                setattr(course, name, value)
            course.save()
            record_event(course, actor=actor, action="course_changed", centre=centre, summary=course.title,
                         changes=changes)
        course.skills.set([*skills, *add_skills(centre=centre, names=new_skills)])
    return course


def _check_course(centre: Centre, actor, data: dict) -> None:
    if data["price"] < Decimal("0"):
        raise LearningError(_("The price cannot be negative."))
    for field, label in (("nlqf_level", "NLQF"), ("eqf_level", "EQF")):
        level = data.get(field)
        if level is not None and not 1 <= level <= 8:
            raise LearningError(_("The %(framework)s level is a number from 1 to 8.") % {"framework": label})
    if not provider_choices(actor, centre).filter(pk=data["provider"].pk).exists():
        raise LearningError(_("You can only offer courses for your own organisation."))


def add_skills(*, centre: Centre, names) -> list[Skill]:
    """The centre's skills with these names, added when new (matched without regard to capital letters)."""
    skills = []
    for name in {" ".join(name.split()) for name in names} - {""}:
        skill = Skill.objects.annotate(lower=Lower("name")).filter(centre=centre, lower=name.lower()).first()
        skills.append(skill or Skill.objects.create(centre=centre, name=name[:120]))
    return skills


def save_offering(*, course: Course, actor, data: dict, offering: Offering | None = None) -> Offering:
    """Create or change an offering; never below the number already enrolled, never created in the past.

    Raising the number of places moves people up from the waiting list straight away.
    """
    check_dates(data["start_date"], data["end_date"])
    with transaction.atomic():
        if offering is None:
            if data["start_date"] < timezone.localdate():
                raise LearningError(_("A new offering cannot start in the past (%(date)s).")
                                    % {"date": format_date(data["start_date"])})
            offering = Offering.objects.create(course=course, **{name: data[name] for name in OFFERING_FIELDS})
            record_event(offering, actor=actor, action="offering_created", centre=course.centre, summary=str(offering))
            return offering
        offering = Offering.objects.select_for_update().get(pk=offering.pk, course=course)
        enrolled = offering.enrolments.filter(status=Enrolment.Status.ENROLLED).count()
        if data["capacity"] < enrolled:
            raise LearningError(_("%(enrolled)s people are enrolled in this offering, so it needs at least "
                                  "%(enrolled)s places; you entered %(capacity)s.")
                                % {"enrolled": enrolled, "capacity": data["capacity"]})
        changes = field_changes(offering, {name: data[name] for name in OFFERING_FIELDS})
        for name in OFFERING_FIELDS:
            setattr(offering, name, data[name])
        offering.save()
        record_event(offering, actor=actor, action="offering_changed", centre=course.centre, summary=str(offering),
                     changes=changes)
        fill_free_places(offering, actor=actor)
    return offering


def check_dates(start: date, end: date) -> None:
    """Refuse an offering that ends before it starts."""
    if end < start:
        raise LearningError(_("The end date (%(end)s) is before the start date (%(start)s).")
                            % {"end": format_date(end), "start": format_date(start)})
