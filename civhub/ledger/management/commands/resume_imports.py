"""Queue again the confirmed web imports whose worker died (run every few minutes from a scheduler or cron)."""

from datetime import timedelta

from django.utils.translation import gettext_lazy, ngettext

from civhub.core.commands import CivhubCommand
from civhub.ledger.services.import_batches import resume_stalled


class Command(CivhubCommand):
    help = gettext_lazy("Queue again every confirmed import that has shown no progress for a while.")

    def add_arguments(self, parser):
        parser.add_argument("--quiet-minutes", type=float, default=10,
                            help=gettext_lazy("Minutes without progress after which an import counts as stalled."))

    def handle(self, *args, quiet_minutes, **options):
        count = len(resume_stalled(quiet_for=timedelta(minutes=quiet_minutes)))
        self.stdout.write(ngettext("%(count)d import queued again.", "%(count)d imports queued again.", count)
                          % {"count": count})
