"""The password-reset form: at most PASSWORD_RESET_RATE_LIMIT e-mails an hour per address and per e-mail address,
with the same answer whether an account exists or not."""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client, TestCase, override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_counts():
    cache.clear()
    yield
    cache.clear()


def ask(client, email, address="192.0.2.1"):
    """Ask for a link; the mail goes through the outbox after the commit (core/mail.py), so it is sent here."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(reverse("accounts:password_reset"), {"email": email}, REMOTE_ADDR=address)


@override_settings(PASSWORD_RESET_RATE_LIMIT=5)
def test_the_sixth_request_from_one_address_in_an_hour_is_refused_in_dutch(client, practor):
    for number in range(5):
        assert ask(client, f"someone{number}@example.org").status_code == 302

    refused = ask(client, practor.email)

    assert refused.status_code == 429
    assert "Er zijn te veel aanvragen voor een nieuw wachtwoord" in refused.content.decode()
    assert mail.outbox == []  # none of the five had an account, and the sixth was refused
    assert ask(Client(), practor.email, address="192.0.2.2").status_code == 302  # another address
    assert len(mail.outbox) == 1


@override_settings(PASSWORD_RESET_RATE_LIMIT=5)
def test_one_e_mail_address_gets_at_most_five_mails_an_hour_from_any_address(practor):
    for number in range(5):
        assert ask(Client(), practor.email, address=f"198.51.100.{number}").status_code == 302

    assert ask(Client(), practor.email.upper(), address="198.51.100.99").status_code == 429
    assert len(mail.outbox) == 5


@override_settings(PASSWORD_RESET_RATE_LIMIT=1)
def test_the_answer_does_not_tell_whether_an_account_exists(practor):
    known, unknown = Client(), Client()
    answers = []
    for client, email, address in ((known, practor.email, "192.0.2.10"), (unknown, "nobody@example.org", "192.0.2.11")):
        first = ask(client, email, address)
        second = ask(client, email, address)
        answers.append((first.status_code, first.url, second.status_code,
                        re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", second.content.decode())
                        .replace(email, "EMAIL")))

    assert answers[0] == answers[1]
