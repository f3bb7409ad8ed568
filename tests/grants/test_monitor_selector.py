"""The monitor's figures for a small centre computed by hand (tests/grants/monitor_support.py builds it).

At 2025-03-31, t = 456 / 731 days (2024 has 366 days; January to March 2025 has 90).

Subsidy spent: 20,000 + 20,000 + 5,000 (2024) + 12,000 − 1,000 (2025) = 56,000 (the 20,000 of
September 2025 comes after the reference date). Required: 56,000 × 2 = 112,000.
Realised (counted): A 25,840 + 1,460 + 12,000 = 39,300 (the 9,999 of August 2025 is later);
Beta 10,000 (reversed, 2024) + 8,000 − 10,000 (its reversal, 2025) = 8,000 (the 5,000 still
submitted does not count); B 6,000 + 4,000 = 10,000. Total 57,300; ROC Delta's 3,000 is not counted.
Ratio 57,300 ÷ 56,000 = 1.0232 → 1.02. Forecast 57,300 × 731 ÷ 456 = 91,855.92; forecast ratio
÷ the budgeted 100,000 = 0.92.
"""

from datetime import date
from decimal import Decimal

import pytest

from civhub.grants.selectors.monitor import Composition, monitor
from tests.grants.monitor_support import AS_OF, entry, small_centre

D = Decimal


@pytest.fixture
def small(centre, partner_a, partner_b):
    return small_centre(centre, partner_a, partner_b)


@pytest.fixture
def figures(small):
    return monitor(small.grant, as_of=AS_OF)


def _partner(figures, partnership):
    return next(row for row in figures.partners if row.partnership == partnership)


def test_headline_figures(figures):
    assert figures.subsidy_granted == D("100000.00")
    assert figures.subsidy_budget == D("100000.00")
    assert figures.total_budget == D("300000.00")
    assert figures.subsidy_spent == D("56000.00")
    assert figures.cofinancing_required == D("112000.00")
    assert figures.cofinancing_realised == D("57300.00")
    assert figures.not_counted == D("3000.00")
    assert figures.ratio == D("1.02")
    assert (figures.elapsed.days, figures.elapsed.total_days) == (456, 731)
    assert figures.elapsed.share == D("0.6238")
    assert figures.forecast_cofinancing == D("91855.92")
    assert figures.forecast_ratio == D("0.92")


def test_per_year_with_the_reversal_in_the_year_of_its_date(figures):
    first, second = figures.years
    assert (first.year, first.subsidy_spent, first.cofinancing_realised, first.ratio) == (
        2024, D("45000.00"), D("51300.00"), D("1.14"))
    # 12,000 (A) − 10,000 (Beta's reversal, dated 2025) + 4,000 (B) = 6,000; 6,000 ÷ 11,000 = 0.545…
    assert (second.year, second.subsidy_spent, second.cofinancing_realised, second.ratio) == (
        2025, D("11000.00"), D("6000.00"), D("0.55"))
    assert (second.cumulative_spent, second.cumulative_counted, second.cumulative_ratio) == (
        D("56000.00"), D("57300.00"), D("1.02"))
    assert (first.budget_subsidy, first.budget_cofinancing) == (D("50000.00"), D("100000.00"))


def test_per_partner_pledged_pro_rata_realised_and_percent(figures, small):
    # Pro rata: the 2024 pledge in full, the 2025 pledge × 90 / 365.
    a = _partner(figures, small.partner_a)
    assert (a.pledged, a.pro_rata_pledge, a.realised, a.percent) == (
        D("80000.00"), D("49863.01"), D("39300.00"), D("49.1"))
    assert a.by_year == {2024: D("27300.00"), 2025: D("12000.00")} and not a.behind
    beta = _partner(figures, small.beta)
    assert (beta.pledged, beta.pro_rata_pledge, beta.realised, beta.percent) == (
        D("60000.00"), D("37397.26"), D("8000.00"), D("13.3"))
    assert beta.by_year == {2024: D("18000.00"), 2025: D("-10000.00")} and beta.behind
    b = _partner(figures, small.partner_b)
    # 10,000 ≥ 75% of 12,465.75 (= 9,349.31): not behind.
    assert (b.pledged, b.pro_rata_pledge, b.realised, b.percent) == (
        D("20000.00"), D("12465.75"), D("10000.00"), D("50.0")) and not b.behind
    lead = _partner(figures, small.lead)
    assert (lead.pledged, lead.realised, lead.percent, lead.counted, lead.behind) == (
        D("5000.00"), D("3000.00"), D("60.0"), False, False)


def test_composition_per_group(figures):
    employers = figures.group(Composition.EMPLOYERS)
    # 47,300 × 731 ÷ 456 = 75,825.22; bounds 300,000 × 0.3333 and × 0.6667.
    assert (employers.realised, employers.forecast, employers.minimum, employers.maximum) == (
        D("47300.00"), D("75825.22"), D("99990.00"), D("200010.00"))
    assert employers.below_minimum and not employers.above_maximum
    others = figures.group(Composition.OTHERS)
    assert (others.realised, others.forecast, others.minimum, others.maximum) == (
        D("10000.00"), D("16030.70"), None, D("99990.00"))
    assert not others.below_minimum and not others.above_maximum
    not_counted = figures.group(Composition.NOT_COUNTED)
    assert (not_counted.realised, not_counted.counted) == (D("3000.00"), False)


def test_per_line_and_per_kind(figures):
    line_1, line_2, unassigned = figures.lines
    assert (line_1.number, line_1.budget_subsidy, line_1.subsidy_spent, line_1.cofinancing_realised) == (
        1, D("100000.00"), D("51000.00"), D("0.00"))
    assert (line_2.number, line_2.budget_cofinancing, line_2.subsidy_spent, line_2.cofinancing_realised) == (
        2, D("200000.00"), D("0.00"), D("47300.00"))
    assert (unassigned.number, unassigned.subsidy_spent, unassigned.cofinancing_realised) == (
        None, D("5000.00"), D("10000.00"))
    kinds = {row.kind: row for row in figures.kinds}
    # The reversed entry's 8 hours do not count: its reversal carries none.
    assert (kinds["lab"].pledged, kinds["lab"].hours, kinds["lab"].amount, kinds["lab"].percent) == (
        D("80000.00"), D("20.00"), D("39300.00"), D("49.1"))
    assert (kinds["education"].hours, kinds["education"].amount, kinds["education"].percent) == (
        D("0.00"), D("8000.00"), D("13.3"))
    assert (kinds["cash"].amount, kinds["cash"].percent) == (D("4000.00"), None)
    assert kinds["research"].amount == D("0.00")  # the lead applicant's research is not counted


def test_warnings(figures, small):
    assert [warning.code for warning in figures.warnings] == [
        "shortfall", "forecast_shortfall", "commitment_shortfall", "employers_below_minimum", "partner_behind"]
    assert figures.warnings[-1].partnership == small.beta


def test_shortfall_and_both_forecasts_in_euros(figures):
    assert figures.shortfall == D("54700.00")  # 112,000 required − 57,300 counted
    assert figures.required_at_end == D("200000.00")  # the budgeted 100,000 × 2
    assert figures.forecast_shortfall == D("108144.08")  # 200,000 − 91,855.92
    # Commitment: counted + nothing waiting on the date (Beta's submitted entry was entered after it) + the pledges
    # still to come: A 80,000 − 49,863.01, Beta 60,000 − 37,397.26, B 20,000 − 12,465.75.
    assert figures.commitment_forecast == D("117573.98")
    assert figures.commitment_shortfall == D("82426.02")
    assert figures.subsidy_carried == D("28650.00")  # 57,300 ÷ 2
    assert figures.subsidy_at_risk == D("27350.00")  # 56,000 spent − 28,650 carried


def test_as_of_excludes_later_entries_and_expenditure(small):
    end = monitor(small.grant, as_of=date(2025, 12, 31))
    assert end.subsidy_spent == D("76000.00")
    assert end.cofinancing_realised == D("67299.00")
    assert end.forecast_cofinancing == end.cofinancing_realised  # t = 1


def test_year_restricts_to_one_year(small):
    first = monitor(small.grant, as_of=AS_OF, year=2024)
    assert (first.subsidy_spent, first.cofinancing_realised, first.subsidy_granted) == (
        D("45000.00"), D("51300.00"), D("50000.00"))
    assert first.elapsed.share == D("1.0000") and first.forecast_cofinancing == D("51300.00")
    assert [row.year for row in first.years] == [2024]
    assert _partner(first, small.partner_a).pledged == D("40000.00")


def test_only_accepted_entries_count(small, partner_a):
    for status in ("draft", "submitted", "approved", "rejected"):
        entry(partner_a, date(2025, 1, 2), "lab", "1000.00", status=status)
    assert monitor(small.grant, as_of=AS_OF).cofinancing_realised == D("57300.00")


def test_a_reversal_lowers_the_year_of_its_own_date(small, partner_b):
    original = entry(partner_b, date(2024, 11, 1), "cash", "500.00", status="reversed")
    entry(partner_b, date(2025, 2, 1), "cash", "-500.00", reversal_of=original)
    first, second = monitor(small.grant, as_of=AS_OF).years
    assert first.cofinancing_realised == D("51800.00") and second.cofinancing_realised == D("5500.00")


def test_a_partner_only_monitor_contains_only_that_partner(small):
    own = monitor(small.grant, as_of=AS_OF, partnership_ids={small.partner_a.pk})
    assert [row.partnership for row in own.partners] == [small.partner_a]
    assert own.cofinancing_realised == D("39300.00")
    assert sum(row.pledged for row in own.kinds) == D("80000.00")
    assert own.warnings == [] and own.partnership_ids == frozenset({small.partner_a.pk})
    behind = monitor(small.grant, as_of=AS_OF, partnership_ids={small.beta.pk})
    assert [warning.code for warning in behind.warnings] == ["partner_behind"]


def test_before_the_start_there_is_no_forecast(small):
    early = monitor(small.grant, as_of=date(2023, 12, 31))
    assert early.elapsed.days == 0 and early.forecast_cofinancing is None and early.forecast_ratio is None
    assert early.ratio is None
    # Before the start only the pledges speak: 160,000 pledged by the counted partners against 200,000 required.
    assert [warning.code for warning in early.warnings] == ["commitment_shortfall"]
    assert early.commitment_forecast == D("160000.00")
