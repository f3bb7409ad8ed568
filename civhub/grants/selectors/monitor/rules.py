"""The monitor's rules: the grouped rows of `queries.py` added up into years, lines, kinds, partners and groups.

Every sum here runs over a few grouped rows (partners × lines × kinds), never over entries.
A row "is co-financing" when its partner's group counts and its kind is not BPV
(`ledger.counting.is_cofinancing`).
"""

from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civhub.core.choices import NEVER_COUNTED_KINDS, ContributionKind
from civhub.core.formatting import format_eur, group_number
from civhub.core.shares import share_of
from civhub.grants.models import FundingSource
from civhub.grants.schedule import Elapsed, cents, elapsed
from civhub.ledger.counting import is_cofinancing
from civhub.partners.models import CofinancingGroup

from .figures import (
    ZERO,
    Composition,
    GroupFigures,
    KindFigures,
    LineFigures,
    Monitor,
    MonitorWarning,
    PartnerFigures,
    Period,
    YearFigures,
)


def total(cell: dict, years: list[int]) -> Decimal:
    return sum((cell[f"y{year}"] for year in years), ZERO)


def composition_group(group_of: dict, cell: dict) -> str:
    """The composition group a grouped row belongs to: BPV and not-counted partners go to "not counted"."""
    if not is_cofinancing(group_of[cell["partnership_id"]], cell["kind"]):
        return Composition.NOT_COUNTED
    return Composition.OF_GROUP[group_of[cell["partnership_id"]]]


# Budget -------------------------------------------------------------------------------------


def budget_totals(grant, period: Period, budget: list[dict]) -> tuple[Decimal, Decimal]:
    """(subsidy, whole budget) of the current version in the period; the grant's own totals when it has no budget.

    The subsidy granted for one year is that year's budgeted subsidy, so without a budget a year has none.
    """
    if not budget:
        return (grant.amount, grant.total_budget) if period.year is None else (ZERO, ZERO)
    subsidy = sum((cell["amount"] for cell in budget if cell["source"] == FundingSource.SUBSIDY), ZERO)
    return subsidy, sum((cell["amount"] for cell in budget), ZERO)


def bounds(grant, total_budget: Decimal) -> dict[str, tuple[Decimal | None, Decimal | None]]:
    """(minimum, maximum) per composition group: the grant's exact shares of the budget (RIF 2014 art. 10)."""
    return {
        Composition.EMPLOYERS: (share_of(total_budget, grant.employer_share_min),
                                share_of(total_budget, grant.employer_share_max)),
        Composition.OTHERS: (None, share_of(total_budget, grant.other_share_max)),
        Composition.NOT_COUNTED: (None, None),
    }


# Groups and years ---------------------------------------------------------------------------


def groups(contributions, waiting, partners, group_of, period, time: Elapsed, limits) -> list[GroupFigures]:
    """Per composition group: realised, the run-rate forecast (realised ÷ t) and the commitment forecast."""
    realised, on_the_way = defaultdict(lambda: ZERO), defaultdict(lambda: ZERO)
    for cell in contributions:
        realised[composition_group(group_of, cell)] += total(cell, period.years)
    for cell in waiting:
        on_the_way[composition_group(group_of, cell)] += cell["amount"]
    for partner in partners:
        if partner.counted:
            on_the_way[Composition.OF_GROUP[partner.partnership.cofinancing_group]] += partner.pledge_to_come
    rows = []
    for name in (Composition.EMPLOYERS, Composition.OTHERS, Composition.NOT_COUNTED):
        minimum, maximum = limits[name]
        counts = name != Composition.NOT_COUNTED
        rows.append(GroupFigures(
            name, realised[name], minimum, maximum,
            forecast=time.extrapolate(realised[name]) if counts else None,
            commitment=realised[name] + on_the_way[name] if counts else None,
        ))
    return rows


def years(period, contributions, spent, budget, group_of, limits) -> list[YearFigures]:
    """Per year; counted co-financing is capped on the running totals, so an excess stops counting when it occurs."""
    rows, spent_so_far, counted_so_far = [], ZERO, ZERO
    running = defaultdict(lambda: ZERO)
    for year in period.years:
        realised = ZERO
        for cell in contributions:
            group = composition_group(group_of, cell)
            if group != Composition.NOT_COUNTED:
                running[group] += cell[f"y{year}"]
                realised += cell[f"y{year}"]
        counted = sum((min(running[group], limits[group][1]) if limits[group][1] is not None else running[group]
                       for group in (Composition.EMPLOYERS, Composition.OTHERS)), ZERO)
        row = YearFigures(
            year=year,
            budget_subsidy=sum((c["amount"] for c in budget if c["year"] == year
                                and c["source"] == FundingSource.SUBSIDY), ZERO),
            budget_cofinancing=sum((c["amount"] for c in budget if c["year"] == year
                                    and c["source"] != FundingSource.SUBSIDY), ZERO),
            subsidy_spent=sum((cell[f"y{year}"] for cell in spent), ZERO),
            cofinancing_realised=realised, cofinancing_counted=counted - counted_so_far,
        )
        spent_so_far += row.subsidy_spent
        counted_so_far = counted
        row.cumulative_spent, row.cumulative_counted = spent_so_far, counted_so_far
        rows.append(row)
    return rows


# Lines, kinds, partners ---------------------------------------------------------------------


def lines(programme_lines, contributions, spent, budget, group_of, period) -> list[LineFigures]:
    """Every programme line, plus a "no line" row when something was booked without one."""
    rows = {pk: LineFigures(number, name) for pk, number, name in programme_lines}
    rows[None] = LineFigures(None, gettext_lazy("No programme line"))
    for cell in budget:
        row = rows[cell["programme_line_id"]]
        if cell["source"] == FundingSource.SUBSIDY:
            row.budget_subsidy += cell["amount"]
        else:
            row.budget_cofinancing += cell["amount"]
    for cell in spent:
        rows[cell["programme_line_id"]].subsidy_spent += total(cell, period.years)
    for cell in contributions:
        if composition_group(group_of, cell) != Composition.NOT_COUNTED:
            rows[cell["programme_line_id"]].cofinancing_realised += total(cell, period.years)
    unassigned = rows.pop(None)
    has_unassigned = any((unassigned.budget, unassigned.subsidy_spent, unassigned.cofinancing_realised))
    return [*rows.values(), *([unassigned] if has_unassigned else [])]


def kinds(contributions, pledges, group_of, period) -> list[KindFigures]:
    """Per kind, the counted partners' accepted value and hours; BPV is listed, marked as not counted."""
    rows = {kind.value: KindFigures(kind.value, str(kind.label), counted=kind not in NEVER_COUNTED_KINDS)
            for kind in ContributionKind}
    for cell in pledges:
        if group_of.get(cell["partnership_id"]) != CofinancingGroup.NOT_COUNTED:
            rows[cell["kind"]].pledged += cell["amount"]
    for cell in contributions:
        if group_of.get(cell["partnership_id"]) != CofinancingGroup.NOT_COUNTED:
            rows[cell["kind"]].hours += cell["hours"]
            rows[cell["kind"]].amount += total(cell, period.years)
    return [row for row in rows.values() if row.counted or row.amount or row.pledged]


def partners(partnerships, contributions, waiting, pledges, period: Period, as_of: date) -> list[PartnerFigures]:
    """Per partner: pledged and due so far (BPV pledges aside), realised, cash, migrated and BPV, per year."""
    rows = {partnership.pk: PartnerFigures(partnership) for partnership in partnerships}
    year_share = {year: elapsed(max(period.start, date(year, 1, 1)), min(period.end, date(year, 12, 31)), as_of)
                  for year in period.years}
    for cell in pledges:
        if cell["kind"] in NEVER_COUNTED_KINDS:
            continue
        row, share = rows[cell["partnership_id"]], year_share[cell["year"]]
        row.pledged += cell["amount"]
        row.pro_rata_pledge += cents(cell["amount"] * share.days / share.total_days)
    for cell in contributions:
        _add_contribution(rows[cell["partnership_id"]], cell, period.years)
    for cell in waiting:
        if cell["kind"] not in NEVER_COUNTED_KINDS:
            rows[cell["partnership_id"]].waiting += cell["amount"]
    return list(rows.values())


def _add_contribution(row: PartnerFigures, cell: dict, years: list[int]) -> None:
    value = total(cell, years)
    if cell["kind"] in NEVER_COUNTED_KINDS:
        row.bpv += value
        return
    row.realised += value
    if cell["kind"] == ContributionKind.CASH:
        row.cash += value
    row.migrated += cell["migrated"]
    for year in years:
        row.by_year[year] = row.by_year.get(year, ZERO) + cell[f"y{year}"]


def migrated(contributions, group_of) -> Decimal:
    """The part of the realised co-financing that arrived by migration, not through the two keys."""
    return sum((cell["migrated"] for cell in contributions
                if composition_group(group_of, cell) != Composition.NOT_COUNTED), ZERO)


# Warnings -----------------------------------------------------------------------------------


def _eur(value: Decimal) -> str:
    return format_eur(value)


def _number(value: Decimal, places: int = 2) -> str:
    return group_number(value, places)


def warnings(figures: Monitor) -> list[MonitorWarning]:
    """The centre's warnings, comparing amounts (never rounded ratios); a partner's own view gets only its own
    "behind" warning (its share is no ratio)."""
    if figures.partnership_ids is not None:
        return behind_warnings(figures)
    return [*money_warnings(figures), *group_warnings(figures), *behind_warnings(figures)]


def money_warnings(figures: Monitor) -> list[MonitorWarning]:
    found = []
    if figures.shortfall > 0:
        found.append(MonitorWarning("shortfall", _(
            "The counted co-financing (%(counted)s) is %(short)s short of the %(required)s required for the "
            "subsidy spent so far; it carries %(carried)s of subsidy, so %(risk)s of the %(spent)s spent is not "
            "covered.") % {"counted": _eur(figures.cofinancing_counted), "short": _eur(figures.shortfall),
                           "required": _eur(figures.cofinancing_required), "carried": _eur(figures.subsidy_carried),
                           "risk": _eur(figures.subsidy_at_risk), "spent": _eur(figures.subsidy_spent)}))
    running = not figures.ended  # once the period has ended, the counted figures speak
    if figures.forecast_shortfall > 0 and running:
        found.append(MonitorWarning("forecast_shortfall", _(
            "At this pace the counted co-financing at the end is %(forecast)s (ratio %(ratio)s): %(short)s short "
            "of the %(required)s the budgeted subsidy requires.") % {
            "forecast": _eur(figures.forecast_cofinancing), "ratio": _number(figures.forecast_ratio or ZERO),
            "short": _eur(figures.forecast_shortfall), "required": _eur(figures.required_at_end)}))
    if figures.commitment_shortfall > 0 and running:
        found.append(MonitorWarning("commitment_shortfall", _(
            "Even if every pledge is kept and every entry waiting is accepted, the counted co-financing at the end "
            "is %(commitment)s: %(short)s short of the %(required)s required.") % {
            "commitment": _eur(figures.commitment_forecast), "short": _eur(figures.commitment_shortfall),
            "required": _eur(figures.required_at_end)}))
    return found


def group_warnings(figures: Monitor) -> list[MonitorWarning]:
    found = []
    for group in figures.counting_groups:
        if group.below_minimum:
            found.append(MonitorWarning(f"{group.group}_below_minimum", _(
                "%(group)s are heading for %(forecast)s: %(short)s short of their minimum of %(minimum)s.")
                % {"group": group.label, "forecast": _eur(group.forecast), "short": _eur(group.minimum_shortfall),
                   "minimum": _eur(group.minimum)}))
        if group.excess > 0:
            found.append(MonitorWarning(f"{group.group}_above_maximum", _(
                "%(group)s have realised %(realised)s, %(excess)s above their maximum of %(maximum)s; the excess "
                "does not count.") % {"group": group.label, "realised": _eur(group.realised),
                                      "excess": _eur(group.excess), "maximum": _eur(group.maximum)}))
        elif group.above_maximum:
            found.append(MonitorWarning(f"{group.group}_above_maximum", _(
                "%(group)s are heading for %(forecast)s, more than their maximum of %(maximum)s; what is above it "
                "will not count.") % {"group": group.label, "forecast": _eur(group.forecast),
                                      "maximum": _eur(group.maximum)}))
    return found


def behind_warnings(figures: Monitor) -> list[MonitorWarning]:
    return [MonitorWarning("partner_behind", _(
        "%(partner)s has realised %(realised)s, %(percent)s%% of the %(due)s due so far under its pledge "
        "(below 75%%).") % {"partner": partner.partnership.organisation.name, "realised": _eur(partner.realised),
                            "percent": _number(partner.percent_of_pro_rata, 1), "due": _eur(partner.pro_rata_pledge)},
        partner.partnership) for partner in figures.behind_partners]
