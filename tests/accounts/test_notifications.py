"""E-mail for each step that hands work to someone, as the person chose (at once, a daily digest, or not), the
digest command, the settings page, links from the server's address in development, and readable .eml files."""

import email
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.core.management import call_command
from django.test import RequestFactory, override_settings
from django.urls import reverse
from django.utils import timezone

from civhub.accounts.models import NotificationPreference
from civhub.accounts.notifications import send_digests, set_frequency
from civhub.core import inbox
from civhub.core.mail import EmlFileBackend, SiteAddressMiddleware, site_url
from civhub.governance.services.outcomes import record_action
from civhub.ledger.models import Contribution
from civhub.ledger.services.approval import approve_contribution, reject_contribution
from civhub.ledger.services.entries import submit_contribution
from civhub.research.services.questions import submit_question
from tests.governance.support import meeting
from tests.ledger.builders import entry
from tests.partners.test_application_form import valid_data

pytestmark = pytest.mark.django_db
Status = Contribution.Status
Frequency = NotificationPreference.Frequency


def recipients() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a step and its after-commit e-mails."""
    def run(call):
        with django_capture_on_commit_callbacks(execute=True):
            return call()
    return run


# Each step, at once -----------------------------------------------------------------------------------------------


def test_a_submitted_contribution_goes_to_the_partners_signatory_at_once(
        committed, centre, partner_a, partner_a_contact, partner_a_signatory, partner_b_contact, finance_controller):
    draft = entry(partner_a, partner_a_contact, status=Status.DRAFT, day=timezone.localdate())
    committed(lambda: submit_contribution(entry=draft, actor=partner_a_contact))
    assert recipients() == [partner_a_signatory.email]
    body = mail.outbox[0].body
    assert reverse("ledger:contribution", args=[centre.slug, draft.pk]) in body


def test_an_approved_contribution_goes_to_the_finance_controller(
        committed, centre, partner_a, partner_a_contact, partner_a_signatory, finance_controller):
    submitted = entry(partner_a, partner_a_contact, day=timezone.localdate())
    committed(lambda: approve_contribution(entry=submitted, actor=partner_a_signatory))
    assert recipients() == [finance_controller.email]


def test_a_rejected_contribution_goes_back_to_the_person_who_entered_it(
        committed, centre, partner_a, partner_a_contact, partner_a_signatory, english_messages):
    submitted = entry(partner_a, partner_a_contact, day=timezone.localdate())
    committed(lambda: reject_contribution(entry=submitted, actor=partner_a_signatory, reason="De datum klopt niet"))
    assert recipients() == [partner_a_contact.email]
    assert "De datum klopt niet" in mail.outbox[0].body


def test_a_partner_application_goes_to_the_programme_manager(client, committed, centre, programme_manager):
    committed(lambda: client.post(reverse("public:apply", args=[centre.slug]), valid_data()))
    assert recipients() == sorted(["eva@example.org", programme_manager.email])


def test_a_research_question_goes_to_the_practor(committed, centre, partner_a, partner_a_contact, practor):
    committed(lambda: submit_question(partnership=partner_a, actor=partner_a_contact, data={
        "title": "Sneller valideren", "context": "Drie weken.", "desired_outcome": "Eén week."}))
    assert recipients() == [practor.email]


def test_an_action_goes_to_its_owner(committed, centre, programme_manager, steering_member):
    agreed = meeting(centre)
    committed(lambda: record_action(meeting=agreed, actor=programme_manager, what="Offerte laboratorium",
                                    owner=steering_member, due_date=agreed.starts_at.date() + timedelta(days=30)))
    assert recipients() == [steering_member.email]
    assert reverse("core:inbox", args=[centre.slug]) in mail.outbox[0].body


# The person's choice --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("frequency", [Frequency.DAILY, Frequency.OFF])
def test_someone_who_chose_the_digest_or_nothing_gets_no_mail_at_once(
        committed, centre, partner_a, partner_a_contact, partner_a_signatory, frequency):
    set_frequency(user=partner_a_signatory, frequency=frequency)
    draft = entry(partner_a, partner_a_contact, status=Status.DRAFT, day=timezone.localdate())
    committed(lambda: submit_contribution(entry=draft, actor=partner_a_contact))
    assert mail.outbox == []


def test_the_digest_lists_what_waits_once_and_again_only_when_something_new_arrived(
        committed, centre, partner_a, partner_a_contact, partner_a_signatory, english_messages):
    set_frequency(user=partner_a_signatory, frequency=Frequency.DAILY)
    first = entry(partner_a, partner_a_contact, description="Practicum begeleid")
    assert committed(send_digests) == 1
    assert recipients() == [partner_a_signatory.email]
    body = mail.outbox[0].body
    assert "Practicum begeleid" in body
    assert reverse("ledger:contribution", args=[centre.slug, first.pk]) in body
    assert reverse("accounts:notifications") in body
    assert committed(send_digests) == 0  # nothing new since
    later = timezone.now() + timedelta(minutes=5)
    Contribution.objects.filter(pk=entry(partner_a, partner_a_contact).pk).update(updated_at=later)
    assert committed(lambda: send_digests(now=later + timedelta(minutes=1))) == 1
    assert len(mail.outbox) == 2


def test_a_long_queue_shows_its_oldest_in_the_digest_and_a_newer_entry_still_counts_as_news(
        committed, centre, partner_a, partner_a_contact, partner_a_signatory, english_messages, monkeypatch):
    """The finance controller's queue can hold 50,000 entries at a million: the digest, like the inbox page, lists
    the oldest few with how many wait and the list where all of them are."""
    monkeypatch.setattr(inbox, "PER_GROUP", 2)
    set_frequency(user=partner_a_signatory, frequency=Frequency.DAILY)
    for day in (3, 1, 4, 2):
        entry(partner_a, partner_a_contact, description=f"Gastles {day} maart", day=date(2025, 3, day))
    assert committed(send_digests) == 1
    body = mail.outbox[0].body
    assert "Gastles 1 maart" in body and "Gastles 2 maart" in body and "Bijdragen om goed te keuren:" in body
    assert "Gastles 3 maart" not in body and "Gastles 4 maart" not in body
    assert "De 2 oudste staan hier. Bekijk alle 4 in hun lijst:" in body  # in the person's language, Dutch
    assert reverse("ledger:approvals", args=[centre.slug]) in body
    later = timezone.now() + timedelta(minutes=5)
    newest = entry(partner_a, partner_a_contact, description="Gastles 5 maart", day=date(2025, 3, 5))
    Contribution.objects.filter(pk=newest.pk).update(updated_at=later)  # beyond the oldest two, and new
    assert committed(lambda: send_digests(now=later + timedelta(minutes=1))) == 1
    assert "Bekijk alle 5 in hun lijst:" in mail.outbox[1].body


def test_no_digest_for_those_who_want_mail_at_once_or_none_or_have_nothing_waiting(
        committed, centre, partner_a, partner_a_contact, partner_a_signatory, practor):
    entry(partner_a, partner_a_contact)
    set_frequency(user=partner_a_signatory, frequency=Frequency.OFF)
    set_frequency(user=practor, frequency=Frequency.DAILY)  # nothing waits for the practor
    assert committed(send_digests) == 0
    set_frequency(user=partner_a_signatory, frequency=Frequency.AT_ONCE)
    assert committed(send_digests) == 0 and mail.outbox == []


def test_the_command_sends_the_digests(
        committed, centre, partner_a, partner_a_contact, partner_a_signatory, capsys, english_messages):
    set_frequency(user=partner_a_signatory, frequency=Frequency.DAILY)
    entry(partner_a, partner_a_contact)
    committed(lambda: call_command("send_digests"))
    assert "1 digest sent." in capsys.readouterr().out
    assert recipients() == [partner_a_signatory.email]


def test_the_settings_page_keeps_the_choice(client, partner_a_contact):
    client.force_login(partner_a_contact)
    url = reverse("accounts:notifications")
    assert client.get(url).context["form"].initial["frequency"] == Frequency.AT_ONCE
    response = client.post(url, {"frequency": Frequency.DAILY})
    assert response.status_code == 302
    assert NotificationPreference.objects.get(user=partner_a_contact).frequency == Frequency.DAILY
    assert client.post(url, {"frequency": "weekly"}).status_code == 400


# Links and development mail -------------------------------------------------------------------------------------


@override_settings(SITE_URL="https://civhub.example.org", SITE_URL_FROM_REQUEST=False)
def test_links_use_site_url():
    assert site_url() == "https://civhub.example.org"


@override_settings(SITE_URL="http://127.0.0.1:8000", SITE_URL_FROM_REQUEST=True, ALLOWED_HOSTS=["192.168.1.20"])
def test_in_development_links_use_the_address_the_server_answered_on():
    seen = []
    middleware = SiteAddressMiddleware(lambda request: seen.append(site_url()))
    middleware(RequestFactory().get("/", HTTP_HOST="192.168.1.20:8123"))
    assert seen == ["http://192.168.1.20:8123"]
    assert site_url() == "http://127.0.0.1:8000"  # outside a request: the setting


def test_development_mail_is_a_readable_eml_file_with_the_link_intact(tmp_path: Path):
    link = "http://192.168.1.20:8123/account/wachtwoord/MQ/" + "a" * 80 + "/"
    body = f"Beste Eva,\n\nKies uw wachtwoord voor één centrum: {link}\n"
    message = EmailMessage("Uitnodiging voor één centrum", body, "civhub <noreply@example.org>", ["eva@example.org"])
    assert EmlFileBackend(file_path=str(tmp_path)).send_messages([message]) == 1
    (written,) = tmp_path.glob("*.eml")
    raw = written.read_bytes()
    assert b"Content-Transfer-Encoding: 8bit" in raw and b"quoted-printable" not in raw
    assert link.encode() in raw  # a copied link works as it stands
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    assert "één" in str(parsed["Subject"]) and "Beste Eva" in parsed.get_content()
