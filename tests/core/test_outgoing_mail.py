"""Mail never breaks a page: every e-mail goes through the outbox and a task; a mail server that fails is retried
with growing pauses, the failure is recorded, and the page that caused the mail answers as usual."""

import io
import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends import locmem
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from civhub.accounts.models import Membership, Role, User
from civhub.core.mail import RETRY_PAUSES, deliver, queue_mail, resend, send_due_mail
from civhub.core.models import OutgoingMail
from civhub.partners.models import PartnerApplication
from tests.partners.test_application_form import valid_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def refusing_server(monkeypatch):
    """The mail server refuses every message until `refusing_server.up = True`."""

    class Server:
        up = False

    def send_messages(backend, messages):
        if not Server.up:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return original(backend, messages)

    original = locmem.EmailBackend.send_messages
    monkeypatch.setattr(locmem.EmailBackend, "send_messages", send_messages)
    return Server


def _make_due():
    OutgoingMail.objects.filter(state=OutgoingMail.State.PENDING).update(
        next_attempt_at=timezone.now() - timedelta(seconds=1))


def test_a_failing_mail_server_does_not_break_the_application_form(client, centre, refusing_server,
                                                                   django_capture_on_commit_callbacks):
    manager = User.objects.create_user("pm@example.org", full_name="Pim Manager")
    Membership.objects.create(user=manager, centre=centre, role=Role.PROGRAMME_MANAGER)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("public:apply", args=[centre.slug]), valid_data())

    assert response.status_code == 302 and response.url == reverse("public:apply_done", args=[centre.slug])
    assert PartnerApplication.objects.count() == 1
    assert mail.outbox == []
    waiting = OutgoingMail.objects.order_by("recipient")
    assert [(m.recipient, m.state, m.attempts) for m in waiting] == [
        ("eva@example.org", "pending", 1), ("pm@example.org", "pending", 1)]
    assert all("SMTPServerDisconnected" in m.last_error and m.next_attempt_at > timezone.now() for m in waiting)

    refusing_server.up = True
    assert send_due_mail() == 0  # not due yet: the first pause is a minute
    _make_due()
    out = io.StringIO()
    call_command("send_due_mail", stdout=out)
    assert "2 e-mails" in out.getvalue()

    assert sorted(message.to[0] for message in mail.outbox) == ["eva@example.org", "pm@example.org"]
    assert set(OutgoingMail.objects.values_list("state", flat=True)) == {"sent"}
    assert PartnerApplication.objects.count() == 1


def test_the_pauses_grow_and_the_mail_fails_for_good_after_the_last(refusing_server,
                                                                    django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        queue_mail(to=["eva@example.org"], subject="Hallo", body="Tekst")
    outgoing = OutgoingMail.objects.get()
    pauses = []
    for _attempt in RETRY_PAUSES:
        outgoing.refresh_from_db()
        pauses.append(outgoing.next_attempt_at - timezone.now())
        _make_due()
        send_due_mail()
    outgoing.refresh_from_db()
    assert outgoing.state == "failed" and outgoing.attempts == len(RETRY_PAUSES) + 1
    assert [round(pause.total_seconds() / 60) for pause in pauses] == [1, 5, 30, 120, 720]

    refusing_server.up = True
    with django_capture_on_commit_callbacks(execute=True):
        resend(outgoing)
    outgoing.refresh_from_db()
    assert outgoing.state == "sent" and len(mail.outbox) == 1


def test_a_mail_is_sent_once_even_when_its_task_runs_twice(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        queue_mail(to=["eva@example.org"], subject="Hallo", body="Tekst",
                   attachments=[("a.ics", b"BEGIN", "text/calendar")])
    outgoing = OutgoingMail.objects.get()
    assert deliver.call(outgoing.pk) == "skipped"
    assert len(mail.outbox) == 1 and mail.outbox[0].attachments[0][:2] == ("a.ics", "BEGIN")


def test_no_mail_for_a_rolled_back_change():
    with pytest.raises(RuntimeError), transaction.atomic():
        queue_mail(to=["eva@example.org"], subject="Hallo", body="Tekst")
        raise RuntimeError
    assert not OutgoingMail.objects.exists()
