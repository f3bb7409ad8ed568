"""A partner's summary: the database's sums equal a hand computation, the chart is an SVG, queries stay flat."""

import datetime
from decimal import Decimal
from xml.etree import ElementTree

import pytest
from django.urls import reverse

from civhub.ledger.models import Contribution
from civhub.ledger.selectors.office import partner_summary
from civhub.partners.models import CofinancingGroup
from tests.factories import PartnershipFactory
from tests.ledger.office_support import contribution, grant_for, pledge
from tests.partners.factories import client_for, count_queries

pytestmark = pytest.mark.django_db

Status = Contribution.Status
D = Decimal


@pytest.fixture
def ledger_a(partner_a, partner_b):
    """Partner A's pledges and entries in every status, and one of partner B's that must not count for A."""
    grant_for(partner_a.centre)
    pledge(partner_a, 2025, "lab", "10000.00")
    pledge(partner_a, 2025, "education", "5000.00")
    pledge(partner_a, 2026, "lab", "8000.00")
    day25, day26 = datetime.date(2025, 5, 1), datetime.date(2026, 2, 1)
    for amount, status in [("1000.00", Status.ACCEPTED), ("250.50", Status.ACCEPTED), ("300.00", Status.SUBMITTED),
                           ("400.00", Status.APPROVED), ("999.00", Status.DRAFT), ("777.00", Status.REJECTED)]:
        contribution(partner_a, amount=amount, status=status, day=day25)
    original = contribution(partner_a, amount="200.00", status=Status.REVERSED, day=day25)
    contribution(partner_a, amount="-200.00", status=Status.ACCEPTED, day=day25, reversal_of=original)
    contribution(partner_a, amount="123.45", status=Status.APPROVED, day=day25, kind="education")
    contribution(partner_a, amount="4000.00", status=Status.ACCEPTED, day=day26)
    contribution(partner_a, amount="50.00", status=Status.ACCEPTED, day=day26, kind="research")
    contribution(partner_b, amount="9999.00", status=Status.ACCEPTED, day=day25)
    return partner_a


def as_tuple(row):
    return (row.pledged, row.submitted, row.approved, row.accepted, row.percent)


def test_the_summary_equals_a_hand_computation(ledger_a):
    summary = partner_summary(ledger_a)
    by_cell = {(year.total.year, row.kind.code): as_tuple(row) for year in summary.years for row in year.kinds}
    assert by_cell == {
        # Accepted 1000 + 250.50 + 200 (reversed) - 200 (its reversal); drafts and rejected entries are left out.
        (2025, "lab"): (D("10000"), D("300"), D("400"), D("1250.50"), D("12.5")),
        (2025, "education"): (D("5000"), D("0"), D("123.45"), D("0"), D("0.0")),
        (2026, "lab"): (D("8000"), D("0"), D("0"), D("4000"), D("50.0")),
        (2026, "research"): (D("0"), D("0"), D("0"), D("50"), None),  # no pledge: no percentage
    }
    years = {year.total.year: as_tuple(year.total) for year in summary.years}
    assert years == {
        2025: (D("15000"), D("300"), D("523.45"), D("1250.50"), D("8.3")),
        2026: (D("8000"), D("0"), D("0"), D("4050"), D("50.6")),
    }
    assert as_tuple(summary.total) == (D("23000"), D("300"), D("523.45"), D("5300.50"), D("23.0"))
    assert [row.kind.code for row in summary.years[0].kinds] == ["lab", "education"]  # the brochure's order


def test_the_page_shows_the_numbers(ledger_a, programme_manager):
    response = client_for(programme_manager).get(reverse("ledger:summary", args=[ledger_a.centre.slug, "partner-a"]))
    page = response.content.decode()
    for text in ["EUR 1,250.50", "EUR 523.45", "EUR 5,300.50", "EUR 23,000.00", "12.5%", "50.6%", "23.0%"]:
        assert text in page, text
    assert "EUR 9,999.00" not in page  # partner B's entry
    assert "Not counted towards co-financing" not in page


def test_a_partner_sees_its_own_summary_and_not_another(ledger_a, partner_a_contact, partner_b_contact):
    url = reverse("ledger:summary", args=[ledger_a.centre.slug, "partner-a"])
    assert client_for(partner_a_contact).get(url).status_code == 200
    assert client_for(partner_b_contact).get(url).status_code == 404
    assert client_for(partner_b_contact).get(url.replace("partner-a", "partner-b")).status_code == 200


def test_a_lead_applicants_summary_says_it_is_not_counted(centre, programme_manager):
    grant_for(centre)
    lead = PartnershipFactory(centre=centre, short_code="lead", is_lead_applicant=True,
                              cofinancing_group=CofinancingGroup.NOT_COUNTED)
    contribution(lead, amount="500.00")
    page = client_for(programme_manager).get(reverse("ledger:summary", args=[centre.slug, "lead"])).content.decode()
    assert "Not counted towards co-financing." in page
    assert "This partner is the lead applicant" in page
    assert "not counted towards co-financing</caption>" in page.replace("\n", "")


def test_the_chart_is_an_svg_image_without_script(ledger_a, partner_a_contact):
    response = client_for(partner_a_contact).get(
        reverse("ledger:summary_chart", args=[ledger_a.centre.slug, "partner-a"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    root = ElementTree.fromstring(response.content)  # noqa: S314 - our own chart, not untrusted input
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert not [node for node in root.iter() if node.tag.endswith("script")]
    texts = {node.text for node in root.iter() if node.text}
    assert {"2025", "2026", "Pledged", "Accepted"} <= texts
    # The chart may use its own inline <style>, and nothing else; the page around it keeps the strict policy.
    policy = response["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "style-src 'unsafe-inline'" in policy
    assert "script-src" not in policy


def test_the_summary_page_keeps_the_sites_policy_and_shows_the_chart_as_an_image(ledger_a, partner_a_contact):
    response = client_for(partner_a_contact).get(reverse("ledger:summary", args=[ledger_a.centre.slug, "partner-a"]))
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    chart = reverse("ledger:summary_chart", args=[ledger_a.centre.slug, "partner-a"])
    assert f'<img src="{chart}"' in response.content.decode()


def test_an_empty_summary_has_no_chart(centre, partner_a, partner_a_contact):
    page = client_for(partner_a_contact).get(reverse("ledger:summary", args=[centre.slug, "partner-a"]))
    assert "No pledges or contributions yet." in page.content.decode()
    assert "<img" not in page.content.decode()


def _spread(partnership, count):
    """`count` entries over four years, six kinds and four statuses, with a pledge for each year and kind."""
    kinds = ["organisation", "research", "lab", "education", "lifelong_learning", "cash"]
    statuses = [Status.SUBMITTED, Status.APPROVED, Status.ACCEPTED, Status.DRAFT]
    for number in range(count):
        contribution(partnership, amount=f"{number + 1}.00", kind=kinds[number % 6], status=statuses[number % 4],
                     day=datetime.date(2025 + number % 4, 1 + number % 12, 1))


@pytest.mark.parametrize("url_name", ["ledger:summary", "ledger:summary_chart"])
def test_the_summary_takes_the_same_queries_for_n_and_3n_entries(partner_a, programme_manager, url_name):
    grant_for(partner_a.centre)
    for year in range(2025, 2029):
        pledge(partner_a, year, "lab")
    client = client_for(programme_manager)
    url = reverse(url_name, args=[partner_a.centre.slug, partner_a.short_code])
    _spread(partner_a, 12)
    few = count_queries(client, url)
    _spread(partner_a, 24)
    assert count_queries(client, url) == few
