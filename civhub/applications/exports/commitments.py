"""The partners' commitments table of the application PDF and the agreement annex.

`commitment_rows(application)` is what the PDF lists under "The partners and their commitments": each
partner's budget totals (cash, in kind, in all, in the group it counts in) and where its confirmation
stands: confirmed by whom (name, role), when, with the SHA-256 of the table confirmed; or not confirmed,
void (the table changed after it was confirmed), or a change asked. The lead applicant's own contribution
is not co-financing: its confirmation is not asked.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum

from civhub.applications import budget_rules as rules
from civhub.applications.models import Application, BudgetSide, Commitment, ContributionForm, IncomeSource
from civhub.applications.selectors.budget import SECTION_TITLES
from civhub.applications.selectors.commitments import NOT_YET, Standing, standings

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class CommitmentRow:
    """One partner's commitment: its name, the group it counts in, cash, in kind and the total (BPV included)."""

    partner: str
    group: str  # a budget_rules group: employers, others, not_counted, bpv
    cash: Decimal
    in_kind: Decimal
    standing: Standing | None = None  # where the partner's confirmation stands (None: no pledge table)

    @property
    def total(self) -> Decimal:
        return self.cash + self.in_kind

    @property
    def state(self) -> str:
        return self.standing.state if self.standing else NOT_YET

    @property
    def state_label(self) -> str:
        return self.standing.state_label if self.standing else ""

    @property
    def counted(self) -> bool:
        return self.standing.counted if self.standing else True

    @property
    def answer(self) -> Commitment | None:
        """The newest answer (confirmation or request), whatever it says now."""
        return self.standing.latest if self.standing else None

    @property
    def group_title(self) -> str:
        return str(SECTION_TITLES[self.group])


def commitment_rows(application: Application) -> list[CommitmentRow]:
    """Each partner in the budget with its totals and its confirmation, by name (four queries)."""
    found_standings = {standing.partnership.pk: standing for standing in standings(application)}
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
    return sorted((CommitmentRow(found["name"], found["group"], found["cash"], found["in_kind"],
                                 found_standings.get(partnership_id))
                   for partnership_id, found in sums.items()), key=lambda row: (row.partner, row.total))
