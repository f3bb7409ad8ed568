"""The programme office's learning paths: an ordered route of courses, each course at most once per path."""

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from civhub.core.audit import record_event
from civhub.core.models import Centre
from civhub.learning.errors import LearningError
from civhub.learning.models import Course, LearningPath, LearningPathStep

PATH_FIELDS = ("title", "description", "published")


def save_path(*, centre: Centre, actor, data: dict, path: LearningPath | None = None) -> LearningPath:
    """Create or change a learning path's title, description and whether the catalogue shows it."""
    with transaction.atomic():
        if path is None:
            path = LearningPath.objects.create(centre=centre, **{name: data[name] for name in PATH_FIELDS})
            record_event(path, actor=actor, action="path_created", centre=centre, summary=path.title)
            return path
        path = LearningPath.objects.select_for_update().get(pk=path.pk, centre=centre)
        for name in PATH_FIELDS:
            setattr(path, name, data[name])
        path.save()
        record_event(path, actor=actor, action="path_changed", centre=centre, summary=path.title)
    return path


def add_step(*, path: LearningPath, course: Course, actor) -> LearningPathStep:
    """Add `course` as the path's last step; a course appears at most once in a path."""
    if course.centre_id != path.centre_id:
        raise LearningError(_("This course belongs to another centre."), field="course")
    with transaction.atomic():
        path = LearningPath.objects.select_for_update().get(pk=path.pk)
        if path.steps.filter(course=course).exists():
            raise LearningError(_("“%(course)s” is already a step of this path.") % {"course": course.title},
                                field="course")
        last = path.steps.aggregate(last=Max("position"))["last"] or 0
        step = LearningPathStep.objects.create(path=path, course=course, position=last + 1)
        record_event(path, actor=actor, action="path_step_added", centre=path.centre, summary=course.title)
    return step


def remove_step(*, step: LearningPathStep, actor) -> None:
    """Take a step out of its path; the later steps move up one place."""
    with transaction.atomic():
        path = LearningPath.objects.select_for_update().get(pk=step.path_id)
        step = LearningPathStep.objects.select_related("course").get(pk=step.pk)
        step.delete()
        for later in path.steps.filter(position__gt=step.position).order_by("position"):
            later.position -= 1
            later.save(update_fields=["position"])
        record_event(path, actor=actor, action="path_step_removed", centre=path.centre, summary=step.course.title)


def move_step(*, step: LearningPathStep, up: bool, actor) -> None:
    """Swap a step with the one before (`up`) or after it; nothing happens at either end of the path."""
    with transaction.atomic():
        path = LearningPath.objects.select_for_update().get(pk=step.path_id)
        step = LearningPathStep.objects.get(pk=step.pk)
        neighbour = path.steps.filter(position=step.position - 1 if up else step.position + 1).first()
        if neighbour is None:
            return
        # Positions are unique per path: park one step on 0 while the other takes its place.
        old, step.position = step.position, 0
        step.save(update_fields=["position"])
        neighbour.position, step.position = old, neighbour.position
        neighbour.save(update_fields=["position"])
        step.save(update_fields=["position"])
        record_event(path, actor=actor, action="path_step_moved", centre=path.centre, summary=str(step))
