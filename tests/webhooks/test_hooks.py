"""core.hooks: a published event reaches its subscribers after the commit only, and a failing subscriber never undoes
or breaks the change; every way a registration gets a place is published."""

import pytest
from django.db import transaction

from civhub.core import hooks
from civhub.events.models import Registration
from civhub.events.services.registration import cancel, register
from civhub.webhooks.models import Delivery
from tests.events.factories import EventFactory, RegistrationFactory
from tests.webhooks.support import subscribe

pytestmark = pytest.mark.django_db


@pytest.fixture
def heard():
    """A subscriber of "test.happened" that keeps what it heard; the payload is built when it asks."""
    calls = []

    def listener(event_name, centre, payload_builder):
        calls.append((event_name, centre, payload_builder()))

    hooks.subscribe("test.happened", listener)
    yield calls
    hooks._HANDLERS.pop("test.happened")


def test_a_subscriber_hears_of_the_event_after_the_commit(heard, centre, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        hooks.publish("test.happened", centre, lambda: {"id": 1})
        assert heard == []
    assert heard == [("test.happened", centre, {"id": 1})]


def test_a_rolled_back_savepoint_tells_nobody(heard, centre, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                hooks.publish("test.happened", centre, lambda: {"id": 1})
                raise RuntimeError
        except RuntimeError:
            pass
    assert heard == [] and callbacks == []


def test_a_failing_subscriber_does_not_break_the_change(centre, django_capture_on_commit_callbacks, caplog):
    def broken(event_name, centre, payload_builder):
        raise ConnectionError("the receiver's database is down")

    hooks.subscribe("test.broken", broken)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            hooks.publish("test.broken", centre, dict)
    finally:
        hooks._HANDLERS.pop("test.broken")
    assert "on_commit" in caplog.text


def test_an_event_nobody_listens_to_builds_no_payload(centre, django_capture_on_commit_callbacks):
    def never():
        raise AssertionError("built without a subscription")

    with django_capture_on_commit_callbacks(execute=True):
        hooks.publish("contribution.accepted", centre, never)
    assert not Delivery.objects.exists()


def test_a_partner_registering_signed_in_and_someone_moving_up_are_published(
        centre, programme_manager, partner_a_contact, receiver, django_capture_on_commit_callbacks):
    subscribe(centre, programme_manager, receiver.url)
    event = EventFactory(centre=centre, capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        own = register(event=event, data={"name": "A", "email": partner_a_contact.email}, actor=partner_a_contact,
                       ip_address="127.0.0.1", language="nl")
    waiting = RegistrationFactory(event=event, status=Registration.Status.WAITING)
    with django_capture_on_commit_callbacks(execute=True):
        cancel(registration=own, actor=partner_a_contact)
    published = [delivery.payload["registration"]["id"] for delivery in Delivery.objects.order_by("pk")]
    assert published == [own.pk, waiting.pk]
    assert len(receiver.requests) == 2
