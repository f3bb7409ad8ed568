"""The regulation's rules on hand-computed budgets, on both sides of every bound (applications/budget_rules.py).

Shares are exact: one third of EUR 900,000.00 is EUR 300,000.00, so EUR 300,000.01 of subsidy is EUR 0.01 too
much. Each budget keeps its total where a bound is tested, so the bound stays where the hand computation puts it.
"""

from decimal import Decimal as D

import pytest

from civhub.applications import budget_rules as rules
from civhub.applications.budget_rules import Figures, OffRate, Terms
from civhub.partners.models import CofinancingGroup

RIF_2014 = Terms(subsidy_minimum=D("200000.00"), subsidy_maximum=D("2000000.00"), hourly_rate=D("73.00"))


def check(code, figures, terms=RIF_2014):
    return next(found for found in rules.check_budget(terms, figures) if found.code == code)


# The subsidy: at most one third of the budget -------------------------------------------------------------


def test_a_subsidy_of_exactly_one_third_of_900000_holds():
    found = check("subsidy_share", Figures(subsidy=D("300000.00"), employers=D("450000.00"), others=D("150000.00")))
    assert found.ok
    assert found.message == ("The subsidy (EUR 300,000.00) is at most one third of the budget of EUR 900,000.00 "
                             "(EUR 300,000.00).")


def test_one_cent_more_subsidy_than_one_third_is_refused_by_that_cent():
    # 300,000.01 + 449,999.99 + 150,000.00 = 900,000.00; one third of it is 300,000.00
    found = check("subsidy_share", Figures(subsidy=D("300000.01"), employers=D("449999.99"), others=D("150000.00")))
    assert not found.ok
    assert found.message == ("The subsidy is EUR 0.01 more than one third of the budget: it is EUR 300,000.01, and "
                             "one third of the budget of EUR 900,000.00 is EUR 300,000.00.")


def test_the_excess_is_stated_in_euros():
    # 312,000 of 900,000: 12,000 more than one third
    found = check("subsidy_share", Figures(subsidy=D("312000.00"), employers=D("438000.00"), others=D("150000.00")))
    assert not found.ok
    assert "EUR 12,000.00 more than one third of the budget" in found.message


def test_the_lead_applicants_own_contribution_does_not_raise_what_the_subsidy_may_be():
    # 300,000 subsidy against 600,000 co-financing: the lead applicant's 90,000 of its own do not count
    figures = Figures(subsidy=D("300000.00"), employers=D("600000.00"), not_counted=D("90000.00"))
    assert figures.budget == D("900000.00") and figures.income == D("990000.00")
    assert check("subsidy_share", figures).ok
    assert not check("subsidy_share", Figures(subsidy=D("300000.01"), employers=D("599999.99"),
                                              not_counted=D("90000.00"))).ok


# The subsidy: between the round's minimum and maximum --------------------------------------------------------


@pytest.mark.parametrize(("subsidy", "ok", "message"), [
    ("199999.99", False, "The subsidy (EUR 199,999.99) is EUR 0.01 less than the round's minimum of EUR 200,000.00."),
    ("200000.00", True, "The subsidy (EUR 200,000.00) lies between the round's minimum of EUR 200,000.00 and its "
                        "maximum of EUR 2,000,000.00."),
    ("2000000.00", True, "The subsidy (EUR 2,000,000.00) lies between the round's minimum of EUR 200,000.00 and its "
                         "maximum of EUR 2,000,000.00."),
    ("2000000.01", False, "The subsidy (EUR 2,000,000.01) is EUR 0.01 more than the round's maximum of "
                          "EUR 2,000,000.00."),
])
def test_the_subsidy_lies_between_the_rounds_minimum_and_maximum(subsidy, ok, message):
    found = check("subsidy_range", Figures(subsidy=D(subsidy)))
    assert (found.ok, found.message) == (ok, message)


def test_a_round_without_minimum_or_maximum_says_so():
    found = check("subsidy_range", Figures(subsidy=D("1.00")), Terms())
    assert found.ok and found.message == "The round sets no minimum or maximum subsidy."


# Employers: between one third and two thirds ------------------------------------------------------------------


@pytest.mark.parametrize(("subsidy", "employers", "others", "ok", "shown"), [
    # budget 900,000.00 each time: employers between 300,000.00 and 600,000.00
    ("300000.00", "300000.00", "300000.00", True, "Employers bring EUR 300,000.00, between one third "
                                                  "(EUR 300,000.00) and two thirds (EUR 600,000.00) of the budget."),
    ("300000.00", "299999.99", "300000.01", False, "Employers bring EUR 0.01 too little: EUR 299,999.99, and at least "
                                                   "one third of the budget is EUR 300,000.00."),
    ("300000.00", "600000.00", "0.00", True, "Employers bring EUR 600,000.00, between one third (EUR 300,000.00) "
                                             "and two thirds (EUR 600,000.00) of the budget."),
    ("299999.99", "600000.01", "0.00", False, "Employers bring EUR 0.01 too much: EUR 600,000.01, and at most two "
                                              "thirds of the budget is EUR 600,000.00; what is above it does not "
                                              "count."),
])
def test_employers_bring_between_one_third_and_two_thirds(subsidy, employers, others, ok, shown):
    figures = Figures(subsidy=D(subsidy), employers=D(employers), others=D(others))
    assert figures.budget == D("900000.00")
    found = check("employers", figures)
    assert (found.ok, found.message) == (ok, shown)


# Government and others: at most one third ---------------------------------------------------------------------


@pytest.mark.parametrize(("employers", "others", "ok"), [
    ("300000.00", "300000.00", True),
    ("299999.99", "300000.01", False),
])
def test_government_and_others_bring_at_most_one_third(employers, others, ok):
    found = check("others", Figures(subsidy=D("300000.00"), employers=D(employers), others=D(others)))
    assert found.ok is ok
    if not ok:
        assert found.message == ("Government and other partners bring EUR 0.01 too much: EUR 300,000.01, and at most "
                                 "one third of the budget is EUR 300,000.00; what is above it does not count.")


def test_government_and_other_partners_count_together():
    rows = [
        {"side": "income", "source": "partner", "form": "cash", "category": "", "amount": D("200000.00"),
         "cofinancing_group": CofinancingGroup.GOVERNMENT, "is_lead_applicant": False},
        {"side": "income", "source": "partner", "form": "in_kind", "category": "hours", "amount": D("100000.01"),
         "cofinancing_group": CofinancingGroup.OTHER, "is_lead_applicant": False},
    ]
    figures = rules.figures_from_rows(rows)
    assert figures.others == D("300000.01")


# Not counted: the lead applicant and BPV ----------------------------------------------------------------------


def test_the_lead_applicant_and_bpv_are_shown_and_not_counted():
    rows = [
        {"side": "income", "source": "subsidy", "form": "cash", "category": "", "amount": D("300000.00"),
         "cofinancing_group": None, "is_lead_applicant": False},
        {"side": "income", "source": "partner", "form": "in_kind", "category": "hours", "amount": D("600000.00"),
         "cofinancing_group": CofinancingGroup.EMPLOYER, "is_lead_applicant": False},
        # the lead applicant counts as not counted whatever group it was given
        {"side": "income", "source": "partner", "form": "in_kind", "category": "hours", "amount": D("73000.00"),
         "cofinancing_group": CofinancingGroup.OTHER, "is_lead_applicant": True},
        # BPV never counts, not even an employer's
        {"side": "income", "source": "partner", "form": "in_kind", "category": "bpv", "amount": D("25000.00"),
         "cofinancing_group": CofinancingGroup.EMPLOYER, "is_lead_applicant": False},
        {"side": "cost", "source": "", "form": "", "category": "other", "amount": D("300000.00"),
         "cofinancing_group": None, "is_lead_applicant": False},
    ]
    figures = rules.figures_from_rows(rows)
    assert (figures.subsidy, figures.employers, figures.others) == (D("300000.00"), D("600000.00"), D("0.00"))
    assert (figures.not_counted, figures.bpv) == (D("73000.00"), D("25000.00"))
    assert figures.budget == D("900000.00")
    # costs: the cost line plus what is brought in kind (the lead applicant's hours too), BPV left out
    assert (figures.income, figures.costs) == (D("973000.00"), D("973000.00"))
    assert check("not_counted", figures).message == ("The lead applicant's own contribution (EUR 73,000.00) is shown "
                                                     "and not counted: it is no co-financing.")
    assert check("bpv", figures).ok and "BPV (EUR 25,000.00) is shown and not counted" in check("bpv", figures).message
    assert all(found.ok for found in rules.check_budget(RIF_2014, figures))


# Hours at the round's rate ------------------------------------------------------------------------------------


def test_hours_at_the_rounds_rate_hold():
    found = check("hourly_rate", Figures())
    assert found.ok and found.message == "Every line of staff hours is valued at the round's rate of EUR 73.00 an hour."


def test_hours_at_another_price_are_refused_with_the_difference():
    # 500 hours at EUR 80.00 = 40,000.00, at the rate 36,500.00: 3,500.00 too much
    found = check("hourly_rate", Figures(off_rate=OffRate(1, D("500.00"), D("40000.00"))))
    assert not found.ok
    assert found.message == ("1 line of staff hours (500.00 hours) is not valued at the round's rate of EUR 73.00 an "
                             "hour: it comes to EUR 40,000.00, EUR 3,500.00 more than the EUR 36,500.00 at the rate.")


def test_hours_below_the_rate_are_refused_too():
    found = check("hourly_rate", Figures(off_rate=OffRate(2, D("100.00"), D("7200.00"))))
    assert not found.ok and "EUR 100.00 less than the EUR 7,300.00 at the rate" in found.message


def test_a_round_without_a_fixed_rate_leaves_hours_to_the_partners_rates():
    found = check("hourly_rate", Figures(off_rate=OffRate(1, D("1.00"), D("99.00"))), Terms())
    assert found.ok and "no fixed hourly rate" in found.message


def test_a_line_amount_is_volume_times_price_half_up_to_the_cent():
    assert rules.line_amount(D("500"), D("73.00")) == D("36500.00")
    assert rules.line_amount(D("0.5"), D("0.01")) == D("0.01")  # 0.005 rounds half up
    assert rules.line_amount(D("1.25"), D("3.33")) == D("4.16")  # 4.1625


# Income equals costs ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("spending", "ok", "message"), [
    ("300000.00", True, "Income and costs are equal: EUR 900,000.00."),
    ("299999.99", False, "The income (EUR 900,000.00) is EUR 0.01 more than the costs (EUR 899,999.99)."),
    ("300000.01", False, "The income (EUR 900,000.00) is EUR 0.01 less than the costs (EUR 900,000.01)."),
])
def test_income_equals_costs(spending, ok, message):
    figures = Figures(subsidy=D("300000.00"), employers=D("600000.00"), in_kind=D("600000.00"), spending=D(spending))
    found = check("balance", figures)
    assert (found.ok, found.message) == (ok, message)


# The years after the subsidy ----------------------------------------------------------------------------------


def test_four_years_after_the_subsidy_hold():
    found = rules.check_continuation([2026, 2027, 2028, 2029], 2025)
    assert found.ok and found.message == "The continuation forecast covers the 4 years after the subsidy (2026–2029)."


def test_three_years_after_the_subsidy_are_one_too_few():
    found = rules.check_continuation([2026, 2027, 2028, 2031], 2025)
    assert not found.ok
    assert found.message == ("The continuation forecast misses 2029: give income and costs for each of the 4 years "
                             "after the subsidy (2026–2029).")


def test_a_forecast_without_any_year_names_every_year_missing():
    found = rules.check_continuation([], 2025)
    assert not found.ok and "misses 2026, 2027, 2028, 2029" in found.message


def test_the_checks_are_listed_in_order():
    assert [found.code for found in rules.check_budget(RIF_2014, Figures())] == [
        "subsidy_share", "subsidy_range", "employers", "others", "not_counted", "bpv", "hourly_rate", "balance"]


def test_the_terms_come_from_the_regulation(db):
    from tests.applications.support import regulation

    terms = Terms.of(regulation())
    assert terms == RIF_2014
