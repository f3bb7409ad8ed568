"""The office's webhook pages: the subscriptions with their latest deliveries, and one subscription's deliveries."""

from django.db.models import Prefetch

from civhub.webhooks.models import Delivery, Subscription

LATEST = 5
HISTORY = 50


def subscriptions_with_latest(centre) -> list[Subscription]:
    """The centre's subscriptions, each with its latest deliveries in `latest` (two queries, however many)."""
    latest = Delivery.objects.order_by("-created_at", "-pk")[:LATEST]
    return list(Subscription.objects.filter(centre=centre).select_related("created_by")
                .prefetch_related(Prefetch("deliveries", queryset=latest, to_attr="latest")))


def deliveries_of(subscription: Subscription) -> list[Delivery]:
    """The subscription's latest deliveries, newest first."""
    return list(subscription.deliveries.order_by("-created_at", "-pk")[:HISTORY])
