"""The figures the lead applicant's annual accounts need per calendar year (the auditor's "model G" table).

Model G states the award (amount, decision reference and date), and per year what was
received, spent and left unspent. Once the grant has ended, what was not spent of the award
lapses: the settlement claims back what was received beyond the spending (RIF 2014 art.
6(2)), or pays what is still due when the advances fell short of it.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Q, Sum

from civhub.core import revisions
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


@dataclass(frozen=True)
class AnnualAccounts:
    """The model G table: the award, the years, their totals, and what is to be repaid once the grant has ended."""

    grant: object
    years: list[AccountsYear]
    ended: bool
    received: Decimal  # every advance paid by the reference date, also those after the grant's last year

    @property
    def spent(self) -> Decimal:
        return sum((row.spent for row in self.years), ZERO)

    @property
    def unspent(self) -> Decimal:
        return self.received - self.spent

    @property
    def award_unspent(self) -> Decimal:
        """What was not spent of the award (only once the grant has ended): it lapses at the settlement."""
        return max(ZERO, self.grant.amount - self.spent) if self.ended else ZERO

    @property
    def to_repay(self) -> Decimal:
        """Received beyond the spending, to be paid back at the settlement (once the grant has ended)."""
        return max(ZERO, self.received - self.spent) if self.ended else ZERO

    @property
    def to_receive(self) -> Decimal:
        """Spent (up to the award) beyond the advances received: what the settlement still pays."""
        return max(ZERO, min(self.grant.amount, self.spent) - self.received) if self.ended else ZERO

    def __iter__(self):
        return iter(self.years)


def model_g(grant, *, as_of: date) -> AnnualAccounts:
    """The annual-accounts table with its totals; `ended` once the reference date is past the grant's end.

    Summed once per reference date and state of the centre's records (core/revisions.py), like the monitor.
    """
    return revisions.cached(grant.centre_id, "annual-accounts", (grant.pk, as_of.isoformat()),
                            lambda: _model_g(grant, as_of=as_of))


def _model_g(grant, *, as_of: date) -> AnnualAccounts:
    received = sum((advance.amount for advance in advances(grant) if advance.day <= as_of), ZERO)
    return AnnualAccounts(grant, annual_accounts(grant, as_of=as_of), ended=as_of > grant.end, received=received)


def annual_accounts(grant, *, as_of: date) -> list[AccountsYear]:
    """Per year of the grant; advances count once their date has come, expenditure up to `as_of`. Two queries."""
    granted = _cents(BudgetLine.objects.filter(version__grant=grant, version__is_current=True,
                                               source=FundingSource.SUBSIDY)
                     .values_list("year").annotate(total=Sum("amount")).order_by())
    # One conditional sum per year: a date range each, where grouping by the year would call a function per row.
    spent = _cents((int(year), total) for year, total in Expenditure.objects.filter(grant=grant, date__lte=as_of)
                   .aggregate(**{str(year): Sum("amount", filter=Q(date__year=year)) for year in grant.years}).items()
                   if total is not None)
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
