"""The HCA beyond its own page, on screen: the office dashboard's card and the public page "De arbeidsmarkt voor
analisten". Both show only published cells (at least 3 answering partners) and keep a constant number of
queries as partners, occupations and rounds grow."""

from decimal import Decimal

import pytest
from django.urls import reverse

from civhub.hca.models import WorkforceAnswer
from civhub.hca.selectors.forecast import round_forecast
from civhub.hca.selectors.summary import headline, public_picture
from tests.hca.outputs_data import SUPPRESSED_TEXT, assert_hides_the_suppressed_cell, build_labour_market, grow
from tests.partners.factories import client_for, count_queries

pytestmark = pytest.mark.django_db

def test_the_selectors_suppress_the_two_partner_cell_the_office_sees(centre):
    market = build_labour_market(centre)
    office = {f.occupation.name: f for f in round_forecast(market.newest)}
    assert office["analist mbo-4"].answering == 2 and office["analist mbo-4"].persons == 5001  # the office's view

    shown = {cell.occupation: cell for cell in headline(centre).round.cells}
    assert not shown["analist mbo-4"].published and shown["analist mbo-4"].employment is None
    assert shown["analist mbo-4"].ita is None and shown["analist mbo-4"].typology == ""
    # laborant: 3 × (16 − 10) = 18 expansion; 3 × 6/7 + 0.03 × 30 × 6 = 7.97 replacement; 26 openings; supply 6.
    laborant = shown["laborant mbo-3"]
    assert (laborant.employment, laborant.expansion, laborant.replacement, laborant.openings, laborant.supply) == (
        Decimal(30), Decimal(18), Decimal(8), Decimal(26), Decimal(6))
    assert (laborant.ita, laborant.typology) == (Decimal("0.23"), "zeer goed")


def test_the_dashboard_card_shows_the_newest_round_its_response_and_the_tightest_occupations(centre,
                                                                                            programme_manager):
    market = build_labour_market(centre)
    page = client_for(programme_manager).get(reverse("office:dashboard", args=[centre.slug])).content.decode()

    assert "Labour market (HCA)" in page  # client_for asks for English
    year = market.newest.reference_date.year
    assert f'3 / 3</span> <span class="muted">employer partners answered the {year} survey' in page
    assert "procesoperator: ITA 0.00 (very good)" in page and "laborant mbo-3: ITA 0.23 (very good)" in page
    assert "analist mbo-4" not in page  # not among the tightest: it is not published
    assert "1 occupation not published (fewer than 3 partners answered)." in page
    assert reverse("hca:report_pdf", args=[centre.slug]) in page
    assert f'href="{reverse("hca:overview", args=[centre.slug])}"' in page
    assert_hides_the_suppressed_cell(page)


def test_the_dashboard_card_before_any_round(centre, programme_manager):
    page = client_for(programme_manager).get(reverse("office:dashboard", args=[centre.slug])).content.decode()
    assert "No survey round yet." in page
    assert reverse("hca:report_pdf", args=[centre.slug]) not in page


def test_the_dashboard_keeps_its_queries_as_partners_occupations_and_rounds_grow(centre, programme_manager):
    market = build_labour_market(centre)
    client = client_for(programme_manager)
    url = reverse("office:dashboard", args=[centre.slug])
    first = count_queries(client, url)
    grow(market)
    assert count_queries(client, url) == first
    assert len(headline(centre).round.published) == 6


def public_page(client, centre) -> str:
    return client.get(reverse("hca:public", args=[centre.slug])).content.decode()


def test_the_public_page_shows_the_aggregate_picture_to_anyone(client, centre):
    market = build_labour_market(centre)
    page = public_page(client, centre)

    assert "<h1>De arbeidsmarkt voor analisten</h1>" in page
    assert "illustratief" in page  # the newest round is illustrative
    assert '<th scope="row">laborant mbo-3</th>' in page
    assert '<td class="num">26</td><td class="num">6</td>' in page  # openings against supply
    assert "zeer goed" in page and "0,23" in page
    assert SUPPRESSED_TEXT in page
    assert 'src="data:image/svg+xml;base64,' in page and 'alt="Staafdiagram' in page
    # The trend over both rounds, and the skill with a published gap.
    assert f"<th scope=\"col\">{market.older.reference_date.year}" in page
    assert "Pipetteren" in page
    assert_hides_the_suppressed_cell(page)


def test_the_public_page_in_english(client, centre):
    build_labour_market(centre)
    client.cookies["django_language"] = "en"
    page = public_page(client, centre)
    assert "<h1>The labour market for analysts</h1>" in page
    assert "fewer than 3 partners: not published" in page and "very good" in page


def test_the_public_page_before_any_round_says_so(client, centre):
    assert "Er zijn nog geen cijfers gepubliceerd." in public_page(client, centre)


def test_the_public_centre_page_links_to_it(client, centre):
    page = client.get(reverse("public:centre", args=[centre.slug])).content.decode()
    assert reverse("hca:public", args=[centre.slug]) in page and "De arbeidsmarkt voor analisten" in page


def test_the_public_page_keeps_its_queries_as_partners_occupations_and_rounds_grow(client, centre):
    market = build_labour_market(centre)
    url = reverse("hca:public", args=[centre.slug])
    first = count_queries(client, url)
    grow(market)
    assert count_queries(client, url) == first
    assert len(public_picture(centre).rounds) == 5


def test_a_round_where_every_cell_is_suppressed_shows_no_chart_and_no_figures(client, centre):
    market = build_labour_market(centre)
    WorkforceAnswer.objects.filter(survey_round=market.newest, partnership=market.employers[2]).delete()
    page = public_page(client, centre)
    assert "data:image/svg+xml" not in page
    assert page.count(SUPPRESSED_TEXT) == 3
