"""The grant's dates and shares: month arithmetic, report deadlines, the advance plan and time elapsed."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from civhub.core.models import Grant
from civhub.grants.models import ReportKind
from civhub.grants.schedule import add_months, advances, elapsed, report_deadlines

D = Decimal


def _grant(**fields):
    """The demo's rules (docs/subsidy-rules.md) unless told otherwise; an unsaved grant: the schedule reads fields."""
    values = {"start": date(2022, 1, 1), "end": date(2025, 12, 31), "amount": D("1000000.00"),
              "report_due_months": [13, 25, 37], "first_advance_share": D("0.2500"),
              "quarterly_advance_share": D("0.0500")}
    return Grant(**{**values, **fields})


@pytest.mark.parametrize(("day", "months", "expected"), [
    (date(2022, 1, 1), 13, date(2023, 2, 1)),
    (date(2024, 1, 31), 1, date(2024, 2, 29)),  # leap year: the month's last day
    (date(2023, 1, 31), 1, date(2023, 2, 28)),
    (date(2025, 12, 31), 2, date(2026, 2, 28)),
    (date(2025, 11, 15), 2, date(2026, 1, 15)),  # across the year end
    (date(2024, 3, 31), -1, date(2024, 2, 29)),
    (date(2024, 5, 10), 0, date(2024, 5, 10)),
    (date(2022, 1, 1), 48, date(2026, 1, 1)),
])
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected


def test_report_deadlines_of_the_demo_rules():
    """Progress reports 13, 25, 37 months after the start, the final report 2 months after the end, and the
    annual accounts with the annual report over each year on 1 July of the next (docs/subsidy-rules.md)."""
    reports = report_deadlines(_grant())
    assert [(report.kind, report.number, report.year, report.due) for report in reports] == [
        (ReportKind.PROGRESS, 1, None, date(2023, 2, 1)),
        (ReportKind.ANNUAL, None, 2022, date(2023, 7, 1)),
        (ReportKind.PROGRESS, 2, None, date(2024, 2, 1)),
        (ReportKind.ANNUAL, None, 2023, date(2024, 7, 1)),
        (ReportKind.PROGRESS, 3, None, date(2025, 2, 1)),
        (ReportKind.ANNUAL, None, 2024, date(2025, 7, 1)),
        (ReportKind.FINAL, None, None, date(2026, 2, 28)),
        (ReportKind.ANNUAL, None, 2025, date(2026, 7, 1)),
    ]


def test_report_months_are_taken_in_order_and_may_be_none():
    def progress_and_final(grant):
        return [report for report in report_deadlines(grant) if report.kind != ReportKind.ANNUAL]

    assert [report.number for report in progress_and_final(_grant(report_due_months=[25, 13]))] == [1, 2, None]
    assert [report.due for report in progress_and_final(_grant(report_due_months=[25, 13]))][0] == date(2023, 2, 1)
    assert [report.kind for report in progress_and_final(_grant(report_due_months=[]))] == [ReportKind.FINAL]


def test_the_annual_report_day_the_final_report_months_settlement_and_retention_are_the_grants():
    grant = _grant(annual_report_month=6, annual_report_day=15, final_report_months=3, settlement_weeks=26,
                   retention_years=10)
    annual = [report.due for report in report_deadlines(grant) if report.kind == ReportKind.ANNUAL]
    assert annual == [date(2023, 6, 15), date(2024, 6, 15), date(2025, 6, 15), date(2026, 6, 15)]
    assert [report.due for report in report_deadlines(grant) if report.kind == ReportKind.FINAL] == [
        date(2026, 3, 31)]
    assert grant.settlement_due == date(2026, 6, 15) + timedelta(weeks=26)
    assert grant.retained_until == date(2036, 12, 14)


def test_settlement_within_52_weeks_of_the_last_annual_report_and_records_kept_seven_years():
    grant = _grant()
    assert grant.settlement_due == date(2027, 6, 30)  # 1 July 2026 + 52 weeks
    assert grant.retained_until == date(2034, 6, 30)  # Regeling OCW-subsidies art. 8


def test_advances_25_percent_then_fifteen_quarters_of_5_percent():
    plan = advances(_grant())
    assert len(plan) == 16
    assert plan[0].day == date(2022, 1, 1) and plan[0].amount == D("250000.00")
    assert {advance.amount for advance in plan[1:]} == {D("50000.00")}
    assert [advance.day for advance in plan[1:3]] == [date(2022, 4, 1), date(2022, 7, 1)]
    assert plan[-1].day == date(2025, 10, 1)
    assert sum(advance.amount for advance in plan) == D("1000000.00")


def test_custom_shares_and_the_last_payment_capped():
    plan = advances(_grant(first_advance_share=D("0.4000"), quarterly_advance_share=D("0.2500")))
    assert [advance.amount for advance in plan] == [D("400000.00"), D("250000.00"), D("250000.00"),
                                                     D("100000.00")]


def test_rounding_to_the_cent_still_adds_up():
    plan = advances(_grant(amount=D("100000.01"), first_advance_share=D("0.3333"), quarterly_advance_share=D("0.3333")))
    assert [advance.amount for advance in plan] == [D("33330.00"), D("33330.00"), D("33330.00"), D("10.01")]
    assert sum(advance.amount for advance in plan) == D("100000.01")


def test_without_quarterly_share_the_rest_is_paid_at_the_end():
    plan = advances(_grant(first_advance_share=D("0.6000"), quarterly_advance_share=D("0")))
    assert [(advance.day, advance.amount) for advance in plan] == [
        (date(2022, 1, 1), D("600000.00")), (date(2025, 12, 31), D("400000.00"))]


def test_elapsed_before_during_and_after_the_period():
    start, end = date(2024, 1, 1), date(2025, 12, 31)
    before = elapsed(start, end, date(2023, 12, 31))
    assert (before.days, before.total_days, before.share, before.extrapolate(D("100.00"))) == (0, 731, D("0"), None)
    first_day = elapsed(start, end, start)
    assert first_day.days == 1 and first_day.extrapolate(D("1.00")) == D("731.00")
    middle = elapsed(start, end, date(2024, 12, 31))
    assert middle.days == 366 and middle.share == D("0.5007")
    assert middle.extrapolate(D("36600.00")) == D("73100.00")
    last = elapsed(start, end, end)
    assert last.share == D("1.0000") and last.extrapolate(D("123.45")) == D("123.45")
    after = elapsed(start, end, date(2030, 1, 1))
    assert after.days == 731 and after.extrapolate(D("123.45")) == D("123.45")
