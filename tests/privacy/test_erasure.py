"""Erasure (AVG art. 17): the person's name and address are gone from every table, the ledger still verifies with
the same chain head, and a person the centre still needs is refused."""

from datetime import date

import pytest
from django.urls import reverse

from civhub.accounts.models import Membership, User
from civhub.core.models import AuditEvent
from civhub.events.models import Registration
from civhub.governance.models import SteeringMember
from civhub.ledger.models import Contribution
from civhub.ledger.services.approval import accept_contribution
from civhub.partners.models import Contact
from civhub.privacy import services
from civhub.privacy.errors import PrivacyError
from tests.factories import UserFactory
from tests.ledger import builders
from tests.privacy.support import EMAIL, NAME, PHONE, person_with_data_everywhere, tables_mentioning, verify_ledger


@pytest.fixture
def person(centre, partner_a, partner_a_signatory, finance_controller, centre_admin):
    return person_with_data_everywhere(centre=centre, partner=partner_a, signatory=partner_a_signatory,
                                       finance_controller=finance_controller, centre_admin=centre_admin)


def test_erasure_leaves_no_trace_of_name_or_address_and_the_ledger_verifies(person, centre, persona_client):
    assert tables_mentioning(NAME, EMAIL)  # the search does find them before
    before = verify_ledger(centre)
    assert before[1][0] == 2 and "chains intact" in before[0]

    response = persona_client("centre_admin").post(reverse("privacy:erase", args=[centre.slug, person.pk]),
                                                   {"email": EMAIL.upper()})

    assert response.status_code == 302
    assert tables_mentioning(NAME, EMAIL, PHONE) == {}
    assert verify_ledger(centre) == before
    erased = User.objects.get(pk=person.pk)
    assert (erased.full_name, erased.email) == (f"Verwijderde persoon #{person.pk}", f"erased-{person.pk}@invalid")
    assert not erased.is_active and not erased.has_usable_password()
    assert not Membership.objects.filter(user=erased).exists()
    # The facts stay, under the erased person.
    assert Contribution.objects.filter(entered_by=erased).count() == 3
    assert Contact.objects.get(user=erased).name == f"Verwijderde persoon #{person.pk}"
    assert Registration.objects.get(event__centre=centre).is_anonymised
    audit = AuditEvent.objects.get(action="personal_data_erased")
    assert (audit.target_id, audit.summary, audit.actor.email) == (str(person.pk), f"user #{person.pk}",
                                                                   "centre.admin@example.org")


def test_a_name_sealed_in_the_ledger_stays_and_is_named_to_the_administrator(person, centre, partner_a,
                                                                           partner_a_signatory, finance_controller,
                                                                           persona_client):
    entry = builders.entry(partner_a, partner_a_signatory, status=Contribution.Status.APPROVED, extern_id="z-9",
                           description=f"Begeleiding door {NAME}", approved_by=partner_a_signatory)
    accept_contribution(entry=entry, actor=finance_controller)
    before = verify_ledger(centre)

    response = persona_client("centre_admin").post(reverse("privacy:erase", args=[centre.slug, person.pk]),
                                                   {"email": EMAIL}, follow=True)

    assert tables_mentioning(NAME, EMAIL, PHONE) == {"ledger_contribution": ["description"]}
    assert verify_ledger(centre) == before
    assert "staat nog in tekst die anderen schreven of die in het grootboek is verzegeld: bijdrage: beschrijving" in (
        response.content.decode())
    audit = AuditEvent.objects.get(action="personal_data_erased")
    assert audit.changes["mentions_left"] == ["ledger.Contribution.description"]
    assert audit.changes["rows_changed"]["accounts.account"] == 1


def test_a_namesake_with_an_account_of_their_own_keeps_their_name(person, centre, centre_admin):
    namesake = UserFactory(full_name=NAME, email="zoe.andere@example.org")
    seat = SteeringMember.objects.create(centre=centre, user=namesake, name=NAME, start=date(2024, 1, 1))
    services.erase_person(person=person, actor=centre_admin, centre=centre)
    assert SteeringMember.objects.get(pk=seat.pk).name == NAME
    assert User.objects.get(pk=namesake.pk).full_name == NAME


def test_the_confirmation_needs_the_persons_address(person, centre, persona_client):
    url = reverse("privacy:erase", args=[centre.slug, person.pk])
    client = persona_client("centre_admin")
    assert client.get(url).status_code == 200
    response = client.post(url, {"email": "someone.else@example.org"})
    assert response.status_code == 400
    assert "Dit is niet het e-mailadres van deze persoon" in response.content.decode()
    assert User.objects.get(pk=person.pk).full_name == NAME


def test_the_only_signatory_is_not_erased(centre, partner_a, partner_a_signatory, centre_admin, english_messages):
    with pytest.raises(PrivacyError, match="only signatory of"):
        services.erase_person(person=partner_a_signatory, actor=centre_admin, centre=centre)
    assert User.objects.get(pk=partner_a_signatory.pk).is_active


def test_the_only_finance_controller_and_oneself_are_refused(centre, finance_controller, centre_admin,
                                                             english_messages):
    assert services.erasure_blockers(person=finance_controller, actor=centre_admin) == [
        "This person is the only finance controller of CIV Bio Sciences (test). Give the role to someone else first."]
    assert "You cannot erase your own account" in services.erasure_blockers(person=centre_admin,
                                                                             actor=centre_admin)[0]


def test_a_person_with_a_role_in_another_centre_is_left_to_that_centre(centre, other_centre, partner_a_contact,
                                                                       centre_admin, english_messages):
    Membership.objects.create(user=partner_a_contact, centre=other_centre, role="practor")
    assert services.erasure_blockers(person=partner_a_contact, actor=centre_admin) == [
        "This person also has a role in CIV Ander Centrum (test); only its administrator (or a superuser) can erase "
        "them."]


def test_the_refusal_is_shown_in_dutch(centre, partner_a_signatory, persona_client):
    page = persona_client("centre_admin").get(reverse("privacy:erase", args=[centre.slug, partner_a_signatory.pk]))
    assert "de enige tekenbevoegde van" in page.content.decode()
