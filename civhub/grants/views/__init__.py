"""The grant's pages. Each works on the centre's current grant; a centre without one gets a page that says so."""

from django.shortcuts import render
from django.utils import timezone

from civhub.grants.selectors.monitor import current_grant


def grant_of(centre):
    """The centre's current grant (running today, else the latest), or None."""
    return current_grant(centre, today=timezone.localdate())


def no_grant(request, centre, tab: str):
    """The friendly answer of a grant page for a centre that has no grant yet (200, nothing to show)."""
    return render(request, "grants/budget/no_grant.html", {"centre": centre, "tab": tab})


