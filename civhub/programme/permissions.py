"""Who may see and change the programme lines' work; the one place its access rules live.

- Every role in the centre reads the lines, activities, milestones, KPIs and their actuals:
  the office, the practor, communications, the steering group and the partners.
- The programme office (programme manager, finance controller, centre administrator) creates
  and edits activities, milestones, KPIs and their targets, and records any KPI actual.
- The progress report (reports/views.py, reports/selectors/progress.py): the office and the steering group.
- A partner's contact or signatory records KPI actuals for its own partnership, and edits or
  deletes only those: another partner's actual (or one the office recorded for no partner) is a 404.
- Partners' money and KPI figures (`partner_figures`): the office sees every partner's. Everyone
  else sees another partner's amount or figure only inside a total of at least MIN_PARTNERS
  partners, and its own partner's in full; the selectors count the partners behind each figure.
"""

from dataclasses import dataclass

from django.db.models import Q

from civhub.accounts import permissions as access
from civhub.accounts.models import OFFICE_ROLES, PARTNER_ROLES, Role
from civhub.partners.permissions import partnerships_visible_to
from civhub.programme.models import KpiActual

# Decorators for views taking `slug`: 404 outside the centre, 403 without the role (accounts.permissions).
reader_required = access.centre_role_required()  # any role in the centre
editor_required = access.office_required
recorder_required = access.centre_role_required(*sorted(OFFICE_ROLES | PARTNER_ROLES))
# The progress report is the funder's: the office writes it, the steering group answers for it.
REPORT_ROLES = frozenset(OFFICE_ROLES | {Role.STEERING_MEMBER})
report_required = access.centre_role_required(*sorted(REPORT_ROLES))
# Outside the office, another partner's money or figures show only in a total of at least this many partners.
MIN_PARTNERS = 3


def may_edit(user, centre) -> bool:
    """The office edits the programme (activities, milestones, KPIs, targets) and records any actual."""
    return access.acts_as_office(user, centre)


def may_download_report(user, centre) -> bool:
    return bool(user.is_superuser or access.has_role(user, centre, *REPORT_ROLES))


def may_record_actuals(user, centre) -> bool:
    return may_edit(user, centre) or bool(access.partnership_ids(user, centre))


def recordable_partnerships(user, centre):
    """The partners an actual may be recorded for: every partner for the office, else the user's own."""
    return partnerships_visible_to(user, centre).select_related("organisation").order_by("organisation__name")


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


@dataclass(frozen=True)
class PartnerFigures:
    """Which partners' money and KPI figures a viewer sees: every one (`sees_all`), or its own and larger totals.

    `own` holds the viewer's partnerships; a figure made of no partner's entries (the office's) is no partner's.
    """

    sees_all: bool
    own: frozenset[int] = frozenset()

    def shows(self, *, partners: int, others: int) -> bool:
        """Whether a figure of entries of `partners` distinct partners, `others` of them not the viewer's, shows."""
        return self.sees_all or others == 0 or partners >= MIN_PARTNERS

    def withheld_when(self, *, partners: str, others: str) -> Q:
        """The opposite of `shows`, for a grouped query (HAVING) whose counts are annotated as `partners`, `others`."""
        return Q(**{f"{partners}__lt": MIN_PARTNERS, f"{others}__gt": 0})


EVERY_FIGURE = PartnerFigures(sees_all=True)  # the office, and the reports written for the office


def partner_figures(user, centre) -> PartnerFigures:
    """What the user sees of partners' money and KPI figures: all for the office, else its own and totals of 3+."""
    if may_edit(user, centre):
        return EVERY_FIGURE
    return PartnerFigures(sees_all=False, own=frozenset(access.partnership_ids(user, centre)))


def listed_actuals(user, centre, kpi):
    """The KPI's actuals listed one by one, and those left out: other partners' ones, outside the office.

    The office lists every actual; anyone else the user's partners' and those recorded for no partner.
    """
    figures = partner_figures(user, centre)
    if figures.sees_all:
        return kpi.actuals.all(), kpi.actuals.none()
    listed = Q(partnership__isnull=True) | Q(partnership_id__in=figures.own)
    return kpi.actuals.filter(listed), kpi.actuals.exclude(listed)
