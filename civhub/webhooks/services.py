"""Making, switching off and removing subscriptions, sending a test event, sending a failed delivery again, and
turning a published domain event into deliveries (`dispatch`, subscribed in apps.py).

Every delivery is sent by the task after the transaction that made it commits; the audit rows name the URL and
the events, never the secret.
"""

import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civhub.core.audit import record_event
from civhub.core.logs import enqueue
from civhub.webhooks.errors import WebhookError
from civhub.webhooks.models import SUBSCRIBABLE, Delivery, EventName, Subscription
from civhub.webhooks.permissions import may_manage
from civhub.webhooks.sending import scheme_problem, send_delivery

Status = Delivery.Status


def ensure_manager(actor, centre) -> None:
    if not may_manage(actor, centre):
        raise WebhookError(_("Only the centre administrator and the programme manager manage webhooks."))


def create_subscription(*, centre, actor, url: str, events: list[str]) -> Subscription:
    """A new subscription with a new secret; the caller shows the secret once (it is never shown again)."""
    ensure_manager(actor, centre)
    url = url.strip()
    if scheme_problem(url):
        raise WebhookError(_("Give an address that starts with https:// (and has no user name or password in it)."),
                           field="url")
    chosen = [name for name in SUBSCRIBABLE if name in events]
    if not chosen:
        raise WebhookError(_("Choose at least one event."), field="events")
    with transaction.atomic():
        subscription = Subscription.objects.create(centre=centre, url=url, events=chosen, created_by=actor,
                                                   secret=secrets.token_hex(32))
        record_event(subscription, actor=actor, action="webhook_subscription_created", centre=centre, summary=url,
                     changes={"events": chosen})
    return subscription


def deactivate_subscription(*, subscription: Subscription, actor) -> Subscription:
    """Stop telling the subscription anything; what was still waiting is not sent."""
    ensure_manager(actor, subscription.centre)
    with transaction.atomic():
        subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
        subscription.active = False
        subscription.save(update_fields=["active"])
        record_event(subscription, actor=actor, action="webhook_subscription_deactivated",
                     centre=subscription.centre, summary=subscription.url)
    return subscription


def delete_subscription(*, subscription: Subscription, actor) -> None:
    """Remove the subscription with its deliveries; the audit row keeps that it existed."""
    ensure_manager(actor, subscription.centre)
    with transaction.atomic():
        record_event(subscription, actor=actor, action="webhook_subscription_deleted", centre=subscription.centre,
                     summary=subscription.url, changes={"events": subscription.events})
        subscription.delete()


def send_test_event(*, subscription: Subscription, actor) -> Delivery:
    """A test event to an active subscription, whatever events it chose, so the receiver can check its signature."""
    ensure_manager(actor, subscription.centre)
    if not subscription.active:
        raise WebhookError(_("This webhook is switched off; it is sent nothing."))
    with transaction.atomic():
        delivery = _new_delivery(subscription, EventName.TEST, {"test": True})
        record_event(delivery, actor=actor, action="webhook_test_sent", centre=subscription.centre,
                     summary=subscription.url)
    return delivery


def resend_delivery(*, delivery: Delivery, actor) -> Delivery:
    """Send a failed delivery again, with the same body and event id, and a new round of attempts."""
    subscription = delivery.subscription
    ensure_manager(actor, subscription.centre)
    with transaction.atomic():
        delivery = Delivery.objects.select_for_update().get(pk=delivery.pk)
        if delivery.status != Status.FAILED:
            raise WebhookError(_("Only a failed delivery can be sent again."))
        if not subscription.active:
            raise WebhookError(_("This webhook is switched off; it is sent nothing."))
        delivery.status, delivery.attempts, delivery.next_attempt_at = Status.PENDING, 0, timezone.now()
        delivery.save(update_fields=["status", "attempts", "next_attempt_at"])
        record_event(delivery, actor=actor, action="webhook_delivery_resent", centre=subscription.centre,
                     summary=f"{delivery.event} {subscription.url}")
        _send_after_commit(delivery)
    return delivery


def dispatch(event_name: str, centre, payload_builder) -> list[Delivery]:
    """The handler of core.hooks: one delivery for each active subscription of the centre that chose the event.

    It runs after the business change committed; the payload is built only when someone listens.
    """
    listening = [subscription for subscription in Subscription.objects.filter(centre=centre, active=True)
                 if event_name in subscription.events]
    if not listening:
        return []
    payload = payload_builder()
    with transaction.atomic():
        return [_new_delivery(subscription, event_name, payload) for subscription in listening]


def _new_delivery(subscription: Subscription, event_name: str, payload: dict) -> Delivery:
    delivery = Delivery.objects.create(subscription=subscription, event=event_name, payload=payload,
                                       next_attempt_at=timezone.now())
    _send_after_commit(delivery)
    return delivery


def _send_after_commit(delivery: Delivery) -> None:
    pk = delivery.pk
    transaction.on_commit(lambda: enqueue(send_delivery, pk), robust=True)
