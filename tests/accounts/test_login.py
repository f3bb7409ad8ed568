"""Signing in with an e-mail address, and the limits on failed attempts: per account and per address."""

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from civhub.accounts.models import Membership, Role, User
from civhub.core.models import Centre
from tests.two_factor import code_for, give_authenticator

pytestmark = pytest.mark.django_db
PASSWORD = "een-lang-wachtwoord-2026"


@pytest.fixture
def manager():
    centre = Centre.objects.create(slug="civ-login", name="CIV Login")
    user = User.objects.create_user("Pm@Example.org", password=PASSWORD, full_name="Pam Manager")
    Membership.objects.create(user=user, centre=centre, role=Role.PROGRAMME_MANAGER)
    return user


def sign_in(client, email, password, **extra):
    return client.post(reverse("accounts:login"), {"username": email, "password": password}, **extra)


def test_a_person_signs_in_with_their_e_mail_address_and_lands_in_their_centre(client, manager):
    give_authenticator(manager)
    response = sign_in(client, "pm@example.org", PASSWORD)
    assert response.status_code == 302
    asked = client.get(response.url)  # the office signs in with two factors: the code comes next
    assert asked.url == reverse("accounts:otp_verify") + "?next=/account/"
    response = client.post(asked.url, {"code": code_for(manager), "next": "/account/"})
    assert client.get(response.url).url == reverse("core:inbox", args=["civ-login"])  # the office: its to-do list


def test_a_steering_group_member_lands_on_the_co_financing_monitor(client, manager):
    centre = Centre.objects.get(slug="civ-login")
    member = User.objects.create_user("sg@example.org", password=PASSWORD, full_name="Sam Steering")
    Membership.objects.create(user=member, centre=centre, role=Role.STEERING_MEMBER)
    response = sign_in(client, "sg@example.org", PASSWORD)
    assert client.get(response.url).url == reverse("grants:monitor", args=["civ-login"])


@pytest.mark.parametrize("role, page", [(Role.PRACTOR, "research:questions"),
                                        (Role.COMMUNICATIONS, "news:manage")])
def test_the_practor_and_communications_land_on_their_own_work(client, manager, role, page):
    member = User.objects.create_user("m@example.org", password=PASSWORD, full_name="Mo Member")
    Membership.objects.create(user=member, centre=Centre.objects.get(slug="civ-login"), role=role)
    response = sign_in(client, "m@example.org", PASSWORD)
    assert client.get(response.url).url == reverse(page, args=["civ-login"])


def test_a_wrong_password_gets_a_dutch_message(client, manager):
    response = sign_in(client, "pm@example.org", "fout")
    assert response.status_code == 200
    assert "Dit e-mailadres en wachtwoord horen niet bij elkaar" in response.content.decode()


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
def test_repeated_failures_lock_the_account_for_that_address(client, manager):
    for _ in range(3):
        sign_in(client, "pm@example.org", "fout", REMOTE_ADDR="192.0.2.7")

    locked = sign_in(client, "pm@example.org", PASSWORD, REMOTE_ADDR="192.0.2.7")

    assert locked.status_code == 429
    assert "Te veel pogingen" in locked.content.decode()
    assert "_auth_user_id" not in client.session


@override_settings(AXES_ENABLED=True)
def test_five_failures_from_one_address_lock_that_address_for_every_account(client, manager):
    other = User.objects.create_user("other@example.org", password=PASSWORD, full_name="Olga Other")
    for number in range(5):
        sign_in(client, f"guess{number}@example.org", "fout", REMOTE_ADDR="192.0.2.8")

    assert sign_in(client, other.email, PASSWORD, REMOTE_ADDR="192.0.2.8").status_code == 429
    assert sign_in(Client(), other.email, PASSWORD, REMOTE_ADDR="192.0.2.9").status_code == 302  # another address


@override_settings(AXES_ENABLED=True)
def test_failures_for_one_account_from_many_addresses_lock_the_account(client, manager):
    for number in range(5):
        sign_in(Client(), "pm@example.org", "fout", REMOTE_ADDR=f"198.51.100.{number + 1}")

    assert sign_in(client, "pm@example.org", PASSWORD, REMOTE_ADDR="203.0.113.50").status_code == 429
    User.objects.create_user("free@example.org", password=PASSWORD, full_name="Fay Free")
    assert sign_in(Client(), "free@example.org", PASSWORD, REMOTE_ADDR="203.0.113.50").status_code == 302


@override_settings(AXES_ENABLED=True, TRUSTED_PROXY_COUNT=1)
def test_behind_one_trusted_proxy_the_forwarded_address_decides(client, manager):
    """All requests reach us from the proxy's address; what the client wrote in the header itself counts for nothing."""
    for number in range(5):
        sign_in(Client(), f"guess{number}@example.org", "fout", REMOTE_ADDR="10.0.0.2",
                HTTP_X_FORWARDED_FOR=f"1.2.3.4, 192.0.2.{number + 10}")

    fresh = sign_in(client, "pm@example.org", PASSWORD, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="192.0.2.99")
    assert fresh.status_code == 302  # the proxy's address is not locked: five clients failed once each
    for number in range(5):
        sign_in(Client(), f"guess{number}@example.org", "fout", REMOTE_ADDR="10.0.0.2",
                HTTP_X_FORWARDED_FOR=f"192.0.2.{number + 30}, 192.0.2.77")
    locked = sign_in(Client(), "pm@example.org", PASSWORD, REMOTE_ADDR="10.0.0.2",
                     HTTP_X_FORWARDED_FOR="192.0.2.200, 192.0.2.77")
    assert locked.status_code == 429  # the client the proxy saw, 192.0.2.77, failed five times
