"""The continuation forecast as its page shows it: income, costs and what is left per year after the subsidy."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum

from civhub.applications import budget_rules as rules
from civhub.applications.budget_rules import ZERO
from civhub.applications.models import Application, BudgetSide


@dataclass(frozen=True)
class Year:
    """One year after the subsidy: the forecast income and costs, and what is left."""

    year: int
    income: Decimal
    costs: Decimal

    @property
    def left(self) -> Decimal:
        return self.income - self.costs

    @property
    def forecast(self) -> bool:
        return bool(self.income or self.costs)


def years(application: Application) -> list[Year]:
    """The years that must be forecast, and any later ones that are: one query."""
    sums = {}
    for row in (application.continuation_lines.values("year", "side").annotate(amount=Sum("amount"))
                .order_by()):
        sums[(row["year"], row["side"])] = row["amount"]
    wanted = set(rules.continuation_years(application.planned_end.year)) | {year for year, _side in sums}
    return [Year(year, sums.get((year, BudgetSide.INCOME), ZERO), sums.get((year, BudgetSide.COST), ZERO))
            for year in sorted(wanted)]


def lines(application: Application):
    return application.continuation_lines.select_related("partnership__organisation").order_by("year", "side", "pk")
