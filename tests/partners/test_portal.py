"""The partner portal: a partner sees and edits only its own organisation; every edit is audited."""

import pytest
from django.urls import reverse

from civhub.accounts.models import Membership, Role
from civhub.core.models import AuditEvent
from civhub.partners.models import Contact, Organisation
from tests.factories import CentreFactory, ContactFactory, OrganisationFactory, PartnershipFactory
from tests.partners.factories import client_for, office_person, partner_person, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """A centre with partners A and B (one contact each), and another centre."""
    centre = CentreFactory(slug="civ-bio")
    a = PartnershipFactory(centre=centre, short_code="alpha", organisation__name="Alpha Labs",
                           organisation__city="Leiden")
    b = PartnershipFactory(centre=centre, short_code="beta", organisation__name="Beta Pharma")
    ContactFactory(partnership=a, name="Ada Alpha", email="ada@example.org", is_primary=True)
    ContactFactory(partnership=b, name="Bob Beta", email="bob@example.org", is_primary=True)
    return {"centre": centre, "a": a, "b": b, "other": CentreFactory(slug="civ-other")}


def portal_url(name, partnership):
    return reverse(f"portal:{name}", args=[partnership.centre.slug, partnership.short_code])


def edit_data(partnership, **changes):
    """A complete POST of the edit page as the browser sends it, with `changes` applied."""
    organisation = partnership.organisation
    data = {"name": organisation.name, "city": organisation.city, "website": organisation.website,
            "kvk_number": organisation.kvk_number}
    contacts = list(partnership.contacts.order_by("-is_primary", "name"))
    data.update({"contacts-TOTAL_FORMS": str(len(contacts) + 1), "contacts-INITIAL_FORMS": str(len(contacts)),
                 "contacts-MIN_NUM_FORMS": "0", "contacts-MAX_NUM_FORMS": "50"})
    for number, contact in enumerate(contacts):
        data.update({f"contacts-{number}-id": str(contact.pk), f"contacts-{number}-name": contact.name,
                     f"contacts-{number}-function": contact.function, f"contacts-{number}-email": contact.email,
                     f"contacts-{number}-phone": contact.phone})
    for number in [len(contacts)]:
        data.update({f"contacts-{number}-{field}": "" for field in ("id", "name", "function", "email", "phone")})
    data.update(changes)
    return data


def test_partner_contact_sees_their_own_organisation(world):
    client = client_for(partner_person(world["a"]))
    response = client.get(portal_url("partner", world["a"]))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Alpha Labs" in content and "ada@example.org" in content
    assert "Beta Pharma" not in content and "bob@example.org" not in content


@pytest.mark.parametrize("page", ["partner", "partner_edit"])
def test_partner_a_contact_gets_404_on_partner_b(world, page):
    client = client_for(partner_person(world["a"]))
    assert client.get(portal_url(page, world["b"])).status_code == 404


def test_partner_a_cannot_post_an_edit_of_partner_b(world):
    client = client_for(partner_person(world["a"], Role.PARTNER_SIGNATORY))
    response = client.post(portal_url("partner_edit", world["b"]), edit_data(world["b"], name="Hijacked"))
    assert response.status_code == 404
    assert Organisation.objects.filter(name="Beta Pharma").exists()


def test_partner_a_cannot_edit_partner_b_contact_through_its_own_form(world):
    client = client_for(partner_person(world["a"]))
    bob = Contact.objects.get(email="bob@example.org")
    data = edit_data(world["a"], **{"contacts-0-id": str(bob.pk), "contacts-0-name": "Changed"})
    response = client.post(portal_url("partner_edit", world["a"]), data)
    assert response.status_code == 400
    bob.refresh_from_db()
    assert bob.name == "Bob Beta"


@pytest.mark.parametrize("role", [Role.PRACTOR, Role.STEERING_MEMBER, Role.COMMUNICATIONS])
@pytest.mark.parametrize("page", ["partner", "partner_edit"])
def test_other_roles_in_the_centre_get_403(world, role, page):
    client = client_for(person(world["centre"], role))
    assert client.get(portal_url(page, world["a"])).status_code == 403


def test_another_centres_manager_gets_404(world):
    client = client_for(office_person(world["other"]))
    assert client.get(portal_url("partner", world["a"])).status_code == 404
    assert client.get(reverse("portal:home", args=[world["centre"].slug])).status_code == 404


def test_office_sees_every_partner_page(world):
    client = client_for(office_person(world["centre"], Role.FINANCE_CONTROLLER))
    assert client.get(portal_url("partner", world["a"])).status_code == 200
    assert client.get(portal_url("partner", world["b"])).status_code == 200


def test_portal_home_sends_a_partner_to_their_page_and_the_office_to_its_list(world):
    centre = world["centre"]
    home = reverse("portal:home", args=[centre.slug])
    response = client_for(partner_person(world["a"])).get(home)
    assert response.status_code == 302 and response.url == portal_url("partner", world["a"])
    response = client_for(office_person(centre)).get(home)
    assert response.status_code == 302 and response.url == reverse("office:partners", args=[centre.slug])


def test_portal_home_lists_several_partnerships(world):
    user = partner_person(world["a"])
    partner_person(world["b"], email="second@example.org")
    Membership.objects.create(user=user, centre=world["centre"], role=Role.PARTNER_CONTACT, partnership=world["b"])
    response = client_for(user).get(reverse("portal:home", args=[world["centre"].slug]))
    assert response.status_code == 200
    assert "Alpha Labs" in response.content.decode() and "Beta Pharma" in response.content.decode()


def test_an_edit_by_a_partner_is_in_the_history_and_the_audit_trail(world):
    user = partner_person(world["a"])
    client = client_for(user)
    page = client.get(portal_url("partner_edit", world["a"]))
    assert page.status_code == 200

    response = client.post(portal_url("partner_edit", world["a"]),
                           edit_data(world["a"], name="Alpha Labs Leiden", city="Oegstgeest"))

    assert response.status_code == 302 and response.url == portal_url("partner", world["a"])
    organisation = Organisation.objects.get(pk=world["a"].organisation_id)
    assert (organisation.name, organisation.city) == ("Alpha Labs Leiden", "Oegstgeest")
    assert organisation.normalised_name == "alphalabsleiden"
    latest = organisation.history.latest()
    assert latest.history_user == user and latest.name == "Alpha Labs Leiden"
    event = AuditEvent.objects.get(target_type="partners.organisation", target_id=str(organisation.pk))
    assert event.actor == user and event.centre == world["centre"] and event.action == "details_updated"
    assert event.changes == {"name": ["Alpha Labs", "Alpha Labs Leiden"], "city": ["Leiden", "Oegstgeest"]}


def test_saving_without_changes_writes_nothing(world):
    client = client_for(partner_person(world["a"]))
    before = world["a"].organisation.history.count()
    response = client.post(portal_url("partner_edit", world["a"]), edit_data(world["a"]))
    assert response.status_code == 302
    assert world["a"].organisation.history.count() == before
    assert not AuditEvent.objects.exists()


def test_a_partner_edits_and_adds_contacts(world):
    user = partner_person(world["a"])
    client = client_for(user)
    data = edit_data(world["a"], **{
        "contacts-0-function": "Lab manager",
        "contacts-1-name": "Carla Chemist", "contacts-1-email": "carla@example.org", "contacts-1-phone": "071 123",
    })
    response = client.post(portal_url("partner_edit", world["a"]), data)
    assert response.status_code == 302
    ada = Contact.objects.get(email="ada@example.org")
    assert ada.function == "Lab manager" and ada.history.latest().history_user == user
    carla = Contact.objects.get(email="carla@example.org")
    assert carla.partnership == world["a"] and not carla.is_primary
    assert set(AuditEvent.objects.values_list("action", flat=True)) == {"contact_updated", "contact_added"}


def test_a_duplicate_contact_address_is_refused_and_nothing_is_saved(world):
    client = client_for(partner_person(world["a"]))
    data = edit_data(world["a"], name="Renamed", **{"contacts-1-name": "Ada again",
                                                   "contacts-1-email": "ADA@example.org"})
    response = client.post(portal_url("partner_edit", world["a"]), data)
    assert response.status_code == 400
    assert "ADA@example.org" in response.content.decode()
    assert Organisation.objects.filter(name="Alpha Labs").exists()  # the whole edit was rolled back


@pytest.mark.parametrize("kvk", ["1234567", "abcdefgh", "123456789"])
def test_kvk_number_must_be_8_digits(world, kvk):
    client = client_for(partner_person(world["a"]))
    response = client.post(portal_url("partner_edit", world["a"]), edit_data(world["a"], kvk_number=kvk))
    assert response.status_code == 400
    assert response.context["form"].errors["kvk_number"]


def test_kvk_number_of_another_organisation_is_refused(world):
    OrganisationFactory(name="Someone Else", kvk_number="99999999")
    client = client_for(partner_person(world["a"]))
    response = client.post(portal_url("partner_edit", world["a"]), edit_data(world["a"], kvk_number="99999999"))
    assert response.status_code == 400
    assert response.context["form"].errors["kvk_number"]


def test_empty_name_gets_a_field_message(world):
    client = client_for(partner_person(world["a"]))
    response = client.post(portal_url("partner_edit", world["a"]), edit_data(world["a"], name=""))
    assert response.status_code == 400
    assert response.context["form"].errors["name"]


def test_a_partner_sees_its_name_not_its_internal_code_and_the_office_sees_both(world):
    partner_page = client_for(partner_person(world["a"])).get(portal_url("partner", world["a"])).content.decode()
    assert "Alpha Labs" in partner_page and "<dd>alpha</dd>" not in partner_page
    office = client_for(office_person(world["centre"], Role.PROGRAMME_MANAGER))
    assert "<dd>alpha</dd>" in office.get(portal_url("partner", world["a"])).content.decode()
