"""A shared organisation changes only when every other centre's office approves (a cross-centre write, issue 11).

Centre A is the test centre (`centre`) and centre B `other_centre`; "Gedeeld BV" is a partner of both.
A partner of B renaming it must not change what A shows until A's programme office approved.
"""

import pytest
from django.urls import reverse

from civhub.core import revisions
from civhub.core.models import AuditEvent
from civhub.partners.errors import PartnerError
from civhub.partners.models import Organisation, OrganisationChange, OrganisationChangeDecision
from civhub.partners.services.organisation_changes import apply_details, approve_organisation_change, change_details
from tests.factories import CentreFactory, ContactFactory, OrganisationFactory, PartnershipFactory
from tests.partners.factories import client_for, office_person, partner_person, shared_change
from tests.partners.test_portal import edit_data

pytestmark = pytest.mark.django_db

Status = OrganisationChange.Status


@pytest.fixture
def shared(centre, other_centre):
    """One organisation, a partner of centre A (`here`) and of centre B (`there`), with a contact in B."""
    organisation = OrganisationFactory(name="Gedeeld BV", city="Ede", kvk_number="55555555")
    here = PartnershipFactory(centre=centre, organisation=organisation, short_code="gedeeld")
    there = PartnershipFactory(centre=other_centre, organisation=organisation, short_code="gedeeld-b")
    ContactFactory(partnership=there, name="Bea B", email="bea@example.org")
    return {"organisation": organisation, "here": here, "there": there, "b_contact": partner_person(there)}


def portal_url(name, partnership):
    return reverse(f"portal:{name}", args=[partnership.centre.slug, partnership.short_code])


def change_url(centre, change, name="organisation_change"):
    return reverse(f"office:{name}", args=[centre.slug, change.pk])


def rename_from_b(shared, name="Gedeeld Nieuw BV"):
    client = client_for(shared["b_contact"])
    response = client.post(portal_url("partner_edit", shared["there"]), edit_data(shared["there"], name=name))
    assert response.status_code == 302
    return OrganisationChange.objects.get(organisation=shared["organisation"], status=Status.PENDING)


def centre_pages_show(client, centre, text) -> tuple[bool, bool]:
    """Whether centre A's public page and its office's partner list show `text`."""
    public = client.get(reverse("public:centre", args=[centre.slug])).content.decode()
    office = client.get(reverse("office:partners", args=[centre.slug])).content.decode()
    return text in public, text in office


def test_a_rename_by_centre_b_waits_and_centre_a_still_shows_the_old_name(shared, centre, programme_manager):
    change = rename_from_b(shared)

    shared["organisation"].refresh_from_db()
    assert shared["organisation"].name == "Gedeeld BV"
    assert change.wanted == {"name": "Gedeeld Nieuw BV"} and change.previous == {"name": "Gedeeld BV"}
    assert change.partnership == shared["there"] and change.requested_by == shared["b_contact"]
    assert [(d.centre, d.decision) for d in change.decisions.all()] == [(centre, "pending")]
    a_office = client_for(programme_manager)
    assert centre_pages_show(a_office, centre, "Gedeeld BV") == (True, True)
    assert centre_pages_show(a_office, centre, "Gedeeld Nieuw BV") == (False, False)
    event = AuditEvent.objects.get(action="change_requested")
    assert event.actor == shared["b_contact"] and event.changes == {"name": ["Gedeeld BV", "Gedeeld Nieuw BV"]}
    assert not AuditEvent.objects.filter(action="details_updated").exists()


def test_the_requesting_partner_sees_the_change_waiting_and_for_whom(shared, centre):
    rename_from_b(shared)
    page = client_for(shared["b_contact"]).get(portal_url("partner", shared["there"])).content.decode()
    assert "waiting for approval" in page
    assert "Gedeeld Nieuw BV" in page and centre.name in page


def test_approval_by_centre_a_applies_the_new_name(shared, centre, programme_manager):
    change = rename_from_b(shared)
    a_office = client_for(programme_manager)
    page = a_office.get(change_url(centre, change))
    assert page.status_code == 200 and "Gedeeld Nieuw BV" in page.content.decode()

    response = a_office.post(change_url(centre, change), {"decision": "approve", "reason": ""})

    assert response.status_code == 302
    organisation = Organisation.objects.get(pk=shared["organisation"].pk)
    assert organisation.name == "Gedeeld Nieuw BV" and organisation.normalised_name == "gedeeldnieuw"
    assert organisation.history.latest().history_user == programme_manager
    change.refresh_from_db()
    assert change.status == Status.APPROVED and change.closed_at is not None
    decision = change.decisions.get()
    assert (decision.decision, decision.decided_by) == ("approved", programme_manager)
    assert centre_pages_show(a_office, centre, "Gedeeld Nieuw BV") == (True, True)
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"change_requested", "change_approved", "change_applied", "details_updated"} <= actions


def test_a_decline_keeps_the_old_name_and_tells_the_partner_why(shared, centre, programme_manager):
    change = rename_from_b(shared)
    a_office = client_for(programme_manager)

    without_reason = a_office.post(change_url(centre, change), {"decision": "decline", "reason": " "})
    assert without_reason.status_code == 400
    change.refresh_from_db()
    assert change.status == Status.PENDING

    response = a_office.post(change_url(centre, change), {"decision": "decline", "reason": "Dit is een andere BV."})

    assert response.status_code == 302
    change.refresh_from_db()
    assert change.status == Status.DECLINED
    assert change.decisions.get().reason == "Dit is een andere BV."
    shared["organisation"].refresh_from_db()
    assert shared["organisation"].name == "Gedeeld BV"
    event = AuditEvent.objects.get(action="change_declined")
    assert event.centre == centre and event.changes == {"reason": "Dit is een andere BV."}
    page = client_for(shared["b_contact"]).get(portal_url("partner", shared["there"])).content.decode()
    assert "was declined" in page and "Dit is een andere BV." in page


def test_a_decided_change_cannot_be_decided_again(shared, centre, programme_manager):
    change = rename_from_b(shared)
    a_office = client_for(programme_manager)
    a_office.post(change_url(centre, change), {"decision": "decline", "reason": "Nee."})
    response = a_office.post(change_url(centre, change), {"decision": "approve"})
    assert response.status_code == 302
    shared["organisation"].refresh_from_db()
    assert shared["organisation"].name == "Gedeeld BV"
    assert AuditEvent.objects.filter(action__in=["change_approved", "change_applied"]).count() == 0


def test_an_unshared_organisation_is_changed_at_once(partner_a, partner_a_contact):
    client = client_for(partner_a_contact)
    response = client.post(portal_url("partner_edit", partner_a), edit_data(partner_a, name="Partner A Nieuw BV"))
    assert response.status_code == 302
    partner_a.organisation.refresh_from_db()
    assert partner_a.organisation.name == "Partner A Nieuw BV"
    assert not OrganisationChange.objects.exists()


def test_contacts_change_at_once_even_when_the_details_wait(shared):
    there = shared["there"]
    data = edit_data(there, name="Gedeeld Nieuw BV", **{"contacts-0-phone": "0318 123456"})
    client_for(shared["b_contact"]).post(portal_url("partner_edit", there), data)
    assert there.contacts.filter(phone="0318 123456").exists()
    assert OrganisationChange.objects.filter(status=Status.PENDING).exists()


def test_every_other_centre_must_approve(shared, centre, programme_manager):
    third = CentreFactory(slug="civ-derde")
    PartnershipFactory(centre=third, organisation=shared["organisation"])
    third_manager = office_person(third)
    change = rename_from_b(shared)
    assert change.decisions.count() == 2

    client_for(programme_manager).post(change_url(centre, change), {"decision": "approve"})
    shared["organisation"].refresh_from_db()
    assert shared["organisation"].name == "Gedeeld BV"

    client_for(third_manager).post(change_url(third, change), {"decision": "approve"})
    shared["organisation"].refresh_from_db()
    assert shared["organisation"].name == "Gedeeld Nieuw BV"


def test_a_centre_that_took_the_organisation_on_later_is_asked_too(shared, centre, programme_manager):
    change = rename_from_b(shared)
    later = CentreFactory(slug="civ-later")
    PartnershipFactory(centre=later, organisation=shared["organisation"])

    approve_organisation_change(change=change, centre=centre, actor=programme_manager)

    change.refresh_from_db()
    assert change.status == Status.PENDING
    assert change.decisions.get(centre=later).decision == "pending"
    shared["organisation"].refresh_from_db()
    assert shared["organisation"].name == "Gedeeld BV"


def test_asking_again_keeps_the_request_a_new_wish_replaces_it_and_going_back_withdraws_it(shared):
    there, user = shared["there"], shared["b_contact"]
    first = change_details(partnership=there, actor=user, data={"name": "Nieuw BV", "city": "Ede"})
    assert change_details(partnership=there, actor=user, data={"name": "Nieuw BV", "city": "Ede"}) == first

    second = change_details(partnership=there, actor=user, data={"name": "Nieuw BV", "city": "Wageningen"})
    first.refresh_from_db()
    assert first.status == Status.WITHDRAWN and second.wanted == {"name": "Nieuw BV", "city": "Wageningen"}

    assert change_details(partnership=there, actor=user, data={"name": "Gedeeld BV", "city": "Ede"}) is None
    second.refresh_from_db()
    assert second.status == Status.WITHDRAWN


def test_the_edit_form_starts_from_the_waiting_change(shared):
    rename_from_b(shared)
    page = client_for(shared["b_contact"]).get(portal_url("partner_edit", shared["there"]))
    assert page.context["form"].initial["name"] == "Gedeeld Nieuw BV"
    assert page.context["sharing"] == [shared["here"].centre]


def test_a_second_centre_cannot_ask_while_another_request_waits(shared, centre):
    rename_from_b(shared)
    a_contact = partner_person(shared["here"])
    with pytest.raises(PartnerError):
        change_details(partnership=shared["here"], actor=a_contact, data={"name": "Iets Anders BV"})
    response = client_for(a_contact).post(portal_url("partner_edit", shared["here"]),
                                          edit_data(shared["here"], name="Iets Anders BV"))
    assert response.status_code == 400
    assert OrganisationChange.objects.count() == 1


def test_a_kvk_number_taken_in_the_meantime_stops_the_change(shared, centre, programme_manager):
    change = change_details(partnership=shared["there"], actor=shared["b_contact"], data={"kvk_number": "77777777"})
    OrganisationFactory(kvk_number="77777777")
    response = client_for(programme_manager).post(change_url(centre, change), {"decision": "approve"})
    assert response.status_code == 302
    change.refresh_from_db()
    shared["organisation"].refresh_from_db()
    assert change.status == Status.PENDING and shared["organisation"].kvk_number == "55555555"
    assert change.decisions.get().decision == "pending"


def test_centre_a_office_lists_the_request_and_centre_b_office_does_not(shared, centre, other_centre,
                                                                       programme_manager, other_centre_manager):
    change = rename_from_b(shared)
    listing = client_for(programme_manager).get(reverse("office:organisation_changes", args=[centre.slug]))
    assert list(listing.context["changes"]) == [change]
    assert "waits for you" in listing.content.decode()
    dashboard = client_for(programme_manager).get(reverse("office:dashboard", args=[centre.slug]))
    assert dashboard.context["dashboard"].organisation_changes == 1
    theirs = client_for(other_centre_manager).get(reverse("office:organisation_changes", args=[other_centre.slug]))
    assert list(theirs.context["changes"]) == []


def test_a_partner_of_centre_a_cannot_see_or_decide_centre_bs_requests(centre, other_centre, partner_a_contact):
    """Centre B's request, waiting for B's office: under B's address a partner of A has no role (404)."""
    change = shared_change(asked_of=other_centre, asked_from=centre)
    client = client_for(partner_a_contact)
    assert client.get(change_url(other_centre, change)).status_code == 404
    assert client.post(change_url(other_centre, change), {"decision": "approve"}).status_code == 404
    assert client.get(reverse("office:organisation_changes", args=[other_centre.slug])).status_code == 404
    # Under its own centre's address the partner is in scope with too low a role.
    assert client.post(change_url(centre, change), {"decision": "approve"}).status_code == 403
    assert change.decisions.get().decision == "pending"


def test_the_office_of_a_centre_not_sharing_the_organisation_gets_404(shared, other_centre, other_centre_manager):
    change = rename_from_b(shared)
    stranger_centre = CentreFactory(slug="civ-vreemd")
    stranger = client_for(office_person(stranger_centre))
    assert stranger.get(change_url(stranger_centre, change)).status_code == 404
    assert stranger.post(change_url(stranger_centre, change), {"decision": "approve"}).status_code == 404
    # Nor does the office of the centre that asked: it is not asked to decide.
    b_office = client_for(other_centre_manager)
    assert b_office.post(change_url(other_centre, change), {"decision": "approve"}).status_code == 404
    assert OrganisationChangeDecision.objects.get(change=change).decision == "pending"


def test_new_details_give_every_centre_sharing_the_organisation_a_new_token(shared, centre, other_centre,
                                                                             programme_manager):
    """Each centre keeps the name in what it caches under its revision token (the monitor, the contributions)."""
    before = revisions.token(centre.pk)
    apply_details(shared["organisation"], {"name": "Gedeeld Anders BV"}, actor=programme_manager, centre=other_centre)
    assert revisions.token(centre.pk) not in {"", before}


@pytest.mark.parametrize("decision", ["approve", "decline"])
def test_another_centres_decision_gives_the_asking_centre_a_new_token(shared, centre, other_centre,
                                                                      programme_manager, decision):
    """The asking partner's portal lists each centre's decision, and is kept under its own centre's token."""
    change = rename_from_b(shared)
    before = revisions.token(other_centre.pk)
    data = {"decision": decision, "reason": "Naam klopt niet met de KvK"}
    assert client_for(programme_manager).post(change_url(centre, change), data).status_code == 302
    assert revisions.token(other_centre.pk) not in {"", before}

