"""E-mail rendered from templates in the recipient's language, written to the outbox and sent by a task.

Every mail civhub sends goes through `queue_mail` (or `send_after_commit`, which renders a template first): the mail
is an `OutgoingMail` row written in the caller's transaction, and the `deliver` task sends it after the commit. With
the immediate task backend that happens at once; with a queue, in the worker. A mail server that fails never breaks
the page: the task records the error and tries again after a growing pause.

Links in e-mails start with `site_url()`: the `SITE_URL` setting, or in development without it the address the
server answered the request on (`SiteAddressMiddleware`), so a link works whatever port `runserver` runs on.
"""

import base64
import email.policy
import logging
import os
import uuid
from collections.abc import Iterable
from contextvars import ContextVar
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.backends import filebased
from django.db import transaction
from django.db.models import F, Q
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import timezone, translation

from civhub.core.logs import carries_request_id, enqueue
from civhub.core.models import OutgoingMail

logger = logging.getLogger(__name__)

_REQUEST_ORIGIN: ContextVar[str | None] = ContextVar("civhub_request_origin", default=None)


def site_url() -> str:
    """The start of every link in an e-mail or a feed: "https://civhub.example.org", without a slash at the end."""
    if getattr(settings, "SITE_URL_FROM_REQUEST", False):
        origin = _REQUEST_ORIGIN.get()
        if origin:
            return origin
    return settings.SITE_URL


class SiteAddressMiddleware:
    """In development without SITE_URL, remember the address this request came in on, for `site_url()`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not getattr(settings, "SITE_URL_FROM_REQUEST", False):
            return self.get_response(request)
        token = _REQUEST_ORIGIN.set(request.build_absolute_uri("/").rstrip("/"))
        try:
            return self.get_response(request)
        finally:
            _REQUEST_ORIGIN.reset(token)


def render_mail(template: str, context: dict, language: str) -> tuple[str, str]:
    """Render `<template>_subject.txt` and `<template>.txt` in `language`, as plain text (the "mail" engine)."""
    with translation.override(language):
        subject = render_to_string(f"{template}_subject.txt", context, using="mail").strip()
        body = render_to_string(f"{template}.txt", context, using="mail")
    return " ".join(subject.split()), body


def send_after_commit(*, to: list[str], template: str, context: dict, language: str = "nl") -> None:
    """Send a templated e-mail once the surrounding transaction commits (never for a rollback)."""
    subject, body = render_mail(template, {**context, "site_url": site_url()}, language)
    queue_mail(to=to, subject=subject, body=body)


def queue_mail(*, to: list[str], subject: str, body: str, attachments: Iterable[tuple[str, bytes, str]] = ()) -> None:
    """Write the mail into the outbox with the caller's transaction; a task sends it after the commit.

    `attachments` are (file name, content, MIME type). The page that causes a mail never talks to the mail server:
    a failure there is the task's to retry (see `deliver`), not the person's.
    """
    stored = [{"name": name, "content": base64.b64encode(content).decode(), "type": kind}
              for name, content, kind in attachments]
    mails = [OutgoingMail.objects.create(recipient=address, subject=subject[:998], body=body, attachments=stored)
             for address in to]
    transaction.on_commit(lambda: [_enqueue(mail.pk) for mail in mails])


def _enqueue(pk: int, run_after: datetime | None = None) -> None:
    """Hand one mail to the task queue. A queue that refuses leaves it waiting for `manage.py send_due_mail`."""
    try:
        enqueue(deliver.using(run_after=run_after) if run_after else deliver, pk)
    except Exception:
        logger.exception("Could not queue outgoing e-mail %s; send_due_mail will send it.", pk)


# After the first failure, the pauses before each next attempt; after the last one the mail counts as failed.
RETRY_PAUSES = [timedelta(minutes=minutes) for minutes in (1, 5, 30, 120, 720)]
# A claimed mail is left alone this long: a worker killed while sending it does not block it for ever.
LEASE = timedelta(minutes=10)


@task
@carries_request_id
def deliver(pk: int) -> str:
    """Send one outgoing mail, unless it was sent already (a task may run twice); never raises for the server."""
    now = timezone.now()
    due = Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    claimed = OutgoingMail.objects.filter(due, pk=pk, state=OutgoingMail.State.PENDING).update(
        next_attempt_at=now + LEASE, attempts=F("attempts") + 1)
    if not claimed:
        return "skipped"
    mail = OutgoingMail.objects.get(pk=pk)
    try:
        _message(mail).send()
    except Exception as error:  # the mail server's fault is ours to retry, whatever it raised
        return _failed(mail, error)
    OutgoingMail.objects.filter(pk=pk).update(state=OutgoingMail.State.SENT, sent_at=timezone.now(),
                                              next_attempt_at=None, last_error="")
    return "sent"


def _message(mail: OutgoingMail) -> EmailMessage:
    message = EmailMessage(mail.subject, mail.body, settings.DEFAULT_FROM_EMAIL, [mail.recipient])
    for attachment in mail.attachments:
        message.attach(attachment["name"], base64.b64decode(attachment["content"]), attachment["type"])
    return message


def _failed(mail: OutgoingMail, error: Exception) -> str:
    """Record the failure; try again after the next pause (queued with a delay where the queue can wait)."""
    error_text = f"{type(error).__name__}: {error}"[:2000]
    if mail.attempts > len(RETRY_PAUSES):
        logger.error("Outgoing e-mail %s to %s failed for good after %s attempts: %s",
                     mail.pk, mail.recipient, mail.attempts, error_text)
        OutgoingMail.objects.filter(pk=mail.pk).update(state=OutgoingMail.State.FAILED, last_error=error_text,
                                                       next_attempt_at=None)
        return "failed"
    retry_at = timezone.now() + RETRY_PAUSES[mail.attempts - 1]
    logger.warning("Outgoing e-mail %s to %s failed (attempt %s), next attempt at %s: %s",
                   mail.pk, mail.recipient, mail.attempts, retry_at.isoformat(), error_text)
    OutgoingMail.objects.filter(pk=mail.pk).update(last_error=error_text, next_attempt_at=retry_at)
    if deliver.get_backend().supports_defer:
        _enqueue(mail.pk, run_after=retry_at)
    return "retry"


def send_due_mail() -> int:
    """Queue every mail whose next attempt is due (`manage.py send_due_mail`, run every few minutes by cron).

    Needed with the immediate backend, which cannot wait, and after a worker was killed while sending.
    """
    due = OutgoingMail.objects.filter(state=OutgoingMail.State.PENDING, next_attempt_at__lte=timezone.now())
    pks = list(due.values_list("pk", flat=True))
    for pk in pks:
        _enqueue(pk)
    return len(pks)


def resend(mail: OutgoingMail) -> None:
    """Try a failed (or sent) mail again from the start: the office's "send again"."""
    OutgoingMail.objects.filter(pk=mail.pk).update(state=OutgoingMail.State.PENDING, attempts=0,
                                                   next_attempt_at=None, last_error="")
    transaction.on_commit(lambda: _enqueue(mail.pk))


# Lines up to the limit of RFC 5322, so a plain-text body goes out as 8bit UTF-8 rather than quoted-printable.
READABLE = email.policy.default.clone(max_line_length=998)


class EmlFileBackend(filebased.EmailBackend):
    """Development mail: each message a readable `.eml` file under the mail folder (8bit UTF-8, links intact).

    Open one in a mail program or a text editor; a link copied from it works as it stands.
    """

    def send_messages(self, email_messages):
        sent = 0
        for message in email_messages or []:
            if not message.recipients():
                continue
            stamp = f"{timezone.now():%Y%m%d-%H%M%S}"  # a file name, not a date for people
            path = os.path.join(self.file_path, f"{stamp}-{uuid.uuid4().hex[:8]}.eml")
            with open(path, "wb") as stream:
                stream.write(message.message(policy=READABLE).as_bytes())
            sent += 1
        return sent
