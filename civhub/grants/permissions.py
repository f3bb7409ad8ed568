"""Who may see and change the grant's figures; the one place its access rules live (on top of accounts.permissions).

- The monitor, the budget and the funder pack: the programme office and the steering group.
- A partner's people see only their own partner's line of the monitor (and their own statements).
- Budget revisions, expenditure and submitted reports: the finance controller (the lead
  applicant's controller accounts for the subsidy); the programme manager records submitted reports too.
"""

from civhub.accounts import permissions as access
from civhub.accounts.models import OFFICE_ROLES, PARTNER_ROLES, Role

MONITOR_ROLES = frozenset(OFFICE_ROLES | {Role.STEERING_MEMBER})
FINANCE_ROLES = frozenset({Role.FINANCE_CONTROLLER})
REPORTING_ROLES = frozenset({Role.FINANCE_CONTROLLER, Role.PROGRAMME_MANAGER})

# Decorators for views taking `slug`: 404 outside the centre, 403 without the role (accounts.permissions).
monitor_required = access.centre_role_required(*sorted(MONITOR_ROLES))
monitor_or_partner_required = access.centre_role_required(*sorted(MONITOR_ROLES | PARTNER_ROLES))
finance_required = access.centre_role_required(*sorted(FINANCE_ROLES))
reporting_required = access.centre_role_required(*sorted(REPORTING_ROLES))


def sees_whole_grant(user, centre) -> bool:
    """The office and the steering group see every partner; anyone else at most their own partners."""
    return bool(user.is_superuser or access.has_role(user, centre, *MONITOR_ROLES))


def monitor_partnership_ids(user, centre) -> set[int] | None:
    """The partners whose figures the user's monitor shows: None for all, else the user's own."""
    return None if sees_whole_grant(user, centre) else access.partnership_ids(user, centre)


def may_manage_finances(user, centre) -> bool:
    return bool(user.is_superuser or access.has_role(user, centre, *FINANCE_ROLES))


def may_record_reports(user, centre) -> bool:
    return bool(user.is_superuser or access.has_role(user, centre, *REPORTING_ROLES))
