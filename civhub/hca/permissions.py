"""Who may see and do what in the Human Capital Agenda; the one place its access rules live.

- The programme office keeps the occupations and programmes, opens survey rounds, sees who
  answered and every single answer.
- An employer partner's contacts and signatories answer for their own partner and see only
  their own answers, ever; another partner's answers are a 404.
- Everyone else (and the office's published pages) sees only sums over at least
  `selectors.MIN_PARTNERS` answering partners.
"""

from django.utils.translation import gettext as _

from civhub.accounts import permissions as access
from civhub.accounts.models import OFFICE_ROLES, Role
from civhub.hca.errors import HcaError
from civhub.partners.models import CofinancingGroup, Partnership

# Decorator for the office's pages taking `slug`: 404 outside the centre, 403 without an office role.
office_pages_required = access.office_required

# Who reads the HCA page (the forecast, the trend, the skills heatmap, the published forecast beside ours): the
# office, the steering group and the practor. Outside the office only published cells (MIN_PARTNERS or more).
READER_ROLES = (*sorted(OFFICE_ROLES), Role.STEERING_MEMBER, Role.PRACTOR)
reader_pages_required = access.centre_role_required(*READER_ROLES)


def may_read(user, centre) -> bool:
    """The office, the steering group's members and the practor (or a superuser) read the HCA page."""
    return bool(getattr(user, "is_superuser", False)) or access.has_role(user, centre, *READER_ROLES)


def sees_every_cell(user, centre) -> bool:
    """Whether the user sees cells with fewer than MIN_PARTNERS answering partners (marked): the office only."""
    return may_manage(user, centre)


def may_manage(user, centre) -> bool:
    """The office (or a superuser): occupations, programmes, survey rounds and every answer."""
    return access.acts_as_office(user, centre)


def answers_for(user, partnership: Partnership) -> bool:
    """Whether the user answers the survey for this partner: its contact or signatory, the partner an employer."""
    return (partnership.cofinancing_group == CofinancingGroup.EMPLOYER
            and partnership.pk in access.partnership_ids(user, partnership.centre))


def ensure_may_answer(user, partnership: Partnership) -> None:
    if not (answers_for(user, partnership) or may_manage(user, partnership.centre)):
        raise HcaError(_("Only the partner itself, or the programme office, may give this partner's answers."))


def ensure_may_manage(user, centre) -> None:
    if not may_manage(user, centre):
        raise HcaError(_("Only the programme office may do this."))


def answering_partnerships(user, centre) -> list[Partnership]:
    """The employer partners of `centre` the user answers the survey for (as contact or signatory), by name."""
    return list(Partnership.objects.filter(centre=centre, pk__in=access.partnership_ids(user, centre),
                                           cofinancing_group=CofinancingGroup.EMPLOYER)
                .select_related("organisation").order_by("organisation__name"))


# Decorator for the partner's survey pages taking `slug`: 404 outside the centre, 403 without a partner role.
partner_pages_required = access.partner_roles_required
