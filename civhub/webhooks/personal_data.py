"""The webhooks' personal data (see core/personal_data.py): who made a subscription. Deliveries carry ids and
figures only (docs/webhooks.md), but their payloads are scrubbed all the same, so that an event that ever
carried a name cannot keep it."""

from django.utils.translation import gettext_lazy as _

from civhub.core import personal_data
from civhub.core.personal_data import Identity, Source
from civhub.webhooks.models import Delivery, Subscription


def _subscriptions(identity: Identity) -> list[dict]:
    return personal_data.values(Subscription.objects.filter(created_by=identity.user).order_by("pk"),
                                "centre__slug", "url", "events", "active", "created_at")


def _erase_mentions(identity: Identity) -> int:
    return personal_data.scrub_mentions(Delivery.objects.all(), identity, [], ["payload"])


personal_data.register(Source(
    name="webhooks.subscriptions",
    fields={"webhooks.Subscription": ("created_by",)},
    export=_subscriptions, erase=_erase_mentions,
    description=_("The webhook subscriptions you made for a centre.")))
