"""A person's data as a ZIP (AVG art. 15 and 20): one JSON file per kind of record from every app, a Dutch README,
for the person themselves and for the centre administrator, each download in the audit log."""

import io
import json
import zipfile

import pytest
from django.urls import reverse

from civhub.core import personal_data
from civhub.core.models import AuditEvent
from tests.events.factories import EventFactory, RegistrationFactory
from tests.privacy.support import EMAIL, NAME, person_with_data_everywhere


@pytest.fixture
def person(centre, partner_a, partner_a_signatory, finance_controller, centre_admin):
    return person_with_data_everywhere(centre=centre, partner=partner_a, signatory=partner_a_signatory,
                                       finance_controller=finance_controller, centre_admin=centre_admin)


def _files(response) -> dict:
    assert response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        return {name: archive.read(name).decode() for name in archive.namelist()}


def test_a_person_downloads_everything_civhub_keeps_about_them(person, centre, client):
    someone_else = RegistrationFactory(event=EventFactory(centre=centre), name="Bram Anders",
                                       email="bram@example.org")
    client.force_login(person)

    response = client.post(reverse("privacy:my_data"))

    files = _files(response)
    assert response["Content-Disposition"].startswith(f'attachment; filename="civhub-gegevens-{person.pk}-')
    assert set(files) == {"README.txt"} | {f"{source.name}.json" for source in personal_data.sources()}
    assert files["README.txt"].startswith(f"Uw gegevens in civhub: {NAME} ({EMAIL}), persoonsnummer {person.pk}")
    assert "events.registrations.json\n  Uw aanmeldingen voor activiteiten" in files["README.txt"]
    account = json.loads(files["accounts.account.json"])[0]
    assert (account["account"]["full_name"], account["roles"][0]["role"]) == (NAME, "partner_contact")
    assert [row["extern_id"] for row in json.loads(files["ledger.contributions.json"]) if "extern_id" in row] == [
        "z-1", "z-2", "z-3"]
    registrations = json.loads(files["events.registrations.json"])
    assert registrations[0]["email"] == EMAIL and someone_else.email not in files["events.registrations.json"]
    assert json.loads(files["partners.contacts.json"])[0]["phone"] == "06 98765432"
    assert {row["action"] for row in json.loads(files["core.audit.json"])} >= {"contact_changed", "signed_in"}
    assert json.loads(files["governance.records.json"])[0]["steering_seat"]["name"] == NAME
    assert json.loads(files["accounts.sign_ins.json"])[0]["ip_address"] == "192.0.2.7"
    assert json.loads(files["hca.survey_answers.json"]) == []
    exported = AuditEvent.objects.get(action="personal_data_exported")
    assert (exported.actor, exported.target_id, exported.centre) == (person, str(person.pk), None)


def test_the_centre_administrator_downloads_a_persons_data_for_a_request(person, centre, centre_admin,
                                                                          persona_client):
    response = persona_client("centre_admin").post(reverse("privacy:person", args=[centre.slug, person.pk]))

    assert json.loads(_files(response)["accounts.account.json"])[0]["account"]["email"] == EMAIL
    exported = AuditEvent.objects.get(action="personal_data_exported")
    assert (exported.actor, exported.target_id, exported.centre) == (centre_admin, str(person.pk), centre)


def test_the_person_page_lists_roles_and_offers_both_actions(person, centre, persona_client):
    page = persona_client("centre_admin").get(reverse("privacy:person", args=[centre.slug, person.pk])).content
    text = page.decode()
    assert NAME in text and "contactpersoon van de partner" in text
    assert reverse("privacy:erase", args=[centre.slug, person.pk]) in text


def test_the_people_page_finds_a_person_by_part_of_the_address(person, centre, partner_a_contact, persona_client):
    page = persona_client("centre_admin").get(reverse("privacy:people", args=[centre.slug]), {"q": "quistorp"})
    text = page.content.decode()
    assert NAME in text and partner_a_contact.email not in text
