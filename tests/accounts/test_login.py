"""Signing in with an e-mail address, and the limit on failed attempts."""

import pytest
from django.test import override_settings
from django.urls import reverse

from civhub.accounts.models import Membership, Role, User
from civhub.core.models import Centre

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
    response = sign_in(client, "pm@example.org", PASSWORD)
    assert response.status_code == 302
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
