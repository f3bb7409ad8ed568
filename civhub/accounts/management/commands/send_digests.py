"""Send the daily digest to everyone who chose it (run once a day from cron or a scheduler)."""

from django.tasks import TaskResultStatus
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from civhub.accounts.notifications import send_daily_digests
from civhub.core.commands import CivhubCommand


class Command(CivhubCommand):
    help = gettext_lazy("E-mail each person who chose the daily digest what waits for them, if anything new arrived.")

    def handle(self, *args, **options):
        result = send_daily_digests.enqueue()
        if result.status != TaskResultStatus.SUCCESSFUL:  # a queue backend: a worker sends them
            self.stdout.write(_("The digests are queued for the task worker."))
            return
        sent = result.return_value
        self.stdout.write(ngettext("%(count)d digest sent.", "%(count)d digests sent.", sent) % {"count": sent})
