"""Sessions end after SESSION_IDLE_TIMEOUT without a request and SESSION_COOKIE_AGE after signing in; the sign-in
page then says why. Time travels by patching the clock the middleware reads."""

import time
from unittest import mock

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def later(seconds: float):
    return mock.patch("civhub.accounts.middleware.time.time", return_value=time.time() + seconds)


def test_the_production_defaults_are_thirty_minutes_idle_and_twelve_hours_at_most():
    from civhub import settings as production

    assert production.SESSION_IDLE_TIMEOUT == 30 * 60
    assert production.SESSION_COOKIE_AGE == 12 * 3600 < 14 * 24 * 3600


@override_settings(SESSION_IDLE_TIMEOUT=30 * 60, SESSION_ACTIVITY_STAMP_INTERVAL=60)
def test_thirty_minutes_without_a_request_sign_the_person_out_with_a_dutch_message(centre, persona_client):
    client = persona_client("practor")
    page = reverse("research:questions", args=[centre.slug])
    assert client.get(page).status_code == 200

    with later(29 * 60):
        assert client.get(page).status_code == 200  # activity: the clock starts again
    with later(29 * 60 + 31 * 60):
        response = client.get(page)

    assert response.url == reverse("accounts:login") + f"?next={page}"
    assert "_auth_user_id" not in client.session
    login = client.get(response.url).content.decode()
    assert "U bent uitgelogd na 30 minuten zonder activiteit" in login


@override_settings(SESSION_IDLE_TIMEOUT=30 * 60, SESSION_COOKIE_AGE=12 * 3600, SESSION_ACTIVITY_STAMP_INTERVAL=60)
def test_a_session_ends_twelve_hours_after_signing_in_however_busy(centre, persona_client):
    client = persona_client("practor")
    page = reverse("research:questions", args=[centre.slug])
    for minutes in range(0, 12 * 60, 25):  # a request every 25 minutes: never idle
        with later(minutes * 60):
            assert client.get(page).status_code == 200

    with later(12 * 3600 + 60):
        response = client.get(page)

    assert response.url.startswith(reverse("accounts:login"))
    assert "een sessie duurt hoogstens 12 uur" in client.get(response.url).content.decode()


def test_the_session_cookie_is_not_kept_for_two_weeks_any_more():
    assert settings.SESSION_COOKIE_AGE <= 12 * 3600
