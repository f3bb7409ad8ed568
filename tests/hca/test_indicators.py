"""The §7 arithmetic (docs/formats.md §7), on ROA's published row and hand-computed cases."""

from decimal import Decimal

import pytest

from civhub.hca.indicators import Forecast, indicators, per_year, typology

D = Decimal


def forecast(employment="1000", expansion="0", replacement="0", supply="0", horizon=6):
    return Forecast("laborant", D(employment), D(expansion), D(replacement), D(supply), horizon)


def test_roas_mbo4_health_row_2019_2024_is_reproduced():
    figures = indicators(forecast("328000", "45700", "56000", "107800", 6))

    assert figures.openings == D("101700")
    assert (figures.expansion_pct, figures.replacement_pct, figures.openings_pct) == (D("13.9"), D("17.1"), D("31.0"))
    assert (figures.expansion_per_year_pct, figures.replacement_per_year_pct, figures.openings_per_year_pct) == (
        D("2.2"), D("2.7"), D("4.6"))
    assert figures.replacement_importance_pct == D("55.1")
    assert (figures.ita, figures.typology) == (D("1.06"), "matig")


def test_falling_employment_lowers_the_openings_and_replacement_counts_at_most_all_of_them():
    # 1000 employed, 100 jobs fewer, 250 leavers: 150 openings, 120 school-leavers.
    figures = indicators(forecast("1000", "-100", "250", "120", 6))

    assert figures.openings == D("150")
    assert (figures.expansion_pct, figures.replacement_pct, figures.openings_pct) == (D("-10.0"), D("25.0"), D("15.0"))
    # 0.9^(1/6) − 1 = −1.74 %, 1.25^(1/6) − 1 = 3.79 %, 1.15^(1/6) − 1 = 2.36 %
    assert (figures.expansion_per_year_pct, figures.replacement_per_year_pct, figures.openings_per_year_pct) == (
        D("-1.7"), D("3.8"), D("2.4"))
    assert figures.replacement_importance_pct == D("100.0")  # 250 / 150, capped at 100 %
    assert (figures.ita, figures.typology) == (D("0.80"), "zeer goed")


def test_without_openings_there_is_no_ita_and_the_typology_says_so():
    figures = indicators(forecast("1000", "-300", "100", "50"))

    assert figures.openings == 0
    assert figures.openings_pct == D("0.0")
    assert figures.replacement_importance_pct is None
    assert figures.ita is None
    assert figures.typology == "geen baanopeningen"


def test_the_yearly_rate_is_geometric_over_the_horizon():
    # 21 % more over 2 years is exactly 10 % a year (linear would say 10.5 %).
    figures = indicators(forecast("200", "42", "0", "0", horizon=2))

    assert figures.expansion_per_year_pct == D("10.0")
    assert per_year(D("0.21"), 2) == D("0.1")


@pytest.mark.parametrize(("supply", "ita", "label"), [
    ("850", "0.85", "zeer goed"),
    ("851", "0.85", "zeer goed"),  # 0.851 prints as 0.85
    ("855", "0.86", "goed"),
    ("1000", "1.00", "goed"),
    ("1050", "1.05", "redelijk"),
    ("1054", "1.05", "redelijk"),
    ("1055", "1.06", "matig"),  # half up: 1.055 prints as 1.06
    ("1150", "1.15", "matig"),
    ("1154", "1.15", "matig"),
    ("1155", "1.16", "slecht"),
])
def test_the_typology_reads_the_ita_as_printed(supply, ita, label):
    figures = indicators(forecast("5000", "1000", "0", supply))  # 1000 openings

    assert (figures.ita, figures.typology) == (D(ita), label)


def test_a_tiny_fall_rounds_to_zero_not_minus_zero():
    figures = indicators(forecast("100000", "-4", "0", "0"))

    assert str(figures.expansion_pct) == "0.0"
    assert typology(None) == "geen baanopeningen"
