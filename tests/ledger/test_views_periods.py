"""Closed periods through the web: the office sees them, the finance controller closes and reopens with a reason."""

import pytest
from django.urls import reverse

from civhub.ledger.models import Contribution, PeriodLock
from civhub.ledger.services.periods import close_period
from tests.ledger.entries_helpers import make_entry, with_grant
from tests.partners.factories import client_for, count_queries

pytestmark = pytest.mark.django_db
Status = Contribution.Status


def url(name, centre, *args):
    return reverse(f"ledger:{name}", args=[centre.slug, *args])


def messages_of(response) -> list[str]:
    return [str(message) for message in response.wsgi_request._messages]


def test_the_finance_controller_closes_a_quarter_after_reading_what_it_means(centre, finance_controller):
    with_grant(centre)
    client = client_for(finance_controller)
    page = client.get(url("period_close", centre))
    assert "takes no new contributions" in page.content.decode()
    assert list(page.context["form"].fields["year"].choices) == [(y, str(y)) for y in (2025, 2026, 2027, 2028)]
    assert not PeriodLock.objects.exists()  # the GET only asks
    response = client.post(url("period_close", centre), {"span": "quarter", "year": "2025", "quarter": "2"})
    assert response["Location"] == url("periods", centre)
    lock = PeriodLock.objects.get()
    assert (str(lock.starts_on), str(lock.ends_on), lock.closed_by) == ("2025-04-01", "2025-06-30",
                                                                          finance_controller)
    assert "Q2 2025" in client.get(url("periods", centre)).content.decode()


def test_closing_a_year_ignores_the_quarter_and_a_quarter_needs_one(centre, finance_controller):
    with_grant(centre)
    client = client_for(finance_controller)
    response = client.post(url("period_close", centre), {"span": "quarter", "year": "2025", "quarter": ""})
    assert response.status_code == 400 and "Choose the quarter to close." in response.content.decode()
    client.post(url("period_close", centre), {"span": "year", "year": "2026", "quarter": "3"})
    lock = PeriodLock.objects.get()
    assert (str(lock.starts_on), str(lock.ends_on)) == ("2026-01-01", "2026-12-31")


def test_closing_a_closed_period_again_is_a_message(centre, finance_controller):
    with_grant(centre)
    close_period(centre=centre, actor=finance_controller, span="year", year=2025)
    response = client_for(finance_controller).post(url("period_close", centre), {"span": "year", "year": "2025"})
    assert messages_of(response) == ["This period is already closed."]
    assert PeriodLock.objects.count() == 1


def test_the_rest_of_the_office_sees_the_periods_but_does_not_close_them(centre, finance_controller,
                                                                         programme_manager):
    with_grant(centre)
    close_period(centre=centre, actor=finance_controller, span="year", year=2025)
    client = client_for(programme_manager)
    page = client.get(url("periods", centre))
    assert page.status_code == 200 and "2025" in page.content.decode()
    assert not page.context["may_close"]
    assert client.post(url("period_close", centre), {"span": "year", "year": "2026"}).status_code == 403
    lock = PeriodLock.objects.get()
    assert client.post(url("period_reopen", centre, lock.pk), {"reason": "Graag"}).status_code == 403
    assert lock.is_closed


def test_a_closed_period_refuses_new_entries_and_edits_until_reopened(centre, partner_a, partner_a_contact,
                                                                       finance_controller):
    draft = make_entry(partner_a, partner_a_contact)  # 2 June 2025
    lock = close_period(centre=centre, actor=finance_controller, span="quarter", year=2025, quarter=2)
    contact = client_for(partner_a_contact)
    form = {"date": "2025-05-12", "kind": "lab", "amount": "200", "description": "Labgebruik", "action": "draft"}
    response = contact.post(url("contribution_new", centre), form)
    assert response.status_code == 400 and "is closed" in response.content.decode()
    response = contact.post(url("contribution_submit", centre, draft.pk))
    assert "is closed" in messages_of(response)[0]
    assert Contribution.objects.count() == 1 and draft.status == Status.DRAFT

    controller = client_for(finance_controller)
    response = controller.post(url("period_reopen", centre, lock.pk), {"reason": ""})
    assert response.status_code == 400 and "Give a reason." in response.content.decode()
    controller.post(url("period_reopen", centre, lock.pk), {"reason": "Correctie na controle accountant."})
    lock.refresh_from_db()
    assert not lock.is_closed and lock.reopened_by == finance_controller
    page = controller.get(url("periods", centre)).content.decode()
    assert "Correctie na controle accountant." in page and "reopened" in page
    assert contact.post(url("contribution_new", centre), form).status_code == 302


def test_reopening_an_open_period_is_a_message(centre, finance_controller):
    with_grant(centre)
    lock = close_period(centre=centre, actor=finance_controller, span="year", year=2025)
    client = client_for(finance_controller)
    client.post(url("period_reopen", centre, lock.pk), {"reason": "Eerste keer"})
    response = client.get(url("period_reopen", centre, lock.pk))
    assert response.status_code == 302 and messages_of(response)[-1] == "This period is already open."


def test_the_period_list_takes_the_same_number_of_queries_for_n_and_3n(centre, finance_controller):
    with_grant(centre)
    client = client_for(finance_controller)
    for quarter in (1, 2):
        close_period(centre=centre, actor=finance_controller, span="quarter", year=2025, quarter=quarter)
    few = count_queries(client, url("periods", centre))
    for year in (2026, 2027):
        for quarter in (1, 2):
            close_period(centre=centre, actor=finance_controller, span="quarter", year=year, quarter=quarter)
    assert count_queries(client, url("periods", centre)) == few
