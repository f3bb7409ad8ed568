"""An application's budget as its page shows it: the lines, the income and costs per year in groups, the checks.

Everything is summed by the database in one grouped query (`summed_rows`: per side, source,
partner, form, category and year), so the page takes the same number of queries for ten lines or
ten thousand; `budget_rules` turns those sums into the regulation's figures and checks.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Sum
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from civhub.applications import budget_rules as rules
from civhub.applications.budget_rules import ZERO, Figures, OffRate, Terms
from civhub.applications.models import (
    Application,
    BudgetCategory,
    BudgetLine,
    BudgetSide,
    ContributionForm,
    IncomeSource,
)
from civhub.core.formatting import group_number
from civhub.grants.rules import BudgetCheck
from civhub.partners.models import Partnership

SECTION_TITLES = {
    rules.SUBSIDY: _("Subsidy"),
    rules.EMPLOYERS: _("Employers"),
    rules.OTHERS: _("Government and other partners"),
    rules.NOT_COUNTED: _("Lead applicant's own contribution (not counted)"),
    rules.BPV: _("BPV (not counted)"),
}
SPENDING, IN_KIND = "spending", "in_kind"
COST_TITLES = {
    SPENDING: _("Paid from the subsidy and the partners' cash"),
    IN_KIND: _("In kind, spent where the partners bring it"),
}


def summed_rows(application: Application, *, without: BudgetLine | None = None) -> list[dict]:
    """The lines summed per side, source, partner, form, category and year (`without` one line): one query."""
    found = application.budget_lines.exclude(pk=without.pk) if without is not None else application.budget_lines.all()
    return list(found.values(
        "side", "source", "form", "category", "year", "partnership_id", "partnership__organisation__name",
        "partnership__cofinancing_group", "partnership__is_lead_applicant",
    ).annotate(amount=Sum("amount")).order_by())


def off_rate(application: Application) -> OffRate:
    """The staff-hour lines not priced at the round's fixed rate (none when it has no rate): one query."""
    rate = application.regulation.fixed_hourly_rate
    if rate is None:
        return OffRate()
    found = (application.budget_lines.filter(category=BudgetCategory.HOURS).exclude(price=rate)
             .aggregate(lines=Count("pk"), hours=Sum("volume"), amount=Sum("amount")))
    return OffRate(found["lines"], found["hours"] or ZERO, found["amount"] or ZERO)


def _rule_rows(rows: list[dict]) -> list[dict]:
    return [{**row, "cofinancing_group": row["partnership__cofinancing_group"],
             "is_lead_applicant": bool(row["partnership__is_lead_applicant"])} for row in rows]


def figures(application: Application, rows: list[dict] | None = None) -> Figures:
    """The budget's totals as the regulation counts them (two queries, one when the rows are given)."""
    rows = summed_rows(application) if rows is None else rows
    return rules.figures_from_rows(_rule_rows(rows), off_rate(application))


def checks(application: Application, found: Figures | None = None) -> list[BudgetCheck]:
    """The regulation's checks of the budget and of the continuation forecast (three queries, one with the
    figures given)."""
    found = figures(application) if found is None else found
    years = application.continuation_lines.values_list("year", flat=True).distinct().order_by()
    return [*rules.check_budget(Terms.of(application.regulation), found),
            rules.check_continuation(list(years), application.planned_end.year)]


def cents(amount: Decimal | None) -> str | None:
    """An amount in whole cents, as text (the line form's script reads it as a BigInt)."""
    return None if amount is None else str(int(amount.quantize(rules.CENT) * 100))


def live_checks(application: Application, *, line: BudgetLine | None = None, partnerships=()) -> dict:
    """What the line form's script needs to check the budget as it would be with the line typed (one query): the
    budget's totals per income group and its costs without the line being changed (so the typed amount replaces
    its old one), the round's shares as exact fractions and its subsidy minimum and maximum in cents, each
    partner's group, and the language's separators for money (as `core.formatting` writes it)."""
    found = rules.figures_from_rows(_rule_rows(summed_rows(application, without=line)))
    terms = Terms.of(application.regulation)
    sample = group_number(Decimal("1000.00"), 2)  # "1.000,00" or "1,000.00"
    return {
        "totals": {name: cents(getattr(found, name)) for name in (*rules.GROUPS, "in_kind", "spending")},
        "shares": {name: [share.numerator, share.denominator] for name, share in (
            ("subsidy_max", terms.subsidy_share_max), ("employer_min", terms.employer_share_min),
            ("employer_max", terms.employer_share_max), ("other_max", terms.other_share_max))},
        "subsidy_minimum": cents(terms.subsidy_minimum), "subsidy_maximum": cents(terms.subsidy_maximum),
        "partners": {str(partnership.pk): rules.income_group(
            source=IncomeSource.PARTNER, category="", cofinancing_group=partnership.cofinancing_group,
            is_lead_applicant=partnership.is_lead_applicant) for partnership in partnerships},
        "subsidy": IncomeSource.SUBSIDY.value, "in_kind": ContributionForm.IN_KIND.value,
        "bpv": BudgetCategory.BPV.value, "group_separator": sample[1], "decimal_separator": sample[5],
    }


def partners_of(centre):
    """The partners a line may name: the centre's, those who left aside."""
    return (Partnership.objects.filter(centre=centre).exclude(status=Partnership.Status.LEFT)
            .select_related("organisation").order_by("organisation__name"))


def lines(application: Application):
    """Every line, with its partner and programme line: income first (the subsidy before the partners), by year."""
    return (application.budget_lines.select_related("partnership__organisation", "programme_line")
            .order_by("-side", "year", "-source", "partnership__organisation__name", "category", "pk"))


# The tables --------------------------------------------------------------------------------------------


@dataclass
class Row:
    """One row of a table: a label, an amount per year (in the table's order) and their total."""

    label: str
    cells: list[Decimal]
    note: str = ""

    @property
    def total(self) -> Decimal:
        return sum(self.cells, ZERO)


@dataclass
class Section:
    """A group of rows with its subtotal: an income group, or a kind of cost."""

    key: str
    title: str
    counted: bool
    rows: list[Row] = field(default_factory=list)
    subtotal: Row | None = None


@dataclass
class Table:
    """Income or costs per year: its sections and its totals."""

    years: list[int]
    sections: list[Section]
    totals: list[Row]


def table_years(application: Application, rows: list[dict]) -> list[int]:
    return sorted(set(application.years) | {row["year"] for row in rows})


def _row(label, by_year: dict, years: list[int], note="") -> Row:
    return Row(str(label), [by_year.get(year, ZERO) for year in years], str(note))


def _sum_rows(label, rows: list[Row], years: list[int]) -> Row:
    return Row(str(label), [sum((row.cells[i] for row in rows), ZERO) for i in range(len(years))])


def _income_row(name: str, form: str, by_year: dict, years: list[int]) -> Row:
    """A partner's cash or in kind (the form as the row's note), or the subsidy asked."""
    if not name:
        return _row(_("Subsidy asked"), by_year, years)
    return _row(name, by_year, years, ContributionForm(form).label)


def income_table(application: Application, rows: list[dict]) -> Table:
    """Income per year: the subsidy, each partner (cash and in kind apart) in its group, the counted budget and
    all income. BPV is listed, and left out of the totals."""
    years = table_years(application, rows)
    cells = defaultdict(lambda: defaultdict(lambda: ZERO))  # (group, name, partner, form) -> year -> amount
    for row in _rule_rows(rows):
        if row["side"] != BudgetSide.INCOME:
            continue
        group = rules.income_group(source=row["source"], category=row["category"],
                                   cofinancing_group=row["cofinancing_group"],
                                   is_lead_applicant=row["is_lead_applicant"])
        key = (group, row["partnership__organisation__name"] or "", row["partnership_id"] or 0, row["form"])
        cells[key][row["year"]] += row["amount"]
    sections = []
    for group in rules.GROUPS:
        keys = sorted(key for key in cells if key[0] == group)  # by name: two partners of one name stay apart
        section_rows = [_income_row(key[1], key[3], cells[key], years) for key in keys]
        sections.append(Section(group, str(SECTION_TITLES[group]), group in rules.COUNTED_GROUPS, section_rows,
                                _sum_rows(_("Subtotal"), section_rows, years)))
    counted = _sum_rows(_("Budget (what counts)"), [s.subtotal for s in sections if s.counted], years)
    income = _sum_rows(_("Income (with the lead applicant's own contribution)"),
                       [s.subtotal for s in sections if s.key != rules.BPV], years)
    return Table(years, sections, [counted, income])


def cost_table(application: Application, rows: list[dict], income: Table) -> Table:
    """Costs per year and category: what the money pays for, and the partners' contributions in kind (BPV
    aside); then the total and what the income leaves over (income minus costs) per year."""
    years = income.years
    cells = {SPENDING: defaultdict(lambda: defaultdict(lambda: ZERO)), IN_KIND: defaultdict(lambda: defaultdict(
        lambda: ZERO))}
    for row in rows:
        if row["side"] == BudgetSide.COST:
            cells[SPENDING][row["category"]][row["year"]] += row["amount"]
        elif row["form"] == ContributionForm.IN_KIND and row["category"] != BudgetCategory.BPV:
            cells[IN_KIND][row["category"]][row["year"]] += row["amount"]
    sections = []
    for key, title in COST_TITLES.items():
        section_rows = [_row(capfirst(category.label), cells[key][category], years)
                        for category in BudgetCategory if category in cells[key]]
        sections.append(Section(key, str(title), True, section_rows, _sum_rows(_("Subtotal"), section_rows, years)))
    costs = _sum_rows(_("Costs"), [section.subtotal for section in sections], years)
    all_income = income.totals[-1]
    left = Row(str(_("Income minus costs")), [a - b for a, b in zip(all_income.cells, costs.cells, strict=True)])
    return Table(years, sections, [costs, left])


@dataclass(frozen=True)
class BudgetPage:
    """Everything the budget page shows (six queries whatever the number of lines)."""

    income: Table
    costs: Table
    figures: Figures
    checks: list[BudgetCheck]
    lines: list[BudgetLine]

    @property
    def problems(self) -> list[BudgetCheck]:
        return [check for check in self.checks if not check.ok]


def budget_page(application: Application) -> BudgetPage:
    rows = summed_rows(application)
    income, found = income_table(application, rows), figures(application, rows)
    return BudgetPage(income, cost_table(application, rows, income), found, checks(application, found),
                      list(lines(application)))
