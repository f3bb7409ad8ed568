"""v1 monitor figures (read only): the monitor page's figures, for those who see that page, as they see them.

The small centre of tests/grants/monitor_support.py at as_of=2025-03-31 has hand-computed figures
(tests/grants/test_monitor_selector.py); the API gives the same.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from civhub.ledger.models import Contribution
from tests.api.rest_more_support import count_queries, url
from tests.api.support import token_client
from tests.grants.monitor_support import entry, small_centre

pytestmark = pytest.mark.django_db

HAND = {"as_of": "2025-03-31"}


@pytest.fixture
def small(centre, partner_a, partner_b):
    return small_centre(centre, partner_a, partner_b)


def monitor_url(centre) -> str:
    return url("monitor", centre)


def test_the_office_gets_the_whole_grant_as_the_page_shows_it(small, centre, finance_controller):
    body = token_client(finance_controller).get(monitor_url(centre), HAND).json()
    assert body["whole_grant"] is True
    assert (body["as_of"], body["year"], body["start"], body["end"]) == ("2025-03-31", None, "2024-01-01",
                                                                         "2025-12-31")
    totals = body["totals"]
    assert (totals["subsidy_spent"], totals["cofinancing_required"], totals["cofinancing_counted"],
            totals["ratio"]) == ("56000.00", "112000.00", "57300.00", "1.02")
    assert [row["year"] for row in body["years"]] == [2024, 2025]
    assert {row["code"] for row in body["partners"]} == {"partner-a", "partner-b", "beta", "delta"}
    assert {row["group"] for row in body["groups"]} == {"employers", "others", "not_counted"}
    assert sum(Decimal(kind["amount"]) for kind in body["kinds"] if kind["counted"]) == Decimal(
        totals["cofinancing_realised"])


def test_the_steering_group_sees_the_whole_grant_too(small, centre, steering_member):
    assert token_client(steering_member).get(monitor_url(centre), HAND).json()["whole_grant"] is True


def test_a_partner_sees_only_its_own_line_and_no_centre_figure(small, centre, partner_a_contact):
    body = token_client(partner_a_contact).get(monitor_url(centre), HAND).json()
    assert body["whole_grant"] is False
    assert (body["totals"], body["years"], body["lines"], body["groups"]) == (None, None, None, None)
    [partner] = body["partners"]
    assert (partner["code"], partner["realised"]) == ("partner-a", "39300.00")
    assert partner["by_year"] == [{"year": 2024, "amount": "27300.00"}, {"year": 2025, "amount": "12000.00"}]
    assert [kind["kind"] for kind in body["kinds"] if Decimal(kind["amount"])] == ["lab"]


def test_one_year_and_a_later_reference_date(small, centre, programme_manager):
    body = token_client(programme_manager).get(monitor_url(centre), {"year": 2025, "as_of": "2025-12-31"}).json()
    assert (body["year"], body["start"], body["as_of"]) == (2025, "2025-01-01", "2025-12-31")
    assert [row["year"] for row in body["years"]] == [2025]


def test_wrong_values_fall_back_to_the_defaults_as_on_the_page(small, centre, programme_manager):
    client = token_client(programme_manager)
    body = client.get(monitor_url(centre), {"year": "1999", "as_of": "gisteren"}).json()
    assert body["year"] is None
    assert body["as_of"] == timezone.localdate().isoformat()
    assert client.get(monitor_url(centre), {"as_of": "9999-12-31"}).json()["as_of"] == timezone.localdate().isoformat()


def test_who_may_not_see_the_monitor_gets_a_403_and_a_centre_without_grant_a_404(
        small, centre, other_centre, practor, communications, programme_manager, other_centre_manager):
    assert token_client(practor).get(monitor_url(centre)).status_code == 403
    assert token_client(communications).get(monitor_url(centre)).status_code == 403
    assert token_client(other_centre_manager).get(monitor_url(centre)).status_code == 404
    assert token_client(other_centre_manager).get(monitor_url(other_centre)).status_code == 404


def test_the_figures_take_the_same_queries_for_more_contributions(small, centre, partner_a, programme_manager):
    client = token_client(programme_manager)
    client.get(monitor_url(centre))
    before = count_queries(client, monitor_url(centre))
    for day in range(1, 21):
        entry(partner_a, date(2025, 2, day), "lab", "100.00", status=Contribution.Status.ACCEPTED)
    assert count_queries(client, monitor_url(centre)) == before
