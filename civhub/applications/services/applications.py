"""Starting a funding application and changing what it is: the round, the title, the planned period.

A new application gets one part of each kind the regulation asks for (models.PartKind), all to do.
"""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from civhub.applications.errors import ApplicationError
from civhub.applications.models import Application, ApplicationPart, PartKind
from civhub.applications.permissions import may_edit
from civhub.core.audit import field_changes, record_event
from civhub.core.models import Regulation


@dataclass
class ApplicationData:
    """What the office says about an application."""

    regulation: Regulation
    title: str
    planned_start: date
    planned_end: date
    due_on: date | None = None


def ensure_editor(actor, centre) -> None:
    if not may_edit(actor, centre):
        raise ApplicationError(_("Only the programme office writes the funding application."))


def locked_for_continuation(application: Application) -> Application:
    """The application, locked; refused unless its forecast after the subsidy may change (a draft, or an awarded
    application whose partners are asked for their commitments after the subsidy)."""
    application = Application.objects.select_for_update(of=("self",)).select_related("centre", "regulation").get(
        pk=application.pk)
    if not application.continuation_editable:
        raise ApplicationError(_("This application is %(status)s: only a draft can be changed.")
                               % {"status": application.get_status_display()})
    return application


def locked_draft(application: Application) -> Application:
    """The application, locked until the transaction ends; refused unless it is still a draft."""
    application = Application.objects.select_for_update(of=("self",)).select_related("centre", "regulation").get(
        pk=application.pk)
    if not application.is_draft:
        raise ApplicationError(_("This application is %(status)s: only a draft can be changed.")
                               % {"status": application.get_status_display()})
    return application


def _check(data: ApplicationData) -> None:
    if not data.title.strip():
        raise ApplicationError(_("Give the application a title."), field="title")
    if data.planned_end <= data.planned_start:
        raise ApplicationError(_("The planned end lies before the planned start."), field="planned_end")


def _fields(data: ApplicationData) -> dict:
    return {"regulation": data.regulation, "title": data.title.strip(), "planned_start": data.planned_start,
            "planned_end": data.planned_end, "due_on": data.due_on}


def create_application(*, centre, actor, data: ApplicationData) -> Application:
    """Start an application as a draft, with its parts to do."""
    ensure_editor(actor, centre)
    _check(data)
    with transaction.atomic():
        application = Application.objects.create(centre=centre, created_by=actor, **_fields(data))
        bulk_create_with_history([
            ApplicationPart(application=application, kind=kind, position=position, updated_by=actor)
            for position, kind in enumerate(PartKind, start=1)], ApplicationPart, default_user=actor)
        record_event(application, actor=actor, action="application_created", centre=centre,
                     summary=application.title, changes={"regulation": data.regulation.code})
    return application


def update_application(*, application: Application, actor, data: ApplicationData) -> Application:
    """Change the round, title or planned period; the budget and the forecast must still fit the new period."""
    ensure_editor(actor, application.centre)
    _check(data)
    with transaction.atomic():
        application = locked_draft(application)
        _fits(application, data)
        changes = field_changes(application, _fields(data))
        for name, value in _fields(data).items():
            setattr(application, name, value)
        application.save()
        record_event(application, actor=actor, action="application_changed", centre=application.centre,
                     summary=application.title, changes=changes)
    return application


def _fits(application: Application, data: ApplicationData) -> None:
    """Refuse a period that would leave budget lines outside it, or continuation lines inside it."""
    years = range(data.planned_start.year, data.planned_end.year + 1)
    outside = sorted(set(application.budget_lines.exclude(year__in=list(years)).values_list("year", flat=True)))
    if outside:
        raise ApplicationError(_("The budget has lines in %(years)s, outside the new period: move or remove them "
                                 "first.") % {"years": ", ".join(map(str, outside))}, field="planned_start")
    inside = sorted(set(application.continuation_lines.filter(year__lte=data.planned_end.year)
                        .values_list("year", flat=True)))
    if inside:
        raise ApplicationError(_("The continuation forecast has lines in %(years)s, which would fall within the "
                                 "subsidy: move or remove them first.") % {"years": ", ".join(map(str, inside))},
                               field="planned_end")
