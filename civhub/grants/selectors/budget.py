"""Reading budget versions: their totals, one version's cells, and two versions side by side.

Every sum is computed by the database (GROUP BY with conditional sums); Python only puts
the few grouped rows in the shape of the page's tables. The number of queries does not
depend on the number of cells.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, DecimalField, F, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from civhub.core.models import Grant
from civhub.core.public_budget import BudgetSummary
from civhub.grants.models import BudgetLine, BudgetVersion, CostCategory, FundingSource

ZERO = Decimal("0.00")
SOURCES = list(FundingSource)


def _sum(expression="amount", **filters) -> Coalesce:
    """SUM(expression) over the rows matching `filters`, 0 when there are none."""
    condition = Q(**filters) if filters else None
    return Coalesce(Sum(expression, filter=condition), Value(ZERO), output_field=DecimalField(max_digits=14,
                                                                                                decimal_places=2))


def versions(grant: Grant) -> QuerySet[BudgetVersion]:
    """The grant's versions, oldest first, each with its total per source and overall (one query)."""
    per_source = {f"total_{source.value}": _sum("lines__amount", lines__source=source.value) for source in SOURCES}
    return (grant.budget_versions.select_related("created_by").order_by("number")
            .annotate(total=_sum("lines__amount"), cells=Count("lines"), **per_source))


def current_version(grant: Grant) -> BudgetVersion | None:
    return grant.budget_versions.filter(is_current=True).first()


def version_by_number(grant: Grant, number) -> BudgetVersion | None:
    return grant.budget_versions.select_related("created_by").filter(number=number).first()


# One version -------------------------------------------------------------------------------------


@dataclass
class YearRow:
    year: int
    by_source: list[Decimal]
    total: Decimal


@dataclass
class YearSourceTable:
    """A version's amounts per year and source, with the totals of each row and column."""

    sources: list
    rows: list[YearRow]
    source_totals: list[Decimal]
    total: Decimal


def year_source_table(version: BudgetVersion) -> YearSourceTable:
    """Per year × source of one version; the totals per year, per source and overall come from the database."""
    per_source = {source.value: _sum(source=source.value) for source in SOURCES}
    rows = (BudgetLine.objects.filter(version=version).values("year").annotate(total=_sum(), **per_source)
            .order_by("year"))
    totals = BudgetLine.objects.filter(version=version).aggregate(total=_sum(), **per_source)
    return YearSourceTable(
        sources=SOURCES,
        rows=[YearRow(row["year"], [row[source.value] for source in SOURCES], row["total"]) for row in rows],
        source_totals=[totals[source.value] for source in SOURCES],
        total=totals["total"],
    )


def version_lines(version: BudgetVersion) -> QuerySet[BudgetLine]:
    """A version's cells in reading order, with their programme line."""
    return (version.lines.select_related("programme_line")
            .order_by("year", F("programme_line__number").asc(nulls_first=True), "category", "source"))


@dataclass
class YearGroup:
    year: int
    lines: list[BudgetLine]
    total: Decimal


def version_years(version: BudgetVersion) -> list[YearGroup]:
    """A version's cells grouped by year, each year with its total from the database (two queries)."""
    totals = dict(version.lines.values("year").annotate(total=_sum()).order_by("year").values_list("year", "total"))
    groups: dict[int, list[BudgetLine]] = {}
    for line in version_lines(version):
        groups.setdefault(line.year, []).append(line)
    return [YearGroup(year, lines, totals[year]) for year, lines in groups.items()]


# Two versions side by side ----------------------------------------------------------------------------


class Change:
    SAME = "same"
    CHANGED = "changed"
    NEW = "new"
    REMOVED = "removed"


@dataclass
class CompareRow:
    """One cell key with its amount in version A and in version B (None: the version has no such cell)."""

    year: int
    line: object  # ProgrammeLine or None
    category: str
    source: str
    a: Decimal | None
    b: Decimal | None

    @property
    def difference(self) -> Decimal:
        return (self.b or ZERO) - (self.a or ZERO)

    @property
    def change(self) -> str:
        if self.a is None:
            return Change.NEW
        if self.b is None:
            return Change.REMOVED
        return Change.SAME if self.a == self.b else Change.CHANGED

    @property
    def category_label(self) -> str:
        return CostCategory(self.category).label

    @property
    def source_label(self) -> str:
        return FundingSource(self.source).label


@dataclass
class Totals:
    label: object
    a: Decimal
    b: Decimal

    @property
    def difference(self) -> Decimal:
        return self.b - self.a


@dataclass
class Comparison:
    a: BudgetVersion
    b: BudgetVersion
    rows: list[CompareRow] = field(default_factory=list)
    by_year: list[Totals] = field(default_factory=list)
    by_source: list[Totals] = field(default_factory=list)
    total: Totals | None = None

    @property
    def changed(self) -> int:
        return sum(1 for row in self.rows if row.change != Change.SAME)


def compare(a: BudgetVersion, b: BudgetVersion) -> Comparison:
    """Every cell of either version with both amounts, and the totals per year, per source and overall."""
    both = BudgetLine.objects.filter(version__in=[a.pk, b.pk])
    sums = {"a": Sum("amount", filter=Q(version=a.pk)), "b": Sum("amount", filter=Q(version=b.pk))}
    cells = (both.values("year", "programme_line", "category", "source").annotate(**sums)
             .order_by("year", F("programme_line__number").asc(nulls_first=True), "category", "source"))
    lines = {line.pk: line for line in a.grant.centre.programme_lines.all()}
    comparison = Comparison(a, b, rows=[
        CompareRow(row["year"], lines.get(row["programme_line"]), row["category"], row["source"], row["a"], row["b"])
        for row in cells
    ])
    totals = {"a": _sum(version=a.pk), "b": _sum(version=b.pk)}
    comparison.by_year = [Totals(row["year"], row["a"], row["b"])
                          for row in both.values("year").annotate(**totals).order_by("year")]
    by_source = {row["source"]: row for row in both.values("source").annotate(**totals).order_by()}
    comparison.by_source = [Totals(source.label, by_source.get(source.value, {}).get("a", ZERO),
                                   by_source.get(source.value, {}).get("b", ZERO)) for source in SOURCES]
    overall = both.aggregate(**totals)
    comparison.total = Totals("", overall["a"], overall["b"])
    return comparison


def default_pair(grant: Grant) -> tuple[BudgetVersion | None, BudgetVersion | None]:
    """(A, B) to compare by default: the version before the current one, and the current one.

    When version 1 is current, B is the newest other version (a revision waiting to be made current).
    """
    numbers = list(grant.budget_versions.order_by("number").values_list("number", "is_current"))
    if len(numbers) < 2:
        return None, None
    current = next((number for number, is_current in numbers if is_current), numbers[-1][0])
    earlier = [number for number, _ in numbers if number < current]
    a, b = (earlier[-1], current) if earlier else (current, numbers[-1][0])
    found = {version.number: version for version in grant.budget_versions.filter(number__in=[a, b])}
    return found.get(a), found.get(b)


def public_budget_summary(grant: Grant) -> BudgetSummary | None:
    """The current version's totals per funding source for the public centre page; None without budget lines."""
    sums = BudgetLine.objects.filter(version__grant=grant, version__is_current=True).aggregate(
        subsidy=Sum("amount", filter=Q(source=FundingSource.SUBSIDY)),
        cash=Sum("amount", filter=Q(source=FundingSource.CASH)),
        in_kind=Sum("amount", filter=Q(source=FundingSource.IN_KIND)),
    )
    if not any(sums.values()):
        return None
    return BudgetSummary(**{source: value or ZERO for source, value in sums.items()})
