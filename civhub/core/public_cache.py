"""What anonymous visitors see, cached: the public centre page, the course catalogue and the OOAPI feed.

A cached page is keyed by the data's version, the language, the day and the full path (query included), so a
change never shows stale data: every save or delete of a model an app registers here (`watch`, from its
AppConfig.ready()) bumps the version once its transaction commits, and a service that writes such rows in bulk
(no signals) calls `changed()` itself. The version lives in Django's cache: with CACHE_URL (Redis) it is shared
by every server process, so a change made through one process is seen by all; local memory (development) is
one process's own. The day is in the key because the pages sort by today (coming and past key dates,
upcoming offerings).

Signed-in people, forms (POST) and a visitor with messages waiting always get a freshly rendered page. The
language switch's CSRF token differs per visitor: a cached page stores a placeholder and each visitor gets
their own token in its place.
"""

import hashlib
import re
import uuid
from functools import wraps

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.messages.storage.session import SessionStorage
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.translation import get_language

VERSION_KEY = "civhub:public:version"
TIMEOUT = 3600  # a safety net only: every change bumps the version
CSRF_FIELD = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]+(")')
CSRF_PLACEHOLDER = b"\x00csrf\x00"
KEPT_HEADERS = ("Content-Type", "Content-Language", "Vary")


def version() -> str:
    current = cache.get(VERSION_KEY)
    if current is None:
        current = uuid.uuid4().hex
        cache.add(VERSION_KEY, current, None)
        current = cache.get(VERSION_KEY, current)
    return current


def _bump() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def changed() -> None:
    """The public data changed: pages cached before are not served again.

    Bumped at once and again when the transaction commits: a visitor's page rendered in between (still from the
    old data) would otherwise stay cached under the new version.
    """
    _bump()
    transaction.on_commit(_bump)


def _on_change(sender, **kwargs) -> None:
    changed()


def watch(*models) -> None:
    """Bump the version whenever a row of one of `models` (or one of their many-to-many links) changes."""
    for model in models:
        uid = f"civhub.public_cache.{model._meta.label}"
        post_save.connect(_on_change, sender=model, dispatch_uid=uid + ".save")
        post_delete.connect(_on_change, sender=model, dispatch_uid=uid + ".delete")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(_on_change, sender=field.remote_field.through, dispatch_uid=f"{uid}.{field.name}")


def _key(request) -> str:
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"civhub:public:{version()}:{get_language()}:{timezone.localdate().isoformat()}:{path}"


def _cacheable(request) -> bool:
    if request.method not in ("GET", "HEAD") or request.user.is_authenticated:
        return False
    # Messages wait in a cookie, or in the session when they do not fit in one.
    if CookieStorage.cookie_name in request.COOKIES:
        return False
    return settings.SESSION_COOKIE_NAME not in request.COOKIES or SessionStorage.session_key not in request.session


def cached_for_visitors(view):
    """Serve `view`'s 200 answers to anonymous visitors from the cache (see the module's docstring)."""

    @wraps(view)
    def cached_view(request, *args, **kwargs):
        if not _cacheable(request):
            return view(request, *args, **kwargs)
        key = _key(request)
        hit = cache.get(key)
        if hit is not None:
            return _response(request, *hit)
        response = view(request, *args, **kwargs)
        if callable(getattr(response, "render", None)) and not getattr(response, "is_rendered", True):
            response = response.render()
        if response.status_code == 200 and not response.streaming and not response.cookies:
            content = CSRF_FIELD.sub(rb"\1" + CSRF_PLACEHOLDER + rb"\2", response.content)
            headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
            cache.set(key, (content, headers), TIMEOUT)
        return response

    return cached_view


def _response(request, content: bytes, headers: dict) -> HttpResponse:
    if CSRF_PLACEHOLDER in content:
        content = content.replace(CSRF_PLACEHOLDER, get_token(request).encode())
    response = HttpResponse(content)
    for name, value in headers.items():
        response[name] = value
    return response
