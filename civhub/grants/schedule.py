"""Dates and shares that follow from a grant's rules alone: report due dates, advances, time elapsed.

Pure functions of the grant's fields, no database: the monitor, the dashboard and the
funder pack all ask the same questions and must get the same answers.
"""

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext

from civhub.grants.models import ReportKind

CENT = Decimal("0.01")
QUARTER_MONTHS = 3


def add_months(day: date, months: int) -> date:
    """The same day `months` later; the month's last day when it is shorter (31 Jan + 1 month = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class ReportDue:
    """A report the funder expects: progress report 1..n (months after the start), the final report, or the annual
    accounts with the annual report over one calendar year of spending (`year`)."""

    kind: str
    number: int | None
    due: date
    year: int | None = None

    @property
    def name(self) -> str:
        """The report as people read it, like grants/deadlines/_report_name.html (a row of the deadlines table names
        it up to five times: an include each cost more than the row)."""
        if self.kind == ReportKind.ANNUAL:
            return gettext("Annual accounts and annual report %(year)s") % {"year": self.year}
        if self.number:
            return gettext("Progress report %(number)s") % {"number": self.number}
        return gettext("Final report")


def report_deadlines(grant) -> list[ReportDue]:
    """Every report of the grant in due order: progress reports `report_due_months` after the start, the final
    report `final_report_months` after the end, and the annual accounts over each year with spending."""
    progress = [ReportDue(ReportKind.PROGRESS, number, add_months(grant.start, months))
                for number, months in enumerate(sorted(grant.report_due_months), start=1)]
    final = ReportDue(ReportKind.FINAL, None, add_months(grant.end, grant.final_report_months))
    annual = [ReportDue(ReportKind.ANNUAL, None, grant.annual_report_due(year), year) for year in grant.years]
    return sorted([*progress, final, *annual], key=lambda report: (report.due, report.kind))


@dataclass(frozen=True)
class Advance:
    """A payment of the subsidy by the funder: the first advance, then one per quarter."""

    number: int
    day: date
    amount: Decimal


def advances(grant) -> list[Advance]:
    """The payment plan: `first_advance_share` at the start, then `quarterly_advance_share` every quarter.

    Each payment is rounded to the cent; the last one is capped so the plan adds up to the
    subsidy exactly. A grant with no quarterly share is paid the rest at its end.
    """
    total = grant.amount
    paid = min(cents(total * grant.first_advance_share), total)
    plan = [Advance(1, grant.start, paid)]
    quarterly = cents(total * grant.quarterly_advance_share)
    while paid < total and quarterly > 0:
        amount = min(quarterly, total - paid)
        plan.append(Advance(len(plan) + 1, add_months(grant.start, QUARTER_MONTHS * len(plan)), amount))
        paid += amount
    if paid < total:
        plan.append(Advance(len(plan) + 1, grant.end, total - paid))
    return plan


@dataclass(frozen=True)
class Elapsed:
    """How much of a period lies on or before a reference date, counted in whole days (both ends included)."""

    days: int
    total_days: int

    @property
    def share(self) -> Decimal:
        """t in the forecast rule: 0 before the start, 1 from the last day on; four decimals for showing."""
        return (Decimal(self.days) / Decimal(self.total_days)).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)

    def extrapolate(self, realised: Decimal) -> Decimal | None:
        """realised ÷ t, to the cent (computed as realised × total ÷ days, so t's rounding does not leak in).

        None before the period starts (t = 0: nothing to extrapolate from); from t = 1 on, realised itself.
        """
        if self.days <= 0:
            return None
        if self.days >= self.total_days:
            return realised
        return cents(realised * self.total_days / self.days)


def elapsed(start: date, end: date, as_of: date) -> Elapsed:
    total = (end - start).days + 1
    return Elapsed(days=max(0, min((as_of - start).days + 1, total)), total_days=total)
