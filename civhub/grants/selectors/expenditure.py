"""Reading the subsidy expenditure: the filtered list and its totals, summed by the database."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, DecimalField, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from civhub.core.models import Grant
from civhub.grants.models import CostCategory, Expenditure

ZERO = Decimal("0.00")


def expenditure_list(grant: Grant, *, year: int | None = None, category: str | None = None,
                     line: int | None = None) -> QuerySet[Expenditure]:
    """The grant's entries, newest first, filtered by calendar year, cost category and programme line number."""
    entries = Expenditure.objects.filter(grant=grant)
    if year:
        entries = entries.filter(date__year=year)
    if category:
        entries = entries.filter(category=category)
    if line:
        entries = entries.filter(programme_line__number=line)
    return entries.select_related("programme_line", "entered_by").order_by("-date", "-pk")


@dataclass
class CategoryTotal:
    category: str
    count: int
    amount: Decimal

    @property
    def label(self) -> str:
        return CostCategory(self.category).label


@dataclass
class ExpenditureTotals:
    count: int
    amount: Decimal
    by_category: list[CategoryTotal]


def totals(entries: QuerySet[Expenditure]) -> ExpenditureTotals:
    """The total and the total per cost category of `entries` (two queries, whatever their number)."""
    money = DecimalField(max_digits=14, decimal_places=2)
    plain = entries.order_by()
    overall = plain.aggregate(count=Count("pk"), amount=Coalesce(Sum("amount"), Value(ZERO), output_field=money))
    rows = plain.values("category").annotate(count=Count("pk"), amount=Sum("amount")).order_by("category")
    return ExpenditureTotals(overall["count"], overall["amount"],
                             [CategoryTotal(row["category"], row["count"], row["amount"]) for row in rows])
