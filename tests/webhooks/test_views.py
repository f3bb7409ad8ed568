"""The office's webhook pages: adding one shows its secret once, the list shows the latest deliveries, a test event
and a failed delivery can be sent, switching off and removing ask first; every step leaves an audit row."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from civhub.core.models import AuditEvent
from civhub.webhooks.models import Delivery, EventName, Subscription
from tests.webhooks.support import subscribe, verified

pytestmark = pytest.mark.django_db
Status = Delivery.Status


def _url(name, centre, *args):
    return reverse(f"webhooks:{name}", args=[centre.slug, *args])


def test_adding_a_webhook_shows_its_secret_once(persona_client, centre, receiver):
    client = persona_client("centre_admin")
    response = client.post(_url("subscription_new", centre), {
        "url": receiver.url, "events": ["contribution.accepted", "decision.recorded"]})
    subscription = Subscription.objects.get()
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert subscription.secret in response.content.decode()
    assert subscription.events == ["contribution.accepted", "decision.recorded"]
    for page in (_url("subscriptions", centre), _url("subscription", centre, subscription.pk)):
        html = client.get(page).content.decode()
        assert receiver.url in html and subscription.secret not in html
    audit = AuditEvent.objects.get(action="webhook_subscription_created")
    assert subscription.secret not in f"{audit.summary} {audit.changes}"


def test_an_address_without_https_is_refused_on_its_field(persona_client, centre, settings):
    settings.WEBHOOKS_ALLOW_LOCAL_TARGETS = False
    response = persona_client("programme_manager").post(_url("subscription_new", centre), {
        "url": "http://crm.example.org/hook", "events": ["contribution.accepted"]})
    assert response.status_code == 400
    assert "https://" in response.context["form"].errors["url"][0]
    assert not Subscription.objects.exists()


def test_the_test_event_is_delivered_signed(persona_client, centre, programme_manager, receiver,
                                            django_capture_on_commit_callbacks):
    subscription = subscribe(centre, programme_manager, receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        response = persona_client("programme_manager").post(_url("subscription_test", centre, subscription.pk))
    assert response.status_code == 302
    [received] = receiver.requests
    body = verified(received, subscription.secret, now=int(received.headers["x-civhub-signature"][2:12]))
    assert body["event"] == EventName.TEST
    page = persona_client("programme_manager").get(_url("subscription", centre, subscription.pk)).content.decode()
    assert Delivery.objects.get().status == Status.DELIVERED
    assert "HTTP 200" in page
    assert AuditEvent.objects.filter(action="webhook_test_sent", actor=programme_manager).count() == 1


def test_a_failed_delivery_is_sent_again(persona_client, centre, programme_manager, receiver,
                                         django_capture_on_commit_callbacks):
    subscription = subscribe(centre, programme_manager, receiver.url)
    failed = Delivery.objects.create(subscription=subscription, event=EventName.TEST, payload={"test": True},
                                     status=Status.FAILED, attempts=6, last_response_code=500)
    client = persona_client("centre_admin")
    assert _url("delivery_resend", centre, failed.pk) in client.get(_url("subscriptions", centre)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(_url("delivery_resend", centre, failed.pk)).status_code == 302
    failed.refresh_from_db()
    assert (failed.status, failed.attempts, failed.last_response_code) == (Status.DELIVERED, 1, 200)
    assert len(receiver.requests) == 1
    assert AuditEvent.objects.filter(action="webhook_delivery_resent").count() == 1


def test_switching_off_and_removing_ask_first(persona_client, centre, programme_manager):
    subscription = subscribe(centre, programme_manager, "https://crm.example.org/hook")
    client = persona_client("programme_manager")
    assert client.get(_url("subscription_deactivate", centre, subscription.pk)).status_code == 200
    subscription.refresh_from_db()
    assert subscription.active
    assert client.post(_url("subscription_deactivate", centre, subscription.pk)).status_code == 302
    subscription.refresh_from_db()
    assert not subscription.active
    assert client.get(_url("subscription_delete", centre, subscription.pk)).status_code == 200
    assert client.post(_url("subscription_delete", centre, subscription.pk)).status_code == 302
    assert not Subscription.objects.exists()
    assert list(AuditEvent.objects.filter(action__startswith="webhook_").values_list("action", flat=True)
                .order_by("pk")) == ["webhook_subscription_created", "webhook_subscription_deactivated",
                                     "webhook_subscription_deleted"]


@pytest.mark.parametrize("persona, shown", [("programme_manager", True), ("centre_admin", True),
                                            ("finance_controller", False)])
def test_the_office_menu_links_to_the_webhooks_for_those_who_manage_them(persona, shown, persona_client, centre):
    html = persona_client(persona).get(reverse("office:dashboard", args=[centre.slug])).content.decode()
    assert (_url("subscriptions", centre) in html) is shown


def _deliveries(subscription, count):
    Delivery.objects.bulk_create([Delivery(subscription=subscription, event=EventName.TEST, payload={},
                                           status=Status.DELIVERED, attempts=1, last_response_code=200)
                                  for _ in range(count)])


def test_the_list_takes_the_same_queries_however_many_webhooks_and_deliveries(persona_client, centre,
                                                                                programme_manager):
    client = persona_client("programme_manager")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(_url("subscriptions", centre)).status_code == 200
        return len(captured.captured_queries)

    for n in range(2):
        _deliveries(subscribe(centre, programme_manager, f"https://crm{n}.example.org/hook"), 3)
    few = queries()
    for n in range(2, 6):
        _deliveries(subscribe(centre, programme_manager, f"https://crm{n}.example.org/hook"), 9)
    assert queries() == few
    html = client.get(_url("subscriptions", centre)).content.decode()
    assert len(re.findall(r"<tbody>", html)) == 6
