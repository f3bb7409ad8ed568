"""The budget the public centre page shows, handed in by the grants app from further up the stack.

The public page belongs to `partners`, which may not import `grants` (built on it). grants
registers its reader from its AppConfig.ready():

    public_budget.register(current_budget_by_source)

The reader takes a grant and returns the current budget version's totals per funding source
as a `BudgetSummary`, or None when the grant has no budget lines yet; then, and while nothing
is registered, the page shows the grant's own subsidy and required co-financing.
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from civhub.core.models import Grant

ZERO = Decimal("0.00")


@dataclass
class BudgetSummary:
    """The budget of the current version by funding source, for the public page."""

    subsidy: Decimal = ZERO
    cash: Decimal = ZERO
    in_kind: Decimal = ZERO

    @property
    def cofinancing(self) -> Decimal:
        return self.cash + self.in_kind

    @property
    def total(self) -> Decimal:
        return self.subsidy + self.cofinancing

    def share(self, part: Decimal) -> int:
        return round(part * 100 / self.total) if self.total else 0


_readers: list[Callable[[Grant], BudgetSummary | None]] = []


def register(reader: Callable[[Grant], BudgetSummary | None]) -> None:
    """Set the reader; registering again replaces it (ready() may run twice in tests)."""
    _readers[:] = [reader]


def budget_summary(grant: Grant | None) -> BudgetSummary:
    """The grant's budget per source: the registered reader's, else the grant's own figures."""
    if grant is None:
        return BudgetSummary()
    summary = _readers[0](grant) if _readers else None
    if summary is None:
        return BudgetSummary(subsidy=grant.amount, in_kind=grant.cofinancing_required)
    return summary
