"""The partners' commitments table of the application PDF: the hook the partners' confirmations plug into.

`commitment_rows(application)` is what the PDF lists under "The partners and their commitments". Until the
partners confirm their pledge tables in civhub (the confirmation flow with its SHA-256, another part of
issue 15), a row is each partner's budget totals: what it brings in cash, in kind and in all, in the group
it counts in. The confirmation flow replaces this function's body (adding who confirmed, when and the
hash) and keeps its name and the fields below, so the PDF and its tests stay as they are.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum

from civhub.applications import budget_rules as rules
from civhub.applications.models import Application, BudgetSide, ContributionForm, IncomeSource
from civhub.applications.selectors.budget import SECTION_TITLES

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class CommitmentRow:
    """One partner's commitment: its name, the group it counts in, cash, in kind and the total (BPV included)."""

    partner: str
    group: str  # a budget_rules group: employers, others, not_counted, bpv
    cash: Decimal
    in_kind: Decimal
    confirmed: str = ""  # filled in by the confirmation flow: who confirmed and when; empty until then

    @property
    def total(self) -> Decimal:
        return self.cash + self.in_kind

    @property
    def group_title(self) -> str:
        return str(SECTION_TITLES[self.group])


def commitment_rows(application: Application) -> list[CommitmentRow]:
    """Each partner in the budget with its totals (one query), by name. See the module: a hook."""
    sums = defaultdict(lambda: {"cash": ZERO, "in_kind": ZERO, "group": rules.OTHERS, "name": ""})
    rows = (application.budget_lines.filter(side=BudgetSide.INCOME, source=IncomeSource.PARTNER)
            .values("partnership_id", "partnership__organisation__name", "partnership__cofinancing_group",
                    "partnership__is_lead_applicant", "form", "category").annotate(amount=Sum("amount")).order_by())
    for row in rows:
        found = sums[row["partnership_id"]]
        found["name"] = row["partnership__organisation__name"]
        group = rules.income_group(source=IncomeSource.PARTNER, category=row["category"],
                                   cofinancing_group=row["partnership__cofinancing_group"],
                                   is_lead_applicant=row["partnership__is_lead_applicant"])
        if group != rules.BPV:
            found["group"] = group
        found["cash" if row["form"] == ContributionForm.CASH else "in_kind"] += row["amount"]
    return sorted((CommitmentRow(found["name"], found["group"], found["cash"], found["in_kind"])
                   for found in sums.values()), key=lambda row: (row.partner, row.total))
