"""The office sends a contact who never chose a password the invitation again: a new link, audited, once."""

import pytest
from django.core import mail
from django.urls import reverse

from civhub.core.models import AuditEvent
from tests.partners.rows import _invited_contact

pytestmark = pytest.mark.django_db


def test_the_office_sends_an_invited_contact_a_new_link(persona_client, centre, partner_a,
                                                        django_capture_on_commit_callbacks):
    contact = _invited_contact(partner_a)
    client = persona_client("programme_manager")
    page = reverse("portal:partner", args=[centre.slug, partner_a.short_code])
    assert "Uitnodiging opnieuw versturen" in client.get(page).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("office:contact_invitation",
                                       args=[centre.slug, partner_a.short_code, contact.pk]), follow=True)

    assert "opnieuw verstuurd" in response.content.decode()
    assert [message.to for message in mail.outbox] == [[contact.email]]
    assert "/wachtwoord/" in mail.outbox[0].body
    event = AuditEvent.objects.get(action="invitation_resent")
    assert event.centre == centre and event.summary == contact.email


def test_a_contact_who_can_sign_in_gets_no_invitation(persona_client, centre, partner_a,
                                                      django_capture_on_commit_callbacks):
    contact = _invited_contact(partner_a)
    contact.user.set_password("een-goed-wachtwoord-42")
    contact.user.save()
    client = persona_client("programme_manager")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("office:contact_invitation",
                                       args=[centre.slug, partner_a.short_code, contact.pk]), follow=True)
    assert "heeft al een wachtwoord" in response.content.decode()
    assert mail.outbox == [] and not AuditEvent.objects.filter(action="invitation_resent").exists()


def test_a_partner_sees_no_invitation_button(persona_client, centre, partner_a):
    _invited_contact(partner_a)
    page = persona_client("partner_a_contact").get(reverse("portal:partner", args=[centre.slug, partner_a.short_code]))
    assert "Uitnodiging opnieuw versturen" not in page.content.decode()
