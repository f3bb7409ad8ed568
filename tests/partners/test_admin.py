"""The Django admin works for a centre's own administrator (staff, not superuser), scoped to that centre."""

import pytest
from django.contrib import admin
from django.urls import reverse

from civhub.accounts.models import Membership, Role, User
from civhub.core.audit import record_event
from civhub.core.models import AuditEvent, OutgoingMail
from civhub.partners.models import Partnership
from tests.factories import (
    CentreFactory,
    ContactFactory,
    OrganisationFactory,
    PartnerApplicationFactory,
    PartnershipFactory,
    UserFactory,
)
from tests.partners.factories import client_for, office_person, partner_person

pytestmark = pytest.mark.django_db



@pytest.fixture
def setup():
    """Two centres with a partner each; a centre admin of the first."""
    centre, other = CentreFactory(name="CIV Bio Sciences"), CentreFactory(name="CIV Elsewhere")
    ours = PartnershipFactory(centre=centre, organisation__name="Our Partner BV")
    theirs = PartnershipFactory(centre=other, organisation__name="Their Partner BV")
    ContactFactory(partnership=ours, name="Our Contact")
    ContactFactory(partnership=theirs, name="Their Contact")
    PartnerApplicationFactory(centre=centre, organisation_name="Our Applicant")
    PartnerApplicationFactory(centre=other, organisation_name="Their Applicant")
    record_event(ours, actor=None, action="ours_happened", centre=centre)
    record_event(theirs, actor=None, action="theirs_happened", centre=other)
    centre_admin = office_person(centre, Role.CENTRE_ADMIN, is_staff=True, full_name="Carla Admin")
    return {"centre": centre, "other": other, "ours": ours, "theirs": theirs, "admin": centre_admin,
            "client": client_for(centre_admin)}


def changelist(model):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def change(obj, view="change"):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_{view}", args=[obj.pk])


def our_models():
    """Every model civhub registers in the admin (Django's own, such as groups, are left to Django)."""
    return [model for model in admin.site._registry if model.__module__.startswith("civhub.")]


def centre_admin_models():
    """What a centre admin opens: all but the outbox, whose mails belong to no centre (every centre's people)."""
    return [model for model in our_models() if model is not OutgoingMail]


def test_the_outbox_is_the_superusers_alone(setup):
    assert setup["client"].get(changelist(OutgoingMail)).status_code == 403


def test_centre_admin_is_not_a_superuser_and_opens_the_admin(setup):
    assert not setup["admin"].is_superuser
    response = setup["client"].get(reverse("admin:index"))
    assert response.status_code == 200
    assert "Partnerships" in response.content.decode()


def test_partnership_changelist_shows_only_the_centres_rows(setup):
    response = setup["client"].get(changelist(Partnership))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Our Partner BV" in content and "Their Partner BV" not in content


@pytest.mark.parametrize("model", centre_admin_models(), ids=lambda model: model._meta.label)
def test_every_changelist_and_add_page_opens_for_the_centre_admin(setup, model):
    client = setup["client"]
    response = client.get(changelist(model))
    assert response.status_code == 200
    content = response.content.decode()
    for foreign in ["Their Partner BV", "Their Contact", "Their Applicant", "theirs_happened", "CIV Elsewhere"]:
        assert foreign not in content
    add = client.get(reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add"))
    assert add.status_code in {200, 403}  # 403 for the centre itself and the read-only records


@pytest.mark.parametrize("model", our_models(), ids=lambda model: model._meta.label)
def test_every_changelist_opens_for_a_superuser_with_every_centre_in_it(setup, model):
    client = client_for(UserFactory(is_superuser=True, is_staff=True))
    response = client.get(changelist(model))
    assert response.status_code == 200


def test_sealed_and_recorded_facts_are_read_only_for_the_centre_admin_and_the_superuser(setup):
    """The ledger's and the subsidy's sealed facts, audit rows and submitted packs never change in the admin."""
    from civhub.grants.models import Expenditure, ReportSubmission
    from civhub.ledger.models import ChainHead, Contribution, ImportBatch, PeriodLock, StatusEvent

    root = client_for(UserFactory(is_superuser=True, is_staff=True))
    for model in [AuditEvent, Contribution, StatusEvent, PeriodLock, ImportBatch, ChainHead, Expenditure,
                  ReportSubmission]:
        model_admin = admin.site._registry[model]
        for client in (setup["client"], root):
            request = client.get(changelist(model)).wsgi_request
            assert not model_admin.has_add_permission(request), model
            assert not model_admin.has_change_permission(request), model
            assert not model_admin.has_delete_permission(request), model


def test_add_form_offers_only_the_admins_centres(setup):
    response = setup["client"].get(reverse("admin:partners_partnership_add"))
    fields = response.context["adminform"].form.fields
    assert set(fields["centre"].queryset.values_list("pk", flat=True)) == {setup["centre"].pk}
    assert "Their Partner BV" not in {str(org) for org in fields["organisation"].queryset}


def test_many_to_many_choices_offer_only_the_admins_centres(setup):
    response = setup["client"].get(reverse("admin:programme_activity_add"))
    owners = response.context["adminform"].form.fields["owners"].queryset
    assert set(owners) == {setup["ours"]}


def test_another_centres_partnership_cannot_be_opened_changed_or_traced(setup):
    client, theirs = setup["client"], setup["theirs"]
    response = client.get(change(theirs))
    assert response.status_code == 302  # the admin's "does not exist" answer
    assert client.get(change(theirs, "history")).status_code in {403, 404}
    response = client.post(change(theirs), {"short_code": "hijacked"})
    assert response.status_code in {302, 403, 404}
    theirs.refresh_from_db()
    assert theirs.short_code != "hijacked"
    assert client.get(change(theirs, "delete")).status_code in {302, 403, 404}
    assert Partnership.objects.filter(pk=theirs.pk).exists()


def test_centre_admin_changes_their_own_partnership_with_history(setup):
    client, ours = setup["client"], setup["ours"]
    assert client.get(change(ours)).status_code == 200
    assert client.get(change(ours, "history")).status_code == 200
    data = {"centre": ours.centre_id, "organisation": ours.organisation_id, "short_code": "renamed",
            "cluster": ours.cluster, "status": ours.status, "joined_on": "", "left_on": "",
            "cofinancing_group": ours.cofinancing_group, "intended_kinds": "[]"}
    response = client.post(change(ours), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    ours.refresh_from_db()
    assert ours.short_code == "renamed"
    assert ours.history.latest().history_user == setup["admin"]


def test_audit_events_are_read_only(setup):
    client = setup["client"]
    event = AuditEvent.objects.get(action="ours_happened")
    assert client.get(change(event)).status_code == 200  # a view-only page
    client.post(change(event), {"action": "rewritten"})
    event.refresh_from_db()
    assert event.action == "ours_happened"
    assert client.get(reverse("admin:core_auditevent_add")).status_code == 403
    assert client.get(change(event, "delete")).status_code == 403
    assert client.get(change(AuditEvent.objects.get(action="theirs_happened"))).status_code == 302


def test_users_of_other_centres_stay_out_of_sight_and_superusers_out_of_reach(setup):
    client = setup["client"]
    ours = partner_person(setup["ours"], email="ours@example.org")
    theirs = partner_person(setup["theirs"], email="theirs@example.org")
    boss = UserFactory(email="boss@example.org", is_superuser=True, is_staff=True)
    Membership.objects.create(user=boss, centre=setup["centre"], role=Role.PROGRAMME_MANAGER)
    content = client.get(changelist(User)).content.decode()
    assert "ours@example.org" in content and "theirs@example.org" not in content
    assert client.get(change(ours)).status_code == 200
    assert client.get(change(theirs)).status_code == 302
    response = client.post(reverse("admin:auth_user_password_change", args=[boss.pk]),
                           {"password1": "Taken-over-2026!", "password2": "Taken-over-2026!"})
    assert response.status_code == 403
    boss.refresh_from_db()
    assert not boss.check_password("Taken-over-2026!")


def test_centre_admin_cannot_make_themselves_superuser(setup):
    client, me = setup["client"], setup["admin"]
    data = {"email": me.email, "full_name": me.full_name, "preferred_language": "nl", "is_active": "on",
            "is_staff": "on", "is_superuser": "on", "date_joined_0": "2026-01-01", "date_joined_1": "10:00:00"}
    client.post(change(me), data)
    me.refresh_from_db()
    assert not me.is_superuser


def test_organisations_are_visible_through_a_partnership_in_the_centre(setup):
    OrganisationFactory(name="Unlinked Newcomer")
    content = setup["client"].get(reverse("admin:partners_organisation_changelist")).content.decode()
    assert "Our Partner BV" in content and "Unlinked Newcomer" in content
    assert "Their Partner BV" not in content


def test_staff_without_the_centre_admin_role_sees_nothing(setup):
    manager = office_person(setup["centre"], Role.PROGRAMME_MANAGER, is_staff=True)
    client = client_for(manager)
    assert client.get(changelist(Partnership)).status_code == 403


def test_a_centre_admin_who_is_not_staff_is_sent_to_the_admin_login(setup):
    plain = office_person(setup["centre"], Role.CENTRE_ADMIN)
    response = client_for(plain).get(changelist(Partnership))
    assert response.status_code == 302 and reverse("admin:login") in response.url


def test_superuser_sees_every_centre(setup):
    root = UserFactory(is_superuser=True, is_staff=True)
    content = client_for(root).get(changelist(Partnership)).content.decode()
    assert "Our Partner BV" in content and "Their Partner BV" in content


def test_centre_admin_adds_a_person_and_gives_them_a_role_in_their_centre(setup):
    client, centre = setup["client"], setup["centre"]
    response = client.post(reverse("admin:accounts_user_add"),
                           {"email": "New.Person@example.org", "full_name": "New Person", "preferred_language": "nl"})
    assert response.status_code == 302
    user = User.objects.get(email="new.person@example.org")
    assert not user.has_usable_password()
    response = client.post(reverse("admin:accounts_membership_add"),
                           {"user": user.pk, "centre": centre.pk, "role": Role.PRACTOR, "partnership": ""})
    assert response.status_code == 302
    assert Membership.objects.get(user=user).history.latest().history_user == setup["admin"]
    response = client.post(reverse("admin:accounts_membership_add"),
                           {"user": user.pk, "centre": setup["other"].pk, "role": Role.PRACTOR, "partnership": ""})
    assert response.status_code == 200  # the form refuses another centre
    assert Membership.objects.filter(user=user).count() == 1
