"""`Idempotency-Key` on v1 POSTs: a retried create gets the first answer again instead of a second object.

A client sends a unique key (up to 255 characters, e.g. a UUID) with a POST. civhub keeps the first successful
answer (status and body) for 24 hours under that key and the person sending it:

- the same key with the same request (method, path and JSON body) again: that answer, with the header
  `Idempotent-Replayed: true`, and nothing is created;
- the same key with a different request: a 422 problem, and nothing happens;
- no key: the request is simply carried out.

A request that fails (a 4xx) does not use up its key: fixed, it may be sent again with the same one. The view's
work and the key are written in one transaction, so two copies of one request racing each other create once.
"""

import hashlib
import json
from datetime import timedelta
from functools import wraps

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError, UnsupportedMediaType, ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from civhub.api.models import IdempotencyKey
from civhub.api.rest.errors import Refused

HEADER = "Idempotency-Key"
KEPT_FOR = timedelta(hours=24)
MAX_KEY_LENGTH = 255


def fingerprint(request) -> str:
    """The SHA-256 of what was asked: method, path, and the body as JSON with its keys sorted.

    A body the view never reads (an action's) may be no JSON at all: then its bytes count as they are.
    """
    try:
        body = json.dumps(request.data, sort_keys=True, separators=(",", ":"), default=str).encode()
    except (ParseError, UnsupportedMediaType):
        body = request.body
    return hashlib.sha256(f"{request.method} {request.path}\n".encode() + body).hexdigest()


def _key_of(request) -> str | None:
    key = request.headers.get(HEADER)
    if key is None:
        return None
    key = key.strip()
    if not 0 < len(key) <= MAX_KEY_LENGTH or not key.isprintable():
        raise ValidationError({HEADER: [_("An Idempotency-Key has 1 to 255 printable characters.")]})
    return key


def _replay(stored: IdempotencyKey, asked: str) -> Response:
    if stored.fingerprint != asked:
        raise Refused(_("This Idempotency-Key was used for a different request. Use a new key for a new request."),
                      errors={HEADER: [_("Already used for a different request.")]})
    return Response(stored.body, status=stored.status, headers={"Idempotent-Replayed": "true"})


def _stored(user, key: str) -> IdempotencyKey | None:
    return IdempotencyKey.objects.filter(user=user, key=key, created__gte=timezone.now() - KEPT_FOR).first()


def idempotent(post):
    """Decorate a view's `post(self, request, ...)` so it honours an `Idempotency-Key` header (see above)."""

    @wraps(post)
    def wrapper(self, request, *args, **kwargs):
        key = _key_of(request)
        if key is None:
            return post(self, request, *args, **kwargs)
        asked = fingerprint(request)
        stored = _stored(request.user, key)
        if stored is not None:
            return _replay(stored, asked)
        try:
            with transaction.atomic():
                response = post(self, request, *args, **kwargs)
                if 200 <= response.status_code < 300:
                    IdempotencyKey.objects.filter(created__lt=timezone.now() - KEPT_FOR).delete()
                    IdempotencyKey.objects.create(user=request.user, key=key, fingerprint=asked,
                                                  status=response.status_code,
                                                  body=json.loads(JSONRenderer().render(response.data) or b"null"))
        except IntegrityError:  # the same key, sent twice at once: the other copy won and its work stands
            stored = _stored(request.user, key)
            if stored is None:
                raise
            return _replay(stored, asked)
        return response

    return wrapper
