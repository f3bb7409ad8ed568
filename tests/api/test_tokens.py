"""Personal API tokens: made on the person's page and shown once, stored as a hash, expiring, revocable, scoped."""

from datetime import date, datetime, time, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from civhub.api import services
from civhub.api.errors import TokenError
from civhub.api.forms import expiry_moment, one_year_from
from civhub.api.models import TOKEN_PREFIX, PersonalToken, token_digest
from civhub.api.services import create_token, revoke_token
from civhub.core.models import AuditEvent
from tests.api.support import make_token, token_client, v1


def test_a_token_is_stored_only_as_its_hash(partner_a_contact):
    token, secret = make_token(partner_a_contact)
    assert secret.startswith(TOKEN_PREFIX) and len(secret) > 40
    stored = PersonalToken.objects.get(pk=token.pk)
    assert stored.digest == token_digest(secret)
    assert secret not in {str(value) for value in PersonalToken.objects.filter(pk=token.pk).values().get().values()}
    assert stored.hint == secret[:8]


def test_making_and_revoking_are_audited(partner_a_contact):
    token, _ = make_token(partner_a_contact, name="Urenregistratie")
    revoke_token(actor=partner_a_contact, token=token)
    actions = list(AuditEvent.objects.filter(target_type="api.personaltoken", target_id=str(token.pk))
                   .order_by("pk").values_list("action", "actor"))
    assert actions == [("api_token_created", partner_a_contact.pk), ("api_token_revoked", partner_a_contact.pk)]


@pytest.mark.parametrize("days", [0, -1, 368])
def test_a_token_expires_within_a_year_and_not_today(partner_a_contact, days):
    with pytest.raises(TokenError):
        create_token(actor=partner_a_contact, name="x", scope=PersonalToken.Scope.READ,
                     expires=timezone.now() + timedelta(days=days))


@pytest.mark.parametrize("today", [date(2027, 3, 1), date(2028, 2, 29), date(2026, 12, 7)])
def test_the_same_date_next_year_is_allowed_over_a_leap_day_too(monkeypatch, partner_a_contact, today):
    morning = timezone.make_aware(datetime.combine(today, time(8, 0)))
    monkeypatch.setattr(services.timezone, "now", lambda: morning)
    last_day = one_year_from(today)
    token, _ = create_token(actor=partner_a_contact, name="x", scope=PersonalToken.Scope.READ,
                            expires=expiry_moment(last_day))
    assert timezone.localtime(token.expires).date() == last_day
    assert last_day == (date(2028, 3, 1) if today.month == 3 else date(2029, 2, 28) if today.month == 2
                        else date(2027, 12, 7))


def test_nobody_revokes_another_persons_token(partner_a_contact, partner_b_contact):
    token, _ = make_token(partner_a_contact)
    with pytest.raises(TokenError):
        revoke_token(actor=partner_b_contact, token=token)


def test_the_token_works_until_it_expires_or_is_revoked(partner_a_contact, centre):
    token, secret = make_token(partner_a_contact)
    client = Client(headers={"Authorization": f"Bearer {secret}"})
    url = v1("partners", centre)
    assert client.get(url).status_code == 200
    assert PersonalToken.objects.get(pk=token.pk).last_used is not None
    PersonalToken.objects.filter(pk=token.pk).update(expires=timezone.now() - timedelta(seconds=1))
    expired = client.get(url)
    assert expired.status_code == 401
    assert expired["Content-Type"] == "application/problem+json"
    assert expired["WWW-Authenticate"] == 'Bearer realm="api"'
    PersonalToken.objects.filter(pk=token.pk).update(expires=timezone.now() + timedelta(days=1))
    assert client.get(url).status_code == 200
    revoke_token(actor=partner_a_contact, token=token)
    assert client.get(url).status_code == 401


def test_a_wrong_or_malformed_token_is_a_401(client, centre, partner_a_contact):
    url = v1("partners", centre)
    for header in ("Bearer civ_wrong", "Bearer", "Bearer a b", "Bearer not-ours"):
        response = client.get(url, headers={"Authorization": header})
        assert response.status_code == 401, header
        assert response.json()["type"] == "urn:civhub:problem:not-authenticated"


def test_a_deactivated_persons_token_stops_working(partner_a_contact, centre):
    client = token_client(partner_a_contact)
    partner_a_contact.is_active = False
    partner_a_contact.save()
    assert client.get(v1("partners", centre)).status_code == 401


def test_a_read_token_reads_but_may_not_write(partner_a_contact, centre):
    client = token_client(partner_a_contact, scope=PersonalToken.Scope.READ, language="en")
    assert client.get(v1("contributions", centre)).status_code == 200
    refused = client.post(v1("contributions", centre), {}, content_type="application/json")
    assert refused.status_code == 403
    assert "may only read" in refused.json()["detail"]


# The person's pages ------------------------------------------------------------------------------------------------


def test_the_new_token_is_shown_once_and_then_never(persona_client, partner_a_contact):
    client = persona_client("partner_a_contact")
    day = timezone.localdate() + timedelta(days=30)
    made = client.post(reverse("api_tokens:create"), {"name": "Urenregistratie", "scope": "read_write",
                                                     "expires": day.isoformat()})
    assert made.status_code == 200
    assert "no-store" in made["Cache-Control"]
    token = PersonalToken.objects.get(user=partner_a_contact)
    secret = made.context["secret"]
    assert token.digest == token_digest(secret) and secret in made.content.decode()
    assert token.scope == "read_write" and timezone.localtime(token.expires).date() == day
    listing = client.get(reverse("api_tokens:list")).content.decode()
    assert "Urenregistratie" in listing and token.hint in listing and secret not in listing


@pytest.mark.parametrize("days", [0, 400])
def test_the_form_refuses_an_expiry_outside_the_coming_year(persona_client, partner_a_contact, days):
    day = timezone.localdate() + timedelta(days=days)
    response = persona_client("partner_a_contact").post(reverse("api_tokens:create"), {
        "name": "x", "scope": "read", "expires": day.isoformat()})
    assert response.status_code == 400
    assert not PersonalToken.objects.exists()


def test_the_pages_speak_dutch(persona_client, partner_a_contact):
    make_token(partner_a_contact, scope=PersonalToken.Scope.READ)
    page = persona_client("partner_a_contact").get(reverse("api_tokens:list")).content.decode()
    assert "API-sleutels" in page and "Alleen lezen" in page and "Intrekken" in page


def test_revoking_asks_first_and_then_stops_the_token(persona_client, partner_a_contact):
    token, _ = make_token(partner_a_contact)
    client = persona_client("partner_a_contact")
    url = reverse("api_tokens:revoke", args=[token.pk])
    assert client.get(url).status_code == 200
    token.refresh_from_db()
    assert token.revoked is None
    assert client.post(url).status_code == 302
    token.refresh_from_db()
    assert token.revoked is not None and not token.is_active
    assert client.get(url).status_code == 404  # revoked once: nothing left to revoke


def test_another_persons_token_is_a_404(persona_client, partner_a_contact, partner_b_contact):
    token, _ = make_token(partner_a_contact)
    client = persona_client("partner_b_contact")
    url = reverse("api_tokens:revoke", args=[token.pk])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    token.refresh_from_db()
    assert token.revoked is None
