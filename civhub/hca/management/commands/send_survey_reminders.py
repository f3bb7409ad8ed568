"""`manage.py send_survey_reminders [--centre SLUG]`: the one reminder e-mail before a survey round closes.

Run daily from cron or a scheduler. Each open round closing within seven days gets its reminder once, to the
contacts of the employer partners that have not answered every occupation (hca/services/reminders.py).
"""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from civhub.core.commands import CivhubCommand, centre_or_fail
from civhub.hca.services.reminders import send_survey_reminders


class Command(CivhubCommand):
    help = gettext_lazy("E-mail the employer partners that have not answered a survey round closing within a week.")

    def add_arguments(self, parser):
        parser.add_argument("--centre", help=_("only this centre's rounds (its slug)"))

    def handle(self, *args, centre: str | None, **options):
        found = centre_or_fail(centre) if centre else None
        rounds, sent = send_survey_reminders(today=timezone.localdate(), centre=found)
        self.stdout.write(ngettext("%(count)d reminder e-mail sent (rounds reminded: %(rounds)d).",
                                   "%(count)d reminder e-mails sent (rounds reminded: %(rounds)d).", sent)
                          % {"count": sent, "rounds": rounds})
