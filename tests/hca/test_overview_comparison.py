"""The partners' forecast beside a published one, the difference in words (hca/comparison.py), computed by hand."""

from decimal import Decimal
from types import SimpleNamespace

import pytest

from civhub.hca.comparison import edition_years, explain, published_shares
from civhub.hca.indicators import Forecast, indicators

D = Decimal
pytestmark = pytest.mark.usefixtures("english_messages")


def ours(employment, expansion, replacement, supply, horizon=6):
    return indicators(Forecast("laborant", D(employment), D(expansion), D(replacement), D(supply), horizon))


def theirs(employment, expansion, replacement, supply, ita, typology, years=6):
    row = SimpleNamespace(employment=D(employment), expansion=D(expansion), replacement=D(replacement),
                          supply=D(supply), ita=ita, typology=typology)
    return published_shares(row, years)


def test_the_roa_row_of_the_method_gives_roas_yearly_percentages():
    # hca-method.md: 328,000 employed, 45,700 expansion, 56,000 replacement over 2019–2024.
    shares = theirs(328000, 45700, 56000, 107800, D("1.06"), "matig", years=edition_years(2019, 2024))

    assert (shares.expansion_per_year_pct, shares.replacement_per_year_pct, shares.openings_per_year_pct) == (
        D("2.2"), D("2.7"), D("4.6"))


def test_more_openings_by_the_replacement_demand_and_a_larger_shortage():
    # ours: 16.5 of 30 = 55% over 6 years = 7.6% a year; ROA 18% = 2.8%; replacement 35% (5.1%) against 12% (1.9%)
    sentences = explain(ours(30, 6, D("10.5"), 12), theirs(10000, 600, 1200, 1500, D("0.83"), "zeer goed"),
                        publisher="ROA")

    assert sentences == [
        "The partners expect more job openings than ROA: 7.6% of employment a year against 2.8%.",
        "The difference lies mainly in the replacement demand: the partners expect 5.1% of employment to leave a "
        "year, ROA 1.9%.",
        "By the partners' figures there are fewer school-leavers per job opening than by ROA (ITA 0.73 (zeer goed) "
        "against 0.83 (zeer goed)): the shortage is larger.",
    ]


def test_fewer_openings_by_falling_employment_and_a_smaller_shortage():
    # ours: −6 + 10 = 4 openings of 100 over 6 years = 0.7% a year, expansion −6% = −1.0% a year, ITA 8 ÷ 4 = 2.00
    sentences = explain(ours(100, -6, 10, 8), theirs(1000, 100, 100, 180, D("0.90"), "goed"), publisher="ROA")

    assert sentences[0] == "The partners expect fewer job openings than ROA: 0.7% of employment a year against 3.1%."
    assert sentences[1].startswith("The difference lies mainly in the expansion demand: the partners expect "
                                   "employment to change by -1.0% a year, ROA by 1.6%.")
    assert sentences[2].endswith("(ITA 2.00 (slecht) against 0.90 (goed)): the shortage is smaller.")


def test_about_the_same_within_the_margins():
    # ours 18 of 100 over 6 = 2.8% a year, ITA 1.00; ROA 18% and 1.02
    sentences = explain(ours(100, 6, 12, 18), theirs(1000, 60, 120, 184, D("1.02"), "redelijk"), publisher="ROA")

    assert sentences == [
        "The partners expect about as many job openings as ROA: 2.8% of employment a year against 2.8%.",
        "The prospects are about the same by both: ITA 1.00 (goed) by the partners' figures, 1.02 (redelijk) by ROA.",
    ]


def test_no_openings_of_ours_or_no_published_ita_is_said_so():
    no_openings = explain(ours(100, -20, 5, 10), theirs(1000, 60, 120, 184, D("1.02"), "redelijk"), publisher="ROA")
    no_ita = explain(ours(100, 6, 12, 18), theirs(1000, 60, 120, 184, None, ""), publisher="UWV")

    assert no_openings[-1] == ("The partners expect no job openings, so there is no ITA to set beside the published "
                               "1.02 (redelijk).")
    assert no_ita[-1] == "UWV publishes no ITA for this occupation."
