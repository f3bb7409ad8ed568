"""The office's pledge and rate pages: the happy paths, the refusals, and flat query counts."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from civhub.ledger.models import Contribution, Pledge, RateCard
from tests.factories import PartnershipFactory
from tests.ledger.office_support import contribution, grant_for, pledge, rate_card
from tests.partners.factories import client_for, count_queries

pytestmark = pytest.mark.django_db


def url(name, centre, *args):
    return reverse(f"ledger:{name}", args=[centre.slug, *args])


def form_errors(response) -> str:
    """Every error of the page's form, as one text (unescaped, unlike the page)."""
    return " ".join(str(error) for errors in response.context["form"].errors.values() for error in errors)


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


# Pledges ----------------------------------------------------------------------------------


def test_the_pledge_table_shows_each_partner_per_year_and_kind(centre, partner_a, partner_b, programme_manager):
    pledge(partner_a, 2025, "lab", "25000.00")
    pledge(partner_a, 2026, "cash", "1000.00")
    pledge(partner_b, 2025, "lab", "500.00")
    response = client_for(programme_manager).get(url("pledges", centre))
    table = response.context["table"]
    assert table.years == [2025, 2026, 2027, 2028]
    a = next(row for row in table.partners if row.partnership == partner_a)
    assert [year.total for year in a.years] == [Decimal("25000"), Decimal("1000"), 0, 0]
    assert a.total == Decimal("26000")
    assert table.total == Decimal("26500")
    lab = [column.code for column in table.columns].index("lab")
    assert table.kind_totals[lab] == Decimal("25500")
    page = response.content.decode()
    assert "EUR 25,000" in page and "EUR 26,500" in page
    assert url("pledge_new", centre) + "?partner=partner-a&amp;year=2027&amp;kind=lab" in page


def test_the_pledge_table_sorts_by_partner_or_total(centre, partner_a, partner_b, programme_manager):
    pledge(partner_a, 2025, "lab", "25000.00")
    pledge(partner_b, 2025, "lab", "500.00")
    client = client_for(programme_manager)

    def partners(**query):
        response = client.get(url("pledges", centre), query)
        return [row.partnership for row in response.context["table"].partners], response.content.decode()

    order, page = partners()
    assert order == [partner_b, partner_a]  # by name, as before: Gemeente Partner B, Partner A BV
    assert 'aria-sort="ascending"><a class="sort-link" href="?sort=-partner">Partner' in page
    order, page = partners(sort="-total")
    assert order == [partner_a, partner_b]
    assert '<th scope="col" class="num" aria-sort="descending"><a class="sort-link" href="?sort=total">Total' in page
    assert partners(sort="total")[0] == [partner_b, partner_a]
    assert partners(sort="-partner")[0] == [partner_a, partner_b]


def test_the_centre_admin_reads_pledges_without_links_to_change_them(centre, partner_a, centre_admin):
    existing = pledge(partner_a)
    page = client_for(centre_admin).get(url("pledges", centre)).content.decode()
    assert "EUR 10,000" in page
    assert url("pledge_edit", centre, existing.pk) not in page and url("pledge_new", centre) not in page


def test_adding_a_pledge(centre, partner_a, finance_controller):
    grant_for(centre)
    client = client_for(finance_controller)
    form = client.get(url("pledge_new", centre) + "?partner=partner-a&year=2026&kind=education")
    assert form.context["form"].initial == {"partnership": "partner-a", "year": "2026", "kind": "education"}
    response = client.post(url("pledge_new", centre), {"partnership": "partner-a", "year": "2026",
                                                         "kind": "education", "amount": "25.000,50"}, follow=True)
    assert response.redirect_chain[-1][0] == url("pledges", centre) + "#partner-partner-a"
    assert "The pledge of Partner A BV has been saved." in messages_of(response)
    created = Pledge.objects.get()
    assert (created.partnership, created.year, created.kind, created.amount) == (
        partner_a, 2026, "education", Decimal("25000.50"))


@pytest.mark.parametrize(("data", "error"), [
    ({"year": "2024"}, "Choose a year of the grant."),
    ({"amount": "-5"}, "A pledge is EUR 0 or more."),
    ({"amount": "12,345"}, "A pledge has at most two decimals"),
    ({"amount": "lots"}, "Give an amount such as 25000,00."),
    ({"partnership": "other-partner"}, "Choose one of the centre's partners."),
])
def test_a_wrong_pledge_comes_back_with_the_error(centre, partner_a, other_partner, programme_manager, data, error):
    grant_for(centre)
    post = {"partnership": "partner-a", "year": "2025", "kind": "lab", "amount": "100", **data}
    response = client_for(programme_manager).post(url("pledge_new", centre), post)
    assert response.status_code == 400
    assert error in form_errors(response)
    assert not Pledge.objects.exists()


def test_a_duplicate_pledge_shows_the_services_reason(centre, partner_a, programme_manager):
    pledge(partner_a, 2025, "lab")
    response = client_for(programme_manager).post(url("pledge_new", centre), {
        "partnership": "partner-a", "year": "2025", "kind": "lab", "amount": "1"})
    assert response.status_code == 400
    assert "Partner A BV already has a pledge for 2025 of this kind" in response.content.decode()
    assert Pledge.objects.count() == 1


def test_changing_a_pledge(centre, partner_a, programme_manager):
    existing = pledge(partner_a, amount="100.00")
    client = client_for(programme_manager)
    assert client.get(url("pledge_edit", centre, existing.pk)).context["form"].initial["amount"] == Decimal("100.00")
    response = client.post(url("pledge_edit", centre, existing.pk), {"year": "2025", "kind": "lab", "amount": "150"})
    assert response.status_code == 302
    existing.refresh_from_db()
    assert existing.amount == Decimal("150.00")


def test_removing_a_pledge_asks_first(centre, partner_a, programme_manager):
    existing = pledge(partner_a)
    client = client_for(programme_manager)
    confirm = client.get(url("pledge_delete", centre, existing.pk))
    assert "Remove this pledge?" in confirm.content.decode() and Pledge.objects.exists()
    response = client.post(url("pledge_delete", centre, existing.pk), follow=True)
    assert "The pledge has been removed." in messages_of(response)
    assert not Pledge.objects.exists()


def test_the_centre_admin_cannot_post_a_pledge(centre, partner_a, centre_admin):
    grant_for(centre)
    response = client_for(centre_admin).post(url("pledge_new", centre), {
        "partnership": "partner-a", "year": "2025", "kind": "lab", "amount": "1"})
    assert response.status_code == 403
    assert not Pledge.objects.exists()


def test_another_centres_pledge_is_404_and_stays(centre, other_partner, programme_manager):
    foreign = pledge(other_partner)
    assert client_for(programme_manager).post(url("pledge_delete", centre, foreign.pk)).status_code == 404
    assert Pledge.objects.filter(pk=foreign.pk).exists()


# Rate cards -------------------------------------------------------------------------------


def test_the_rate_table_shows_validity_and_use(centre, partner_a, programme_manager):
    first = rate_card(partner_a, valid_from=datetime.date(2025, 1, 1))
    second = rate_card(partner_a, rate="90.00", valid_from=datetime.date(2026, 1, 1))
    contribution(partner_a, category="analyst", hours="1", amount="85.00", day=datetime.date(2025, 6, 1))
    response = client_for(programme_manager).get(url("rates", centre))
    cards = {card.pk: card for card in response.context["cards"]}
    assert cards[first.pk].valid_until == datetime.date(2025, 12, 31) and cards[first.pk].in_use
    assert cards[second.pk].valid_until is None and not cards[second.pk].in_use
    page = response.content.decode()
    assert url("rate_edit", centre, second.pk) in page
    assert url("rate_edit", centre, first.pk) not in page  # in use: fixed
    assert "fixed: add a new rate from a later date" in page


def test_a_fixed_hourly_rate_is_announced(centre, programme_manager):
    grant_for(centre, fixed_hourly_rate=Decimal("73.00"))
    page = client_for(programme_manager).get(url("rates", centre)).content.decode()
    assert "fixed rate of EUR 73.00" in page


def test_adding_changing_and_removing_a_rate(centre, partner_a, programme_manager):
    client = client_for(programme_manager)
    response = client.post(url("rate_new", centre), {"partnership": "partner-a", "category": "lab-technician",
                                                       "hourly_rate": "72,50", "valid_from": "2025-02-01"})
    assert response.status_code == 302 and response["Location"].endswith("#partner-partner-a")
    card = RateCard.objects.get()
    assert (card.category, card.hourly_rate, card.valid_from) == (
        "lab-technician", Decimal("72.50"), datetime.date(2025, 2, 1))
    client.post(url("rate_edit", centre, card.pk), {"category": "lab-technician", "hourly_rate": "75",
                                                     "valid_from": "2025-02-01"})
    card.refresh_from_db()
    assert card.hourly_rate == Decimal("75.00")
    assert "Remove this rate?" in client.get(url("rate_delete", centre, card.pk)).content.decode()
    client.post(url("rate_delete", centre, card.pk))
    assert not RateCard.objects.exists()


@pytest.mark.parametrize(("data", "error"), [
    ({"hourly_rate": "0"}, "An hourly rate is more than EUR 0 and at most EUR 500."),
    ({"hourly_rate": "500,01"}, "An hourly rate is more than EUR 0 and at most EUR 500."),
    ({"category": "Senior Analyst"}, "Use letters, digits, hyphens and underscores only"),
    ({"valid_from": "someday"}, "Give a date such as 2025-01-01."),
])
def test_a_wrong_rate_comes_back_with_the_error(centre, partner_a, programme_manager, data, error):
    post = {"partnership": "partner-a", "category": "analyst", "hourly_rate": "85", "valid_from": "2025-01-01",
            **data}
    response = client_for(programme_manager).post(url("rate_new", centre), post)
    assert response.status_code == 400
    assert error in form_errors(response)
    assert not RateCard.objects.exists()


def test_removing_a_rate_in_use_is_refused_with_the_reason(centre, partner_a, finance_controller):
    card = rate_card(partner_a)
    contribution(partner_a, category="analyst", hours="2", amount="170.00", status=Contribution.Status.ACCEPTED)
    response = client_for(finance_controller).post(url("rate_delete", centre, card.pk), follow=True)
    assert response.redirect_chain[-1][0] == url("rates", centre) + "#partner-partner-a"
    assert any("accepted entries were valued at it" in message for message in messages_of(response))
    assert RateCard.objects.filter(pk=card.pk).exists()


def test_changing_a_rate_in_use_is_refused(centre, partner_a, finance_controller):
    card = rate_card(partner_a)
    contribution(partner_a, category="analyst", hours="2", amount="170.00", status=Contribution.Status.ACCEPTED)
    response = client_for(finance_controller).post(url("rate_edit", centre, card.pk), {
        "category": "analyst", "hourly_rate": "99", "valid_from": "2025-01-01"})
    assert response.status_code == 400
    assert "Add a new rate from a later date instead." in response.content.decode()


# Query counts -----------------------------------------------------------------------------


def _partners_with_pledges_and_rates(centre, count):
    for _number in range(count):
        partnership = PartnershipFactory(centre=centre)
        pledge(partnership, 2025, "lab")
        pledge(partnership, 2026, "cash")
        rate_card(partnership)
        rate_card(partnership, category="engineer", valid_from=datetime.date(2026, 1, 1))


@pytest.mark.parametrize(("page", "order"), [("pledges", ""), ("pledges", "?sort=-total"), ("rates", "")])
def test_the_lists_take_the_same_queries_for_n_and_3n_partners(centre, programme_manager, page, order):
    grant_for(centre)
    client = client_for(programme_manager)
    _partners_with_pledges_and_rates(centre, 3)
    few = count_queries(client, url(page, centre) + order)
    _partners_with_pledges_and_rates(centre, 6)
    assert count_queries(client, url(page, centre) + order) == few
