"""Hourly limits counted in the shared cache (Redis when CACHE_URL is set), so every server process sees one count.

The key holds a keyed hash of what is counted (an address), never the address itself.
"""

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache

WINDOW_SECONDS = 3600


def exceeded(scope: str, value: str) -> bool:
    """Count one more attempt for `value` in `scope`; True once the hour's limit is passed."""
    digest = hmac.new(settings.SECRET_KEY.encode(), value.encode(), hashlib.sha256).hexdigest()[:32]
    key = f"civhub:limit:{scope}:{digest}"
    cache.add(key, 0, WINDOW_SECONDS)  # starts the hour's window; does nothing when it runs already
    try:
        count = cache.incr(key)
    except ValueError:  # the window ended between add and incr
        cache.add(key, 1, WINDOW_SECONDS)
        count = 1
    return count > settings.PASSWORD_RESET_RATE_LIMIT
