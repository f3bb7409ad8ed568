from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "civhub.reports"
    label = "reports"
    verbose_name = _("Reports")

    def ready(self):
        # grants records a submitted report with the pack as it was then; the pack is ours to make.
        from civhub.grants import snapshots
        from civhub.reports.snapshot import funder_snapshot

        snapshots.register(funder_snapshot)
