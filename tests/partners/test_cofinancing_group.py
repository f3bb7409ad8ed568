"""The office moves a partner to another co-financing group, with a reason kept for the auditors."""

import pytest
from django.urls import reverse

from civhub.accounts.models import Role
from civhub.core.models import AuditEvent
from civhub.partners.errors import PartnerError
from civhub.partners.models import CofinancingGroup, Partnership
from civhub.partners.services.partnerships import change_cofinancing_group
from tests.partners.factories import client_for, person

pytestmark = pytest.mark.django_db

OFFICE_ROLES = [Role.PROGRAMME_MANAGER, Role.FINANCE_CONTROLLER, Role.CENTRE_ADMIN]


def group_url(partnership):
    return reverse("office:partner_cofinancing", args=[partnership.centre.slug, partnership.short_code])


def group_of(partnership) -> str:
    return Partnership.objects.get(pk=partnership.pk).cofinancing_group


@pytest.mark.parametrize("role", OFFICE_ROLES)
def test_the_office_changes_the_group_with_a_reason(partner_a, role):
    user = person(partner_a.centre, role)
    client = client_for(user)
    page = client.get(group_url(partner_a))
    assert page.status_code == 200 and page.context["form"].initial["group"] == CofinancingGroup.EMPLOYER

    response = client.post(group_url(partner_a), {"group": "other", "reason": "Stichting, geen werkgever."})

    assert response.status_code == 302
    assert response.url == reverse("portal:partner", args=[partner_a.centre.slug, partner_a.short_code])
    assert group_of(partner_a) == CofinancingGroup.OTHER
    latest = partner_a.history.latest()
    assert latest.history_user == user and latest.history_change_reason == "Stichting, geen werkgever."


def test_the_change_is_audited_with_old_and_new_group_and_the_reason(partner_a, programme_manager):
    client_for(programme_manager).post(group_url(partner_a), {"group": "government", "reason": "Het is een ROC."})
    event = AuditEvent.objects.get(action="cofinancing_group_changed")
    assert event.actor == programme_manager and event.centre == partner_a.centre
    assert event.target_type == "partners.partnership" and event.target_id == str(partner_a.pk)
    assert event.changes == {"cofinancing_group": ["employer", "government"], "reason": "Het is een ROC."}


def test_without_a_reason_the_form_asks_for_one(partner_a, programme_manager):
    response = client_for(programme_manager).post(group_url(partner_a), {"group": "other", "reason": "  "})
    assert response.status_code == 400
    assert response.context["form"].errors["reason"]
    assert group_of(partner_a) == CofinancingGroup.EMPLOYER
    assert not AuditEvent.objects.exists()


def test_the_same_group_again_is_a_form_error(partner_a, programme_manager):
    response = client_for(programme_manager).post(group_url(partner_a), {"group": "employer", "reason": "Zo is het."})
    assert response.status_code == 400 and response.context["form"].errors["group"]
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize("persona", ["partner_a_contact", "partner_a_signatory", "partner_b_contact", "practor",
                                     "steering_member", "communications"])
def test_partners_and_other_roles_get_403(request, partner_a, persona):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(group_url(partner_a)).status_code == 403
    assert client.post(group_url(partner_a), {"group": "other", "reason": "Waarom niet."}).status_code == 403
    assert group_of(partner_a) == CofinancingGroup.EMPLOYER


def test_another_centres_office_gets_404(partner_a, other_partner, other_centre_manager, programme_manager):
    stranger = client_for(other_centre_manager)
    assert stranger.post(group_url(partner_a), {"group": "other", "reason": "Waarom niet."}).status_code == 404
    # Nor does the office reach another centre's partner under its own centre's address.
    here = reverse("office:partner_cofinancing", args=[partner_a.centre.slug, other_partner.short_code])
    assert client_for(programme_manager).post(here, {"group": "other", "reason": "Nee."}).status_code == 404
    assert group_of(partner_a) == group_of(other_partner) == CofinancingGroup.EMPLOYER


def test_the_service_refuses_anyone_outside_the_office(partner_a, partner_a_contact, other_centre_manager):
    for actor in (partner_a_contact, other_centre_manager):
        with pytest.raises(PartnerError):
            change_cofinancing_group(partnership=partner_a, actor=actor, group="other", reason="Omdat het kan.")
    with pytest.raises(PartnerError):
        change_cofinancing_group(partnership=partner_a, actor=partner_a_contact, group="other", reason="")
    assert group_of(partner_a) == CofinancingGroup.EMPLOYER


def test_a_long_reason_is_kept_whole_in_the_audit(partner_a, programme_manager):
    reason = "Lang verhaal. " * 30
    change_cofinancing_group(partnership=partner_a, actor=programme_manager, group="other", reason=reason)
    assert AuditEvent.objects.get().changes["reason"] == reason.strip()
    assert len(partner_a.history.latest().history_change_reason) == 100


def test_the_partner_page_links_to_the_form_for_the_office_only(partner_a, programme_manager, partner_a_contact):
    office_page = client_for(programme_manager).get(reverse("portal:partner", args=[partner_a.centre.slug,
                                                                                    partner_a.short_code]))
    partner_page = client_for(partner_a_contact).get(reverse("portal:partner", args=[partner_a.centre.slug,
                                                                                     partner_a.short_code]))
    assert group_url(partner_a) in office_page.content.decode()
    assert group_url(partner_a) not in partner_page.content.decode()
