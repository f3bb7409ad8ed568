"""Who may see and change the programme lines' work; the one place its access rules live.

- Every role in the centre reads the lines, activities, milestones, KPIs and their actuals:
  the office, the practor, communications, the steering group and the partners.
- The programme office (programme manager, finance controller, centre administrator) creates
  and edits activities, milestones, KPIs and their targets, and records any KPI actual.
- The progress report (reports/progress.py): the office and the steering group.
- A partner's contact or signatory records KPI actuals for its own partnership, and edits or
  deletes only those: another partner's actual (or one the office recorded for no partner) is a 404.
"""

from civhub.accounts import permissions as access
from civhub.accounts.models import OFFICE_ROLES, PARTNER_ROLES, Role
from civhub.programme.models import KpiActual

# Decorators for views taking `slug`: 404 outside the centre, 403 without the role (accounts.permissions).
reader_required = access.centre_role_required()  # any role in the centre
editor_required = access.office_required
recorder_required = access.centre_role_required(*sorted(OFFICE_ROLES | PARTNER_ROLES))
# The progress report is the funder's: the office writes it, the steering group answers for it.
REPORT_ROLES = frozenset(OFFICE_ROLES | {Role.STEERING_MEMBER})
report_required = access.centre_role_required(*sorted(REPORT_ROLES))


def may_edit(user, centre) -> bool:
    """The office edits the programme (activities, milestones, KPIs, targets) and records any actual."""
    return bool(user.is_superuser or access.is_office(user, centre))


def may_download_report(user, centre) -> bool:
    return bool(user.is_superuser or access.has_role(user, centre, *REPORT_ROLES))


def may_record_actuals(user, centre) -> bool:
    return may_edit(user, centre) or bool(access.partnership_ids(user, centre))


def recordable_partnerships(user, centre):
    """The partners an actual may be recorded for: every partner for the office, else the user's own."""
    return access.partnerships_visible_to(user, centre).select_related("organisation").order_by("organisation__name")


def editable_actuals(user, centre):
    """The KPI actuals the user may change: all of the centre for the office, else those of the user's partners."""
    actuals = KpiActual.objects.filter(kpi__centre=centre)
    if may_edit(user, centre):
        return actuals
    return actuals.filter(partnership_id__in=access.partnership_ids(user, centre))


def owns_actual(user, actual: KpiActual) -> bool:
    """Whether the user may change this actual (the service's own check, whatever the view did)."""
    centre = actual.kpi.centre
    if may_edit(user, centre):
        return True
    return actual.partnership_id is not None and actual.partnership_id in access.partnership_ids(user, centre)
