"""Two people at once (PostgreSQL: SQLite's test database cannot hold row locks between connections): the last
places go to exactly as many people as there are, and each freed place moves exactly one person up."""

import pytest

from civhub.events.models import Registration
from civhub.events.services import registration as services
from tests.concurrency import POSTGRES_ONLY, at_once
from tests.events.factories import EventFactory, RegistrationFactory

Status = Registration.Status
pytestmark = [pytest.mark.django_db(transaction=True), POSTGRES_ONLY]


def test_confirming_at_once_never_gives_more_places_than_there_are(centre):
    event = EventFactory(centre=centre, capacity=3)
    pending = [RegistrationFactory(event=event, status=Status.PENDING, confirmed_at=None) for _ in range(8)]

    assert at_once(lambda registration: services.confirm(registration=registration), pending) == []

    statuses = list(event.registrations.values_list("status", flat=True))
    assert (statuses.count(Status.CONFIRMED), statuses.count(Status.WAITING)) == (3, 5)


def test_cancelling_at_once_moves_one_person_up_per_freed_place(centre):
    event = EventFactory(centre=centre, capacity=4)
    holders = [RegistrationFactory(event=event) for _ in range(4)]
    waiting = [RegistrationFactory(event=event, status=Status.WAITING) for _ in range(6)]

    assert at_once(lambda registration: services.cancel(registration=registration),
                   holders[:3]) == []

    assert event.registrations.filter(status=Status.CONFIRMED).count() == 4
    assert event.registrations.filter(pk__in=[person.pk for person in waiting], status=Status.CONFIRMED).count() == 3
