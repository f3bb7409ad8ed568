"""The monitor is computed once per reference date and state of the centre's records (core/revisions.py).

The page, its three charts and the dashboard's card share one computation; an acceptance, a
reversal, an expenditure entry or a new current budget gives the next view fresh figures.
"""

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse

from civhub.grants.selectors import monitor as monitor_module
from civhub.grants.services.budget import make_current
from civhub.grants.services.expenditure import ExpenditureData, record_expenditure
from civhub.ledger.models import Contribution
from civhub.ledger.services import approval
from tests.grants.support import add_version
from tests.ledger.entries_helpers import ENTRY_DATE, make_entry, with_grant
from tests.partners.factories import client_for

pytestmark = pytest.mark.django_db
Status = Contribution.Status
CHARTS = ("year-bars", "partners", "ratio")


@pytest.fixture
def computations(monkeypatch):
    """How many times the monitor's selector ran."""
    calls = []
    real = monitor_module.monitor

    def counting(*args, **kwargs):
        calls.append(kwargs.get("as_of"))
        return real(*args, **kwargs)

    monkeypatch.setattr(monitor_module, "monitor", counting)
    cache.clear()
    return calls


def figures(client, centre):
    response = client.get(reverse("grants:monitor", args=[centre.slug]))
    assert response.status_code == 200
    return response.context["figures"]


def test_the_page_its_charts_and_the_dashboard_compute_the_monitor_once(centre, partner_a, partner_a_contact,
                                                                         finance_controller, computations):
    make_entry(partner_a, partner_a_contact, status=Status.ACCEPTED)
    client = client_for(finance_controller)
    figures(client, centre)
    for chart in CHARTS:
        assert client.get(reverse("grants:monitor_chart", args=[centre.slug, chart])).status_code == 200
    assert client.get(reverse("office:dashboard", args=[centre.slug])).status_code == 200
    assert len(computations) == 1


def test_an_acceptance_and_a_reversal_give_fresh_figures(centre, partner_a, partner_a_contact, finance_controller,
                                                         computations):
    counted = make_entry(partner_a, partner_a_contact, status=Status.ACCEPTED)
    waiting = make_entry(partner_a, partner_a_contact, status=Status.APPROVED)
    client = client_for(finance_controller)
    before = figures(client, centre).cofinancing_realised
    assert before == counted.amount
    approval.accept_contribution(entry=waiting, actor=finance_controller)
    assert figures(client, centre).cofinancing_realised == counted.amount + waiting.amount
    approval.reverse_contribution(entry=counted, actor=finance_controller, reason="Dubbel ingevoerd")
    assert figures(client, centre).cofinancing_realised == waiting.amount
    assert len(computations) == 3


def test_an_expenditure_entry_gives_fresh_figures(centre, partner_a, partner_a_contact, finance_controller,
                                                  computations):
    make_entry(partner_a, partner_a_contact, status=Status.ACCEPTED)
    client = client_for(finance_controller)
    assert figures(client, centre).subsidy_spent == Decimal("0")
    assert client.get(reverse("grants:monitor", args=[centre.slug])).status_code == 200  # the body kept
    assert len(computations) == 1
    record_expenditure(grant=with_grant(centre), actor=finance_controller, data=ExpenditureData(
        date=ENTRY_DATE, category="personnel", amount=Decimal("1234.56"), description="Salaris maart"))
    assert figures(client, centre).subsidy_spent == Decimal("1234.56")
    assert len(computations) == 2


def test_another_reference_date_and_a_partners_own_view_are_their_own_figures(
        centre, partner_a, partner_a_contact, partner_a_signatory, finance_controller, computations):
    make_entry(partner_a, partner_a_contact, status=Status.ACCEPTED)
    office = client_for(finance_controller)
    figures(office, centre)
    assert office.get(reverse("grants:monitor", args=[centre.slug]) + "?as_of=2025-12-31").status_code == 200
    own = figures(client_for(partner_a_signatory), centre)
    assert own.partnership_ids == frozenset({partner_a.pk})
    assert len(computations) == 3


def test_a_new_current_budget_gives_fresh_figures(centre, partner_a, partner_a_contact, finance_controller,
                                                  computations):
    make_entry(partner_a, partner_a_contact, status=Status.ACCEPTED)
    grant = with_grant(centre)
    client = client_for(finance_controller)
    before = figures(client, centre).subsidy_budget
    version = add_version(grant, 1, [(2025, None, "personnel", "subsidy", "5000.00")])
    # Written past the services: the page is kept as it was until the next audited change.
    assert client.get(reverse("grants:monitor", args=[centre.slug])).status_code == 200
    make_current(version=version, actor=finance_controller)
    assert figures(client, centre).subsidy_budget == Decimal("5000.00") != before
    assert len(computations) == 2
