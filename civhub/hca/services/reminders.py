"""The one reminder e-mail before a survey round closes, to the employer partners that have not answered it all.

`manage.py send_survey_reminders` (daily, from cron or a scheduler) calls `send_survey_reminders`. A round is
reminded once: `SurveyRound.reminded_on` is set in the same transaction as the e-mails are queued (they leave
after the commit), so a second run the same day or later sends nothing for it.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.urls import reverse

from civhub.accounts.models import PARTNER_ROLES, Membership
from civhub.core.audit import record_event
from civhub.core.mail import send_after_commit
from civhub.hca.models import SurveyRound
from civhub.hca.selectors.survey import partners_still_to_answer
from civhub.partners.models import Contact

# A round closing within this many days (today included) gets its reminder.
REMIND_DAYS_BEFORE = 7


@dataclass(frozen=True)
class Recipient:
    email: str
    name: str
    language: str


def send_survey_reminders(*, today: date, centre=None) -> tuple[int, int]:
    """Remind the partners of every open round closing within REMIND_DAYS_BEFORE days that had no reminder yet.

    Returns (rounds reminded, e-mails queued). Only `centre`'s rounds when given.
    """
    rounds_done = sent = 0
    with transaction.atomic():
        due = (SurveyRound.objects.select_for_update(of=("self",)).select_related("centre")
               .filter(reminded_on__isnull=True, closes_on__gte=today,
                       closes_on__lte=today + timedelta(days=REMIND_DAYS_BEFORE)))
        if centre is not None:
            due = due.filter(centre=centre)
        for survey_round in due:
            sent += _remind(survey_round)
            survey_round.reminded_on = today
            survey_round.save(update_fields=["reminded_on"])
            rounds_done += 1
    return rounds_done, sent


def _remind(survey_round: SurveyRound) -> int:
    """Queue the e-mails of one round; returns how many."""
    missing = partners_still_to_answer(survey_round)
    recipients = _recipients([partnership.pk for partnership, _ in missing])
    sent = 0
    for partnership, occupations in missing:
        url = reverse("hca:survey", args=[survey_round.centre.slug]) + f"?partner={partnership.short_code}"
        for person in recipients.get(partnership.pk, []):
            send_after_commit(to=[person.email], template="hca/email/survey_reminder", language=person.language,
                              context={"survey_round": survey_round, "centre": survey_round.centre,
                                       "partnership": partnership, "occupations": occupations,
                                       "name": person.name, "path": url})
            sent += 1
    record_event(survey_round, actor=None, action="survey_reminder_sent", centre=survey_round.centre,
                 summary=str(survey_round), changes={"partners": [item.short_code for item, _ in missing],
                                                     "emails": sent})
    return sent


def _recipients(partnership_ids: list[int]) -> dict[int, list[Recipient]]:
    """Per partner its contacts and the people who answer for it (contact or signatory), once per address, each
    in their own language (a contact without a login: Dutch). Two queries."""
    found: dict[int, dict[str, Recipient]] = {pk: {} for pk in partnership_ids}
    for contact in Contact.objects.filter(partnership_id__in=partnership_ids).select_related("user"):
        language = contact.user.preferred_language if contact.user else "nl"
        found[contact.partnership_id].setdefault(contact.email.lower(),
                                                 Recipient(contact.email, contact.name, language or "nl"))
    for membership in (Membership.objects.filter(partnership_id__in=partnership_ids, role__in=sorted(PARTNER_ROLES),
                                                 user__is_active=True).select_related("user")):
        user = membership.user
        found[membership.partnership_id].setdefault(user.email.lower(), Recipient(
            user.email, user.get_short_name(), user.preferred_language or "nl"))
    return {pk: list(people.values()) for pk, people in found.items()}
