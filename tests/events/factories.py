"""Rows for the events tests: events and registrations. E-mail addresses are @example.org."""

import datetime

import factory
from django.utils import timezone

from civhub.events.models import Event, EventQuestion, Registration


def in_days(days: int, hour: int = 10) -> datetime.datetime:
    """An aware time `days` from today at `hour` o'clock, Dutch time."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    kind = Event.Kind.WORK_CONFERENCE
    title = factory.Sequence(lambda n: f"Werkconferentie {n}")
    description = "Een middag met alle partners."
    starts_at = factory.LazyFunction(lambda: in_days(30, 13))
    ends_at = factory.LazyFunction(lambda: in_days(30, 17))
    location = "Bio Science Park, Leiden"
    capacity = 3
    audience = Event.Audience.PUBLIC


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventQuestion

    label = "Dieetwensen"


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    name = factory.Sequence(lambda n: f"Deelnemer {n}")
    email = factory.Sequence(lambda n: f"deelnemer{n}@example.org")
    status = Registration.Status.CONFIRMED
    confirmed_at = factory.LazyFunction(timezone.now)
