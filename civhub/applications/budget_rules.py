"""What the regulation asks of an application's budget, as pure functions over its totals (no database).

The budget's income is grouped as the regulation counts it (RIF 2014 art. 10; docs/subsidy-rules.md):

- **subsidy**: the subsidy asked;
- **employers** (co-financing group `employer`) and **government and others** (`government`, `other`);
- **not counted**: the lead applicant's own contribution (and any partner the office set to `not_counted`),
  shown and not counted: it is not co-financing;
- **BPV**: supervising students on work placement and placement allowances, never counted, whoever brings it.

"The budget" the shares are taken of is what counts: subsidy + employers + government and others.
Costs are the cost lines (what the subsidy and the partners' cash pay for) plus the partners'
contributions in kind, which are spent where they are brought; BPV is left out of both sides.

Checks (`check_budget`, `check_continuation`), each a `BudgetCheck` whose message says what holds or
what is wrong and by how much, in euros; shares are exact fractions (core.shares), so one third of
EUR 900,000.00 is EUR 300,000.00 and EUR 300,000.01 of subsidy is EUR 0.01 too much:

- the subsidy at most its share (one third) of the budget;
- the subsidy between the round's minimum and maximum;
- employers between their minimum and maximum share (one third to two thirds);
- government and others together at most their share (one third);
- the lead applicant's own contribution shown, not counted; BPV shown, not counted (these always hold);
- staff hours valued at the round's fixed hourly rate, when it has one;
- income equal to the costs;
- a continuation forecast for each of the CONTINUATION_YEARS years after the subsidy.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from civhub.applications.models import BudgetCategory, BudgetSide, ContributionForm, IncomeSource
from civhub.core.formatting import format_eur, group_number
from civhub.core.shares import parse_share, share_label, share_of
from civhub.grants.rules import BudgetCheck
from civhub.partners.models import CofinancingGroup

ZERO = Decimal("0.00")
CENT = Decimal("0.01")
# How many years after the subsidy the continuation forecast covers at least (issue 15: "at least four years").
CONTINUATION_YEARS = 4

# The income groups, in the order the budget page shows them.
SUBSIDY = "subsidy"
EMPLOYERS = "employers"
OTHERS = "others"
NOT_COUNTED = "not_counted"
BPV = "bpv"
GROUPS = (SUBSIDY, EMPLOYERS, OTHERS, NOT_COUNTED, BPV)
COUNTED_GROUPS = (SUBSIDY, EMPLOYERS, OTHERS)

__all__ = ["BudgetCheck", "CONTINUATION_YEARS", "Figures", "OffRate", "Terms", "check_budget", "check_continuation",
           "figures_from_rows", "income_group", "line_amount"]


def line_amount(volume: Decimal, price: Decimal) -> Decimal:
    """Volume × price, rounded half up to the cent (a line's amount)."""
    return (Decimal(volume) * Decimal(price)).quantize(CENT, rounding=ROUND_HALF_UP)


def income_group(*, source: str, category: str, cofinancing_group: str | None, is_lead_applicant: bool) -> str:
    """The group an income line counts in (see the module): BPV first, then the subsidy, then the partner's group."""
    if category == BudgetCategory.BPV:
        return BPV
    if source == IncomeSource.SUBSIDY:
        return SUBSIDY
    if is_lead_applicant or cofinancing_group == CofinancingGroup.NOT_COUNTED:
        return NOT_COUNTED
    if cofinancing_group == CofinancingGroup.EMPLOYER:
        return EMPLOYERS
    return OTHERS


@dataclass(frozen=True)
class Terms:
    """The round's numbers a budget is checked against (core.Regulation); shares are exact fractions."""

    subsidy_share_max: Fraction = Fraction(1, 3)
    employer_share_min: Fraction = Fraction(1, 3)
    employer_share_max: Fraction = Fraction(2, 3)
    other_share_max: Fraction = Fraction(1, 3)
    subsidy_minimum: Decimal | None = None
    subsidy_maximum: Decimal | None = None
    hourly_rate: Decimal | None = None

    @classmethod
    def of(cls, regulation) -> "Terms":
        return cls(parse_share(regulation.subsidy_share_max), parse_share(regulation.employer_share_min),
                   parse_share(regulation.employer_share_max), parse_share(regulation.other_share_max),
                   regulation.subsidy_minimum, regulation.subsidy_maximum, regulation.fixed_hourly_rate)


@dataclass(frozen=True)
class OffRate:
    """The lines of staff hours not priced at the round's rate: how many, their hours and what they come to."""

    lines: int = 0
    hours: Decimal = ZERO
    amount: Decimal = ZERO


@dataclass(frozen=True)
class Figures:
    """A budget's totals over all its years, as the checks need them (see the module for the groups)."""

    subsidy: Decimal = ZERO
    employers: Decimal = ZERO
    others: Decimal = ZERO
    not_counted: Decimal = ZERO
    bpv: Decimal = ZERO
    in_kind: Decimal = ZERO  # the partners' contributions in kind, BPV aside: spent where brought, so costs too
    spending: Decimal = ZERO  # the cost lines: what the subsidy and the partners' cash pay for
    off_rate: OffRate = field(default_factory=OffRate)

    @property
    def budget(self) -> Decimal:
        """What counts, and what the shares are taken of: subsidy + employers + government and others."""
        return self.subsidy + self.employers + self.others

    @property
    def cofinancing(self) -> Decimal:
        return self.employers + self.others

    @property
    def income(self) -> Decimal:
        """Every income but BPV: what counts and the lead applicant's own contribution."""
        return self.budget + self.not_counted

    @property
    def costs(self) -> Decimal:
        return self.spending + self.in_kind


def figures_from_rows(rows: Iterable[dict], off_rate: OffRate | None = None) -> Figures:
    """Figures from the budget summed per kind of line: dicts with `side`, `source`, `form`, `category`,
    `cofinancing_group`, `is_lead_applicant` and `amount` (selectors/budget.py sums them in one query)."""
    totals = dict.fromkeys((*GROUPS, "in_kind", "spending"), ZERO)
    for row in rows:
        if row["side"] == BudgetSide.COST:
            totals["spending"] += row["amount"]
            continue
        group = income_group(source=row["source"], category=row["category"],
                             cofinancing_group=row["cofinancing_group"], is_lead_applicant=row["is_lead_applicant"])
        totals[group] += row["amount"]
        if row["form"] == ContributionForm.IN_KIND and group != BPV:
            totals["in_kind"] += row["amount"]
    return Figures(**totals, off_rate=off_rate or OffRate())


# The checks -----------------------------------------------------------------------------------------


def share_text(share) -> str:
    """A share in words where people say it so ("one third"), else as core.shares writes it ("1/4", "25%")."""
    share = parse_share(share)
    words = {Fraction(1, 3): _("one third"), Fraction(2, 3): _("two thirds"), Fraction(1, 2): _("half"),
             Fraction(1, 4): _("a quarter")}
    return words.get(share, share_label(share))


def check_budget(terms: Terms, figures: Figures) -> list[BudgetCheck]:
    """Every rule of the regulation for this budget, in the order the page lists them."""
    return [
        subsidy_share(terms, figures), subsidy_range(terms, figures), employers(terms, figures),
        others(terms, figures), not_counted(figures), bpv(figures), hourly_rate(terms, figures), balance(figures),
    ]


def subsidy_share(terms: Terms, figures: Figures) -> BudgetCheck:
    maximum = share_of(figures.budget, terms.subsidy_share_max)
    values = {"subsidy": format_eur(figures.subsidy), "share": share_text(terms.subsidy_share_max),
              "total": format_eur(figures.budget), "maximum": format_eur(maximum),
              "excess": format_eur(figures.subsidy - maximum)}
    if figures.subsidy <= maximum:
        return BudgetCheck("subsidy_share", True, _(
            "The subsidy (%(subsidy)s) is at most %(share)s of the budget of %(total)s (%(maximum)s).") % values)
    return BudgetCheck("subsidy_share", False, _(
        "The subsidy is %(excess)s more than %(share)s of the budget: it is %(subsidy)s, and %(share)s of the "
        "budget of %(total)s is %(maximum)s.") % values)


def subsidy_range(terms: Terms, figures: Figures) -> BudgetCheck:
    low, high, subsidy = terms.subsidy_minimum, terms.subsidy_maximum, figures.subsidy
    values = {"subsidy": format_eur(subsidy), "minimum": format_eur(low), "maximum": format_eur(high)}
    if low is not None and subsidy < low:
        return BudgetCheck("subsidy_range", False, _(
            "The subsidy (%(subsidy)s) is %(short)s less than the round's minimum of %(minimum)s.")
            % {**values, "short": format_eur(low - subsidy)})
    if high is not None and subsidy > high:
        return BudgetCheck("subsidy_range", False, _(
            "The subsidy (%(subsidy)s) is %(excess)s more than the round's maximum of %(maximum)s.")
            % {**values, "excess": format_eur(subsidy - high)})
    if low is not None and high is not None:
        message = _("The subsidy (%(subsidy)s) lies between the round's minimum of %(minimum)s and its maximum of "
                    "%(maximum)s.")
    elif low is not None:
        message = _("The subsidy (%(subsidy)s) is at least the round's minimum of %(minimum)s.")
    elif high is not None:
        message = _("The subsidy (%(subsidy)s) is at most the round's maximum of %(maximum)s.")
    else:
        message = _("The round sets no minimum or maximum subsidy.")
    return BudgetCheck("subsidy_range", True, message % values)


def employers(terms: Terms, figures: Figures) -> BudgetCheck:
    amount = figures.employers
    minimum = share_of(figures.budget, terms.employer_share_min)
    maximum = share_of(figures.budget, terms.employer_share_max)
    values = {"amount": format_eur(amount), "minimum": format_eur(minimum), "maximum": format_eur(maximum),
              "min_share": share_text(terms.employer_share_min), "max_share": share_text(terms.employer_share_max)}
    if amount < minimum:
        return BudgetCheck("employers", False, _(
            "Employers bring %(short)s too little: %(amount)s, and at least %(min_share)s of the budget is "
            "%(minimum)s.") % {**values, "short": format_eur(minimum - amount)})
    if amount > maximum:
        return BudgetCheck("employers", False, _(
            "Employers bring %(excess)s too much: %(amount)s, and at most %(max_share)s of the budget is "
            "%(maximum)s; what is above it does not count.") % {**values, "excess": format_eur(amount - maximum)})
    return BudgetCheck("employers", True, _(
        "Employers bring %(amount)s, between %(min_share)s (%(minimum)s) and %(max_share)s (%(maximum)s) of the "
        "budget.") % values)


def others(terms: Terms, figures: Figures) -> BudgetCheck:
    amount, maximum = figures.others, share_of(figures.budget, terms.other_share_max)
    values = {"amount": format_eur(amount), "maximum": format_eur(maximum),
              "share": share_text(terms.other_share_max), "excess": format_eur(amount - maximum)}
    if amount > maximum:
        return BudgetCheck("others", False, _(
            "Government and other partners bring %(excess)s too much: %(amount)s, and at most %(share)s of the "
            "budget is %(maximum)s; what is above it does not count.") % values)
    return BudgetCheck("others", True, _(
        "Government and other partners bring %(amount)s, at most %(share)s of the budget (%(maximum)s).") % values)


def not_counted(figures: Figures) -> BudgetCheck:
    return BudgetCheck("not_counted", True, _(
        "The lead applicant's own contribution (%(amount)s) is shown and not counted: it is no co-financing.")
        % {"amount": format_eur(figures.not_counted)})


def bpv(figures: Figures) -> BudgetCheck:
    return BudgetCheck("bpv", True, _(
        "BPV (%(amount)s) is shown and not counted: supervising students on work placement never counts as "
        "co-financing.") % {"amount": format_eur(figures.bpv)})


def hourly_rate(terms: Terms, figures: Figures) -> BudgetCheck:
    rate, off = terms.hourly_rate, figures.off_rate
    if rate is None:
        return BudgetCheck("hourly_rate", True, _(
            "The round has no fixed hourly rate: hours are valued at the partners' own rates."))
    if not off.lines:
        return BudgetCheck("hourly_rate", True, _(
            "Every line of staff hours is valued at the round's rate of %(rate)s an hour.")
            % {"rate": format_eur(rate)})
    at_rate = line_amount(off.hours, rate)
    difference = off.amount - at_rate
    values = {"count": off.lines, "hours": group_number(off.hours, 2), "rate": format_eur(rate),
              "amount": format_eur(off.amount), "at_rate": format_eur(at_rate),
              "difference": format_eur(abs(difference))}
    if difference >= 0:
        message = ngettext(
            "%(count)s line of staff hours (%(hours)s hours) is not valued at the round's rate of %(rate)s an hour: "
            "it comes to %(amount)s, %(difference)s more than the %(at_rate)s at the rate.",
            "%(count)s lines of staff hours (%(hours)s hours) are not valued at the round's rate of %(rate)s an "
            "hour: they come to %(amount)s, %(difference)s more than the %(at_rate)s at the rate.", off.lines)
    else:
        message = ngettext(
            "%(count)s line of staff hours (%(hours)s hours) is not valued at the round's rate of %(rate)s an hour: "
            "it comes to %(amount)s, %(difference)s less than the %(at_rate)s at the rate.",
            "%(count)s lines of staff hours (%(hours)s hours) are not valued at the round's rate of %(rate)s an "
            "hour: they come to %(amount)s, %(difference)s less than the %(at_rate)s at the rate.", off.lines)
    return BudgetCheck("hourly_rate", False, message % values)


def balance(figures: Figures) -> BudgetCheck:
    income, costs = figures.income, figures.costs
    values = {"income": format_eur(income), "costs": format_eur(costs), "difference": format_eur(abs(income - costs))}
    if income == costs:
        return BudgetCheck("balance", True, _("Income and costs are equal: %(income)s.") % values)
    if income > costs:
        return BudgetCheck("balance", False, _(
            "The income (%(income)s) is %(difference)s more than the costs (%(costs)s).") % values)
    return BudgetCheck("balance", False, _(
        "The income (%(income)s) is %(difference)s less than the costs (%(costs)s).") % values)


def continuation_years(end_year: int) -> range:
    """The years the continuation forecast must cover: the CONTINUATION_YEARS after the subsidy's last year."""
    return range(end_year + 1, end_year + 1 + CONTINUATION_YEARS)


def check_continuation(years_forecast: Iterable[int], end_year: int) -> BudgetCheck:
    """Whether every one of the CONTINUATION_YEARS years after the subsidy has a forecast (a line)."""
    wanted = continuation_years(end_year)
    missing = [year for year in wanted if year not in set(years_forecast)]
    values = {"count": CONTINUATION_YEARS, "first": wanted[0], "last": wanted[-1],
              "missing": ", ".join(str(year) for year in missing)}
    if missing:
        return BudgetCheck("continuation", False, _(
            "The continuation forecast misses %(missing)s: give income and costs for each of the %(count)s years "
            "after the subsidy (%(first)s–%(last)s).") % values)
    return BudgetCheck("continuation", True, _(
        "The continuation forecast covers the %(count)s years after the subsidy (%(first)s–%(last)s).") % values)
