"""Enqueue the webhook deliveries that are due: retries and anything a queue lost (run every few minutes by cron)."""

from django.utils.translation import gettext_lazy, ngettext

from civhub.core.commands import CivhubCommand
from civhub.webhooks.sending import enqueue_due


class Command(CivhubCommand):
    help = gettext_lazy("Send the webhook deliveries whose next attempt is due.")

    def handle(self, *args, **options):
        count = enqueue_due()
        self.stdout.write(ngettext("%(count)d delivery due.", "%(count)d deliveries due.", count) % {"count": count})
