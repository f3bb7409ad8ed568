"""The limit on password-reset e-mails: at most PASSWORD_RESET_RATE_LIMIT an hour from one address and for one e-mail
address, so the form cannot flood a mailbox nor be used to send mail in bulk.

The counts live in the cache (one window per clock hour); the e-mail address is hashed in the key. The answer is the
same whether an account exists for the address or not, so the limit tells nobody which addresses have an account.
With the default local-memory cache each server process counts on its own; CACHE_URL (Redis) shares the counts.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache

WINDOW = 3600


def _count(key: str) -> int:
    cache.add(key, 0, WINDOW)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW)
        return 1


def password_reset_allowed(address: str, email: str) -> bool:
    """Count one request for the address and the e-mail; False when either is over the hourly limit."""
    window = int(time.time() // WINDOW)
    hashed = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    by_address = _count(f"password-reset:address:{address}:{window}")
    by_email = _count(f"password-reset:email:{hashed}:{window}")
    return max(by_address, by_email) <= settings.PASSWORD_RESET_RATE_LIMIT
