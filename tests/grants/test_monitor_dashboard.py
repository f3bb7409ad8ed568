"""The "Subsidy" card on the programme office's dashboard: ratio, forecast, warnings and the next report."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from civhub.grants.models import ReportSubmission
from civhub.grants.schedule import add_months
from civhub.ledger.models import Contribution
from tests.factories import GrantFactory, UserFactory
from tests.grants.monitor_support import small_centre
from tests.partners.factories import client_for, count_queries


def today():
    """Today on the Dutch clock, read when a test runs, not when the module is collected: a run may cross
    midnight."""
    return timezone.localdate()


def _dashboard(user, centre) -> str:
    response = client_for(user).get(reverse("office:dashboard", args=[centre.slug]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_card_shows_the_final_figures_and_the_overdue_final_report(centre, partner_a, partner_b,
                                                                       finance_controller):
    small = small_centre(centre, partner_a, partner_b)  # ended 2025-12-31: today the figures are final
    ReportSubmission.objects.create(grant=small.grant, kind="progress", due_date=date(2025, 2, 1),
                                    submitted_on=date(2025, 1, 30), submitted_by=finance_controller)
    html = _dashboard(finance_controller, centre)
    assert ">Subsidy</h2>" in html
    assert "co-financing ratio to date (required 2.00)" in html and "0.89" in html  # 67,299 ÷ 76,000
    assert "warnings</strong>" in html
    # The first report still open is the annual report over 2024, due 1 July 2025.
    late = (today() - date(2025, 7, 1)).days
    assert "Annual accounts and annual report 2024" in html and f"{late} days late" in html
    assert reverse("grants:monitor", args=[centre.slug]) in html
    assert reverse("grants:deadlines", args=[centre.slug]) in html


def test_the_next_open_report_with_its_countdown(centre, finance_controller):
    start = today() - timedelta(days=30)
    GrantFactory(centre=centre, start=start, end=start + timedelta(days=1000), report_due_months=[2])
    html = _dashboard(finance_controller, centre)
    days = (add_months(start, 2) - today()).days
    assert "Progress report 1" in html and f"in {days} days" in html
    # Nothing realised or pledged yet: both forecasts and the employers fall short.
    assert "3 warnings</strong>" in html


def test_a_centre_without_a_grant_has_no_card(centre, finance_controller):
    assert ">Subsidy</h2>" not in _dashboard(finance_controller, centre)


def _bulk(partnership, count):
    clerk = UserFactory()
    Contribution.objects.bulk_create(
        Contribution(centre=partnership.centre, partnership=partnership, date=today() - timedelta(days=number % 20),
                     kind="lab", amount=Decimal("5.00"), description="Bulk", status=Contribution.Status.ACCEPTED,
                     accepted_on=today() - timedelta(days=number % 20), entered_by=clerk)
        for number in range(count))


@pytest.mark.django_db
def test_the_card_keeps_a_constant_number_of_queries(centre, partner_a, finance_controller):
    GrantFactory(centre=centre, start=today() - timedelta(days=365), end=today() + timedelta(days=365))
    client = client_for(finance_controller)
    url = reverse("office:dashboard", args=[centre.slug])
    _bulk(partner_a, 10)
    few = count_queries(client, url)
    _bulk(partner_a, 2_990)
    assert count_queries(client, url) == few
