"""The monitor page: what each role sees, the reference form, the charts and the query count.

The small centre of monitor_support.py at ?as_of=2025-03-31 has the hand-computed figures of
test_monitor_selector.py; the page shows them in English (client_for chooses English).
"""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from civhub.grants.models import ReportSubmission
from civhub.ledger.models import Contribution
from tests.factories import GrantFactory, UserFactory
from tests.grants.monitor_support import small_centre
from tests.partners.factories import client_for, count_queries

HAND = "?as_of=2025-03-31"


@pytest.fixture
def small(centre, partner_a, partner_b):
    return small_centre(centre, partner_a, partner_b)


def _url(centre, query=""):
    return reverse("grants:monitor", args=[centre.slug]) + query


def _page(user, centre, query=HAND):
    response = client_for(user).get(_url(centre, query))
    assert response.status_code == 200
    return response.content.decode()


def test_the_office_sees_every_figure_in_order(small, centre, finance_controller):
    html = _page(finance_controller, centre)
    for figure in ("EUR 100,000", "EUR 56,000", "EUR 112,000", "EUR 57,300", "1.02", "EUR 91,855.92", "0.92",
                   "62%", "456 of 731 days"):
        assert figure in html, figure
    headings = ["Warnings", "How the co-financing counts", "Per year", "Composition", "Per programme line",
                "Per kind of contribution", "Per partner", "Report deadlines",
                "Figures for the annual accounts (model G)"]
    positions = [html.index(f">{heading}</h2>") for heading in headings]
    assert positions == sorted(positions)


def test_the_office_sees_the_warnings_with_a_link_to_the_partner_behind(small, centre, programme_manager):
    html = _page(programme_manager, centre)
    assert ("The counted co-financing (EUR 57,300.00) is EUR 54,700.00 short of the EUR 112,000.00 required for "
            "the subsidy spent so far; it carries EUR 28,650.00 of subsidy, so EUR 27,350.00 of the EUR 56,000.00 "
            "spent is not covered.") in html
    assert "Employers are heading for EUR 75,825.22: EUR 24,164.78 short of their minimum of EUR 99,990.00." in html
    assert ("Zuivel Beta BV has realised EUR 8,000.00, 21.4% of the EUR 37,397.26 due so far under its pledge "
            "(below 75%).") in html
    assert reverse("ledger:summary", args=[centre.slug, "beta"]) in html
    assert ">behind</strong>" in html and "below minimum" in html


def test_the_office_sees_the_partner_table_the_deadlines_and_the_accounts(small, centre, steering_member):
    html = _page(steering_member, centre)
    for text in ("Partner A BV", "Gemeente Partner B", "ROC Delta", "EUR 49,863", "49.1%", "Realised 2025",
                 "Progress report 1", "Final report", "1 Feb 2025", "28 Feb 2026",
                 "EUR 40,000.00", "EUR −5,000.00", "25% at the start, then 5% per quarter"):
        assert text in html, text
    assert "Mark submitted" not in html  # the steering group reads the deadlines


def test_the_steering_group_sees_the_page_without_recording_links(small, centre, steering_member):
    html = _page(steering_member, centre)
    assert "All reports</a>" in html


def test_a_submitted_report_shows_who_and_when(small, centre, finance_controller):
    ReportSubmission.objects.create(grant=small.grant, kind="progress", due_date=date(2025, 2, 1),
                                    submitted_on=date(2025, 1, 28), submitted_by=finance_controller)
    assert "submitted on 28 January 2025 by Finance Controller" in _page(finance_controller, centre)


@pytest.mark.parametrize("persona", ["partner_a_contact", "partner_a_signatory"])
def test_a_partner_sees_only_its_own_line(request, small, centre, persona):
    html = _page(request.getfixturevalue(persona), centre)
    assert "Partner A BV" in html and "EUR 80,000" in html and "EUR 39,300" in html and "49.1%" in html
    for other in ("Gemeente Partner B", "Zuivel Beta", "ROC Delta", "EUR 56,000", "EUR 57,300", "EUR 100,000"):
        assert other not in html, other
    assert "Behind:" not in html


def test_a_partner_behind_sees_its_own_warning(small, centre, partner_b_contact):
    # B is on track; with its entries rejected it is behind.
    Contribution.objects.filter(partnership=small.partner_b).update(status=Contribution.Status.REJECTED)
    html = _page(partner_b_contact, centre)
    assert "Behind:" in html and "Gemeente Partner B" in html
    assert "Partner A BV" not in html and "Zuivel Beta" not in html


@pytest.mark.parametrize("query", ["?as_of=31-31-2025", "?as_of=yesterday&year=1900", "?year=abc",
                                   "?as_of=0000-01-01", "?as_of=2025-02-30"])
def test_bad_values_show_an_error_and_use_the_defaults(small, centre, finance_controller, query):
    response = client_for(finance_controller).get(_url(centre, query))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="form-errors' in html
    assert "EUR 76,000" in html  # today, after the grant's end: all expenditure counts


def test_a_date_outside_the_grant_and_one_year_work(small, centre, finance_controller):
    html = _page(finance_controller, centre, "?as_of=2023-06-01")
    # Before the start only the pledges speak, and they do not reach what the budgeted subsidy requires.
    assert "form-errors" not in html and "Even if every pledge is kept" in html
    one_year = _page(finance_controller, centre, "?as_of=2025-03-31&year=2024")
    assert "year 2024 only" in one_year and "EUR 45,000" in one_year and "Realised 2025" not in one_year
    assert "as_of=2025-03-31&amp;year=2024" in one_year  # the charts take the same reference


def test_the_form_keeps_the_chosen_values(small, centre, finance_controller):
    html = _page(finance_controller, centre, "?as_of=2025-03-31&year=2025")
    assert 'value="2025-03-31"' in html and '<option value="2025" selected>' in html


def test_a_centre_without_a_grant_gets_a_friendly_page(centre, finance_controller):
    response = client_for(finance_controller).get(_url(centre))
    assert response.status_code == 200 and "No grant yet" in response.content.decode()


@pytest.mark.parametrize("chart", ["year-bars", "partners", "ratio"])
def test_charts_are_svg_without_scripts(small, centre, finance_controller, chart):
    response = client_for(finance_controller).get(reverse("grants:monitor_chart", args=[centre.slug, chart]) + HAND)
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    assert b"<script" not in response.content
    assert "style-src 'unsafe-inline'" in response["Content-Security-Policy"]
    assert "script-src" not in response["Content-Security-Policy"]


def test_an_unknown_chart_is_a_404(small, centre, finance_controller):
    url = reverse("grants:monitor_chart", args=[centre.slug, "pie"])
    assert client_for(finance_controller).get(url).status_code == 404


def test_a_partners_chart_never_names_another_partner(small, centre, partner_a_contact):
    url = reverse("grants:monitor_chart", args=[centre.slug, "partners"]) + HAND
    content = client_for(partner_a_contact).get(url).content
    assert b"Partner A BV" in content and b"Zuivel Beta" not in content and b"Gemeente" not in content


def test_the_page_has_no_inline_styles_or_scripts(small, centre, finance_controller):
    html = _page(finance_controller, centre)
    assert "style=" not in html
    assert not re.search(r"<script(?![^>]*\ssrc=)", html)  # scripts come from files (the menu's nav.js), never inline


# Query counts: 10 against 10,000 contributions -------------------------------------------


def _contributions(partnership, count):
    clerk = UserFactory()
    Contribution.objects.bulk_create(
        Contribution(centre=partnership.centre, partnership=partnership, date=date(2024, 1, 1 + number % 28),
                     kind="lab", amount=Decimal("10.00"), description="Bulk", status=Contribution.Status.ACCEPTED,
                     accepted_on=date(2024, 1, 1 + number % 28), entered_by=clerk)
        for number in range(count)
    )


@pytest.mark.parametrize("persona", ["finance_controller", "partner_a_contact"])
def test_the_query_count_does_not_grow_with_the_contributions(request, centre, partner_a, partner_b, persona):
    GrantFactory(centre=centre, start=date(2024, 1, 1), end=date(2025, 12, 31))
    client = client_for(request.getfixturevalue(persona))
    _contributions(partner_a, 10)
    few = count_queries(client, _url(centre, HAND))
    _contributions(partner_a, 9_990)
    _contributions(partner_b, 10)
    assert count_queries(client, _url(centre, HAND)) == few


def test_the_funder_pack_buttons_carry_the_reference(small, centre, finance_controller):
    html = _page(finance_controller, centre, "?as_of=2025-03-31&year=2024")
    for fmt in ("xlsx", "pdf"):
        assert reverse("reports:funder_pack", args=[centre.slug, fmt]) + "?as_of=2025-03-31&amp;year=2024" in html


def test_a_partner_gets_no_funder_pack_buttons(small, centre, partner_a_contact):
    assert reverse("reports:funder_pack", args=[centre.slug, "xlsx"]) not in _page(partner_a_contact, centre)
