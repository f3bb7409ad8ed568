"""Who may see and do what in the Human Capital Agenda; the one place its access rules live.

- The programme office keeps the occupations and programmes, opens survey rounds, sees who
  answered and every single answer.
- An employer partner's contacts and signatories answer for their own partner and see only
  their own answers, ever; another partner's answers are a 404.
- Everyone else (and the office's published pages) sees only sums over at least
  `selectors.MIN_PARTNERS` answering partners: the public page is open to all, the HCA report
  (XLSX, PDF) is for the office and the steering group (`may_read_report`).
"""

from django.utils.translation import gettext as _

from civhub.accounts import permissions as access
from civhub.accounts.models import OFFICE_ROLES, Role
from civhub.hca.errors import HcaError
from civhub.partners.models import CofinancingGroup, Partnership

# Decorator for the office's pages taking `slug`: 404 outside the centre, 403 without an office role.
office_pages_required = access.office_required
# The HCA report (published cells only) becomes part of a funding application: the office writes it, the
# steering group answers for it. Decorator for its downloads: 404 outside the centre, 403 without the role.
REPORT_ROLES = frozenset(OFFICE_ROLES | {Role.STEERING_MEMBER})
report_required = access.centre_role_required(*sorted(REPORT_ROLES))


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


def may_read_report(user, centre) -> bool:
    """The office and the steering group (or a superuser): the HCA report, which shows published cells only."""
    return bool(user.is_superuser or access.has_role(user, centre, *REPORT_ROLES))
