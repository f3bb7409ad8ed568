"""The co-financing monitor: every figure of the monitor page, the dashboard and the funder pack.

All sums are computed by the database in a fixed number of GROUP BY queries, whatever
the number of contributions (one query for every contribution figure: accepted entries
grouped by partner, programme line and kind, with a conditional sum per year). Python
only adds up those few grouped rows into the page's tables.

Definitions (rif-facts.md, formats.md §6):
- realised co-financing: accepted entries (a reversed entry and its reversal together
  count zero) of partners whose co-financing group is not `not_counted`;
- required co-financing: subsidy spent × the grant's ratio;
- ratio: realised ÷ subsidy spent, two decimals;
- forecast at the end: realised ÷ t, with t the share of the period elapsed at the
  reference date, by days; the forecast ratio divides by the budgeted subsidy;
- a partner is behind when its realised amount is below 75% of its pro-rata pledge
  (each year's pledge × the share of that year elapsed).
Only entries and expenditure dated on or before the reference date count.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import DecimalField, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from civhub.core.choices import ContributionKind
from civhub.core.formatting import format_eur, group_number
from civhub.core.models import Grant
from civhub.core.translated import localized
from civhub.grants.models import BudgetLine, Expenditure, FundingSource
from civhub.grants.schedule import Elapsed, cents, elapsed
from civhub.ledger.models import Contribution, Pledge
from civhub.partners.models import CofinancingGroup, Partnership

ZERO = Decimal("0.00")
BEHIND_THRESHOLD = Decimal("0.75")
ACCEPTED = (Contribution.Status.ACCEPTED, Contribution.Status.REVERSED)
NOT_COUNTED = CofinancingGroup.NOT_COUNTED


def ratio(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    """numerator ÷ denominator to two decimals, half up; None when there is nothing to divide by."""
    if not denominator or denominator <= 0:
        return None
    return (numerator / denominator).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def percent(part: Decimal, whole: Decimal) -> Decimal | None:
    """part ÷ whole × 100 to one decimal, half up; None without a whole."""
    if not whole or whole <= 0:
        return None
    return (part * 100 / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


# The shape of the monitor ------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """The span the figures cover: the whole grant, or one calendar year of it."""

    start: date
    end: date
    year: int | None = None

    @property
    def years(self) -> list[int]:
        return list(range(self.start.year, self.end.year + 1))


@dataclass
class YearFigures:
    year: int
    budget_subsidy: Decimal = ZERO
    budget_cofinancing: Decimal = ZERO
    subsidy_spent: Decimal = ZERO
    cofinancing_realised: Decimal = ZERO
    cumulative_spent: Decimal = ZERO
    cumulative_realised: Decimal = ZERO

    @property
    def ratio(self) -> Decimal | None:
        return ratio(self.cofinancing_realised, self.subsidy_spent)

    @property
    def cumulative_ratio(self) -> Decimal | None:
        return ratio(self.cumulative_realised, self.cumulative_spent)


@dataclass
class LineFigures:
    """A programme line (number None: entries and costs booked to no line)."""

    number: int | None
    name: str
    budget_subsidy: Decimal = ZERO
    budget_cofinancing: Decimal = ZERO
    subsidy_spent: Decimal = ZERO
    cofinancing_realised: Decimal = ZERO

    @property
    def budget(self) -> Decimal:
        return self.budget_subsidy + self.budget_cofinancing


@dataclass
class KindFigures:
    """Counted co-financing of one kind: hours and value, beside what the partners pledged of it."""

    kind: str
    label: str
    pledged: Decimal = ZERO
    hours: Decimal = ZERO
    amount: Decimal = ZERO

    @property
    def percent(self) -> Decimal | None:
        return percent(self.amount, self.pledged)


@dataclass
class PartnerFigures:
    partnership: Partnership
    pledged: Decimal = ZERO
    pro_rata_pledge: Decimal = ZERO
    realised: Decimal = ZERO
    by_year: dict[int, Decimal] = field(default_factory=dict)

    @property
    def counted(self) -> bool:
        return self.partnership.cofinancing_group != NOT_COUNTED

    @property
    def percent(self) -> Decimal | None:
        return percent(self.realised, self.pledged)

    @property
    def percent_of_pro_rata(self) -> Decimal | None:
        return percent(self.realised, self.pro_rata_pledge)

    @property
    def behind(self) -> bool:
        """Below 75% of the pledge due so far (only partners whose co-financing counts)."""
        return self.counted and self.pro_rata_pledge > 0 and self.realised < self.pro_rata_pledge * BEHIND_THRESHOLD

    def year_amounts(self, years: list[int]) -> list[Decimal]:
        return [self.by_year.get(year, ZERO) for year in years]


class Composition:
    """The groups of the composition rule: employers; government and other partners; not counted."""

    EMPLOYERS = "employers"
    OTHERS = "others"
    NOT_COUNTED = "not_counted"
    LABELS = {
        EMPLOYERS: _("Employers"),
        OTHERS: _("Government and other partners"),
        NOT_COUNTED: _("Lead applicant and others not counted"),
    }
    OF_GROUP = {
        CofinancingGroup.EMPLOYER: EMPLOYERS,
        CofinancingGroup.GOVERNMENT: OTHERS,
        CofinancingGroup.OTHER: OTHERS,
        CofinancingGroup.NOT_COUNTED: NOT_COUNTED,
    }


@dataclass
class GroupFigures:
    """A composition group's realised and forecast co-financing against its bounds (None: no bound)."""

    group: str
    realised: Decimal
    forecast: Decimal | None
    minimum: Decimal | None
    maximum: Decimal | None

    @property
    def label(self) -> str:
        return str(Composition.LABELS[self.group])

    @property
    def counted(self) -> bool:
        return self.group != Composition.NOT_COUNTED

    @property
    def below_minimum(self) -> bool:
        return self.minimum is not None and self.forecast is not None and self.forecast < self.minimum

    @property
    def above_maximum(self) -> bool:
        expected = max(self.realised, self.forecast or ZERO)
        return self.maximum is not None and expected > self.maximum


@dataclass(frozen=True)
class MonitorWarning:
    """Something the controller must act on, said in one sentence; `partnership` when it is about one partner."""

    code: str
    message: str
    partnership: Partnership | None = None


@dataclass
class Monitor:
    """The monitor's figures for one grant, one period and one reference date."""

    grant: Grant
    period: Period
    as_of: date
    elapsed: Elapsed
    subsidy_granted: Decimal
    subsidy_budget: Decimal
    total_budget: Decimal
    subsidy_spent: Decimal
    cofinancing_realised: Decimal
    not_counted: Decimal
    forecast_cofinancing: Decimal | None
    years: list[YearFigures]
    lines: list[LineFigures]
    kinds: list[KindFigures]
    partners: list[PartnerFigures]
    groups: list[GroupFigures]
    warnings: list[MonitorWarning] = field(default_factory=list)
    # None: the whole centre; else the partners a partner's own view is limited to (no centre totals shown).
    partnership_ids: frozenset[int] | None = None

    @property
    def required_ratio(self) -> Decimal:
        return self.grant.cofinancing_ratio

    @property
    def cofinancing_required(self) -> Decimal:
        return cents(self.subsidy_spent * self.grant.cofinancing_ratio)

    @property
    def ratio(self) -> Decimal | None:
        return ratio(self.cofinancing_realised, self.subsidy_spent)

    @property
    def forecast_ratio(self) -> Decimal | None:
        if self.forecast_cofinancing is None:
            return None
        return ratio(self.forecast_cofinancing, self.subsidy_budget)

    @property
    def year_list(self) -> list[int]:
        return self.period.years

    def group(self, name: str) -> GroupFigures:
        return next(figures for figures in self.groups if figures.group == name)

    @property
    def behind_partners(self) -> list[PartnerFigures]:
        return [partner for partner in self.partners if partner.behind]


# Which grant and period --------------------------------------------------------------------


def current_grant(centre, *, today: date) -> Grant | None:
    """The grant running on `today`; otherwise the one that started last (a centre has one grant at a time)."""
    grants = list(centre.grants.order_by("start"))
    running = [grant for grant in grants if grant.start <= today <= grant.end]
    return (running or grants or [None])[-1]


def period_of(grant: Grant, year: int | None = None) -> Period:
    """The whole grant, or one of its calendar years (clipped to the grant); ValueError for a year outside it."""
    if year is None:
        return Period(grant.start, grant.end)
    if year not in grant.years:
        raise ValueError(year)
    return Period(max(grant.start, date(year, 1, 1)), min(grant.end, date(year, 12, 31)), year)


# The queries -------------------------------------------------------------------------------


def _money(expression) -> Coalesce:
    return Coalesce(expression, Value(ZERO), output_field=DecimalField(max_digits=18, decimal_places=2))


def _year_sums(column: str, years: list[int], prefix: str = "y") -> dict:
    """One conditional SUM per year (`date__year` becomes a date range, so an index on date still serves)."""
    return {f"{prefix}{year}": _money(Sum(column, filter=Q(date__year=year))) for year in years}


def _rounded(cells) -> list[dict]:
    """The grouped rows with every sum to the cent (SQLite hands back sums with float noise in the last places)."""
    return [{key: cents(value) if isinstance(value, Decimal) else value for key, value in cell.items()}
            for cell in cells]


def _contribution_cells(grant: Grant, period: Period, as_of: date, partnership_ids) -> list[dict]:
    """Accepted value (per year) and hours, grouped by partner, programme line and kind: one query."""
    entries = Contribution.objects.filter(centre_id=grant.centre_id, status__in=ACCEPTED,
                                          date__gte=period.start, date__lte=min(as_of, period.end))
    if partnership_ids is not None:
        entries = entries.filter(partnership_id__in=partnership_ids)
    # Hours of accepted entries only: a reversed entry keeps its hours while its reversal carries none.
    return _rounded(entries.values("partnership_id", "programme_line_id", "kind").annotate(
        hours=_money(Sum("hours", filter=Q(status=Contribution.Status.ACCEPTED))),
        **_year_sums("amount", period.years)).order_by())


def _expenditure_cells(grant: Grant, period: Period, as_of: date) -> list[dict]:
    """Subsidy spent per programme line, with a conditional sum per year: one query."""
    spent = Expenditure.objects.filter(grant=grant, date__gte=period.start, date__lte=min(as_of, period.end))
    return _rounded(spent.values("programme_line_id").annotate(**_year_sums("amount", period.years)).order_by())


def _budget_cells(grant: Grant, period: Period) -> list[dict]:
    """The current budget version summed per year, programme line and source: one query."""
    lines = BudgetLine.objects.filter(version__grant=grant, version__is_current=True, year__in=period.years)
    return _rounded(lines.values("year", "programme_line_id", "source").annotate(amount=_money(Sum("amount")))
                    .order_by())


def _pledge_cells(grant: Grant, period: Period, partnership_ids) -> list[dict]:
    pledges = Pledge.objects.filter(partnership__centre_id=grant.centre_id, year__in=period.years)
    if partnership_ids is not None:
        pledges = pledges.filter(partnership_id__in=partnership_ids)
    return _rounded(pledges.values("partnership_id", "year", "kind").annotate(amount=_money(Sum("amount")))
                    .order_by())


def _partnerships(grant: Grant, partnership_ids) -> list[Partnership]:
    partnerships = Partnership.objects.filter(centre_id=grant.centre_id).select_related("organisation")
    if partnership_ids is not None:
        partnerships = partnerships.filter(pk__in=partnership_ids)
    return list(partnerships.order_by("organisation__name", "pk"))


# Putting the figures together ---------------------------------------------------------------


def monitor(grant: Grant, *, as_of: date, year: int | None = None, partnership_ids=None) -> Monitor:
    """The monitor for `grant` at `as_of`, for the whole grant or one `year`.

    `partnership_ids` limits the partner figures (and every total built from them) to those
    partners: a partner's own view. Six queries (seven when the grant's centre is not loaded yet), whatever the
    number of rows.
    """
    period = period_of(grant, year)
    partnerships = _partnerships(grant, partnership_ids)
    group_of = {partnership.pk: partnership.cofinancing_group for partnership in partnerships}
    contributions = _contribution_cells(grant, period, as_of, partnership_ids)
    spent = _expenditure_cells(grant, period, as_of)
    budget = _budget_cells(grant, period)
    pledges = _pledge_cells(grant, period, partnership_ids)
    lines = list(grant.centre.programme_lines.order_by("number").values_list("pk", "number", "name"))
    time = elapsed(period.start, period.end, as_of)

    years = _years(period, contributions, spent, budget, group_of)
    realised = sum((row.cofinancing_realised for row in years), ZERO)
    partners = _partners(partnerships, contributions, pledges, period, as_of)
    subsidy_budget, total_budget = _budget_totals(grant, period, budget)
    figures = Monitor(
        grant=grant, period=period, as_of=as_of, elapsed=time,
        subsidy_granted=grant.amount if year is None else subsidy_budget, subsidy_budget=subsidy_budget,
        total_budget=total_budget, subsidy_spent=sum((row.subsidy_spent for row in years), ZERO),
        cofinancing_realised=realised, not_counted=_not_counted(contributions, group_of, period),
        forecast_cofinancing=time.extrapolate(realised), years=years,
        lines=_lines(lines, contributions, spent, budget, group_of, period),
        kinds=_kinds(contributions, pledges, group_of, period), partners=partners,
        groups=_groups(grant, contributions, group_of, period, time, total_budget),
        partnership_ids=None if partnership_ids is None else frozenset(partnership_ids),
    )
    figures.warnings = _warnings(figures)
    return figures


def _budget_totals(grant: Grant, period: Period, budget: list[dict]) -> tuple[Decimal, Decimal]:
    """(subsidy, whole budget) of the current version in the period; the grant's own totals when it has no budget.

    The subsidy granted for one year is that year's budgeted subsidy, so without a budget a year has none.
    """
    if not budget:
        return (grant.amount, grant.total_budget) if period.year is None else (ZERO, ZERO)
    subsidy = sum((cell["amount"] for cell in budget if cell["source"] == FundingSource.SUBSIDY), ZERO)
    return subsidy, sum((cell["amount"] for cell in budget), ZERO)


def _counted_year_sum(cells, group_of, year: int) -> Decimal:
    return sum((cell[f"y{year}"] for cell in cells if group_of.get(cell["partnership_id"]) != NOT_COUNTED), ZERO)


def _not_counted(cells, group_of, period: Period) -> Decimal:
    return sum((cell[f"y{year}"] for cell in cells if group_of.get(cell["partnership_id"]) == NOT_COUNTED
                for year in period.years), ZERO)


def _years(period, contributions, spent, budget, group_of) -> list[YearFigures]:
    rows, spent_so_far, realised_so_far = [], ZERO, ZERO
    for year in period.years:
        row = YearFigures(
            year=year,
            budget_subsidy=sum((c["amount"] for c in budget if c["year"] == year
                                and c["source"] == FundingSource.SUBSIDY), ZERO),
            budget_cofinancing=sum((c["amount"] for c in budget if c["year"] == year
                                    and c["source"] != FundingSource.SUBSIDY), ZERO),
            subsidy_spent=sum((cell[f"y{year}"] for cell in spent), ZERO),
            cofinancing_realised=_counted_year_sum(contributions, group_of, year),
        )
        spent_so_far += row.subsidy_spent
        realised_so_far += row.cofinancing_realised
        row.cumulative_spent, row.cumulative_realised = spent_so_far, realised_so_far
        rows.append(row)
    return rows


def _lines(lines, contributions, spent, budget, group_of, period) -> list[LineFigures]:
    """Every programme line, plus a "no line" row when something was booked without one."""
    rows = {pk: LineFigures(number, localized(name)) for pk, number, name in lines}
    rows[None] = LineFigures(None, str(_("No programme line")))
    for cell in budget:
        row = rows[cell["programme_line_id"]]
        if cell["source"] == FundingSource.SUBSIDY:
            row.budget_subsidy += cell["amount"]
        else:
            row.budget_cofinancing += cell["amount"]
    for cell in spent:
        rows[cell["programme_line_id"]].subsidy_spent += sum((cell[f"y{y}"] for y in period.years), ZERO)
    for cell in contributions:
        if group_of.get(cell["partnership_id"]) != NOT_COUNTED:
            rows[cell["programme_line_id"]].cofinancing_realised += sum((cell[f"y{y}"] for y in period.years), ZERO)
    unassigned = rows.pop(None)
    has_unassigned = any((unassigned.budget, unassigned.subsidy_spent, unassigned.cofinancing_realised))
    return [*rows.values(), *([unassigned] if has_unassigned else [])]


def _kinds(contributions, pledges, group_of, period) -> list[KindFigures]:
    rows = {kind.value: KindFigures(kind.value, str(kind.label)) for kind in ContributionKind}
    for cell in pledges:
        if group_of.get(cell["partnership_id"]) != NOT_COUNTED:
            rows[cell["kind"]].pledged += cell["amount"]
    for cell in contributions:
        if group_of.get(cell["partnership_id"]) != NOT_COUNTED:
            rows[cell["kind"]].hours += cell["hours"]
            rows[cell["kind"]].amount += sum((cell[f"y{y}"] for y in period.years), ZERO)
    return list(rows.values())


def _partners(partnerships, contributions, pledges, period: Period, as_of: date) -> list[PartnerFigures]:
    rows = {partnership.pk: PartnerFigures(partnership) for partnership in partnerships}
    year_share = {year: elapsed(max(period.start, date(year, 1, 1)), min(period.end, date(year, 12, 31)), as_of)
                  for year in period.years}
    for cell in pledges:
        row = rows[cell["partnership_id"]]
        row.pledged += cell["amount"]
        share = year_share[cell["year"]]
        row.pro_rata_pledge += cents(cell["amount"] * share.days / share.total_days)
    for cell in contributions:
        row = rows[cell["partnership_id"]]
        for year in period.years:
            row.by_year[year] = row.by_year.get(year, ZERO) + cell[f"y{year}"]
            row.realised += cell[f"y{year}"]
    return list(rows.values())


def _groups(grant, contributions, group_of, period, time: Elapsed, total_budget: Decimal) -> list[GroupFigures]:
    realised = defaultdict(lambda: ZERO)
    for cell in contributions:
        group = Composition.OF_GROUP[group_of[cell["partnership_id"]]]
        realised[group] += sum((cell[f"y{year}"] for year in period.years), ZERO)
    employers, others = Composition.EMPLOYERS, Composition.OTHERS
    return [
        GroupFigures(employers, realised[employers], time.extrapolate(realised[employers]),
                     cents(total_budget * grant.employer_share_min), cents(total_budget * grant.employer_share_max)),
        GroupFigures(others, realised[others], time.extrapolate(realised[others]), None,
                     cents(total_budget * grant.other_share_max)),
        GroupFigures(Composition.NOT_COUNTED, realised[Composition.NOT_COUNTED], None, None, None),
    ]


def _warnings(figures: Monitor) -> list[MonitorWarning]:
    """The centre's warnings; a partner's own view gets only its own "behind" warning (its share is no ratio)."""
    if figures.partnership_ids is not None:
        return _behind_warnings(figures)
    warnings = []
    if figures.forecast_ratio is not None and figures.forecast_ratio < figures.required_ratio:
        warnings.append(MonitorWarning("forecast_ratio", _(
            "At this pace the co-financing ratio at the end is %(forecast)s, below the required %(required)s."
        ) % {"forecast": _number(figures.forecast_ratio), "required": _number(figures.required_ratio)}))
    for group in figures.groups:
        if group.below_minimum:
            warnings.append(MonitorWarning(f"{group.group}_below_minimum", _(
                "%(group)s are heading for %(forecast)s, below their minimum of %(minimum)s."
            ) % {"group": group.label, "forecast": _eur(group.forecast), "minimum": _eur(group.minimum)}))
        if group.above_maximum:
            warnings.append(MonitorWarning(f"{group.group}_above_maximum", _(
                "%(group)s are heading for more than their maximum of %(maximum)s; the excess does not count."
            ) % {"group": group.label, "maximum": _eur(group.maximum)}))
    return warnings + _behind_warnings(figures)


def _behind_warnings(figures: Monitor) -> list[MonitorWarning]:
    warnings = []
    for partner in figures.behind_partners:
        warnings.append(MonitorWarning("partner_behind", _(
            "%(partner)s has realised %(realised)s, %(percent)s%% of the %(due)s due so far under its pledge "
            "(below 75%%)."
        ) % {"partner": partner.partnership.organisation.name, "realised": _eur(partner.realised),
             "percent": _number(partner.percent_of_pro_rata, 1), "due": _eur(partner.pro_rata_pledge)},
            partner.partnership))
    return warnings


def _eur(value: Decimal) -> str:
    return format_eur(value, places=0)


def _number(value: Decimal, places: int = 2) -> str:
    return group_number(value, places)
