"""The ledger's source for the search (core/search.py): contributions, as `contributions_visible_to` scopes them.

The office finds every entry of the centre, a partner's people their own organisation's only; hours and rates of
another partner never show.
"""

from django.urls import reverse

from civhub.core.choices import ContributionKind
from civhub.core.search import Found, Hit, Query, choice_label, found, joined, matching
from civhub.ledger.permissions import contributions_visible_to


def contributions(user, centre, query: Query) -> Found:
    """Entries by description, partner, kind or external id, the newest first (two queries at most)."""
    entries = matching(
        contributions_visible_to(user, centre).select_related("partnership__organisation"),
        ["description", "partnership__organisation__name", "extern_id", choice_label("kind", ContributionKind.choices)],
        query, order=["-date", "-pk"])
    return found(entries, lambda entry: Hit(
        title=entry.description,
        context=joined(entry.partnership.organisation.name, entry.get_kind_display(), entry.get_status_display()),
        when=entry.date,
        url=reverse("ledger:contribution", args=[centre.slug, entry.pk])))
