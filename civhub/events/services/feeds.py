"""A person's secret calendar-feed token: made on first use, replaced on request."""

from django.db import transaction

from civhub.core.audit import record_event
from civhub.events.models import CalendarFeedToken, new_token


def feed_token(*, user) -> CalendarFeedToken:
    """The user's token, made now if they have none yet."""
    token, _created = CalendarFeedToken.objects.get_or_create(user=user)
    return token


def renew_feed_token(*, user) -> CalendarFeedToken:
    """Replace the user's token, so that a URL that leaked stops working."""
    with transaction.atomic():
        token = feed_token(user=user)
        token.token = new_token()
        token.save(update_fields=["token", "created_at"])
        record_event(token, actor=user, action="calendar_feed_renewed")
    return token
