"""`inbox_count` for the menu: how many things wait for the signed-in person in the page's centre.

Lazy (counted only when a template shows it) and cached on the request; 0 for an anonymous visitor, outside a
centre's pages, and in a centre the person holds no role in. The menu shows it on every signed-in page, and
counting asks every source of the inbox (a query or two each), so the number is kept like the monitor's figures
(core/revisions.py): once per person, their roles, the day and state of the centre's records.
"""

from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from civhub.accounts.permissions import centre_of_request, memberships_in
from civhub.core import inbox as registry
from civhub.core import revisions

_CACHE_ATTR = "_civhub_inbox_count"


def inbox_count(request) -> int:
    """The number of items in the person's inbox for the centre in the URL (cached for the request)."""
    cached = getattr(request, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    count = 0
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        centre = centre_of_request(request)
        if centre is not None:
            count = _count(user, centre)
    setattr(request, _CACHE_ATTR, count)
    return count


def _count(user, centre) -> int:
    # The items depend on the person, what they hold in the centre (roles and partners) and the day (what is due).
    parts = (user.pk, user.is_superuser, memberships_in(user, centre), timezone.localdate().isoformat())
    return revisions.cached(centre.pk, "inbox-count", parts, lambda: registry.count_for(user, centre))


def remember_inbox_count(request, count: int) -> None:
    """The inbox page counted the items itself: the menu shows that number without counting again."""
    setattr(request, _CACHE_ATTR, count)


def inbox(request) -> dict:
    return {"inbox_count": SimpleLazyObject(lambda: inbox_count(request))}
