"""The partners app's sources for the search (core/search.py): partners and their contacts.

The office finds every partner of the centre, a partner's people their own organisation only (their contacts too);
the centre's other roles find none: a partner's page is not theirs to open.
"""

from django.urls import reverse

from civhub.core.search import Found, Hit, Query, choice_label, found, joined, matching
from civhub.partners.models import Contact, OrganisationKind
from civhub.partners.permissions import partnerships_visible_to


def partners(user, centre, query: Query) -> Found:
    """Partners by name, city or kind ("gemeente"), the name first (two queries at most)."""
    partnerships = matching(
        partnerships_visible_to(user, centre).select_related("organisation"),
        ["organisation__name", "organisation__city", choice_label("organisation__kind", OrganisationKind.choices)],
        query, order=["organisation__name", "pk"])
    return found(partnerships, lambda partnership: Hit(
        title=partnership.organisation.name,
        context=joined(partnership.organisation.get_kind_display(), partnership.organisation.city),
        url=reverse("portal:partner", args=[centre.slug, partnership.short_code])))


def contacts(user, centre, query: Query) -> Found:
    """Contacts by name, e-mail address or function, with their organisation (two queries at most)."""
    people = matching(
        Contact.objects.filter(partnership__in=partnerships_visible_to(user, centre))
        .select_related("partnership__organisation"),
        ["name", "email", "function", "partnership__organisation__name"], query, order=["name", "pk"])
    return found(people, lambda contact: Hit(
        title=contact.name,
        context=joined(contact.function, contact.partnership.organisation.name, contact.email),
        url=reverse("portal:partner", args=[centre.slug, contact.partnership.short_code]) + "#contacts"))
