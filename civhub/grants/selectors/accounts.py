"""The figures the lead applicant's annual accounts need per calendar year (the auditor's "model G" table)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Sum
from django.db.models.functions import ExtractYear

from civhub.grants.models import BudgetLine, Expenditure, FundingSource
from civhub.grants.schedule import advances, cents

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class AccountsYear:
    """One calendar year: subsidy granted (the current budget's subsidy for it), received, spent, unspent."""

    year: int
    granted: Decimal
    received: Decimal
    spent: Decimal
    balance: Decimal  # received minus spent since the start, at the end of this year

    @property
    def unspent(self) -> Decimal:
        """Received this year and not spent this year (negative: spent from earlier advances)."""
        return self.received - self.spent


def _cents(pairs) -> dict[int, Decimal]:
    """{year: sum} with each sum to the cent (SQLite hands back sums with float noise in the last places)."""
    return {year: cents(total) for year, total in pairs}


def annual_accounts(grant, *, as_of: date) -> list[AccountsYear]:
    """Per year of the grant; advances count once their date has come, expenditure up to `as_of`. Two queries."""
    granted = _cents(BudgetLine.objects.filter(version__grant=grant, version__is_current=True,
                                               source=FundingSource.SUBSIDY)
                     .values_list("year").annotate(total=Sum("amount")).order_by())
    spent = _cents(Expenditure.objects.filter(grant=grant, date__lte=as_of)
                   .annotate(year=ExtractYear("date")).values_list("year").annotate(total=Sum("amount")).order_by())
    received: dict[int, Decimal] = {}
    for advance in advances(grant):
        if advance.day <= as_of:
            received[advance.day.year] = received.get(advance.day.year, ZERO) + advance.amount
    rows, balance = [], ZERO
    for year in grant.years:
        balance += received.get(year, ZERO) - spent.get(year, ZERO)
        rows.append(AccountsYear(year, granted.get(year, ZERO), received.get(year, ZERO), spent.get(year, ZERO),
                                 balance))
    return rows
