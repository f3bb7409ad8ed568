"""Two people at once (PostgreSQL: SQLite's test database cannot hold row locks between connections): the last
places go to exactly as many people as there are, and each freed place moves exactly one person up."""

import threading

import pytest
from django.db import connection, connections

from civhub.events.models import Registration
from civhub.events.services import registration as services
from tests.events.factories import EventFactory, RegistrationFactory

Status = Registration.Status
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="needs row locks between connections; SQLite's test database is one shared memory file"),
]


def at_once(work, arguments) -> list[Exception]:
    """Run work(argument) in one thread per argument, all released together; the errors they raised."""
    barrier, errors = threading.Barrier(len(arguments)), []

    def run(argument):
        try:
            barrier.wait(timeout=10)
            work(argument)
        except Exception as error:  # noqa: BLE001 - returned to the test
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=[argument]) for argument in arguments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return errors


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
