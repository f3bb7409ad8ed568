"""Webhooks: the centre office's systems told of events by a signed POST, and each attempt to tell them."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EventName(models.TextChoices):
    """The events a subscription can choose, and the test event the office sends by hand."""

    CONTRIBUTION_ACCEPTED = "contribution.accepted", _("contribution accepted")
    REGISTRATION_CONFIRMED = "registration.confirmed", _("registration confirmed")
    DECISION_RECORDED = "decision.recorded", _("decision recorded")
    TEST = "webhook.test", _("test event")


SUBSCRIBABLE = [EventName.CONTRIBUTION_ACCEPTED, EventName.REGISTRATION_CONFIRMED, EventName.DECISION_RECORDED]


class Subscription(models.Model):
    """Subscription: a receiving system of the centre's office (a CRM, a finance package) that is told of the
    events it chose, by a POST to its URL signed with a secret shared with it once, when it was made."""

    centre = models.ForeignKey("core.Centre", on_delete=models.CASCADE, related_name="webhook_subscriptions",
                               verbose_name=_("centre"))
    url = models.URLField(_("address (URL)"), max_length=500)
    events = models.JSONField(_("events"), default=list)
    # Stored as it is: the receiver holds the same secret and civhub needs it to sign every delivery.
    secret = models.CharField(_("signing secret"), max_length=64, editable=False)
    active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("webhook subscription")
        verbose_name_plural = _("webhook subscriptions")
        ordering = ["-active", "url", "pk"]

    def __str__(self):
        return self.url

    def event_labels(self) -> list[str]:
        return [EventName(name).label for name in self.events if name in EventName.values]


class Delivery(models.Model):
    """Delivery: one event told to one subscription, with its attempts; the retries and the office's list read it.

    Every attempt of a delivery sends the same body (the same event id), so a receiver recognises a repeat.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        SENDING = "sending", _("being sent")
        DELIVERED = "delivered", _("delivered")
        FAILED = "failed", _("failed")

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="deliveries",
                                     verbose_name=_("subscription"))
    event = models.CharField(_("event"), max_length=40, choices=EventName.choices)
    event_id = models.UUIDField(_("event id"), default=uuid.uuid4, editable=False)
    payload = models.JSONField(_("payload"), default=dict)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PENDING)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_response_code = models.PositiveSmallIntegerField(_("last response code"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-pk"]
        # What `deliver_webhooks` asks every few minutes: the open deliveries whose time has come.
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="webhook_delivery_due_idx")]

    def __str__(self):
        return f"{self.event} {self.event_id}"
