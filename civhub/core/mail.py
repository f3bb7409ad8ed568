"""E-mail rendered from templates in the recipient's language, sent after the transaction commits.

Links in e-mails start with `site_url()`: the `SITE_URL` setting, or in development without it the address the
server answered the request on (`SiteAddressMiddleware`), so a link works whatever port `runserver` runs on.
"""

import email.policy
import os
import uuid
from contextvars import ContextVar

from django.conf import settings
from django.core.mail import send_mail
from django.core.mail.backends import filebased
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

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
    """Queue a templated e-mail for when the surrounding transaction commits (never for a rollback)."""
    subject, body = render_mail(template, {**context, "site_url": site_url()}, language)
    transaction.on_commit(
        lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)
    )


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
