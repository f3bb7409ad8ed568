"""What the partner portal shows for one partnership: its details, its contacts and its role in the centre."""

from dataclasses import dataclass

from django.db.models import QuerySet

from civhub.accounts.models import Membership
from civhub.partners.models import Contact, OrganisationChange, Partnership
from civhub.partners.selectors.organisation_changes import latest_change_of


@dataclass
class PortalPage:
    """One partnership as its own people (and the office) see it."""

    partnership: Partnership
    contacts: list[Contact]
    people: list[Membership]
    change: OrganisationChange | None = None  # the latest request to change the shared organisation's details

    @property
    def organisation(self):
        return self.partnership.organisation


def portal_partnerships(visible: QuerySet) -> QuerySet:
    """The partnerships a person may open in the portal, ready for a list (name, city, cluster)."""
    return visible.select_related("organisation").order_by("organisation__name")


def portal_page(partnership: Partnership) -> PortalPage:
    """Everything the portal page needs, in a fixed number of queries whatever the number of contacts or people.

    `partnership` comes with its organisation and centre (the view read it so)."""
    contacts = list(partnership.contacts.select_related("user").order_by("-is_primary", "name"))
    people = list(
        Membership.objects.filter(partnership=partnership)
        .select_related("user")
        .order_by("user__full_name", "role")
    )
    return PortalPage(partnership=partnership, contacts=contacts, people=people, change=latest_change_of(partnership))
