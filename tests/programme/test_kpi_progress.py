"""KPI progress, computed by hand: the actual to date against the target due, for both measures.

The rule is in civhub/programme/selectors/kpis.py. Days: 2024 is a leap year (366 days), 2025 is not.
"""

from datetime import date
from decimal import Decimal

import pytest

from civhub.programme.models import Kpi
from civhub.programme.selectors.kpis import centre_progress, target_due
from tests.programme.support import actual, kpi, programme

pytestmark = pytest.mark.django_db

TARGETS = {2024: Decimal("100"), 2025: Decimal("250")}


def test_target_due_grows_by_days_from_the_previous_years_target():
    # 2 July 2025 is day 183 of 365: 100 + 150 × 183 / 365 = 175.205… → 175.21
    assert target_due(TARGETS, as_of=date(2025, 7, 2), start=Decimal("0")) == Decimal("175.21")


def test_before_the_first_target_year_ends_the_line_starts_at_the_start_value():
    # 1 July 2024 is day 183 of 366, exactly half: 0 + 100 × ½ = 50 (a count); 20 + 80 × ½ = 60 (a level).
    assert target_due(TARGETS, as_of=date(2024, 7, 1), start=Decimal("0")) == Decimal("50.00")
    assert target_due(TARGETS, as_of=date(2024, 7, 1), start=Decimal("20")) == Decimal("60.00")


def test_the_last_day_of_a_year_owes_the_whole_target_and_a_later_year_keeps_it():
    assert target_due(TARGETS, as_of=date(2025, 12, 31), start=Decimal("0")) == Decimal("250.00")
    assert target_due(TARGETS, as_of=date(2026, 3, 1), start=Decimal("0")) == Decimal("250")


def test_nothing_is_due_before_the_first_target_year():
    assert target_due(TARGETS, as_of=date(2023, 6, 1), start=Decimal("0")) is None


def test_a_count_sums_its_actuals_to_the_reference_date_and_is_behind_below_ninety_percent(centre):
    line = programme(centre)[1]
    row = kpi(line, targets=TARGETS)
    for day, value in ((date(2024, 3, 1), 60), (date(2024, 11, 1), 50), (date(2025, 5, 1), 40),
                       (date(2025, 8, 1), 30)):  # the last lies after the reference date
        actual(row, day, value)

    [progress] = centre_progress(centre, as_of=date(2025, 7, 2))

    assert progress.actual == Decimal("150.00")  # 60 + 50 + 40
    assert progress.due == Decimal("175.21")
    assert progress.year_target == Decimal("250")
    assert progress.behind  # 150 < 175.21 × 0.9 = 157.69
    assert progress.percent == Decimal("86")  # 150 / 175.21 = 85.6%


def test_a_count_at_ninety_percent_is_not_behind(centre):
    line = programme(centre)[1]
    row = kpi(line, targets=TARGETS)
    actual(row, date(2024, 6, 1), 90)

    [progress] = centre_progress(centre, as_of=date(2024, 12, 31))

    assert progress.due == Decimal("100.00")
    assert not progress.behind  # 90 = 100 × 0.9


def test_a_level_takes_its_latest_actual_and_its_baseline_before_any(centre):
    line = programme(centre)[1]
    row = kpi(line, name="Partners actief", measure=Kpi.Measure.LATEST, baseline="3", targets={2024: 6, 2025: 10})

    [before] = centre_progress(centre, as_of=date(2024, 7, 1))
    assert before.actual == Decimal("3.00")  # the baseline: nothing recorded yet
    assert before.due == Decimal("4.50")  # 3 + (6 − 3) × 183/366
    assert before.behind  # 3 < 4.50 × 0.9 = 4.05

    actual(row, date(2024, 2, 1), 4)
    actual(row, date(2024, 6, 30), 5)
    actual(row, date(2025, 11, 1), 9)
    actual(row, date(2025, 11, 1), 8)  # the same day, recorded later: this one counts

    [mid_2024] = centre_progress(centre, as_of=date(2024, 7, 1))
    assert (mid_2024.actual, mid_2024.behind) == (Decimal("5.00"), False)  # 5 ≥ 4.05
    [end_2025] = centre_progress(centre, as_of=date(2025, 12, 31))
    assert end_2025.due == Decimal("10.00")
    assert (end_2025.actual, end_2025.behind) == (Decimal("8.00"), True)  # 8 < 10 × 0.9 = 9
