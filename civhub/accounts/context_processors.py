"""`inbox_count` for the menu: how many things wait for the signed-in person in the page's centre.

Lazy (counted only when a template shows it) and cached on the request; 0 for an anonymous visitor, outside a
centre's pages, and in a centre the person holds no role in.
"""

from django.utils.functional import SimpleLazyObject

from civhub.accounts.permissions import centres_of
from civhub.core import inbox as registry

_CACHE_ATTR = "_civhub_inbox_count"


def inbox_count(request) -> int:
    """The number of items in the person's inbox for the centre in the URL (cached for the request)."""
    cached = getattr(request, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    count = 0
    user = getattr(request, "user", None)
    match = getattr(request, "resolver_match", None)
    slug = match.kwargs.get("slug") if match else None
    if slug and user is not None and user.is_authenticated:
        centre = centres_of(user).filter(slug=slug).first()
        if centre is not None:
            count = registry.count_for(user, centre)
    setattr(request, _CACHE_ATTR, count)
    return count


def remember_inbox_count(request, count: int) -> None:
    """The inbox page counted the items itself: the menu shows that number without counting again."""
    setattr(request, _CACHE_ATTR, count)


def inbox(request) -> dict:
    return {"inbox_count": SimpleLazyObject(lambda: inbox_count(request))}
