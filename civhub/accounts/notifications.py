"""E-mail to the person a step hands work to, as they chose: at once, in a daily digest, or not at all.

Apps call `notify` inside their service's transaction, for each step that hands work to someone (a contribution
submitted to the partner's signatory, approved to the finance controller, rejected to the person who entered it,
an application to the office, a question to the practor, an action to its owner). Someone who chose the digest
hears of it in the next `send_digests` run, which lists what waits in their inbox (core/inbox.py) as its page does:
the oldest few of each kind, with how many wait and where.
"""

from datetime import datetime

from django.db import transaction
from django.tasks import task
from django.utils import timezone, translation

from civhub.accounts.models import NotificationPreference
from civhub.accounts.permissions import centres_of
from civhub.core import inbox
from civhub.core.mail import send_after_commit

Frequency = NotificationPreference.Frequency


def frequency_of(user) -> str:
    """How the person wants to hear of new work (at once when they never chose)."""
    preference = NotificationPreference.objects.filter(user=user).values_list("frequency", flat=True).first()
    return preference or Frequency.AT_ONCE


def notify(users, *, template: str, context: dict) -> int:
    """Mail `template` now to those of `users` who want each step at once; returns how many were queued.

    One query for the preferences, whatever the number of people; inactive people and the digest's and the
    silent's are left out (the digest finds the work in their inbox).
    """
    people = {user.pk: user for user in users if user.is_active and user.email}
    if not people:
        return 0
    later = set(NotificationPreference.objects.filter(user_id__in=people).exclude(frequency=Frequency.AT_ONCE)
                .values_list("user_id", flat=True))
    queued = 0
    for pk, user in people.items():
        if pk in later:
            continue
        send_after_commit(to=[user.email], template=template, context={**context, "person": user},
                          language=user.preferred_language or "nl")
        queued += 1
    return queued


def set_frequency(*, user, frequency: str) -> NotificationPreference:
    """The person's own choice, kept from now on."""
    preference, _created = NotificationPreference.objects.update_or_create(user=user,
                                                                           defaults={"frequency": frequency})
    return preference


def digest_for(user, *, since: datetime | None) -> list[tuple[object, list[inbox.Group]]]:
    """(centre, groups) for each of the person's centres with work waiting, or [] when nothing arrived since `since`.

    As on the inbox page, each group holds the oldest few with how many wait: the finance controller's queue can
    hold tens of thousands of entries, which an e-mail should not list (nor the task build)."""
    waiting = [(centre, groups) for centre in centres_of(user).order_by("name")
               if (groups := inbox.page_groups(user, centre))]
    if since is not None and not any(inbox.arrived_since(user, centre, groups, since) for centre, groups in waiting):
        return []
    return waiting


def send_digests(*, now: datetime | None = None) -> int:
    """Send each person who chose the daily digest the work waiting for them, if any arrived since their last one.

    Returns how many digests were sent. A second run on the same day sends nothing new: the time of each digest
    is kept in the same transaction as the e-mail is queued.
    """
    now = now or timezone.now()
    sent = 0
    preferences = (NotificationPreference.objects.filter(frequency=Frequency.DAILY, user__is_active=True)
                   .select_related("user"))
    for preference in preferences:
        language = preference.user.preferred_language or "nl"
        # The items' labels are written as they are built: in the person's language, like the rest of the e-mail.
        with transaction.atomic(), translation.override(language):
            waiting = digest_for(preference.user, since=preference.last_digest_at)
            if not waiting:
                continue
            send_after_commit(to=[preference.user.email], template="accounts/email/digest",
                              context={"person": preference.user, "centres": waiting}, language=language)
            preference.last_digest_at = now
            preference.save(update_fields=["last_digest_at"])
            sent += 1
    return sent


@task
def send_daily_digests() -> int:
    """The background task `manage.py send_digests` enqueues; returns how many digests were sent."""
    return send_digests()

