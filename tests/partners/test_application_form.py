"""The public 'Word partner' form: an application, never a partner; clear Dutch errors; no spam."""

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from civhub.accounts.models import Membership, Role, User
from civhub.core.models import AuditEvent, Centre
from civhub.partners.models import Organisation, PartnerApplication, Partnership

pytestmark = pytest.mark.django_db


@pytest.fixture
def centre():
    return Centre.objects.create(slug="civ-test", name="CIV Test")


def valid_data(**changes) -> dict:
    data = {
        "organisation_name": "Labwerk BV", "kind": "company", "city": "Leiden", "website": "https://labwerk.example.org",
        "kvk_number": "12345678", "contact_name": "Eva Jansen", "contact_email": "eva@example.org",
        "contact_phone": "071 123 4567", "motivation": "Wij leiden analisten op.",
        "intended_kinds": ["lab", "education"], "consent": "on",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def post(client, centre, data, **extra):
    return client.post(reverse("public:apply", args=[centre.slug]), data, **extra)


def test_a_valid_application_creates_an_application_not_a_partner(client, centre, django_capture_on_commit_callbacks):
    manager = User.objects.create_user("pm@example.org", full_name="Pim Manager")
    Membership.objects.create(user=manager, centre=centre, role=Role.PROGRAMME_MANAGER)

    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, centre, valid_data())

    assert response.status_code == 302 and response.url == reverse("public:apply_done", args=[centre.slug])
    application = PartnerApplication.objects.get()
    assert application.status == PartnerApplication.Status.NEW
    assert application.intended_kinds == ["lab", "education"] and application.consent_given_at
    assert application.submitted_from and "127.0.0.1" not in application.submitted_from
    assert not Organisation.objects.exists() and not Partnership.objects.exists()
    assert AuditEvent.objects.filter(action="application_received").count() == 1
    assert sorted(message.to[0] for message in mail.outbox) == ["eva@example.org", "pm@example.org"]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"organisation_name": ""}, "organisation_name", "Vul de naam van uw organisatie in."),
        ({"contact_email": "geen-adres"}, "contact_email", "Vul een geldig e-mailadres in"),
        ({"kvk_number": "1234"}, "kvk_number", "Een KvK-nummer bestaat uit precies 8 cijfers."),
        ({"kvk_number": "1234567a"}, "kvk_number", "Een KvK-nummer bestaat uit precies 8 cijfers."),
        ({"organisation_name": "x" * 201}, "organisation_name", "maximaal 200 tekens"),
        ({"motivation": "x" * 3001}, "motivation", "maximaal 3.000 tekens"),
        ({"intended_kinds": None}, "intended_kinds", "Kies ten minste één manier"),
        ({"consent": None}, "consent", "toestemming"),
        ({"website": "geen url"}, "website", "volledig webadres"),
    ],
)
def test_bad_input_gets_a_dutch_message_on_its_field_and_stores_nothing(client, centre, changes, field, message):
    response = post(client, centre, valid_data(**changes))

    assert response.status_code == 400
    errors = " ".join(response.context["form"].errors[field])
    assert message in errors
    assert not PartnerApplication.objects.exists()


def test_the_form_is_csrf_protected(centre):
    from django.test import Client

    response = post(Client(enforce_csrf_checks=True), centre, valid_data())
    assert response.status_code == 403


def test_a_filled_honeypot_is_thanked_but_not_stored(client, centre):
    response = post(client, centre, valid_data(nickname="spam"))
    assert response.status_code == 302
    assert not PartnerApplication.objects.exists() and not mail.outbox


@override_settings(APPLICATION_RATE_LIMIT=2)
def test_too_many_applications_from_one_address_are_refused(client, centre):
    for number in range(2):
        assert post(client, centre, valid_data(organisation_name=f"Org {number}", kvk_number="")).status_code == 302
    response = post(client, centre, valid_data(organisation_name="Org 3", kvk_number=""))
    assert response.status_code == 429
    assert PartnerApplication.objects.count() == 2
    # Another address is not held back by the first one's limit.
    assert post(client, centre, valid_data(kvk_number=""), REMOTE_ADDR="10.0.0.9").status_code == 302


def test_a_second_application_for_the_same_organisation_is_stored_for_review(client, centre):
    post(client, centre, valid_data())
    second = valid_data(organisation_name="Stichting LABWERK", kvk_number="", contact_email="b@example.org")
    post(client, centre, second)
    assert PartnerApplication.objects.count() == 2
    assert PartnerApplication.objects.values("normalised_name").distinct().count() == 1


@override_settings(APPLICATION_RATE_LIMIT=2, TRUSTED_PROXY_COUNT=1)
def test_behind_a_proxy_the_limit_counts_the_forwarded_address_as_the_login_throttle_does(client, centre):
    """Every request arrives from the proxy (REMOTE_ADDR); the address it forwards is the client (core/clients.py)."""
    for number in range(2):
        response = post(client, centre, valid_data(organisation_name=f"Org {number}", kvk_number=""),
                        REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="192.0.2.5")
        assert response.status_code == 302
    assert post(client, centre, valid_data(organisation_name="Org 3", kvk_number=""), REMOTE_ADDR="10.0.0.2",
                HTTP_X_FORWARDED_FOR="192.0.2.5").status_code == 429
    assert post(client, centre, valid_data(organisation_name="Org 4", kvk_number=""), REMOTE_ADDR="10.0.0.2",
                HTTP_X_FORWARDED_FOR="192.0.2.6").status_code == 302
