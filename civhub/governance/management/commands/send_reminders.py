"""Send the one reminder e-mail for actions that have become overdue (run daily from a scheduler or cron)."""

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from civhub.governance.services.reminders import send_overdue_reminders


class Command(BaseCommand):
    help = _("Send each owner of a newly overdue action one reminder e-mail.")

    def handle(self, *args, **options):
        sent = send_overdue_reminders(today=timezone.localdate())
        self.stdout.write(ngettext("%(count)d reminder sent.", "%(count)d reminders sent.", sent) % {"count": sent})
