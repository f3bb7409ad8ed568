"""Builders for the webhook tests, and the receiver's side of the signature, written from docs/webhooks.md without
civhub's own code, so a test checks what a receiving system would check."""

import hashlib
import hmac
import json
from datetime import date
from decimal import Decimal

from civhub.events.models import Registration
from civhub.ledger.models import Contribution
from civhub.ledger.services.approval import accept_contribution, approve_contribution
from civhub.ledger.services.entries import EntryData, create_contribution
from civhub.webhooks.models import SUBSCRIBABLE, Subscription
from civhub.webhooks.services import create_subscription
from tests.events.factories import EventFactory, RegistrationFactory
from tests.ledger import builders as b


def subscribe(centre, actor, url, events=SUBSCRIBABLE) -> Subscription:
    return create_subscription(centre=centre, actor=actor, url=url, events=list(events))


def verified(received, secret: str, *, now: int, tolerance: int = 300) -> dict:
    """The receiver's check (docs/webhooks.md): the HMAC over "<t>.<body>" matches and t is recent; the event."""
    parts = dict(item.split("=", 1) for item in received.headers["x-civhub-signature"].split(","))
    expected = hmac.new(secret.encode(), parts["t"].encode() + b"." + received.body, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(expected, parts["v1"]), "the signature does not match"
    assert abs(now - int(parts["t"])) <= tolerance, "the signature is too old"
    return json.loads(received.body)


def approved_entry(centre, partner, contact, signatory) -> Contribution:
    """An hours entry of the partner, approved by its signatory and waiting for the finance controller."""
    b.grant(centre)
    b.rate(partner, "analyst", "85.00", date(2024, 1, 1))
    entry = create_contribution(partnership=partner, actor=contact, submit=True, data=EntryData(
        date=date(2025, 3, 15), kind="lab", description="Practicum begeleid door Jan", hours=Decimal("7.5"),
        category="analyst"))
    return approve_contribution(entry=entry, actor=signatory)


def accepted_entry(centre, partner, contact, signatory, controller) -> Contribution:
    return accept_contribution(entry=approved_entry(centre, partner, contact, signatory), actor=controller)


def pending_registration(centre) -> Registration:
    return RegistrationFactory(event=EventFactory(centre=centre), status=Registration.Status.PENDING,
                               confirmed_at=None, name="Jan de Vries", email="jan@example.org")
