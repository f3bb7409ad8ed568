"""The RIF's money rules, one test each, on the hand-computed edge centre (tests/grants/edge_support.py).

Thirds exact; amounts compared, never rounded ratios; each group counted up to its maximum; BPV
and the lead applicant's own never counted; migration shown apart; "as of" by the day of
acceptance; the subsidy the counted co-financing carries; the annual accounts' repayment.
"""

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from civhub.core.shares import parse_share, share_label, share_of
from civhub.grants.selectors.accounts import model_g
from civhub.grants.selectors.monitor import Composition, monitor
from civhub.partners.models import CofinancingGroup, OrganisationKind, default_cofinancing_group
from civhub.reports.funder import summary_values
from tests.grants.edge_support import AS_OF, edge_centre

D = Decimal
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages")]


@pytest.fixture
def edge(centre):
    return edge_centre(centre)


@pytest.fixture
def figures(edge):
    return monitor(edge.grant, as_of=AS_OF)


# 1. Thirds are exact ---------------------------------------------------------------------------


def test_a_third_of_900000_is_300000_not_299970():
    assert share_of(D("900000.00"), parse_share("1/3")) == D("300000.00")
    assert share_of(D("900000.00"), parse_share("2/3")) == D("600000.00")
    assert share_of(D("900000.00"), parse_share("0.3333")) == D("299970.00")  # what four decimals gave
    assert parse_share("0,25") == Fraction(1, 4) and share_label(Fraction(1, 4)) == "25%"
    assert share_label(parse_share("2/3")) == "2/3"


def test_the_bounds_are_exact_shares_of_the_budget(figures):
    employers, others = figures.group(Composition.EMPLOYERS), figures.group(Composition.OTHERS)
    assert figures.total_budget == D("900000.00")
    assert (employers.minimum, employers.maximum, others.maximum) == (D("300000.00"), D("600000.00"),
                                                                       D("300000.00"))


def test_a_grant_stores_its_shares_as_fractions(edge):
    edge.grant.refresh_from_db()
    assert edge.grant.employer_share_min == Fraction(1, 3) and edge.grant.employer_share_max == Fraction(2, 3)


# 2. Compare amounts, never rounded ratios ---------------------------------------------------------


def test_a_ratio_that_rounds_to_two_still_warns_with_the_shortfall_in_euros(figures):
    assert figures.cofinancing_counted / figures.subsidy_spent == D("1.995")
    assert figures.ratio == D("2.00")  # as the page shows it
    assert figures.shortfall == D("1480.00")
    shortfall = next(warning for warning in figures.warnings if warning.code == "shortfall")
    assert "EUR 1,480.00 short of the EUR 592,000.00 required" in shortfall.message


# 3. Counted within the bounds ---------------------------------------------------------------------


def test_a_group_above_its_maximum_counts_up_to_it_and_the_excess_is_shown(figures):
    others = figures.group(Composition.OTHERS)
    assert (others.realised, others.counted, others.excess) == (D("310000.00"), D("300000.00"), D("10000.00"))
    assert figures.cofinancing_realised == D("600520.00")
    assert figures.cofinancing_counted == D("590520.00")
    assert figures.cofinancing_excess == D("10000.00")
    warning = next(warning for warning in figures.warnings if warning.code == "others_above_maximum")
    assert "EUR 10,000.00 above their maximum of EUR 300,000.00; the excess does not count" in warning.message


def test_the_excess_stops_counting_in_the_year_it_occurs(figures):
    first, second = figures.years
    assert (first.cofinancing_realised, first.cofinancing_counted) == (D("490520.00"), D("490520.00"))
    assert (second.cofinancing_realised, second.cofinancing_counted) == (D("110000.00"), D("100000.00"))
    assert second.cumulative_counted == figures.cofinancing_counted


def test_employers_below_their_minimum_are_warned_in_euros(figures):
    employers = figures.group(Composition.EMPLOYERS)
    assert employers.below_minimum and employers.minimum_shortfall == D("9480.00")
    codes = [warning.code for warning in figures.warnings]
    assert codes == ["shortfall", "employers_below_minimum", "others_above_maximum"]


# 4. Employers as the regulation defines them ------------------------------------------------------


@pytest.mark.parametrize("kind", [OrganisationKind.COMPANY, OrganisationKind.STAFFING, OrganisationKind.HOSPITAL,
                                  OrganisationKind.INDUSTRY_ASSOCIATION, OrganisationKind.TRAINING_FUND])
def test_organisations_with_economic_activity_and_the_organised_sector_are_employers(kind):
    assert default_cofinancing_group(kind, lead_applicant=False) == CofinancingGroup.EMPLOYER


@pytest.mark.parametrize(("kind", "group"), [(OrganisationKind.MUNICIPALITY, CofinancingGroup.GOVERNMENT),
                                             (OrganisationKind.COLLEGE, CofinancingGroup.OTHER)])
def test_government_and_schools_are_not_employers(kind, group):
    assert default_cofinancing_group(kind, lead_applicant=False) == group
    assert default_cofinancing_group(kind, lead_applicant=True) == CofinancingGroup.NOT_COUNTED


# 6. BPV never counts; the lead applicant's own neither ----------------------------------------------


def test_bpv_and_the_lead_applicants_own_are_shown_and_never_counted(figures, edge):
    assert figures.not_counted == D("12000.00")  # BPV 5,000 and the lead applicant's research 7,000
    employer = next(partner for partner in figures.partners if partner.partnership == edge.employer)
    assert (employer.realised, employer.bpv) == (D("290520.00"), D("5000.00"))
    bpv = next(kind for kind in figures.kinds if kind.kind == "bpv")
    assert (bpv.amount, bpv.counted) == (D("5000.00"), False)


# 7 and 8. Migration apart; "as of" by the day of acceptance ------------------------------------------


def test_the_part_that_arrived_by_migration_is_shown(figures, edge):
    assert figures.migrated == D("200000.00")
    government = next(partner for partner in figures.partners if partner.partnership == edge.government)
    assert government.migrated == D("200000.00")
    assert summary_values(figures)["waarvan_gemigreerd"] == "200000.00"


def test_as_of_counts_entries_dated_and_accepted_by_then_so_a_later_pack_reproduces(edge, figures):
    later = monitor(edge.grant, as_of=date(2026, 1, 31))
    assert later.group(Composition.EMPLOYERS).realised - figures.group(Composition.EMPLOYERS).realised == D("1000.00")
    again = monitor(edge.grant, as_of=AS_OF)  # "next year", the same date: the same figures
    assert summary_values(again) == summary_values(figures)


# 11. What the counted co-financing carries; the annual accounts -----------------------------------------


def test_the_subsidy_the_counted_cofinancing_carries_and_what_is_at_risk(figures):
    assert figures.subsidy_carried == D("295260.00")  # 590,520 ÷ 2
    assert figures.subsidy_at_risk == D("740.00")  # 296,000 spent − 295,260 carried


def test_at_the_end_the_unspent_award_lapses_and_the_settlement_squares_the_advances(edge):
    during = model_g(edge.grant, as_of=date(2025, 6, 30))
    assert not during.ended and during.award_unspent == during.to_repay == during.to_receive == 0
    # Advances: 25% at the start, then 5% a quarter: 75,000 + 8 × 15,000 by 1 March 2026.
    after = model_g(edge.grant, as_of=date(2026, 3, 1))
    assert after.ended and after.received == D("195000.00") and after.spent == D("296000.00")
    assert after.award_unspent == D("4000.00")  # 300,000 awarded − 296,000 spent
    assert (after.to_repay, after.to_receive) == (D("0.00"), D("101000.00"))
    # Once every advance is paid (the 16th, on 1 October 2027), 4,000 of them is to be repaid.
    paid = model_g(edge.grant, as_of=date(2027, 10, 1))
    assert (paid.received, paid.to_repay, paid.to_receive) == (D("300000.00"), D("4000.00"), D("0.00"))


# 13. Two forecasts ---------------------------------------------------------------------------------


def test_once_the_period_has_ended_both_forecasts_are_the_counted_amount_and_do_not_warn(figures):
    assert figures.forecast_cofinancing == figures.cofinancing_counted == figures.commitment_forecast
    assert not {"forecast_shortfall", "commitment_shortfall"} & {warning.code for warning in figures.warnings}
