"""Domain events: a lower app says that something happened, a higher app reacts, and neither imports the other.

A service publishes inside its transaction; the subscribed handlers run only once that transaction commits, so a
change that is rolled back tells nobody:

    hooks.publish("contribution.accepted", entry.centre, lambda: {"id": entry.pk, ...})

A higher app subscribes from its AppConfig.ready() (`webhooks` turns each event into signed deliveries):

    hooks.subscribe("contribution.accepted", handler)   # handler(event_name, centre, payload_builder)

The payload is built by the handler, and only when it needs it (nobody may be listening). A handler that fails is
logged and never undoes or breaks the committed change (`robust=True`). This is not a signal: the service calls
`publish` where the business step happens, so the place that decides is the place that tells.
"""

from collections.abc import Callable
from functools import partial

from django.db import transaction

Handler = Callable[[str, object, Callable[[], dict]], None]

_HANDLERS: dict[str, dict[str, Handler]] = {}


def subscribe(event_name: str, handler: Handler) -> None:
    """Call `handler` after the commit of every transaction that publishes `event_name`.

    Subscribing the same function again replaces it (ready() may run twice in tests).
    """
    _HANDLERS.setdefault(event_name, {})[f"{handler.__module__}.{handler.__qualname__}"] = handler


def publish(event_name: str, centre, payload_builder: Callable[[], dict]) -> None:
    """Tell the subscribers of `event_name` about this centre's event once the current transaction commits."""
    for handler in list(_HANDLERS.get(event_name, {}).values()):
        transaction.on_commit(partial(handler, event_name, centre, payload_builder), robust=True)
