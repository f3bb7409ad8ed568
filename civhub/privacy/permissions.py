"""Who may export and erase a person's data: the person their own export; the centre administrator (or a
superuser) the export and erasure of the people of their centre."""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from civhub.accounts.models import Role, User
from civhub.accounts.permissions import centre_role_required
from civhub.core.models import Centre

admin_required = centre_role_required(Role.CENTRE_ADMIN)


def people_of(centre: Centre) -> QuerySet[User]:
    """The people the centre knows by account: a role in it, a contact of one of its partners, a registrant for one
    of its events."""
    return User.objects.filter(Q(memberships__centre=centre) | Q(contacts__partnership__centre=centre)
                               | Q(event_registrations__event__centre=centre)).distinct()


def person_or_404(centre: Centre, pk: int) -> User:
    """A person of this centre; another centre's person is a 404."""
    return get_object_or_404(people_of(centre), pk=pk)
