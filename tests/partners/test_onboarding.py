"""Approving and declining applications: partners, logins, invitations, and one winner when two decide."""

import re

import pytest
from django.urls import reverse

from civhub.accounts.models import Membership, Role, User
from civhub.core import revisions
from civhub.core.models import AuditEvent
from civhub.partners.errors import PartnerError
from civhub.partners.models import Cluster, CofinancingGroup, Contact, Organisation, PartnerApplication, Partnership
from civhub.partners.services.onboarding import approve_application, decline_application, unique_short_code
from tests.concurrency import POSTGRES_ONLY, at_once
from tests.factories import (
    CentreFactory,
    OrganisationFactory,
    PartnerApplicationFactory,
    PartnershipFactory,
    UserFactory,
)
from tests.partners.factories import client_for, office_person

pytestmark = pytest.mark.django_db


def approve(application, actor, capture, reason=""):
    with capture(execute=True):
        return approve_application(application=application, actor=actor, reason=reason)


def link_in(body: str) -> str:
    return re.search(r"https?://\S+", body).group(0)


def test_approve_creates_organisation_partnership_login_role_and_contact(
    django_capture_on_commit_callbacks, mailoutbox
):
    centre = CentreFactory()
    manager = office_person(centre)
    application = PartnerApplicationFactory(centre=centre, organisation_name="Pharming B.V.", kind="company",
                                            kvk_number="12345678", contact_email="Eva@Example.org",
                                            contact_name="Eva de Vries", intended_kinds=["lab", "research"])

    approve(application, manager, django_capture_on_commit_callbacks, reason="Fits the lab line")

    application.refresh_from_db()
    organisation = Organisation.objects.get()
    partnership = Partnership.objects.get()
    user = User.objects.get(email="eva@example.org")
    assert (organisation.name, organisation.kvk_number) == ("Pharming B.V.", "12345678")
    assert partnership.centre == centre and partnership.organisation == organisation
    assert partnership.status == Partnership.Status.ACTIVE and partnership.joined_on is not None
    assert partnership.cluster == Cluster.PROFESSIONAL_FIELD
    assert partnership.cofinancing_group == CofinancingGroup.EMPLOYER
    assert partnership.short_code == "pharming-bv"
    assert partnership.intended_kinds == ["lab", "research"]
    assert not user.has_usable_password()
    assert Membership.objects.filter(user=user, centre=centre, role=Role.PARTNER_CONTACT,
                                     partnership=partnership).exists()
    contact = Contact.objects.get()
    assert contact.user == user and contact.is_primary and contact.partnership == partnership
    assert application.status == PartnerApplication.Status.APPROVED
    assert application.decided_by == manager and application.decided_at is not None
    assert application.decision_reason == "Fits the lab line" and application.partnership == partnership
    assert partnership.history.latest().history_user == manager
    assert organisation.history.latest().history_user == manager
    assert {(e.target_type, e.action) for e in AuditEvent.objects.all()} >= {
        ("partners.partnerapplication", "application_approved"),
        ("partners.organisation", "created_from_application"),
        ("partners.partnership", "created_from_application"),
    }
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["eva@example.org"]


def test_invitation_link_lets_the_contact_choose_a_password(django_capture_on_commit_callbacks, mailoutbox, client):
    centre = CentreFactory()
    application = PartnerApplicationFactory(centre=centre, contact_email="new@example.org")
    approve(application, office_person(centre), django_capture_on_commit_callbacks)

    link = link_in(mailoutbox[0].body)
    response = client.get(link, follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": "Bio-science-lab-2026", "new_password2": "Bio-science-lab-2026"})
    assert response.status_code == 302
    assert response.url == reverse("accounts:password_set")
    assert User.objects.get(email="new@example.org").check_password("Bio-science-lab-2026")


def test_choosing_the_password_gives_the_centre_a_new_token(django_capture_on_commit_callbacks, mailoutbox, client):
    """The office's portal page says who has no password yet, and is kept under the centre's token."""
    centre = CentreFactory()
    approve(PartnerApplicationFactory(centre=centre, contact_email="new@example.org"), office_person(centre),
            django_capture_on_commit_callbacks)
    before = revisions.token(centre.pk)
    form_url = client.get(link_in(mailoutbox[0].body), follow=True).redirect_chain[-1][0]
    client.post(form_url, {"new_password1": "Bio-science-lab-2026", "new_password2": "Bio-science-lab-2026"})
    assert revisions.token(centre.pk) not in {"", before}


def test_government_and_education_kinds_land_in_their_cluster(django_capture_on_commit_callbacks):
    centre = CentreFactory()
    application = PartnerApplicationFactory(centre=centre, kind="municipality", organisation_name="Gemeente Katwijk")
    approve(application, office_person(centre), django_capture_on_commit_callbacks)
    partnership = Partnership.objects.get()
    assert partnership.cluster == Cluster.GOVERNMENT_EDUCATION
    assert partnership.cofinancing_group == CofinancingGroup.GOVERNMENT


def test_invitation_is_in_the_language_the_applicant_used(django_capture_on_commit_callbacks, mailoutbox):
    centre = CentreFactory(name="CIV Bio Sciences")
    application = PartnerApplicationFactory(centre=centre, language="en")
    approve(application, office_person(centre), django_capture_on_commit_callbacks)
    assert "Welcome as a partner of CIV Bio Sciences" in mailoutbox[0].subject
    assert User.objects.get(email=application.contact_email).preferred_language == "en"


def test_approving_links_an_existing_organisation_by_kvk_number(django_capture_on_commit_callbacks):
    centre = CentreFactory()
    known = OrganisationFactory(name="Janssen Biologics", kvk_number="87654321")
    application = PartnerApplicationFactory(centre=centre, organisation_name="Janssen (Leiden)", kvk_number="87654321")

    approve(application, office_person(centre), django_capture_on_commit_callbacks)

    assert Organisation.objects.count() == 1
    assert Partnership.objects.get().organisation == known


def test_approving_links_an_existing_organisation_by_normalised_name(django_capture_on_commit_callbacks):
    centre = CentreFactory()
    known = OrganisationFactory(name="Stichting Bio Partner Leiden", kvk_number="")
    application = PartnerApplicationFactory(centre=centre, organisation_name="bio partner leiden",
                                            kvk_number="11223344")

    approve(application, office_person(centre), django_capture_on_commit_callbacks)

    known.refresh_from_db()
    assert Organisation.objects.count() == 1
    assert Partnership.objects.get().organisation == known
    assert known.kvk_number == "11223344"  # the matched organisation takes the KvK number it lacked


def test_a_name_match_with_a_different_kvk_number_is_another_organisation(django_capture_on_commit_callbacks):
    centre = CentreFactory()
    OrganisationFactory(name="Batavia", kvk_number="11111111")
    application = PartnerApplicationFactory(centre=centre, organisation_name="Batavia", kvk_number="22222222")
    approve(application, office_person(centre), django_capture_on_commit_callbacks)
    assert Organisation.objects.count() == 2


def test_approving_reuses_the_partnership_and_login_that_exist(django_capture_on_commit_callbacks, mailoutbox):
    centre = CentreFactory()
    partnership = PartnershipFactory(centre=centre, status=Partnership.Status.LEFT, short_code="eurofins",
                                     organisation__name="Eurofins", organisation__kvk_number="")
    user = UserFactory(email="lab@example.org")
    application = PartnerApplicationFactory(centre=centre, organisation_name="Eurofins",
                                            contact_email="lab@example.org")

    approve(application, office_person(centre), django_capture_on_commit_callbacks)

    partnership.refresh_from_db()
    assert Partnership.objects.count() == 1 and partnership.status == Partnership.Status.ACTIVE
    assert User.objects.count() == 2  # the manager and the existing contact, nobody new
    assert Membership.objects.filter(user=user, partnership=partnership).count() == 1
    # They already have a password: the e-mail says to sign in, and carries no set-password link.
    assert reverse("accounts:login") in mailoutbox[0].body
    assert "/wachtwoord/" not in mailoutbox[0].body


def test_short_codes_stay_unique_in_the_centre():
    centre = CentreFactory()
    PartnershipFactory(centre=centre, short_code="mimetas")
    PartnershipFactory(centre=centre, short_code="mimetas-2")
    assert unique_short_code(centre, "Mimetas") == "mimetas-3"
    assert unique_short_code(CentreFactory(), "Mimetas") == "mimetas"


def test_decline_needs_a_reason(django_capture_on_commit_callbacks, mailoutbox):
    centre = CentreFactory()
    application = PartnerApplicationFactory(centre=centre)
    with pytest.raises(PartnerError), django_capture_on_commit_callbacks(execute=True):
        decline_application(application=application, actor=office_person(centre), reason="   ")
    application.refresh_from_db()
    assert application.status == PartnerApplication.Status.NEW
    assert mailoutbox == []


def test_decline_records_the_decision_and_emails_the_reason(django_capture_on_commit_callbacks, mailoutbox):
    centre = CentreFactory()
    manager = office_person(centre)
    application = PartnerApplicationFactory(centre=centre, contact_email="apply@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        decline_application(application=application, actor=manager, reason="We only take partners from the region.")
    application.refresh_from_db()
    assert application.status == PartnerApplication.Status.DECLINED
    assert application.decided_by == manager and application.decided_at is not None
    assert application.decision_reason == "We only take partners from the region."
    assert Organisation.objects.count() == 0 and Partnership.objects.count() == 0
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["apply@example.org"]
    assert "We only take partners from the region." in mailoutbox[0].body
    assert AuditEvent.objects.filter(action="application_declined", target_id=str(application.pk)).exists()


@pytest.mark.parametrize("second", ["approve", "decline"])
def test_deciding_twice_raises_and_changes_nothing(django_capture_on_commit_callbacks, mailoutbox, second):
    centre = CentreFactory()
    manager, controller = office_person(centre), office_person(centre, Role.FINANCE_CONTROLLER)
    application = PartnerApplicationFactory(centre=centre)
    stale = PartnerApplication.objects.get(pk=application.pk)  # what the second person's page still shows
    approve(application, manager, django_capture_on_commit_callbacks)

    with pytest.raises(PartnerError):
        if second == "approve":
            approve_application(application=stale, actor=controller)
        else:
            decline_application(application=stale, actor=controller, reason="No")
    application.refresh_from_db()
    assert application.status == PartnerApplication.Status.APPROVED and application.decided_by == manager
    assert Partnership.objects.count() == 1 and len(mailoutbox) == 1


def test_office_approves_through_a_confirmation_page(django_capture_on_commit_callbacks, mailoutbox):
    centre = CentreFactory()
    client = client_for(office_person(centre))
    application = PartnerApplicationFactory(centre=centre, organisation_name="Hal Allergy")
    url = reverse("office:application_approve", args=[centre.slug, application.pk])

    page = client.get(url)
    assert page.status_code == 200 and "Hal Allergy" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reason": ""})
    assert response.status_code == 302
    assert Partnership.objects.filter(centre=centre, organisation__name="Hal Allergy").exists()
    assert len(mailoutbox) == 1

    again = client.post(url, {"reason": ""}, follow=True)  # a second click: a message, not a second partner
    assert Partnership.objects.count() == 1
    assert any(m.level_tag == "error" for m in again.context["messages"])


def test_office_decline_form_requires_a_reason(mailoutbox):
    centre = CentreFactory()
    client = client_for(office_person(centre))
    application = PartnerApplicationFactory(centre=centre)
    url = reverse("office:application_decline", args=[centre.slug, application.pk])
    response = client.post(url, {"reason": ""})
    assert response.status_code == 400
    assert "reason" in response.context["form"].errors
    application.refresh_from_db()
    assert application.status == PartnerApplication.Status.NEW and mailoutbox == []


@pytest.mark.django_db(transaction=True)
@POSTGRES_ONLY
def test_two_office_people_deciding_at_once_one_wins(mailoutbox):
    centre = CentreFactory()
    people = [office_person(centre), office_person(centre, Role.FINANCE_CONTROLLER)]
    application = PartnerApplicationFactory(centre=centre)

    errors = at_once(lambda actor: approve_application(application=application, actor=actor), people)

    assert [type(error) for error in errors] == [PartnerError]  # one approved, the other refused
    assert Partnership.objects.count() == 1 and Organisation.objects.count() == 1
    assert len(mailoutbox) == 1
