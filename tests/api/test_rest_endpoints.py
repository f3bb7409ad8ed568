"""v1 partners, contacts, pledges, rate cards and contributions: each person sees what the pages show them.

Partner B never sees partner A's contributions, rates, pledges or contacts through any endpoint (a 404 on a
detail); contributions are recorded as drafts and submitted through the ledger's services; lists take the same
number of queries whatever their length.
"""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from civhub.core.models import AuditEvent
from civhub.ledger.models import Contribution, Pledge, StatusEvent
from tests.api.support import token_client, v1
from tests.factories import ContactFactory
from tests.ledger.builders import entry, grant, rate

Status = Contribution.Status


@pytest.fixture
def ledger_of_a_and_b(centre, partner_a, partner_b, partner_a_contact, partner_b_contact):
    """Both partners with an entry, a rate card and a pledge each."""
    grant(centre)
    made = {}
    for name, partnership, person in (("a", partner_a, partner_a_contact), ("b", partner_b, partner_b_contact)):
        made[name] = {
            "contribution": entry(partnership, person, status=Status.SUBMITTED),
            "rate-cards": rate(partnership, "docent", "55.00", date(2024, 1, 1)),
            "pledges": Pledge.objects.create(partnership=partnership, year=2025, kind="lab", amount=Decimal("1000")),
            "contacts": ContactFactory(partnership=partnership),
        }
        made[name]["contributions"] = made[name].pop("contribution")
    return made


RESOURCES = ["contributions", "rate-cards", "pledges", "contacts"]


@pytest.mark.parametrize("resource", RESOURCES)
def test_partner_b_never_sees_partner_a(ledger_of_a_and_b, partner_b_contact, partner_a, centre, resource):
    client = token_client(partner_b_contact)
    listed = client.get(v1(resource, centre), {"page_size": 100}).json()["results"]
    assert {row["partner"] for row in listed} == {"partner-b"}
    assert client.get(v1(resource, centre, ledger_of_a_and_b["a"][resource].pk)).status_code == 404
    assert client.get(v1(resource, centre, ledger_of_a_and_b["b"][resource].pk)).status_code == 200
    filtered = client.get(v1(resource, centre), {"partner": "partner-a"}).json()
    assert filtered["count"] == 0


def test_partner_b_does_not_see_partner_a_in_the_partner_list(ledger_of_a_and_b, partner_b_contact, partner_a,
                                                               centre):
    client = token_client(partner_b_contact)
    assert [row["short_code"] for row in client.get(v1("partners", centre)).json()["results"]] == ["partner-b"]
    assert client.get(v1("partners", centre, partner_a.pk)).status_code == 404


@pytest.mark.parametrize("resource", RESOURCES)
def test_the_office_sees_every_partner(ledger_of_a_and_b, finance_controller, centre, resource):
    listed = token_client(finance_controller).get(v1(resource, centre), {"page_size": 100}).json()["results"]
    assert {"partner-a", "partner-b"} <= {row["partner"] for row in listed}


def test_partner_b_cannot_submit_partner_as_entry(ledger_of_a_and_b, partner_b_contact, partner_a_contact, centre):
    draft = entry(ledger_of_a_and_b["a"]["contributions"].partnership, partner_a_contact, status=Status.DRAFT)
    response = token_client(partner_b_contact).post(v1("contributions", centre, draft.pk, "submit"))
    assert response.status_code == 404
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


# Contributions: filters, create, submit ----------------------------------------------------------------------------


def test_contributions_filter_by_date_and_status(centre, partner_a, partner_a_contact, programme_manager):
    grant(centre)
    for day, status in ((date(2025, 1, 10), Status.DRAFT), (date(2025, 2, 10), Status.SUBMITTED),
                        (date(2025, 3, 10), Status.ACCEPTED), (date(2025, 4, 10), Status.SUBMITTED)):
        entry(partner_a, partner_a_contact, status=status, day=day)
    client = token_client(programme_manager)

    def dates(**params):
        return [row["date"] for row in client.get(v1("contributions", centre), params).json()["results"]]

    assert dates() == ["2025-04-10", "2025-03-10", "2025-02-10", "2025-01-10"]  # newest first
    assert dates(**{"from": "2025-02-10", "to": "2025-03-10"}) == ["2025-03-10", "2025-02-10"]
    assert dates(status="submitted") == ["2025-04-10", "2025-02-10"]
    assert dates(status="submitted", to="2025-03-31") == ["2025-02-10"]
    bad = client.get(v1("contributions", centre), {"from": "10-02-2025", "status": "paid"})
    assert bad.status_code == 400 and set(bad.json()["errors"]) == {"from", "status"}


def test_rate_cards_show_until_when_they_hold(centre, partner_a, programme_manager):
    grant(centre)
    rate(partner_a, "docent", "50.00", date(2024, 1, 1))
    rate(partner_a, "docent", "55.00", date(2025, 1, 1))
    rows = token_client(programme_manager).get(v1("rate-cards", centre)).json()["results"]
    assert [(row["hourly_rate"], row["valid_from"], row["valid_until"]) for row in rows] == [
        ("50.00", "2024-01-01", "2024-12-31"), ("55.00", "2025-01-01", None)]
    later = token_client(programme_manager).get(v1("rate-cards", centre), {"from": "2024-06-01"}).json()
    assert [row["hourly_rate"] for row in later["results"]] == ["55.00"]


def test_a_partner_records_hours_as_a_draft_valued_at_its_rate(centre, partner_a, partner_a_contact):
    grant(centre)
    rate(partner_a, "docent", "60.00", date(2024, 1, 1))
    day = timezone.localdate() - timedelta(days=1)
    response = token_client(partner_a_contact).post(v1("contributions", centre), {
        "date": day.isoformat(), "kind": "education", "category": "docent", "hours": "7.5",
        "description": "Lessen ontwikkeld", "programme_line": 2, "extern_id": "ERP-77"},
        content_type="application/json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "draft" and body["partner"] == "partner-a" and body["programme_line"] == 2
    assert (body["hours"], body["hourly_rate"], body["amount"]) == ("7.50", "60.00", "450.00")
    made = Contribution.objects.get(pk=body["id"])
    assert made.entered_by == partner_a_contact and made.extern_id == "ERP-77"
    assert AuditEvent.objects.filter(action="contribution_created", target_id=str(made.pk)).exists()
    again = token_client(partner_a_contact).post(v1("contributions", centre), {
        "date": day.isoformat(), "kind": "lab", "amount": "10", "description": "x", "extern_id": "ERP-77"},
        content_type="application/json")
    assert again.status_code == 400 and "extern_id" in again.json()["errors"]


def test_the_programme_line_is_named_by_its_number_in_the_centre(centre, other_centre, partner_a, partner_a_contact):
    grant(centre)
    grant(other_centre, lines=5)
    response = token_client(partner_a_contact).post(v1("contributions", centre), {
        "date": "2025-01-10", "kind": "lab", "amount": "10", "description": "x", "programme_line": 5},
        content_type="application/json")
    assert response.status_code == 400 and "programme_line" in response.json()["errors"]


def test_the_office_may_not_record_for_a_partner(centre, partner_a, programme_manager):
    grant(centre)
    response = token_client(programme_manager).post(v1("contributions", centre), {
        "date": "2025-01-10", "kind": "lab", "amount": "10", "description": "x", "partner": "partner-a"},
        content_type="application/json")
    assert response.status_code == 403
    assert not Contribution.objects.exists()


def test_a_partner_names_only_its_own_organisation(centre, partner_a, partner_b, partner_a_contact):
    grant(centre)
    response = token_client(partner_a_contact).post(v1("contributions", centre), {
        "date": "2025-01-10", "kind": "lab", "amount": "10", "description": "x", "partner": "partner-b"},
        content_type="application/json")
    assert response.status_code == 400 and "partner" in response.json()["errors"]
    assert not Contribution.objects.exists()


def test_submit_sends_a_draft_to_the_signatory(centre, partner_a, partner_a_contact, partner_a_signatory):
    grant(centre)
    draft = entry(partner_a, partner_a_contact, status=Status.DRAFT, day=timezone.localdate() - timedelta(days=2))
    client = token_client(partner_a_contact)
    response = client.post(v1("contributions", centre, draft.pk, "submit"))
    assert response.status_code == 200 and response.json()["status"] == "submitted"
    assert StatusEvent.objects.filter(contribution=draft, action="submitted", actor=partner_a_contact).exists()
    twice = client.post(v1("contributions", centre, draft.pk, "submit"), headers={"Accept-Language": "en"})
    assert twice.status_code == 422 and "can no longer be changed" in twice.json()["detail"]


def test_the_office_sees_an_entry_but_does_not_submit_it(centre, partner_a, partner_a_contact, programme_manager):
    grant(centre)
    draft = entry(partner_a, partner_a_contact, status=Status.DRAFT)
    client = token_client(programme_manager)
    assert client.get(v1("contributions", centre, draft.pk)).status_code == 200
    assert client.post(v1("contributions", centre, draft.pk, "submit")).status_code == 403
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_there_is_no_endpoint_for_the_two_keys(centre, partner_a, partner_a_contact, partner_a_signatory):
    grant(centre)
    submitted = entry(partner_a, partner_a_contact, status=Status.SUBMITTED)
    client = token_client(partner_a_signatory)
    assert client.post(v1("contributions", centre, submitted.pk) + "approve/").status_code == 404
    assert client.patch(v1("contributions", centre, submitted.pk), {"status": "approved"},
                        content_type="application/json").status_code == 405


# Query counts ------------------------------------------------------------------------------------------------------


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, {"page_size": 100}).status_code == 200
    return len(queries.captured_queries)


def _more_rows(centre, partner_a, person, n):
    for number in range(n):
        entry(partner_a, person, status=Status.SUBMITTED, day=date(2025, 1, 1) + timedelta(days=number))
        rate(partner_a, f"cat-{Contribution.objects.count()}", "40.00", date(2024, 1, 1))
        Pledge.objects.create(partnership=partner_a, year=2000 + Pledge.objects.count(), kind="lab",
                              amount=Decimal("5"))
        ContactFactory(partnership=partner_a)


@pytest.mark.parametrize("resource", ["contributions", "rate-cards", "pledges", "contacts", "partners"])
@pytest.mark.parametrize("persona", ["programme_manager", "partner_a_contact"])
def test_lists_take_the_same_queries_however_long(request, centre, partner_a, partner_a_contact, resource, persona):
    grant(centre)
    client = token_client(request.getfixturevalue(persona))
    _more_rows(centre, partner_a, partner_a_contact, 2)
    _queries(client, v1(resource, centre))  # the token's last use is written once a minute: not in the count
    few = _queries(client, v1(resource, centre))
    _more_rows(centre, partner_a, partner_a_contact, 8)
    assert _queries(client, v1(resource, centre)) == few
