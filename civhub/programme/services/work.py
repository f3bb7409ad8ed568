"""The office plans a line's work: activities and milestones (create and edit, audited, in one transaction).

Every rule is checked here, before anything is written, whatever form or importer calls:
an end before the start, owners or an activity from elsewhere, a milestone reached late
without an explanation, a done date in the future. Each raises ProgrammeError with a
message for people (and the field it is about).
"""

from dataclasses import dataclass, field, fields
from datetime import date

from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from civhub.core.audit import field_changes, record_event
from civhub.programme.errors import ProgrammeError
from civhub.programme.models import Activity, Milestone
from civhub.programme.permissions import may_edit


@dataclass
class ActivityData:
    """What the office says about an activity."""

    title: str
    start: date
    end: date | None = None
    status: str = Activity.Status.PLANNED
    description: str = ""
    lead_person: str = ""
    owners: list = field(default_factory=list)


@dataclass
class MilestoneData:
    """What the office says about a milestone."""

    title: str
    due_date: date
    done_date: date | None = None
    activity: Activity | None = None
    evidence: str = ""
    evidence_link: str = ""
    explanation: str = ""


def ensure_editor(actor, centre) -> None:
    if not may_edit(actor, centre):
        raise ProgrammeError(_("Only the programme office can change the programme's activities, milestones and "
                               "KPIs."))


def _check_activity(line, data: ActivityData) -> None:
    if not data.title.strip():
        raise ProgrammeError(_("Give the activity a title."), field="title")
    if data.end is not None and data.end < data.start:
        raise ProgrammeError(_("The end date lies before the start date."), field="end")
    if any(owner.centre_id != line.centre_id for owner in data.owners):
        raise ProgrammeError(_("Choose owners among the centre's partners."), field="owners")


def values_of(data) -> dict:
    """A data object's fields as a dict (without dataclasses.asdict, which would deep-copy model instances)."""
    return {spec.name: getattr(data, spec.name) for spec in fields(data)}


def _fields(data) -> dict:
    return {name: value for name, value in values_of(data).items() if name != "owners"}


def create_activity(*, line, actor, data: ActivityData) -> Activity:
    """Add an activity to a programme line."""
    ensure_editor(actor, line.centre)
    _check_activity(line, data)
    with transaction.atomic():
        activity = Activity.objects.create(centre=line.centre, programme_line=line, **_fields(data))
        activity.owners.set(data.owners)
        record_event(activity, actor=actor, action="activity_created", centre=line.centre,
                     summary=f"{line.number}: {activity.title}")
    return activity


def update_activity(*, activity: Activity, actor, data: ActivityData) -> Activity:
    """Change an activity (its line stays)."""
    ensure_editor(actor, activity.centre)
    _check_activity(activity.programme_line, data)
    with transaction.atomic():
        activity = Activity.objects.select_for_update().get(pk=activity.pk)
        changes = field_changes(activity, _fields(data))
        for name, value in _fields(data).items():
            setattr(activity, name, value)
        activity.save()
        activity.owners.set(data.owners)
        record_event(activity, actor=actor, action="activity_edited", centre=activity.centre,
                     summary=activity.title, changes=changes)
    return activity


def _check_milestone(line, data: MilestoneData) -> None:
    if not data.title.strip():
        raise ProgrammeError(_("Give the milestone a title."), field="title")
    if data.activity is not None and data.activity.programme_line_id != line.pk:
        raise ProgrammeError(_("Choose an activity of this programme line."), field="activity")
    if data.done_date is not None and data.done_date > timezone.localdate():
        raise ProgrammeError(_("The date it was reached lies in the future."), field="done_date")
    if data.done_date is not None and data.done_date > data.due_date and not data.explanation.strip():
        raise ProgrammeError(_("The milestone was reached after its due date: explain why in the explanation."),
                             field="explanation")


def create_milestone(*, line, actor, data: MilestoneData) -> Milestone:
    """Add a milestone to a programme line."""
    ensure_editor(actor, line.centre)
    _check_milestone(line, data)
    with transaction.atomic():
        milestone = Milestone.objects.create(centre=line.centre, programme_line=line, **values_of(data))
        record_event(milestone, actor=actor, action="milestone_created", centre=line.centre,
                     summary=f"{line.number}: {milestone.title} ({milestone.due_date})")
    return milestone


def update_milestone(*, milestone: Milestone, actor, data: MilestoneData) -> Milestone:
    """Change a milestone: mark it reached (done date and evidence) or explain why it is late or missed."""
    ensure_editor(actor, milestone.centre)
    _check_milestone(milestone.programme_line, data)
    with transaction.atomic():
        milestone = Milestone.objects.select_for_update().get(pk=milestone.pk)
        values = values_of(data)
        changes = field_changes(milestone, values)
        for name, value in values.items():
            setattr(milestone, name, value)
        milestone.save()
        record_event(milestone, actor=actor, action="milestone_edited", centre=milestone.centre,
                     summary=milestone.title, changes=changes)
    return milestone


def _is_research_project(activity: Activity) -> bool:
    try:
        return activity.research_project is not None
    except ObjectDoesNotExist:
        return False


def delete_activity(*, activity: Activity, actor) -> None:
    """Remove an activity planned by mistake; its history keeps it. One that contributions were booked to, or
    that a research project runs as, stays: the ledger and the project need it (stop it instead)."""
    ensure_editor(actor, activity.centre)
    with transaction.atomic():
        activity = Activity.objects.select_for_update().get(pk=activity.pk)
        booked = activity.contributions.count()
        if booked:
            raise ProgrammeError(ngettext(
                "%(count)d contribution is booked to this activity, so it stays. Set its status to stopped instead.",
                "%(count)d contributions are booked to this activity, so it stays. Set its status to stopped instead.",
                booked) % {"count": booked})
        if _is_research_project(activity):
            raise ProgrammeError(_("This activity is a research project's; it stays as long as the project does."))
        record_event(activity, actor=actor, action="activity_deleted", centre=activity.centre,
                     summary=f"{activity.programme_line.number}: {activity.title}")
        activity.delete()


def delete_milestone(*, milestone: Milestone, actor) -> None:
    """Remove a milestone planned by mistake; its history keeps it."""
    ensure_editor(actor, milestone.centre)
    with transaction.atomic():
        milestone = Milestone.objects.select_for_update().get(pk=milestone.pk)
        record_event(milestone, actor=actor, action="milestone_deleted", centre=milestone.centre,
                     summary=f"{milestone.programme_line.number}: {milestone.title} ({milestone.due_date})")
        milestone.delete()
