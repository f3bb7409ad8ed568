"""Saving an event as the office plans or changes it, and what a change means for the people registered.

- Places cannot drop below the places already confirmed: those people were promised a seat.
- More places (or no limit) move the first people waiting up at once, each with an e-mail.
- A new time or location is e-mailed to everyone who holds a place, waits or has yet to confirm,
  with the calendar file again; its SEQUENCE goes up so calendar programs replace the old entry.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from civhub.core.audit import record_event
from civhub.events.errors import EventError
from civhub.events.models import Event, Registration
from civhub.events.services.registration import confirmed_count, fill_free_places, mail_registrant

# What registrants are told about when it changes: when and where.
NOTIFIED_FIELDS = ("starts_at", "ends_at", "location")


def save_event(*, event: Event, actor) -> Event:
    """Create or change `event` (its new values set, not yet saved); returns it saved."""
    with transaction.atomic():
        if event.pk is None:
            event.save()
            record_event(event, actor=actor, action="event_created", centre=event.centre, summary=event.title)
            return event
        before = Event.objects.select_for_update().get(pk=event.pk)
        confirmed = confirmed_count(before)
        if event.capacity is not None and event.capacity < confirmed:
            raise EventError(_("%(count)d people already have a place; the number of places cannot be lower.")
                             % {"count": confirmed}, field="capacity")
        moved = [name for name in NOTIFIED_FIELDS if getattr(event, name) != getattr(before, name)]
        if moved:
            event.revision = before.revision + 1
        event.save()
        record_event(event, actor=actor, action="event_changed", centre=event.centre,
                     summary=f"{event.title}: {', '.join(moved)}" if moved else event.title)
        if moved:
            _tell_registrants(event)
        if _more_places(before, event):
            fill_free_places(event, actor=actor)
    return event


def _more_places(before: Event, after: Event) -> bool:
    if after.capacity is None:
        return before.capacity is not None
    return before.capacity is not None and after.capacity > before.capacity


def _tell_registrants(event: Event) -> None:
    """E-mail the new time and place to everyone still registered (after commit, in their language)."""
    current = event.registrations.exclude(status=Registration.Status.CANCELLED).exclude(email="")
    for registration in current:
        registration.event = event  # the changed event, not one query per person to read it again
        mail_registrant(registration, "events/email/changed")
