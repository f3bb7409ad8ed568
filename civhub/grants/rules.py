"""What the regulation asks of a budget (RIF 2014 art. 6 and 10), checked on a version or on a revision's cells.

- the subsidy is at most its share of the total budget (one third);
- the subsidy in the budget equals the award;
- the partners' pledges keep the groups within their bounds: employers between their
  minimum and maximum share of the total, government and other partners together at most
  theirs (the lead applicant's own pledges and BPV do not count).
Bounds are exact shares (core.shares): 1/3 of EUR 900,000.00 is EUR 300,000.00.
A check that fails says in Dutch what is wrong and by how much; a revision that breaks one
is saved only with a reason (grants/services/budget.py).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from civhub.core.choices import NEVER_COUNTED_KINDS
from civhub.core.formatting import format_eur
from civhub.core.shares import share_label, share_of
from civhub.grants.models import FundingSource
from civhub.ledger.models import Pledge
from civhub.partners.models import CofinancingGroup

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class BudgetCheck:
    """One rule of the regulation applied to a budget: whether it holds, and what the numbers say."""

    code: str
    ok: bool
    message: str


def _pledged_by_group(grant) -> dict[str, Decimal]:
    """What the partners pledged for the grant's years, per co-financing group: one query."""
    rows = (Pledge.objects.filter(partnership__centre_id=grant.centre_id, year__in=list(grant.years))
            .exclude(kind__in=sorted(NEVER_COUNTED_KINDS))
            .values("partnership__cofinancing_group").annotate(total=Sum("amount")).order_by())
    return {row["partnership__cofinancing_group"]: row["total"] or ZERO for row in rows}


def check_amounts(grant, *, subsidy: Decimal, total: Decimal) -> list[BudgetCheck]:
    """The regulation's checks for a budget with this subsidy and this total (one query for the pledges)."""
    pledged = _pledged_by_group(grant)
    employers = pledged.get(CofinancingGroup.EMPLOYER, ZERO)
    others = pledged.get(CofinancingGroup.GOVERNMENT, ZERO) + pledged.get(CofinancingGroup.OTHER, ZERO)
    return [
        _subsidy_share(grant, subsidy, total), _subsidy_is_award(grant, subsidy),
        _employers(grant, employers, total), _others(grant, others, total),
    ]


def check_cells(grant, cells: Iterable) -> list[BudgetCheck]:
    """The checks for a revision's cells (objects with `source` and `amount`) before it is saved."""
    cells = list(cells)
    subsidy = sum((cell.amount for cell in cells if cell.source == FundingSource.SUBSIDY), ZERO)
    return check_amounts(grant, subsidy=subsidy, total=sum((cell.amount for cell in cells), ZERO))


def check_version(version) -> list[BudgetCheck]:
    """The checks for a saved version (two queries: its totals and the pledges)."""
    totals = version.lines.aggregate(total=Sum("amount"), subsidy=Sum("amount", filter=Q(source=FundingSource.SUBSIDY)))
    return check_amounts(version.grant, subsidy=totals["subsidy"] or ZERO, total=totals["total"] or ZERO)


def _subsidy_share(grant, subsidy: Decimal, total: Decimal) -> BudgetCheck:
    maximum = share_of(total, grant.subsidy_share_max)
    values = {"subsidy": format_eur(subsidy), "share": share_label(grant.subsidy_share_max),
              "total": format_eur(total), "maximum": format_eur(maximum), "excess": format_eur(subsidy - maximum)}
    if subsidy <= maximum:
        return BudgetCheck("subsidy_share", True, _(
            "The subsidy (%(subsidy)s) is at most %(share)s of the budget of %(total)s (%(maximum)s).") % values)
    return BudgetCheck("subsidy_share", False, _(
        "The subsidy (%(subsidy)s) is %(excess)s more than %(share)s of the budget of %(total)s (at most "
        "%(maximum)s).") % values)


def _subsidy_is_award(grant, subsidy: Decimal) -> BudgetCheck:
    values = {"subsidy": format_eur(subsidy), "award": format_eur(grant.amount),
              "difference": format_eur(abs(subsidy - grant.amount))}
    if subsidy == grant.amount:
        return BudgetCheck("subsidy_award", True, _("The subsidy in the budget equals the award (%(award)s).")
                           % values)
    if subsidy > grant.amount:
        return BudgetCheck("subsidy_award", False, _(
            "The subsidy in the budget (%(subsidy)s) is %(difference)s more than the award (%(award)s).") % values)
    return BudgetCheck("subsidy_award", False, _(
        "The subsidy in the budget (%(subsidy)s) is %(difference)s less than the award (%(award)s).") % values)


def _employers(grant, pledged: Decimal, total: Decimal) -> BudgetCheck:
    minimum, maximum = share_of(total, grant.employer_share_min), share_of(total, grant.employer_share_max)
    values = {"pledged": format_eur(pledged), "minimum": format_eur(minimum), "maximum": format_eur(maximum),
              "min_share": share_label(grant.employer_share_min), "max_share": share_label(grant.employer_share_max)}
    if pledged < minimum:
        return BudgetCheck("employers", False, _(
            "Employers pledged %(pledged)s: %(short)s less than their minimum of %(min_share)s of the budget "
            "(%(minimum)s).") % {**values, "short": format_eur(minimum - pledged)})
    if pledged > maximum:
        return BudgetCheck("employers", False, _(
            "Employers pledged %(pledged)s: %(excess)s more than their maximum of %(max_share)s of the budget "
            "(%(maximum)s); the excess will not count.") % {**values, "excess": format_eur(pledged - maximum)})
    return BudgetCheck("employers", True, _(
        "Employers pledged %(pledged)s, between %(minimum)s and %(maximum)s (%(min_share)s and %(max_share)s of "
        "the budget).") % values)


def _others(grant, pledged: Decimal, total: Decimal) -> BudgetCheck:
    maximum = share_of(total, grant.other_share_max)
    values = {"pledged": format_eur(pledged), "maximum": format_eur(maximum),
              "share": share_label(grant.other_share_max), "excess": format_eur(pledged - maximum)}
    if pledged > maximum:
        return BudgetCheck("others", False, _(
            "Government and other partners pledged %(pledged)s: %(excess)s more than their maximum of %(share)s of "
            "the budget (%(maximum)s); the excess will not count.") % values)
    return BudgetCheck("others", True, _(
        "Government and other partners pledged %(pledged)s, at most %(share)s of the budget (%(maximum)s).")
        % values)
