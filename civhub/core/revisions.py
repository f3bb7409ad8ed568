"""Figures cached until a centre's records change: the token of `CentreRevision`, and a cache keyed by it.

Every service writes an audit event in its transaction (style.md §2), and `record_event` calls
`touch` there, so any audited change of a centre (an entry submitted, accepted or reversed, an
expenditure, a budget version, a pledge) gives the centre a new token. `cached` keeps a value
in Django's cache (Redis in production, shared by every process) under the token as it was read
*before* the value was computed, so a value computed during a change is filed under the old
token, which nobody asks for again. A centre without a token yet (no audited change since it was
made) is never cached. Changes that bypass the services (the admin, a raw query) are seen when
the entry expires after `TIMEOUT`.
"""

import hashlib
import uuid
from collections.abc import Callable

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import translation

from civhub.core.models import CentreRevision

TIMEOUT = 15 * 60


def touch(centre_id: int) -> None:
    """Give the centre a new token, in the caller's transaction (the row stays locked until it ends)."""
    token = uuid.uuid4().hex
    if CentreRevision.objects.filter(centre_id=centre_id).update(token=token):
        return
    try:
        with transaction.atomic():
            CentreRevision.objects.create(centre_id=centre_id, token=token)
    except IntegrityError:  # another transaction made the row first: take our turn on it
        CentreRevision.objects.filter(centre_id=centre_id).update(token=token)


def token(centre_id: int) -> str:
    """The centre's current token; "" when nothing audited has happened in it yet."""
    return CentreRevision.objects.filter(centre_id=centre_id).values_list("token", flat=True).first() or ""


def cached(centre_id: int, name: str, parts: tuple, compute: Callable):
    """`compute()`, kept under (centre, name, parts, language, token) until the centre's next change.

    `parts` says what else the value depends on (a date, a queryset's SQL); it is hashed into the key.
    """
    current = token(centre_id)
    if not current:
        return compute()
    digest = hashlib.sha256(repr((parts, translation.get_language())).encode()).hexdigest()[:32]
    key = f"civhub:{name}:{centre_id}:{current}:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT)
    return value
