"""Webhooks end to end: each of the three events reaches a real local receiver once, signed, after the commit;
a rolled-back change tells nobody; failures are tried again on the schedule; the payload holds no personal data."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from civhub.governance.services.outcomes import record_decision
from civhub.webhooks import sending
from civhub.webhooks.errors import WebhookError
from civhub.webhooks.models import Delivery, EventName, Subscription
from civhub.webhooks.services import create_subscription
from tests.governance.support import at, meeting
from tests.webhooks.support import (
    accepted_entry,
    approved_entry,
    pending_registration,
    subscribe,
    verified,
)

pytestmark = pytest.mark.django_db
Status = Delivery.Status


def _now() -> int:
    return int(timezone.now().timestamp())


REAL_NOW = timezone.now


def _move_clock(monkeypatch, by: timedelta):
    """Every `timezone.now()` from here on reads `by` later than the real clock."""
    monkeypatch.setattr(timezone, "now", lambda: REAL_NOW() + by)


def _deliver_due() -> int:
    """Run the cron command; how many deliveries it found due (the number its line starts with, in any language)."""
    out = io.StringIO()
    call_command("deliver_webhooks", stdout=out)
    return int(out.getvalue().split()[0])


@pytest.fixture
def accepted(centre, partner_a, partner_a_contact, partner_a_signatory, finance_controller):
    return lambda: accepted_entry(centre, partner_a, partner_a_contact, partner_a_signatory, finance_controller)


def test_accepting_a_contribution_delivers_one_signed_post_after_the_commit(
        receiver, accepted, centre, programme_manager, django_capture_on_commit_callbacks):
    subscription = subscribe(centre, programme_manager, receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        entry = accepted()
        assert receiver.requests == []  # nothing before the commit
    [received] = receiver.requests
    body = verified(received, subscription.secret, now=_now())
    delivery = Delivery.objects.get()
    assert received.headers["x-civhub-event"] == "contribution.accepted"
    assert received.headers["x-civhub-delivery"] == str(delivery.pk)
    assert (body["event"], body["id"], body["centre"]) == ("contribution.accepted", str(delivery.event_id),
                                                           centre.slug)
    assert body["data"]["contribution"] == {
        "id": entry.pk, "partner": "partner-a", "date": "2025-03-15", "kind": "lab", "hours": "7.50",
        "amount": "637.50", "accepted_at": entry.accepted_at.isoformat(), "content_hash": entry.content_hash}
    assert (delivery.status, delivery.attempts, delivery.last_response_code) == (Status.DELIVERED, 1, 200)


def test_confirming_a_registration_delivers_it_without_the_persons_name_or_address(
        receiver, centre, programme_manager, django_capture_on_commit_callbacks):
    from civhub.events.services.registration import confirm

    subscription = subscribe(centre, programme_manager, receiver.url)
    registration = pending_registration(centre)
    with django_capture_on_commit_callbacks(execute=True):
        confirm(registration=registration)
    [received] = receiver.requests
    body = verified(received, subscription.secret, now=_now())
    assert body["event"] == "registration.confirmed"
    data = body["data"]["registration"]
    assert (data["id"], data["status"], data["event"]["id"]) == (registration.pk, "confirmed", registration.event_id)
    assert b"Jan de Vries" not in received.body and b"jan@example.org" not in received.body


def test_recording_a_decision_delivers_it(receiver, centre, programme_manager, django_capture_on_commit_callbacks):
    subscription = subscribe(centre, programme_manager, receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        decision = record_decision(meeting=meeting(centre, starts=at(2025, 3, 12)), actor=programme_manager,
                                   text="De stuurgroep stelt de begroting vast.")
    [received] = receiver.requests
    data = verified(received, subscription.secret, now=_now())["data"]["decision"]
    assert (data["id"], data["number"], data["decided_on"]) == (decision.pk, "SG-2025-01", "2025-03-12")
    assert "recorded_by" not in data


def test_a_rolled_back_change_delivers_nothing(receiver, accepted, centre, programme_manager,
                                               django_capture_on_commit_callbacks):
    subscribe(centre, programme_manager, receiver.url)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        accepted()
        raise RuntimeError("the request failed after the service")
    assert receiver.requests == []
    assert not Delivery.objects.exists()


def test_only_the_chosen_events_of_the_centres_active_subscriptions_are_sent(
        receiver, accepted, centre, other_centre, programme_manager, other_centre_manager,
        django_capture_on_commit_callbacks):
    subscribe(centre, programme_manager, receiver.url, events=[EventName.DECISION_RECORDED])
    subscribe(other_centre, other_centre_manager, receiver.url)
    off = subscribe(centre, programme_manager, receiver.url)
    Subscription.objects.filter(pk=off.pk).update(active=False)
    with django_capture_on_commit_callbacks(execute=True):
        accepted()
    assert receiver.requests == []
    assert not Delivery.objects.exists()


def test_a_receiver_answering_500_is_tried_again_a_minute_later_and_succeeds(
        receiver, accepted, centre, programme_manager, monkeypatch, django_capture_on_commit_callbacks):
    subscription = subscribe(centre, programme_manager, receiver.url)
    receiver.answers = [500]
    with django_capture_on_commit_callbacks(execute=True):
        accepted()
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.last_response_code) == (Status.PENDING, 1, 500)
    assert _deliver_due() == 0  # not yet: the first wait is a minute
    _move_clock(monkeypatch, timedelta(minutes=1, seconds=1))
    assert _deliver_due() == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_response_code) == (Status.DELIVERED, 2, 200)
    first, second = receiver.requests
    assert first.body == second.body  # the same event id: the receiver can tell a repeat
    verified(second, subscription.secret, now=_now())


def test_after_the_last_wait_a_delivery_has_failed(receiver, accepted, centre, programme_manager, monkeypatch,
                                                   django_capture_on_commit_callbacks):
    subscribe(centre, programme_manager, receiver.url)
    receiver.answers = [503] * 10
    with django_capture_on_commit_callbacks(execute=True):
        accepted()
    waits = []
    moved = timedelta()
    for _ in sending.BACKOFF:
        delivery = Delivery.objects.get()
        waits.append(delivery.next_attempt_at - timezone.now())
        moved += delivery.next_attempt_at - timezone.now() + timedelta(seconds=1)
        _move_clock(monkeypatch, moved)
        _deliver_due()
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.next_attempt_at) == (Status.FAILED, 6, None)
    assert [round(wait.total_seconds() / 60) for wait in waits] == [1, 5, 30, 120, 720]
    assert len(receiver.requests) == 6


def test_a_redirect_is_not_followed(receiver, accepted, centre, programme_manager,
                                    django_capture_on_commit_callbacks):
    subscribe(centre, programme_manager, receiver.url)
    receiver.answers = [302]
    with django_capture_on_commit_callbacks(execute=True):
        accepted()
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.last_response_code) == (Status.PENDING, 302)
    assert [request.path for request in receiver.requests] == ["/hook/"]


def test_in_production_a_local_or_private_address_is_refused(receiver, centre, programme_manager, settings,
                                                             partner_a, partner_a_contact, partner_a_signatory,
                                                             finance_controller, django_capture_on_commit_callbacks):
    settings.WEBHOOKS_ALLOW_LOCAL_TARGETS = False
    with pytest.raises(WebhookError):
        subscribe(centre, programme_manager, receiver.url)  # http: only https in production
    port = receiver.url.split(":")[2].split("/")[0]
    for url in (f"https://127.0.0.1:{port}/hook/", f"https://localhost:{port}/hook/", "https://10.0.0.8/hook/",
                "https://169.254.169.254/latest/"):
        Subscription.objects.create(centre=centre, url=url, events=["contribution.accepted"], secret="s")
    with django_capture_on_commit_callbacks(execute=True):
        accepted_entry(centre, partner_a, partner_a_contact, partner_a_signatory, finance_controller)
    assert receiver.requests == []
    for delivery in Delivery.objects.all():
        assert delivery.status == Status.PENDING
        assert delivery.last_error.startswith("refused: not a public address"), delivery.last_error


def test_a_delivery_is_sent_once_however_often_it_is_enqueued(receiver, centre, programme_manager,
                                                               django_capture_on_commit_callbacks):
    subscription = subscribe(centre, programme_manager, receiver.url)
    delivery = Delivery.objects.create(subscription=subscription, event=EventName.TEST, payload={},
                                       next_attempt_at=timezone.now())
    assert sending.deliver(delivery.pk) == Status.DELIVERED
    assert sending.deliver(delivery.pk) == ""
    assert len(receiver.requests) == 1


@pytest.mark.parametrize("persona", ["partner_a_contact", "partner_a_signatory", "finance_controller",
                                     "communications", "other_centre_manager"])
def test_only_the_centre_admin_and_programme_manager_can_make_a_subscription(persona, request, centre, receiver):
    with pytest.raises(WebhookError):
        create_subscription(centre=centre, actor=request.getfixturevalue(persona), url="https://example.org/hook",
                            events=["contribution.accepted"])
    assert not Subscription.objects.exists()


def test_the_approval_before_acceptance_sends_nothing(receiver, centre, partner_a, partner_a_contact,
                                                      partner_a_signatory, programme_manager,
                                                      django_capture_on_commit_callbacks):
    subscribe(centre, programme_manager, receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        approved_entry(centre, partner_a, partner_a_contact, partner_a_signatory)
    assert receiver.requests == []


def test_over_https_the_certificate_is_checked_for_the_host_name(tls_receiver, centre, programme_manager):
    subscription = subscribe(centre, programme_manager, tls_receiver.url)
    delivery = Delivery.objects.create(subscription=subscription, event=EventName.TEST, payload={},
                                       next_attempt_at=timezone.now())
    assert sending.deliver(delivery.pk) == Status.DELIVERED
    verified(tls_receiver.requests[0], subscription.secret, now=_now())
    # The same server under another name (its certificate names only "localhost"): refused by TLS, nothing sent.
    Subscription.objects.filter(pk=subscription.pk).update(url=tls_receiver.url.replace("localhost", "127.0.0.1"))
    again = Delivery.objects.create(subscription=subscription, event=EventName.TEST, payload={},
                                    next_attempt_at=timezone.now())
    assert sending.deliver(again.pk) == Status.PENDING
    again.refresh_from_db()
    assert "CERTIFICATE_VERIFY_FAILED" in again.last_error
    assert len(tls_receiver.requests) == 1


@pytest.mark.parametrize("url", ["https://[::1]/", "https://0.0.0.0/", "https://100.64.0.1/", "https://192.168.1.10/",
                                 "https://[::ffff:127.0.0.1]/", "https://[fe80::1]/"])
def test_every_kind_of_non_public_address_is_refused_in_production(url, settings):
    settings.WEBHOOKS_ALLOW_LOCAL_TARGETS = False
    with pytest.raises(sending.Refused, match="not a public address"):
        sending.checked_address(url)


@pytest.mark.parametrize("url", ["http://crm.example.org/hook", "ftp://crm.example.org/", "https://crm.example.org:99999/",
                                 "https://user:secret@crm.example.org/hook", "http://localhost:8000/hook"])
def test_an_address_that_is_not_plain_https_cannot_be_subscribed_in_production(url, settings, centre,
                                                                               programme_manager):
    settings.WEBHOOKS_ALLOW_LOCAL_TARGETS = False
    with pytest.raises(WebhookError):
        subscribe(centre, programme_manager, url)
