"""Send the one reminder e-mail for actions that have become overdue (run daily from a scheduler or cron)."""

from django.tasks import TaskResultStatus
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from civhub.core.commands import CivhubCommand
from civhub.governance.services.reminders import remind_overdue_owners


class Command(CivhubCommand):
    help = gettext_lazy("Send each owner of a newly overdue action one reminder e-mail.")

    def handle(self, *args, **options):
        result = remind_overdue_owners.enqueue(timezone.localdate().isoformat())
        if result.status != TaskResultStatus.SUCCESSFUL:  # a queue backend: a worker sends them
            self.stdout.write(_("The reminders are queued for the task worker."))
            return
        sent = result.return_value
        self.stdout.write(ngettext("%(count)d reminder sent.", "%(count)d reminders sent.", sent) % {"count": sent})
