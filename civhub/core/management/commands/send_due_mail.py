"""Queue the e-mails whose next attempt is due (run every few minutes from a scheduler or cron)."""

from django.utils.translation import gettext_lazy, ngettext

from civhub.core.commands import CivhubCommand
from civhub.core.mail import send_due_mail


class Command(CivhubCommand):
    help = gettext_lazy("Try again to send the e-mails the mail server refused earlier.")

    def handle(self, *args, **options):
        count = send_due_mail()
        self.stdout.write(ngettext("%(count)d e-mail queued.", "%(count)d e-mails queued.", count) % {"count": count})
