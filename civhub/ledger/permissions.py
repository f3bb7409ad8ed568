"""Who may do what in the ledger; the one place its access rules live (on top of accounts.permissions)."""

from django.db.models import QuerySet

from civhub.accounts import permissions as access
from civhub.accounts.models import Role
from civhub.ledger.models import Contribution


def contributions_visible_to(user, centre) -> QuerySet[Contribution]:
    """All entries of the centre for the office; a partner's own entries for its contacts and signatories."""
    entries = Contribution.objects.filter(centre=centre)
    if user.is_superuser or access.is_office(user, centre):
        return entries
    return entries.filter(partnership_id__in=access.partnership_ids(user, centre))


def may_enter(user, partnership) -> bool:
    """Contacts and signatories record their own organisation's contributions."""
    return partnership.pk in access.partnership_ids(user, partnership.centre)


def may_approve(user, contribution: Contribution) -> bool:
    """The partner's signatory approves, never an entry they entered themselves."""
    signatory = access.has_partner_role(user, contribution.partnership, Role.PARTNER_SIGNATORY)
    return signatory and contribution.entered_by_id != user.pk


def is_finance_controller(user, centre) -> bool:
    return access.has_role(user, centre, Role.FINANCE_CONTROLLER)
