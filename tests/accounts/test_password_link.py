"""A link to choose a password: also for an invited person who never chose one; limited per hour, per e-mail
address and per network address; the page never tells whether an address has an account."""

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from civhub.accounts.models import User

pytestmark = pytest.mark.django_db
SENT = reverse("accounts:password_reset_sent")


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()
    yield
    cache.clear()


def ask(client, email, address="192.0.2.1"):
    return client.post(reverse("accounts:password_reset"), {"email": email}, REMOTE_ADDR=address)


def test_an_invited_person_without_a_password_gets_a_new_link(client, django_capture_on_commit_callbacks):
    invited = User.objects.create_user("eva@example.org", full_name="Eva Jansen")  # no password: unusable
    assert not invited.has_usable_password()

    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client, "EVA@example.org")

    assert response.status_code == 302 and response.url == SENT
    assert [message.to for message in mail.outbox] == [["eva@example.org"]]
    link = next(line for line in mail.outbox[0].body.splitlines() if "/wachtwoord/" in line)
    assert client.get(link.strip().split("testserver", 1)[1], follow=True).context["validlink"]


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client, "nobody@example.org")
    assert response.status_code == 302 and response.url == SENT and mail.outbox == []


def test_an_address_gets_five_links_an_hour(client, settings, django_capture_on_commit_callbacks):
    User.objects.create_user("eva@example.org", full_name="Eva Jansen")
    with django_capture_on_commit_callbacks(execute=True):
        answers = [ask(client, "eva@example.org", address=f"192.0.2.{n}") for n in range(6)]
    assert [answer.status_code for answer in answers] == [302] * 5 + [429]
    assert len(mail.outbox) == settings.PASSWORD_RESET_RATE_LIMIT == 5


def test_one_network_address_is_told_to_wait_after_five(client):
    answers = [ask(client, f"person{n}@example.org") for n in range(6)]
    assert [answer.status_code for answer in answers] == [302] * 5 + [429]
    assert "Probeer het over een uur opnieuw" in answers[-1].content.decode()
