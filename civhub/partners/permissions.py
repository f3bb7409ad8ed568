"""Who may do what with partners' records; the partners app's access rules, on top of accounts.permissions."""

from django.db.models import QuerySet

from civhub.accounts import permissions as access
from civhub.accounts.models import Role
from civhub.partners.models import OrganisationChange, Partnership


def is_office_of(user, centre) -> bool:
    """The programme office of the centre: programme manager, finance controller or centre admin."""
    return access.acts_as_office(user, centre)


def partnerships_visible_to(user, centre) -> QuerySet[Partnership]:
    """Partnerships whose private data the user may see: all for the office, else the user's own."""
    partnerships = Partnership.objects.filter(centre=centre)
    if is_office_of(user, centre):
        return partnerships
    return partnerships.filter(pk__in=access.partnership_ids(user, centre))


def may_decide_organisation_change(user, centre) -> bool:
    """A centre's programme office answers, for that centre, a change to an organisation it shares."""
    return is_office_of(user, centre)


def may_change_cofinancing_group(user, partnership: Partnership) -> bool:
    """Only the office decides in which group a partner's co-financing counts."""
    return is_office_of(user, partnership.centre)


def organisation_changes_for(user, centre) -> QuerySet[OrganisationChange]:
    """The change requests a centre's office is asked to decide on; nothing for anyone else.

    A request belongs to the centres asked to approve it. The centre it was asked from, or a
    centre that does not share the organisation, does not see it here (a 404 on its pages).
    """
    if not may_decide_organisation_change(user, centre):
        return OrganisationChange.objects.none()
    return OrganisationChange.objects.filter(decisions__centre=centre)


def may_keep_agreement_register(user, centre) -> bool:
    """The office keeps the register of the cooperation agreement: its versions and the signatures on paper."""
    return access.acts_as_office(user, centre)


def signs_agreement_for(user, partnership: Partnership) -> bool:
    """The partner's signatory confirms its signature under the agreement in civhub (the office never does)."""
    return access.has_partner_role(user, partnership, Role.PARTNER_SIGNATORY)
