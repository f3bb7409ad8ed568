"""E-mail rendered from templates in the recipient's language, sent after the transaction commits."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation


def render_mail(template: str, context: dict, language: str) -> tuple[str, str]:
    """Render `<template>_subject.txt` and `<template>.txt` in `language`, as plain text (the "mail" engine)."""
    with translation.override(language):
        subject = render_to_string(f"{template}_subject.txt", context, using="mail").strip()
        body = render_to_string(f"{template}.txt", context, using="mail")
    return " ".join(subject.split()), body


def send_after_commit(*, to: list[str], template: str, context: dict, language: str = "nl") -> None:
    """Queue a templated e-mail for when the surrounding transaction commits (never for a rollback)."""
    subject, body = render_mail(template, {**context, "site_url": settings.SITE_URL}, language)
    transaction.on_commit(
        lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)
    )
