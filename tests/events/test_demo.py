"""The demo events: the brochure's 2021 agenda in the past, a full event with a waiting list, idempotent."""

import datetime

import pytest
from django.utils import timezone

from civhub.events.models import Event, Registration
from civhub.loader.demo_events import add_demo_events

pytestmark = pytest.mark.django_db


def test_demo_events_hold_the_brochure_agenda_and_a_waiting_list(centre):
    assert "9 events" in add_demo_events(centre=centre)
    conference = Event.objects.get(centre=centre, title="Werkconferentie van en voor alle partners")
    assert timezone.localtime(conference.starts_at).date() == datetime.date(2021, 5, 26)
    call = Event.objects.get(centre=centre, kind=Event.Kind.OTHER, title__startswith="Oproep")
    assert timezone.localtime(call.starts_at).date() == datetime.date(2020, 11, 5)
    full = Event.objects.get(centre=centre, title="Informatiesessie Leven Lang Ontwikkelen")
    confirmed = full.registrations.filter(status=Registration.Status.CONFIRMED).count()
    assert confirmed == full.capacity and full.registrations.filter(status=Registration.Status.WAITING).exists()


def test_a_second_call_adds_nothing(centre):
    add_demo_events(centre=centre)
    counts = (Event.objects.count(), Registration.objects.count())
    assert "0 events" in add_demo_events(centre=centre)
    assert (Event.objects.count(), Registration.objects.count()) == counts
