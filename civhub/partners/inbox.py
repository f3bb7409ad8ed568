"""The partners app's items in the inbox (core/inbox.py): new applications for the programme office."""

from django.urls import reverse
from django.utils.translation import gettext as _

from civhub.accounts import permissions as access
from civhub.accounts.models import Role
from civhub.core.inbox import Item
from civhub.partners.models import PartnerApplication

# Who handles applications: the programme managers (they receive the e-mail too), and the centre administrator.
HANDLERS = (Role.PROGRAMME_MANAGER, Role.CENTRE_ADMIN)


def applications_to_handle(user, centre) -> list[Item]:
    """New applications of the centre, for the programme managers and the centre administrator (one query)."""
    if not access.has_role(user, centre, *HANDLERS):
        return []
    applications = PartnerApplication.objects.filter(centre=centre, status=PartnerApplication.Status.NEW)
    return [Item(kind="partners.application", group=_("Partner applications to handle"),
                 title=application.organisation_name, since=application.created_at,
                 url=reverse("office:application", args=[centre.slug, application.pk]),
                 action=_("Approve or decline"), note=application.city, order=30)
            for application in applications.order_by("pk")]
