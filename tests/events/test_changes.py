"""The office changes an event: places never drop below the promised ones, more places move people up, and a
new time or place reaches everyone registered with a calendar file that replaces the old entry."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from civhub.events.errors import EventError
from civhub.events.models import Event, Registration
from civhub.events.services.events import save_event
from tests.events.factories import EventFactory, RegistrationFactory, in_days

Status = Registration.Status
pytestmark = pytest.mark.django_db


def _changed(event, **values) -> Event:
    fresh = Event.objects.get(pk=event.pk)
    for name, value in values.items():
        setattr(fresh, name, value)
    return fresh


def test_places_cannot_drop_below_the_confirmed_ones(centre, programme_manager, english_messages):
    event = EventFactory(centre=centre, capacity=3)
    RegistrationFactory.create_batch(2, event=event)
    with pytest.raises(EventError, match="2 people already have a place"):
        save_event(event=_changed(event, capacity=1), actor=programme_manager)
    event.refresh_from_db()
    assert event.capacity == 3


def test_more_places_move_the_first_people_waiting_up(centre, programme_manager,
                                                       django_capture_on_commit_callbacks):
    event = EventFactory(centre=centre, capacity=1)
    RegistrationFactory(event=event)
    first = RegistrationFactory(event=event, status=Status.WAITING, confirmed_at=timezone.now())
    second = RegistrationFactory(event=event, status=Status.WAITING,
                                 confirmed_at=timezone.now() + datetime.timedelta(seconds=1))
    with django_capture_on_commit_callbacks(execute=True):
        save_event(event=_changed(event, capacity=2), actor=programme_manager)
    first.refresh_from_db(), second.refresh_from_db()
    assert (first.status, second.status) == (Status.CONFIRMED, Status.WAITING)
    assert [message.to for message in mail.outbox] == [[first.email]]


def test_a_new_time_reaches_everyone_registered_with_a_newer_calendar_entry(centre, programme_manager,
                                                                          django_capture_on_commit_callbacks):
    event = EventFactory(centre=centre, capacity=2)
    holder = RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event, status=Status.WAITING)
    pending = RegistrationFactory(event=event, status=Status.PENDING, confirmed_at=None)
    RegistrationFactory(event=event, status=Status.CANCELLED)
    RegistrationFactory(event=event, status=Status.CONFIRMED, email="", name="")  # anonymised
    with django_capture_on_commit_callbacks(execute=True):
        save_event(event=_changed(event, starts_at=in_days(31, 13), ends_at=in_days(31, 17)),
                   actor=programme_manager)
    assert {message.to[0] for message in mail.outbox} == {holder.email, waiting.email, pending.email}
    to_holder = next(message for message in mail.outbox if message.to == [holder.email])
    vevent = Calendar.from_ical(to_holder.attachments[0][1]).walk("VEVENT")[0]
    assert vevent["sequence"] == 1 and vevent.decoded("dtstart") == in_days(31, 13)
    assert not next(message for message in mail.outbox if message.to == [waiting.email]).attachments

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        save_event(event=_changed(event, title="Werkconferentie (nieuwe titel)"), actor=programme_manager)
    assert not mail.outbox  # only time and place are news to the people registered
    assert Event.objects.get(pk=event.pk).revision == 1


def test_the_edit_page_refuses_fewer_places_in_dutch(persona_client, centre):
    event = EventFactory(centre=centre, capacity=3)
    RegistrationFactory.create_batch(2, event=event)
    data = {"kind": event.kind, "title": event.title, "audience": event.audience, "location": event.location,
            "starts_at": timezone.localtime(event.starts_at).strftime("%Y-%m-%dT%H:%M"),
            "ends_at": timezone.localtime(event.ends_at).strftime("%Y-%m-%dT%H:%M"), "capacity": "1"}
    response = persona_client("programme_manager").post(reverse("events:event_edit", args=[centre.slug, event.pk]),
                                                        data)
    assert response.status_code == 400
    assert "2 mensen hebben al een plaats" in response.content.decode()
