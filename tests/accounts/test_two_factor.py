"""Two factors: enrolment on first sign-in, the code after the password, recovery codes used once, the middleware
that holds every other page until then, the centre administrator's reset with its audit record, the optional
second step for everyone else, and `manage.py totp_code` for the demo."""

import re
from io import StringIO
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from civhub.accounts import two_factor
from civhub.accounts.two_factor_views import CODES_KEY, ENROL_KEY
from civhub.core.models import AuditEvent
from tests.factories import UserFactory
from tests.two_factor import code_for, give_authenticator

pytestmark = pytest.mark.django_db
PASSWORD = "een-lang-wachtwoord-2026"


def password_only(user) -> Client:
    """A client past the password and not (yet) past the second step."""
    if not user.check_password(PASSWORD):  # a new password would sign out the person's other sessions
        user.set_password(PASSWORD)
        user.save()
    client = Client()
    assert client.post(reverse("accounts:login"), {"username": user.email, "password": PASSWORD}).status_code == 302
    return client


def code_of_key(key: str) -> str:
    return f"{TOTP(bytes.fromhex(key)).token():06d}"


def enrol(client) -> list[str]:
    """Walk the enrolment: open the page, confirm with the app's code, read the recovery codes."""
    assert client.get(reverse("accounts:otp_enrol")).status_code == 200
    key = client.session[ENROL_KEY]
    response = client.post(reverse("accounts:otp_enrol"), {"code": code_of_key(key), "next": "/account/"})
    assert response.url == reverse("accounts:otp_recovery_codes")
    page = client.get(response.url).content.decode()
    return [code.replace(" ", "") for code in re.findall(r"<code>([\d ]+)</code>", page)]


def test_the_office_without_an_app_is_led_to_enrol_and_every_other_page_waits(centre, programme_manager):
    client = password_only(programme_manager)
    inbox = reverse("core:inbox", args=[centre.slug])

    response = client.get(inbox)

    assert response.url == reverse("accounts:otp_enrol") + f"?next={inbox}"
    assert client.get(reverse("office:dashboard", args=[centre.slug])).url.startswith(reverse("accounts:otp_enrol"))
    assert client.get(reverse("public:centre", args=[centre.slug])).status_code == 200  # the public site stays open
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_enrolment_shows_a_qr_code_and_the_key_as_text_and_asks_for_a_code(programme_manager):
    client = password_only(programme_manager)

    page = client.get(reverse("accounts:otp_enrol")).content.decode()

    key = client.session[ENROL_KEY]
    assert "<svg" in page and "<script>" not in page  # inline SVG, no inline script
    assert two_factor.secret_text(key) in page
    assert 'autocomplete="one-time-code"' in page and 'inputmode="numeric"' in page


def test_a_wrong_code_does_not_enrol(programme_manager):
    client = password_only(programme_manager)
    client.get(reverse("accounts:otp_enrol"))

    response = client.post(reverse("accounts:otp_enrol"), {"code": "000000"})

    assert response.status_code == 400
    assert "Deze code klopt niet" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=programme_manager).exists()


def test_enrolment_gives_ten_recovery_codes_shown_once_and_an_audit_record(centre, programme_manager):
    client = password_only(programme_manager)

    codes = enrol(client)

    assert len(codes) == 10 and len(set(codes)) == 10 and all(len(code) == 12 for code in codes)
    download = client.get(reverse("accounts:otp_recovery_codes_download"))
    assert download["Content-Disposition"].startswith("attachment")
    assert all(two_factor.shown(code) in download.content.decode() for code in codes)
    done = client.post(reverse("accounts:otp_recovery_codes"))
    assert done.url == "/account/"
    assert client.get(reverse("accounts:otp_recovery_codes")).url == reverse("accounts:two_factor")  # shown once
    assert CODES_KEY not in client.session
    assert client.get(reverse("core:inbox", args=[centre.slug])).status_code == 200  # verified by the enrolment
    event = AuditEvent.objects.get(action="two_factor_enrolled")
    assert event.actor == programme_manager and event.target_id == str(programme_manager.pk)


def test_with_an_app_the_code_page_follows_the_password_and_leads_on(centre, programme_manager):
    give_authenticator(programme_manager)
    client = password_only(programme_manager)
    inbox = reverse("core:inbox", args=[centre.slug])
    assert client.get(inbox).url == reverse("accounts:otp_verify") + f"?next={inbox}"

    wrong = client.post(reverse("accounts:otp_verify"), {"code": "000000", "next": inbox})
    assert wrong.status_code == 400
    assert "Deze code klopt niet of is al gebruikt" in wrong.content.decode()

    TOTPDevice.objects.filter(user=programme_manager).update(throttling_failure_count=0,
                                                              throttling_failure_timestamp=None)
    right = client.post(reverse("accounts:otp_verify"), {"code": code_for(programme_manager), "next": inbox})
    assert right.url == inbox
    assert client.get(inbox).status_code == 200


def test_the_code_page_does_not_lead_off_the_site(programme_manager):
    give_authenticator(programme_manager)
    client = password_only(programme_manager)

    response = client.post(reverse("accounts:otp_verify"), {"code": code_for(programme_manager),
                                                            "next": "https://evil.example.com/"})

    assert response.url == reverse("accounts:home")


def test_a_recovery_code_signs_in_once(centre, programme_manager):
    codes = enrol(password_only(programme_manager))
    inbox = reverse("core:inbox", args=[centre.slug])

    first = password_only(programme_manager)
    response = first.post(reverse("accounts:otp_verify"), {"code": two_factor.shown(codes[0]), "next": inbox})
    assert response.url == inbox
    assert first.get(inbox).status_code == 200
    assert StaticToken.objects.filter(device__user=programme_manager).count() == 9
    assert AuditEvent.objects.filter(action="recovery_code_used", actor=programme_manager).count() == 1

    again = password_only(programme_manager)
    refused = again.post(reverse("accounts:otp_verify"), {"code": codes[0], "next": inbox})
    assert refused.status_code == 400
    assert again.get(inbox).url.startswith(reverse("accounts:otp_verify"))


def test_a_session_past_the_password_only_cannot_replace_the_app(programme_manager):
    give_authenticator(programme_manager)
    client = password_only(programme_manager)

    response = client.get(reverse("accounts:otp_enrol"))

    assert response.url.startswith(reverse("accounts:otp_verify"))
    assert client.post(reverse("accounts:otp_enrol"), {"code": "123456"}).url.startswith(
        reverse("accounts:otp_verify"))
    assert TOTPDevice.objects.get(user=programme_manager).key == give_authenticator(programme_manager).key


def test_a_centre_admin_resets_a_persons_two_factors_with_an_audit_record(centre, programme_manager, centre_admin,
                                                                         persona_client):
    manager = persona_client("programme_manager")  # verified with the app the reset removes
    admin = persona_client("centre_admin")
    url = reverse("core:person_reset_two_factor", args=[centre.slug, programme_manager.pk])
    page = admin.get(reverse("core:person", args=[centre.slug, programme_manager.pk])).content.decode()
    assert url in page

    assert admin.get(url).status_code == 200  # the confirmation first
    response = admin.post(url)

    assert response.url == reverse("core:person", args=[centre.slug, programme_manager.pk])
    assert not TOTPDevice.objects.filter(user=programme_manager).exists()
    event = AuditEvent.objects.get(action="two_factor_reset")
    assert (event.actor, event.centre, event.target_id) == (centre_admin, centre, str(programme_manager.pk))
    inbox = reverse("core:inbox", args=[centre.slug])
    assert manager.get(inbox).url == reverse("accounts:otp_enrol") + f"?next={inbox}"  # asked to enrol again


def test_the_people_list_shows_who_has_two_factors(centre, centre_admin, practor, persona_client):
    page = persona_client("centre_admin").get(reverse("core:people", args=[centre.slug])).content.decode()

    assert practor.email in page and centre_admin.email in page
    assert reverse("core:person", args=[centre.slug, practor.pk]) in page


def test_for_other_roles_the_second_step_is_optional(centre, partner_a_contact):
    client = password_only(partner_a_contact)
    portal = reverse("portal:home", args=[centre.slug])
    assert client.get(portal).status_code == 302 and not client.get(portal).url.startswith("/account/")

    enrol(client)
    client.post(reverse("accounts:otp_recovery_codes"))
    assert password_only(partner_a_contact).get(portal).url.startswith(reverse("accounts:otp_verify"))

    response = client.post(reverse("accounts:otp_turn_off"))
    assert response.url == reverse("accounts:two_factor")
    assert not TOTPDevice.objects.filter(user=partner_a_contact).exists()
    assert not password_only(partner_a_contact).get(portal).url.startswith("/account/")


def test_the_office_cannot_turn_the_second_step_off(programme_manager, persona_client):
    client = persona_client("programme_manager")

    response = client.post(reverse("accounts:otp_turn_off"), follow=True)

    assert "Uw rol vraagt om tweestapsverificatie" in response.content.decode()
    assert TOTPDevice.objects.filter(user=programme_manager).exists()


def test_totp_code_prints_the_current_code_only_with_debug(programme_manager):
    device = give_authenticator(programme_manager)
    with pytest.raises(CommandError, match="DEBUG=1"):
        call_command("totp_code", programme_manager.email)

    out = StringIO()
    with override_settings(DEBUG=True), mock.patch("time.time", return_value=1_800_000_000):
        call_command("totp_code", programme_manager.email, stdout=out)
        expected = code_of_key(device.key)
    assert out.getvalue().strip() == expected


def test_a_superuser_must_use_two_factors_too(db):
    root = UserFactory(email="root@example.org", is_superuser=True, is_staff=True)

    response = password_only(root).get("/admin/")

    assert response.url == reverse("accounts:otp_enrol") + "?next=/admin/"


def test_a_session_with_only_the_password_does_not_reach_the_api_as_its_person(programme_manager):
    client = password_only(programme_manager)

    response = client.get(reverse("api:courses"))

    assert response.status_code == 302 and response.url.startswith(reverse("accounts:otp_enrol"))
