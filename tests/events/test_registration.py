"""Registration: double opt-in, the waiting list, refusals (English source texts), cancellation, anonymising."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone
from icalendar import Calendar

from civhub.events.errors import EventError
from civhub.events.models import Event, Registration
from civhub.events.services import registration as services
from tests.events.factories import EventFactory, RegistrationFactory, in_days

Status = Registration.Status
pytestmark = pytest.mark.django_db


def _register(event, email, *, actor=None, waiting_list=False, ip="10.0.0.1"):
    return services.register(event=event, data={"name": "Sanne de Vries", "email": email},
                             actor=actor or AnonymousUser(), ip_address=ip, language="nl", waiting_list=waiting_list)


def test_a_visitor_is_pending_until_confirmed_and_takes_no_place(centre, django_capture_on_commit_callbacks):
    event = EventFactory(centre=centre, capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        pending = _register(event, "Sanne@Example.org ")
    assert pending.status == Status.PENDING and pending.email == "sanne@example.org"
    assert services.confirmed_count(event) == 0
    assert "/bevestigen/" in mail.outbox[0].body and not mail.outbox[0].attachments
    # someone else can still take the only place: pending registrations hold none
    other = _register(event, "other@example.org", ip="10.0.0.2")
    with django_capture_on_commit_callbacks(execute=True):
        services.confirm(registration=other)
    with django_capture_on_commit_callbacks(execute=True):
        pending = services.confirm(registration=pending)
    assert pending.status == Status.WAITING  # the event filled up before this confirmation


def test_confirmation_mail_carries_an_ics_with_the_event(centre, django_capture_on_commit_callbacks):
    event = EventFactory(centre=centre)
    registration = _register(event, "a@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        services.confirm(registration=registration)
    name, content, mimetype = mail.outbox[-1].attachments[0]
    assert mimetype == "text/calendar" and name.endswith(".ics")
    vevent = Calendar.from_ical(content).walk("VEVENT")[0]
    assert vevent["uid"] == f"event-{event.pk}@{centre.slug}.civhub"
    assert vevent.decoded("dtstart") == event.starts_at


def test_second_confirmation_changes_nothing(centre):
    registration = _register(EventFactory(centre=centre), "a@example.org")
    first = services.confirm(registration=registration)
    assert services.confirm(registration=first).confirmed_at == first.confirmed_at


def test_a_signed_in_partner_is_confirmed_at_once(centre, partner_a, partner_a_contact):
    event = EventFactory(centre=centre, audience=Event.Audience.PARTNERS)
    registration = _register(event, partner_a_contact.email, actor=partner_a_contact)
    assert registration.status == Status.CONFIRMED
    assert registration.partnership == partner_a and registration.user == partner_a_contact


def test_partner_event_refuses_a_visitor(centre):
    with pytest.raises(EventError, match="partners"):
        _register(EventFactory(centre=centre, audience=Event.Audience.PARTNERS), "a@example.org")


def test_full_event_needs_the_explicit_waiting_list_choice(centre):
    event = EventFactory(centre=centre, capacity=1)
    RegistrationFactory(event=event)
    with pytest.raises(EventError) as error:
        _register(event, "b@example.org")
    assert "waiting list" in str(error.value)
    registration = services.confirm(registration=_register(event, "b@example.org", waiting_list=True))
    assert registration.status == Status.WAITING and services.waiting_position(registration) == 1


def test_deadline_passed_is_refused_in_dutch(centre):
    event = EventFactory(centre=centre, registration_deadline=timezone.now() - datetime.timedelta(hours=1))
    with pytest.raises(EventError) as error:
        _register(event, "a@example.org")
    assert "closed" in str(error.value)


def test_the_same_email_twice_is_refused(centre):
    event = EventFactory(centre=centre)
    _register(event, "a@example.org")
    with pytest.raises(EventError) as error:
        _register(event, "A@example.org", ip="10.0.0.9")
    assert "already registered" in str(error.value)


def test_rate_limit_per_address(centre, settings):
    settings.APPLICATION_RATE_LIMIT = 2
    event = EventFactory(centre=centre, capacity=None)
    _register(event, "a@example.org")
    _register(event, "b@example.org")
    with pytest.raises(EventError):
        _register(event, "c@example.org")
    _register(event, "c@example.org", ip="10.0.0.2")


def test_cancelling_a_place_moves_the_first_waiting_person_up(centre, django_capture_on_commit_callbacks):
    event = EventFactory(centre=centre, capacity=1)
    holder = RegistrationFactory(event=event)
    first = RegistrationFactory(event=event, status=Status.WAITING, confirmed_at=timezone.now())
    second = RegistrationFactory(event=event, status=Status.WAITING,
                                 confirmed_at=timezone.now() + datetime.timedelta(seconds=1))
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(registration=holder)
    first.refresh_from_db(), second.refresh_from_db()
    assert (first.status, second.status) == (Status.CONFIRMED, Status.WAITING)
    assert services.waiting_position(second) == 1
    assert {message.to[0] for message in mail.outbox} == {holder.email, first.email}
    moved_up = next(message for message in mail.outbox if message.to == [first.email])
    assert moved_up.attachments  # the new place comes with the calendar file
    with pytest.raises(EventError):
        services.cancel(registration=holder)


def test_anonymising_keeps_the_counts(centre, programme_manager):
    event = EventFactory(centre=centre)
    registration = RegistrationFactory(event=event, answers={"Dieetwensen": "vegetarisch"})
    services.anonymise(registration=registration, actor=programme_manager)
    registration.refresh_from_db()
    assert (registration.name, registration.email, registration.answers) == ("", "", {})
    assert registration.anonymised_at and services.confirmed_count(event) == 1
    with pytest.raises(EventError):
        services.anonymise(registration=registration, actor=programme_manager)


def test_check_in_only_for_a_confirmed_place(centre, programme_manager):
    event = EventFactory(centre=centre)
    services.set_checked_in(registration=RegistrationFactory(event=event), actor=programme_manager, present=True)
    with pytest.raises(EventError):
        services.set_checked_in(registration=RegistrationFactory(event=event, status=Status.WAITING),
                                actor=programme_manager, present=True)


def test_an_event_ending_before_it_starts_is_refused(centre):
    event = Event(centre=centre, title="x", starts_at=in_days(3, 14), ends_at=in_days(3, 10))
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "ends before it starts" in str(error.value)
