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
        # Large funder packs and the statements' ZIP are made by the worker (core/requested_files.py).
        from civhub.core import requested_files
        from civhub.reports.files import FUNDER_PACK, PARTNER_STATEMENTS

        requested_files.register(FUNDER_PACK)
        requested_files.register(PARTNER_STATEMENTS)
