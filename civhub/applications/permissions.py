"""Who may see and change a funding application; the one place its access rules live (on top of
accounts.permissions).

- The programme office (programme manager, finance controller, centre administrator) writes the
  application: its parts, comments, budget and continuation forecast, and only while it is a draft.
- The steering group reads it, as it reads the grant's monitor and budget.
- The centre's other roles and the partners' people get a 403, like every office page; another
  centre's application is a 404, anonymous visitors go to the login page.
"""

from django.core.exceptions import PermissionDenied

from civhub.accounts import permissions as access
from civhub.accounts.models import OFFICE_ROLES, Role, User

READER_ROLES = frozenset(OFFICE_ROLES | {Role.STEERING_MEMBER})

# Decorators for views taking `slug`: 404 outside the centre, 403 without the role (accounts.permissions).
reader_required = access.centre_role_required(*sorted(READER_ROLES))
office_required = access.office_required


def may_edit(user, centre) -> bool:
    """The programme office (or a superuser) writes the application."""
    return access.acts_as_office(user, centre)


def ensure_may_edit(user, centre) -> None:
    """403 for a reader who asks to change something (a POST on a page they may read)."""
    if not may_edit(user, centre):
        raise PermissionDenied


def writers(centre):
    """The people who may own a part: the centre's programme office, by name."""
    return (User.objects.filter(memberships__centre=centre, memberships__role__in=sorted(OFFICE_ROLES),
                                is_active=True).distinct().order_by("full_name", "email"))


# The partners' commitments ---------------------------------------------------------------------------------
# A partner's pledge table is read by that partner's people (contacts and signatories) and by the office; only
# the partner's signatory confirms it or asks for a change: a contact reads it, the office may not answer for a
# partner (403). Another partner's table is a 404 (the partner is not even named).


def signs_for(user, partnership) -> bool:
    """The partner's signatory: the one person who answers for its pledges."""
    return access.has_partner_role(user, partnership, Role.PARTNER_SIGNATORY)


def ensure_signs_for(user, partnership) -> None:
    """403 for anyone who may read the table but not answer for the partner (a contact, the office)."""
    if not signs_for(user, partnership):
        raise PermissionDenied


def signatory_partnership_ids(user, centre) -> set[int]:
    """The centre's partners the user signs for."""
    return access.partnerships_with_role(user, centre, Role.PARTNER_SIGNATORY)
