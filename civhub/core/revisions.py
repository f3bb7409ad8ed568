"""Figures cached until a centre's records change: the token of `CentreRevision`, and a cache keyed by it.

Every service writes an audit event in its transaction (style.md §2), and `record_event` calls
`touch` there, so any audited change of a centre (an entry submitted, accepted or reversed, an
expenditure, a budget version, a pledge) gives the centre a new token. `cached` keeps a value
in Django's cache (Redis in production, shared by every process) under the token as it was read
*before* the value was computed, so a value computed during a change is filed under the old
token, which nobody asks for again. A centre without a token yet (no audited change since it was
made) is never cached. Changes that bypass the services (the admin, a raw query) are seen when
the entry expires after `TIMEOUT`.

A page asks for the token once per cached figure; during a request (between Django's request_started and
request_finished, `core/apps.py`) the first answer is kept for the rest of it, as if all were read at its start.
The access check reads it with the centre itself (`remember`), so a centre's page asks the database for it no more.
Never inside a transaction (a token read there may yet roll back, and a write wants to see its own `touch`), and
`touch` forgets the centre's kept token. Outside a request (the worker, the shell, management commands) every call
reads the database.
"""

import hashlib
import threading
import uuid
from collections.abc import Callable

from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.utils import translation

from civhub.core.models import CentreRevision

TIMEOUT = 15 * 60
_request = threading.local()  # .tokens: {centre id: token} read during the current request; None outside one


def begin_request(**kwargs) -> None:
    """request_started: keep the tokens read from now until the request ends."""
    _request.tokens = {}


def end_request(**kwargs) -> None:
    """request_finished: forget them, so the next request (or task) reads afresh."""
    _request.tokens = None


def touch(centre_id: int) -> None:
    """Give the centre a new token, in the caller's transaction (the row stays locked until it ends)."""
    token = uuid.uuid4().hex
    tokens = getattr(_request, "tokens", None)
    if tokens:
        tokens.pop(centre_id, None)
    if CentreRevision.objects.filter(centre_id=centre_id).update(token=token):
        return
    try:
        with transaction.atomic():
            CentreRevision.objects.create(centre_id=centre_id, token=token)
    except IntegrityError:  # another transaction made the row first: take our turn on it
        CentreRevision.objects.filter(centre_id=centre_id).update(token=token)


def token(centre_id: int) -> str:
    """The centre's current token; "" when nothing audited has happened in it yet."""
    tokens = getattr(_request, "tokens", None)
    if tokens is None or connection.in_atomic_block:
        return _read(centre_id)
    if centre_id not in tokens:
        tokens[centre_id] = _read(centre_id)
    return tokens[centre_id]


def remember(centre) -> None:
    """Keep the token the query that found `centre` read with it (`select_related("revision")`), as if read here:
    the access check's query, so a page asks no more. Outside a request or inside a transaction, nothing is kept."""
    tokens = getattr(_request, "tokens", None)
    if tokens is None or connection.in_atomic_block:
        return
    try:
        tokens.setdefault(centre.pk, centre.revision.token)
    except CentreRevision.DoesNotExist:
        tokens.setdefault(centre.pk, "")


def _read(centre_id: int) -> str:
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
