"""The v1 framework: RFC 9457 problems in Dutch or English, paging, and idempotent creates."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from civhub.api.models import IdempotencyKey
from civhub.api.rest import idempotency
from civhub.ledger.models import Contribution
from tests.api.support import token_client, v1
from tests.factories import ContactFactory
from tests.ledger.builders import grant

PROBLEM = "application/problem+json"


def new_entry(**fields):
    return {"date": (timezone.localdate() - timedelta(days=3)).isoformat(), "kind": "lab",
            "amount": "250.00", "description": "Labgebruik voor het practicum", **fields}


@pytest.fixture
def ledger_ready(centre):
    return grant(centre)


def test_a_problem_is_dutch_without_accept_language(partner_a_contact, centre):
    response = token_client(partner_a_contact).get(v1("partners", centre, 999999))
    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM
    assert response["Content-Language"] == "nl"
    body = response.json()
    assert body == {"type": "urn:civhub:problem:not-found", "title": "Niet gevonden", "status": 404,
                    "detail": "Niet gevonden.", "instance": v1("partners", centre, 999999)}


def test_a_problem_is_english_when_asked(partner_a_contact, centre):
    response = token_client(partner_a_contact, language="en-GB,en;q=0.9").get(v1("partners", centre, 999999))
    assert response["Content-Language"] == "en"
    assert response.json()["title"] == "Not found"


def test_another_language_falls_back_to_dutch(partner_a_contact, centre):
    response = token_client(partner_a_contact, language="de").get(v1("partners", centre, 999999))
    assert response.json()["title"] == "Niet gevonden"


def test_the_site_itself_still_ignores_accept_language(client, centre):
    page = client.get(f"/c/{centre.slug}/", headers={"Accept-Language": "en"})
    assert page["Content-Language"] == "nl"


def test_no_credentials_is_a_401_problem(client, centre):
    response = client.get(v1("contributions", centre), headers={"Accept-Language": "en"})
    assert response.status_code == 401
    assert response["Content-Type"] == PROBLEM
    assert response.json()["title"] == "Not signed in"


def test_a_role_that_may_not_is_a_403_problem(practor, centre):
    response = token_client(practor, language="nl").get(v1("contributions", centre))
    assert response.status_code == 403
    assert response.json()["type"] == "urn:civhub:problem:forbidden"
    assert response.json()["title"] == "Niet toegestaan"
    assert response.json()["detail"] == "Uw rol in dit centrum staat dit niet toe."


def test_a_centre_the_person_is_not_in_is_a_404(other_centre_manager, centre):
    assert token_client(other_centre_manager).get(v1("partners", centre)).status_code == 404


@pytest.mark.parametrize(("language", "title", "message"), [
    ("nl", "Het verzoek bevat fouten", "Dit veld is vereist."),
    ("en", "The request has errors", "This field is required."),
])
def test_a_validation_problem_names_each_field(partner_a_contact, centre, ledger_ready, language, title, message):
    response = token_client(partner_a_contact, language=language).post(
        v1("contributions", centre), {"kind": "lab"}, content_type="application/json")
    assert response.status_code == 400
    body = response.json()
    assert body["type"] == "urn:civhub:problem:validation" and body["title"] == title
    assert body["errors"]["date"] == [message] and body["errors"]["description"] == [message]
    assert "kind" not in body["errors"]


def test_a_rule_the_service_refuses_is_a_422_in_the_language_asked(partner_a_contact, centre, ledger_ready):
    future = new_entry(date=(timezone.localdate() + timedelta(days=2)).isoformat())
    for language, message in (("nl", "De datum ligt in de toekomst."), ("en", "The date lies in the future.")):
        response = token_client(partner_a_contact, language=language).post(
            v1("contributions", centre), future, content_type="application/json")
        assert response.status_code == 422
        assert response.json()["detail"] == message
        assert response.json()["errors"] == {"non_field_errors": [message]}
    assert not Contribution.objects.exists()


def test_a_body_that_is_not_json_is_a_400_problem(partner_a_contact, centre):
    response = token_client(partner_a_contact).post(v1("contributions", centre), "{not json",
                                                     content_type="application/json")
    assert response.status_code == 400
    assert response.json()["type"] == "urn:civhub:problem:malformed"


def test_a_wrong_method_is_a_405_problem(partner_a_contact, partner_a, centre):
    response = token_client(partner_a_contact).delete(v1("partners", centre, partner_a.pk))
    assert response.status_code == 405
    assert response.json()["type"] == "urn:civhub:problem:method-not-allowed"


# Paging ------------------------------------------------------------------------------------------------------------


def test_lists_are_paged(programme_manager, partner_a, centre):
    for number in range(7):
        ContactFactory(partnership=partner_a, name=f"Contact {number}")
    client = token_client(programme_manager)
    first = client.get(v1("contacts", centre), {"page_size": 3}).json()
    assert first["count"] == 7 and len(first["results"]) == 3 and first["previous"] is None
    assert "page=2" in first["next"] and "page_size=3" in first["next"]
    last = client.get(v1("contacts", centre), {"page_size": 3, "page": 3}).json()
    assert len(last["results"]) == 1 and last["next"] is None
    seen = {row["id"] for page in (1, 2, 3) for row in client.get(v1("contacts", centre),
                                                                   {"page_size": 3, "page": page}).json()["results"]}
    assert len(seen) == 7


@pytest.mark.parametrize(("query", "wrong"), [
    ({"page_size": 101}, {"page_size"}), ({"page_size": 0}, {"page_size"}), ({"page_size": "ten"}, {"page_size"}),
    ({"page": 0}, {"page"}), ({"page": "last", "page_size": "-1"}, {"page", "page_size"}),
])
def test_a_page_or_size_out_of_range_is_a_400(programme_manager, centre, query, wrong):
    response = token_client(programme_manager).get(v1("contacts", centre), query)
    assert response.status_code == 400 and set(response.json()["errors"]) == wrong


def test_a_page_past_the_end_is_a_404(programme_manager, partner_a, centre):
    client = token_client(programme_manager)
    assert client.get(v1("contacts", centre), {"page_size": 100}).status_code == 200
    response = client.get(v1("contacts", centre), {"page": 9})
    assert response.status_code == 404 and response["Content-Type"] == PROBLEM


# Idempotency -------------------------------------------------------------------------------------------------------


def test_the_same_key_and_body_create_once_and_answer_the_same(partner_a_contact, centre, ledger_ready):
    client = token_client(partner_a_contact)
    headers = {"Idempotency-Key": "3f1c-retry-1"}
    first = client.post(v1("contributions", centre), new_entry(), content_type="application/json", headers=headers)
    again = client.post(v1("contributions", centre), new_entry(), content_type="application/json", headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json() and again["Idempotent-Replayed"] == "true"
    assert Contribution.objects.count() == 1
    assert Contribution.objects.get().amount == Decimal("250.00")


def test_the_same_key_with_another_body_is_a_422(partner_a_contact, centre, ledger_ready):
    client = token_client(partner_a_contact, language="en")
    headers = {"Idempotency-Key": "k-1"}
    client.post(v1("contributions", centre), new_entry(), content_type="application/json", headers=headers)
    other = client.post(v1("contributions", centre), new_entry(amount="300.00"), content_type="application/json",
                        headers=headers)
    assert other.status_code == 422
    assert other.json()["type"] == "urn:civhub:problem:refused"
    assert "Idempotency-Key" in other.json()["errors"]
    assert Contribution.objects.count() == 1


def test_a_key_belongs_to_its_person(partner_a_contact, partner_a_signatory, centre, ledger_ready):
    headers = {"Idempotency-Key": "shared-key"}
    for person in (partner_a_contact, partner_a_signatory):
        response = token_client(person).post(v1("contributions", centre), new_entry(),
                                             content_type="application/json", headers=headers)
        assert response.status_code == 201
    assert Contribution.objects.count() == 2


def test_a_failed_request_does_not_use_up_its_key(partner_a_contact, centre, ledger_ready):
    client = token_client(partner_a_contact)
    headers = {"Idempotency-Key": "fix-and-retry"}
    bad = client.post(v1("contributions", centre), new_entry(amount=None), content_type="application/json",
                      headers=headers)
    assert bad.status_code == 422  # neither hours nor an amount
    good = client.post(v1("contributions", centre), new_entry(), content_type="application/json", headers=headers)
    assert good.status_code == 201 and "Idempotent-Replayed" not in good


def test_a_key_is_kept_for_24_hours(partner_a_contact, centre, ledger_ready):
    client = token_client(partner_a_contact)
    headers = {"Idempotency-Key": "old"}
    client.post(v1("contributions", centre), new_entry(), content_type="application/json", headers=headers)
    IdempotencyKey.objects.update(created=timezone.now() - timedelta(hours=25))
    later = client.post(v1("contributions", centre), new_entry(), content_type="application/json", headers=headers)
    assert later.status_code == 201 and "Idempotent-Replayed" not in later
    assert Contribution.objects.count() == 2 and IdempotencyKey.objects.count() == 1


def test_a_key_that_is_too_long_is_a_400(partner_a_contact, centre, ledger_ready):
    response = token_client(partner_a_contact).post(v1("contributions", centre), new_entry(),
                                                     content_type="application/json",
                                                     headers={"Idempotency-Key": "x" * 256})
    assert response.status_code == 400 and "Idempotency-Key" in response.json()["errors"]


def test_a_submit_with_a_key_is_replayed_too(partner_a_contact, centre, ledger_ready):
    client = token_client(partner_a_contact)
    made = client.post(v1("contributions", centre), new_entry(), content_type="application/json").json()
    url = v1("contributions", centre, made["id"], "submit")
    first = client.post(url, headers={"Idempotency-Key": "submit-1"})
    again = client.post(url, headers={"Idempotency-Key": "submit-1"})
    assert first.status_code == again.status_code == 200 and again.json()["status"] == "submitted"
    assert date.fromisoformat(again.json()["date"]) < timezone.localdate()


# Hostile values ----------------------------------------------------------------------------------------------------

HUGE = 2**64


@pytest.mark.parametrize(("query", "status"), [
    ({"year": HUGE}, 200), ({"year": -1}, 200), ({"page": HUGE}, 404), ({"page_size": HUGE}, 400),
    ({"partner": "\x00"}, 400), ({"kind": "x\x00"}, 400),
])
def test_hostile_filters_never_break_a_list(programme_manager, centre, query, status):
    assert token_client(programme_manager).get(v1("pledges", centre), query).status_code == status


@pytest.mark.parametrize(("fields", "status"), [
    ({"programme_line": HUGE}, 400), ({"activity": HUGE}, 400), ({"date": "0001-01-01"}, 422),
    ({"amount": "1e400"}, 400), ({"description": "x\x00y"}, 400), ({"partner": "\x00"}, 400),
    ({"extern_id": "a\x00"}, 400), ({"hours": "NaN", "amount": None}, 400),
])
def test_hostile_values_are_refused_with_a_problem(partner_a_contact, centre, ledger_ready, fields, status):
    response = token_client(partner_a_contact).post(v1("contributions", centre), new_entry(**fields),
                                                     content_type="application/json")
    assert response.status_code == status
    assert response["Content-Type"] == PROBLEM
    assert not Contribution.objects.exists()


def test_huge_ids_in_the_address_are_404s(partner_a_contact, centre):
    client = token_client(partner_a_contact)
    assert client.get(v1("contributions", centre, HUGE)).status_code == 404
    assert client.post(v1("contributions", centre, HUGE, "submit")).status_code == 404


def test_two_copies_racing_create_once(monkeypatch, partner_a_contact, centre, ledger_ready):
    """The other copy stored its answer after this one looked: this one's work is rolled back, its answer replayed."""
    client = token_client(partner_a_contact)
    url = v1("contributions", centre)
    first = client.post(url, new_entry(), content_type="application/json", headers={"Idempotency-Key": "race"})
    looked = []
    real_lookup = idempotency._stored

    def not_yet_the_first_time(user, key):
        looked.append(key)
        return None if len(looked) == 1 else real_lookup(user, key)

    monkeypatch.setattr(idempotency, "_stored", not_yet_the_first_time)
    second = client.post(url, new_entry(), content_type="application/json", headers={"Idempotency-Key": "race"})
    assert second.status_code == 201 and second.json() == first.json() and second["Idempotent-Replayed"] == "true"
    assert Contribution.objects.count() == 1


def test_an_address_that_names_no_endpoint_is_a_404_problem(partner_a_contact, centre, client):
    for address in (v1("contributions", centre) + "abc/", v1("contributions", centre) + "-1/submit/",
                    f"/api/v1/centres/{centre.slug}/nothing/", "/api/v1/"):
        response = client.get(address, headers={"Accept-Language": "en"})
        assert response.status_code == 404, address
        assert response["Content-Type"] == PROBLEM
        assert response.json()["title"] == "Not found" and response.json()["instance"] == address


def test_a_page_far_past_the_end_is_a_404(programme_manager, centre):
    response = token_client(programme_manager).get(v1("contacts", centre), {"page": "9" * 5000})
    assert response.status_code == 404


def test_a_year_is_a_whole_number(programme_manager, centre):
    response = token_client(programme_manager).get(v1("pledges", centre), {"year": "2025.5"})
    assert response.status_code == 400 and set(response.json()["errors"]) == {"year"}


def test_a_post_to_no_endpoint_is_a_404_problem_even_without_csrf(partner_a_contact, centre):
    client = Client(enforce_csrf_checks=True)
    client.force_login(partner_a_contact)
    response = client.post(v1("contributions", centre) + "abc/submit/")
    assert response.status_code == 404 and response["Content-Type"] == PROBLEM
