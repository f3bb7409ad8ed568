"""Who may see what of the events; the one place their access rules live (on top of accounts.permissions).

- Public events and the agenda are open to anyone; partner events to a partner's contacts and signatories
  and to the office (and a superuser). A visitor is asked to sign in; a member of the centre without a
  partner role gets a 403; anyone else a 404.
- A person's own calendar feed works by its secret URL for an active member of the centre only, and
  carries partner events only for those who may see them.
- The office manages events (`office_required` on its pages) and sees every registration; anyone else sees
  only their own registrations (the ones made with their account).
"""

from django.db.models import QuerySet

from civhub.accounts import permissions as access
from civhub.events.models import Event, Registration
from civhub.events.selectors.agenda import visible_events


def is_member(user, centre) -> bool:
    """Holds any role in the centre (a superuser counts)."""
    return bool(getattr(user, "is_authenticated", False)) and access.centres_of(user).filter(pk=centre.pk).exists()


def sees_partner_events(user, centre) -> bool:
    """A partner's people and the office see the events meant for partners."""
    if not getattr(user, "is_authenticated", False):
        return False
    return access.acts_as_office(user, centre) or bool(access.partnership_ids(user, centre))


def events_visible_to(user, centre) -> QuerySet[Event]:
    """The centre's events the user may open: the public ones, and the partner events for partners and the office."""
    return visible_events(centre, partner=sees_partner_events(user, centre))


def registrations_visible_to(user, centre) -> QuerySet[Registration]:
    """Registrations for the centre's events the user may see: all of them for the office, else their own."""
    registrations = Registration.objects.filter(event__centre=centre)
    if access.acts_as_office(user, centre):
        return registrations
    if not getattr(user, "is_authenticated", False):
        return registrations.none()
    return registrations.filter(user=user)


def may_see_event(user, event) -> bool:
    return event.is_public or sees_partner_events(user, event.centre)


def may_register(user, event) -> bool:
    """Anyone for a public event; for a partner event the partners' people (and the office, for a colleague).

    Unlike seeing the event, registering needs a role of one's own: a superuser is not a participant.
    """
    if event.is_public:
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(access.partnership_ids(user, event.centre)) or access.is_office(user, event.centre)


def feed_is_live(owner, centre) -> bool:
    """A personal feed answers while its owner is active and still a member of the centre."""
    return owner.is_active and is_member(owner, centre)
