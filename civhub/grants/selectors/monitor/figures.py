"""The shape of the co-financing monitor: the figures, per year, line, kind, partner and group, and its warnings.

Plain dataclasses with the derived figures as properties; the queries that fill them are in
`queries.py` and the rules that put them together in `rules.py`.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from civhub.core.models import Grant
from civhub.core.translated import localized
from civhub.grants.schedule import Elapsed, cents
from civhub.partners.models import CofinancingGroup, Partnership

ZERO = Decimal("0.00")
BEHIND_THRESHOLD = Decimal("0.75")


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


def shortfall(required: Decimal, amount: Decimal | None) -> Decimal:
    """How much `amount` falls short of `required`, never negative; amounts are compared, never rounded ratios."""
    return max(ZERO, required - (amount or ZERO))


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
    """One calendar year: budget, subsidy spent, co-financing realised and counted (within the groups' maxima).

    A group's maximum applies to the whole period; in the year it is passed, the excess
    stops counting, so the counted amounts of the years add up to the period's counted total.
    """

    year: int
    budget_subsidy: Decimal = ZERO
    budget_cofinancing: Decimal = ZERO
    subsidy_spent: Decimal = ZERO
    cofinancing_realised: Decimal = ZERO
    cofinancing_counted: Decimal = ZERO
    cumulative_spent: Decimal = ZERO
    cumulative_counted: Decimal = ZERO

    @property
    def ratio(self) -> Decimal | None:
        return ratio(self.cofinancing_counted, self.subsidy_spent)

    @property
    def cumulative_ratio(self) -> Decimal | None:
        return ratio(self.cumulative_counted, self.cumulative_spent)


@dataclass
class LineFigures:
    """A programme line (number None: entries and costs booked to no line); its name in the language it is shown in."""

    number: int | None
    names: dict | Promise
    budget_subsidy: Decimal = ZERO
    budget_cofinancing: Decimal = ZERO
    subsidy_spent: Decimal = ZERO
    cofinancing_realised: Decimal = ZERO

    @property
    def budget(self) -> Decimal:
        return self.budget_subsidy + self.budget_cofinancing

    @property
    def name(self) -> str:
        return localized(self.names) if isinstance(self.names, dict) else str(self.names)


@dataclass
class KindFigures:
    """Accepted value and hours of one kind, beside what was pledged of it; `counted` False for BPV."""

    kind: str
    label: str
    counted: bool = True
    pledged: Decimal = ZERO
    hours: Decimal = ZERO
    amount: Decimal = ZERO

    @property
    def percent(self) -> Decimal | None:
        return percent(self.amount, self.pledged)


@dataclass
class PartnerFigures:
    """One partner: pledged, due so far, and its accepted co-financing (cash, in kind, migrated; BPV apart)."""

    partnership: Partnership
    pledged: Decimal = ZERO
    pro_rata_pledge: Decimal = ZERO
    realised: Decimal = ZERO
    cash: Decimal = ZERO
    migrated: Decimal = ZERO
    bpv: Decimal = ZERO
    waiting: Decimal = ZERO
    by_year: dict[int, Decimal] = field(default_factory=dict)

    @property
    def counted(self) -> bool:
        return self.partnership.cofinancing_group != CofinancingGroup.NOT_COUNTED

    @property
    def in_kind(self) -> Decimal:
        return self.realised - self.cash

    @property
    def percent(self) -> Decimal | None:
        return percent(self.realised, self.pledged)

    @property
    def percent_of_pro_rata(self) -> Decimal | None:
        return percent(self.realised, self.pro_rata_pledge)

    @property
    def pledge_to_come(self) -> Decimal:
        """The part of the pledge for the time still ahead (pledged minus what is due so far)."""
        return max(ZERO, self.pledged - self.pro_rata_pledge)

    @property
    def behind(self) -> bool:
        """Below 75% of the pledge due so far (only partners whose co-financing counts)."""
        return self.counted and self.pro_rata_pledge > 0 and self.realised < self.pro_rata_pledge * BEHIND_THRESHOLD

    def year_amounts(self, years: list[int]) -> list[Decimal]:
        return [self.by_year.get(year, ZERO) for year in years]


class Composition:
    """The groups of the composition rule (RIF 2014 art. 10(3)–(5)).

    Employers count up to their maximum; government and other partners together up to
    theirs; the lead applicant's own contributions and BPV are shown but never counted.
    """

    EMPLOYERS = "employers"
    OTHERS = "others"
    NOT_COUNTED = "not_counted"
    LABELS = {
        EMPLOYERS: _("Employers"),
        OTHERS: _("Government and other partners"),
        NOT_COUNTED: _("Lead applicant and BPV, not counted"),
    }
    OF_GROUP = {
        CofinancingGroup.EMPLOYER: EMPLOYERS,
        CofinancingGroup.GOVERNMENT: OTHERS,
        CofinancingGroup.OTHER: OTHERS,
        CofinancingGroup.NOT_COUNTED: NOT_COUNTED,
    }


@dataclass
class GroupFigures:
    """A composition group: realised, counted within its maximum, the excess, and both forecasts, against its bounds.

    `forecast` and `commitment` are the group's own expectation at the end, before its
    maximum; `counted_forecast` and `counted_commitment` what of that would count.
    """

    group: str
    realised: Decimal
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    forecast: Decimal | None = None
    commitment: Decimal | None = None

    @property
    def label(self) -> str:
        return str(Composition.LABELS[self.group])

    @property
    def counts(self) -> bool:
        return self.group != Composition.NOT_COUNTED

    def within_maximum(self, amount: Decimal | None) -> Decimal | None:
        """What of `amount` counts: nothing for the not-counted group, at most the maximum for the others."""
        if amount is None or not self.counts:
            return None if amount is None else ZERO
        return amount if self.maximum is None else min(amount, self.maximum)

    @property
    def counted(self) -> Decimal:
        return self.within_maximum(self.realised)

    @property
    def excess(self) -> Decimal:
        """Realised above the maximum: shown, not counted (for the not-counted group: nothing counts, no excess)."""
        return self.realised - self.counted if self.counts else ZERO

    @property
    def counted_forecast(self) -> Decimal | None:
        return self.within_maximum(self.forecast)

    @property
    def counted_commitment(self) -> Decimal | None:
        return self.within_maximum(self.commitment)

    @property
    def below_minimum(self) -> bool:
        return self.minimum is not None and self.forecast is not None and self.forecast < self.minimum

    @property
    def minimum_shortfall(self) -> Decimal:
        return shortfall(self.minimum, self.forecast) if self.below_minimum else ZERO

    @property
    def above_maximum(self) -> bool:
        expected = max(self.realised, self.forecast or ZERO)
        return self.counts and self.maximum is not None and expected > self.maximum


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
    years: list[YearFigures]
    lines: list[LineFigures]
    kinds: list[KindFigures]
    partners: list[PartnerFigures]
    groups: list[GroupFigures]
    migrated: Decimal = ZERO
    warnings: list[MonitorWarning] = field(default_factory=list)
    # None: the whole centre; else the partners a partner's own view is limited to (no centre totals shown).
    partnership_ids: frozenset[int] | None = None

    def group(self, name: str) -> GroupFigures:
        return next(figures for figures in self.groups if figures.group == name)

    @property
    def counting_groups(self) -> list[GroupFigures]:
        return [group for group in self.groups if group.counts]

    @property
    def required_ratio(self) -> Decimal:
        return self.grant.cofinancing_ratio

    @property
    def ended(self) -> bool:
        """The reference date lies on or after the period's last day: the counted figures are the final ones."""
        return self.elapsed.days >= self.elapsed.total_days

    @property
    def cofinancing_realised(self) -> Decimal:
        """Accepted co-financing of the counted groups, before the groups' maxima."""
        return sum((group.realised for group in self.counting_groups), ZERO)

    @property
    def cofinancing_counted(self) -> Decimal:
        """Realised, with each group counted up to its maximum (RIF 2014 art. 10(3)–(4))."""
        return sum((group.counted for group in self.counting_groups), ZERO)

    @property
    def cofinancing_excess(self) -> Decimal:
        return self.cofinancing_realised - self.cofinancing_counted

    @property
    def not_counted(self) -> Decimal:
        """Accepted but never co-financing: the lead applicant's (and other not-counted partners') own, and BPV."""
        return self.group(Composition.NOT_COUNTED).realised

    @property
    def cofinancing_required(self) -> Decimal:
        return cents(self.subsidy_spent * self.grant.cofinancing_ratio)

    @property
    def shortfall(self) -> Decimal:
        return shortfall(self.cofinancing_required, self.cofinancing_counted)

    @property
    def ratio(self) -> Decimal | None:
        return ratio(self.cofinancing_counted, self.subsidy_spent)

    @property
    def subsidy_carried(self) -> Decimal:
        """How much subsidy the counted co-financing carries: counted ÷ the required ratio."""
        if not self.grant.cofinancing_ratio:
            return ZERO
        return cents(self.cofinancing_counted / self.grant.cofinancing_ratio)

    @property
    def subsidy_at_risk(self) -> Decimal:
        """Subsidy spent that the counted co-financing does not carry (zero when it carries all)."""
        return max(ZERO, self.subsidy_spent - self.subsidy_carried)

    @property
    def required_at_end(self) -> Decimal:
        """The co-financing the budgeted subsidy asks for by the end: budgeted subsidy × ratio."""
        return cents(self.subsidy_budget * self.grant.cofinancing_ratio)

    @property
    def forecast_cofinancing(self) -> Decimal | None:
        """Run-rate forecast at the end: each group's realised ÷ t, counted up to its maximum."""
        if self.elapsed.days <= 0:
            return None
        return sum((group.counted_forecast for group in self.counting_groups), ZERO)

    @property
    def forecast_ratio(self) -> Decimal | None:
        return None if self.forecast_cofinancing is None else ratio(self.forecast_cofinancing, self.subsidy_budget)

    @property
    def forecast_shortfall(self) -> Decimal:
        return ZERO if self.forecast_cofinancing is None else shortfall(self.required_at_end,
                                                                        self.forecast_cofinancing)

    @property
    def commitment_forecast(self) -> Decimal:
        """Commitment forecast: counted + entries waiting for approval or acceptance + the pledges still to come."""
        return sum((group.counted_commitment for group in self.counting_groups), ZERO)

    @property
    def commitment_ratio(self) -> Decimal | None:
        return ratio(self.commitment_forecast, self.subsidy_budget)

    @property
    def commitment_shortfall(self) -> Decimal:
        return shortfall(self.required_at_end, self.commitment_forecast)

    @property
    def migrated_percent(self) -> Decimal | None:
        return percent(self.migrated, self.cofinancing_realised)

    @property
    def year_list(self) -> list[int]:
        return self.period.years

    @property
    def behind_partners(self) -> list[PartnerFigures]:
        return [partner for partner in self.partners if partner.behind]
