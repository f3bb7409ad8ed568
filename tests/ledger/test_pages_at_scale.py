"""The ledger's pages stay bounded as the ledger grows: queues in pages, list totals kept until the ledger changes.

The queues show `PAGE_SIZE` entries a page (made 2 here, so a handful of entries makes pages):
"select all" and the bulk buttons act on the page shown. The contributions list sums its
totals once per state of the centre's records (core/revisions.py) and pages without a COUNT.
"""

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from civhub.ledger.models import Contribution
from civhub.ledger.services import approval
from tests.ledger.entries_helpers import make_entry
from tests.partners.factories import client_for, count_queries

pytestmark = pytest.mark.django_db
Status = Contribution.Status


@pytest.fixture(autouse=True)
def two_a_page(monkeypatch):
    monkeypatch.setattr("civhub.ledger.views.review.PAGE_SIZE", 2)


def url(name, centre, query=""):
    return reverse(f"ledger:{name}", args=[centre.slug]) + query


def shown(response) -> list[int]:
    return [entry.pk for entry in response.context["entries"]]


def test_the_approval_queue_is_paged_and_a_bulk_approval_takes_the_page(centre, partner_a, partner_a_contact,
                                                                        partner_a_signatory):
    entries = [make_entry(partner_a, partner_a_contact, status=Status.SUBMITTED) for _ in range(3)]
    client = client_for(partner_a_signatory)
    first, second = client.get(url("approvals", centre)), client.get(url("approvals", centre, "?page=2"))
    assert shown(first) == [entries[0].pk, entries[1].pk] and shown(second) == [entries[2].pk]
    assert 'rel="next"' in first.content.decode() and "Page 1 of 2" in first.content.decode()
    # "Select all" ticks the page's checkboxes: what is posted is the page, and the rest keeps waiting.
    response = client.post(url("approvals", centre, "?page=1"),
                           {"entries": shown(first), "action": "approve"})
    assert response["Location"] == url("approvals", centre, "?page=1")
    assert [Contribution.objects.get(pk=e.pk).status for e in entries] == [Status.APPROVED] * 2 + [Status.SUBMITTED]


def test_the_review_queue_is_paged_in_the_chosen_order(centre, partner_a, partner_a_contact, finance_controller):
    amounts = ["3", "9", "1"]
    entries = [make_entry(partner_a, partner_a_contact, status=Status.APPROVED, hours=Decimal(hours))
               for hours in amounts]
    client = client_for(finance_controller)
    by_value = [client.get(url("reviews", centre, f"?sort=-value&page={number}")) for number in (1, 2)]
    assert shown(by_value[0]) == [entries[1].pk, entries[0].pk] and shown(by_value[1]) == [entries[2].pk]
    client.post(url("reviews", centre, "?sort=-value&page=1"), {"entries": shown(by_value[0]), "action": "accept"})
    assert Contribution.objects.filter(status=Status.ACCEPTED).count() == 2


@pytest.mark.parametrize("queue", ["approvals", "reviews"])
def test_a_queue_page_takes_the_same_queries_for_n_and_3n_entries(centre, partner_a, partner_a_contact,
                                                                  partner_a_signatory, finance_controller, queue):
    status, viewer = ((Status.SUBMITTED, partner_a_signatory) if queue == "approvals"
                      else (Status.APPROVED, finance_controller))
    client = client_for(viewer)
    for _ in range(3):
        make_entry(partner_a, partner_a_contact, status=status)
    few = count_queries(client, url(queue, centre))
    for _ in range(6):
        make_entry(partner_a, partner_a_contact, status=status)
    assert count_queries(client, url(queue, centre)) == few
    assert count_queries(client, url(queue, centre, "?page=3&sort=value")) == few


def _list_queries(client, centre) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url("contributions", centre))
    assert response.status_code == 200
    return [query["sql"] for query in queries.captured_queries]


def test_the_list_sums_its_totals_once_until_the_ledger_changes(centre, partner_a, partner_a_contact,
                                                                 finance_controller):
    entry = make_entry(partner_a, partner_a_contact, status=Status.APPROVED)
    client = client_for(finance_controller)
    first = _list_queries(client, centre)
    assert sum("GROUP BY" in sql for sql in first) == 1
    assert not any("GROUP BY" in sql for sql in _list_queries(client, centre))  # kept
    approval.accept_contribution(entry=entry, actor=finance_controller)  # another person approved it
    again = client.get(url("contributions", centre))
    totals = {total.status: total for total in again.context["totals"]}
    assert (totals["accepted"].count, totals["approved"].count) == (1, 0)
    assert totals["accepted"].amount == entry.amount


def test_the_list_pages_without_counting_the_ledger_again(centre, partner_a, partner_a_contact, finance_controller):
    for _ in range(3):
        make_entry(partner_a, partner_a_contact, status=Status.SUBMITTED)
    client = client_for(finance_controller)
    queries = _list_queries(client, centre)
    # The only COUNT is the totals' GROUP BY (and the queue buttons' counts of one status each).
    assert not any(sql.startswith("SELECT COUNT(*)") and "status" not in sql for sql in queries)
    cache.clear()  # the list's body is kept rendered: render it afresh to see its pager
    assert client.get(url("contributions", centre)).context["page_obj"].paginator.count == 3


@pytest.mark.parametrize("sort", ["", "?sort=value", "?sort=-partner"])
def test_a_deep_page_shows_the_rows_that_offset_would_in_a_constant_number_of_queries(
        centre, partner_a, partner_b, partner_a_contact, partner_b_contact, finance_controller, monkeypatch, sort):
    """Read from the nearer end, and by keys first past `DEEP` rows (made 2 here): page for page the plain order."""
    monkeypatch.setattr("civhub.ledger.views.entries.PAGE_SIZE", 2)
    monkeypatch.setattr("civhub.core.pagination.DEEP", 2)
    for number in range(11):
        partner, person = (partner_a, partner_a_contact) if number % 3 else (partner_b, partner_b_contact)
        make_entry(partner, person, hours=Decimal(1 + number % 4))
    client = client_for(finance_controller)
    pages = [client.get(url("contributions", centre, f"{sort or '?'}&page={number}")) for number in range(1, 7)]
    plain = list(pages[0].context["page_obj"].paginator.object_list.values_list("pk", flat=True))
    assert [pk for page in pages for pk in (entry.pk for entry in page.context["page_obj"])] == plain
    counts = {count_queries(client, url("contributions", centre, f"{sort or '?'}&page={n}")) for n in (3, 4)}
    assert len(counts) == 1  # a deep page from the start (3) and from the end (4) read the same way
