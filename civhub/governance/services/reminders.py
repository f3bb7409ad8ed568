"""The one reminder e-mail to the owner of an action that has become overdue.

`manage.py send_reminders` (daily, from cron or a scheduler) enqueues `remind_overdue_owners` as a
django.tasks task: with the default immediate backend it runs at once, with a queue in a worker.
"""

from datetime import date

from django.db import transaction
from django.tasks import task
from django.utils import timezone

from civhub.core.audit import record_event
from civhub.core.mail import send_after_commit
from civhub.governance.models import Action


def send_overdue_reminders(*, today: date) -> int:
    """Remind each owner of an open action due before `today` that has had no reminder; returns how many.

    Idempotent: reminded_at is set in the same transaction as the e-mail is queued, so a second run (or
    a run on a later day) sends nothing for the same action.
    """
    sent = 0
    with transaction.atomic():
        overdue = (Action.objects.select_for_update(of=("self",))
                   .filter(status=Action.Status.OPEN, due_date__lt=today, reminded_at__isnull=True)
                   .select_related("owner", "meeting", "centre"))
        for action in overdue:
            action.reminded_at = timezone.now()
            action.save(update_fields=["reminded_at"])
            record_event(action, actor=None, action="action_reminder_sent", centre=action.centre,
                         summary=action.what)
            send_after_commit(to=[action.owner.email], template="governance/email/action_overdue",
                              context={"action": action, "person": action.owner},
                              language=action.owner.preferred_language)
            sent += 1
    return sent


@task
def remind_overdue_owners(today: str) -> int:
    """The background task: `today` as an ISO date (task arguments travel as JSON); returns how many were sent."""
    return send_overdue_reminders(today=date.fromisoformat(today))
