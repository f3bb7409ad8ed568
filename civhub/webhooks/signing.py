"""The signature on every delivery: HMAC-SHA256 over the timestamp and the exact body (docs/webhooks.md).

    X-Civhub-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, f"{t}." + body)>

The timestamp is inside what is signed, so a receiver can refuse an old message replayed later.
"""

import hashlib
import hmac
import json

from civhub.webhooks.models import Delivery


def body_of(delivery: Delivery) -> bytes:
    """The JSON body of a delivery: the same bytes on every attempt (the event id lets a receiver skip a repeat)."""
    envelope = {
        "id": str(delivery.event_id),
        "event": delivery.event,
        "created_at": delivery.created_at.isoformat(),
        "centre": delivery.subscription.centre.slug,
        "data": delivery.payload,
    }
    return json.dumps(envelope, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """The value of the X-Civhub-Signature header."""
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"
