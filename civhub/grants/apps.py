from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrantsConfig(AppConfig):
    name = "civhub.grants"
    label = "grants"
    verbose_name = _("Grants")

    def ready(self):
        # The dashboard belongs to `partners`, below us: we hand it our card instead of it importing us.
        from civhub.core import dashboard
        from civhub.grants.views.monitor import dashboard_panel

        dashboard.register(dashboard.Panel(order=10, template="grants/_dashboard_panel.html", context=dashboard_panel))
        # Every recorded chain head (ledger/heads.py) carries the expenditure chain's head too.
        from civhub.grants.chain import expenditure_head
        from civhub.ledger import heads

        heads.register("expenditure", expenditure_head)
        # The public centre page (partners, below us) shows our budget per funding source.
        from civhub.core import public_budget
        from civhub.grants.selectors.budget import public_budget_summary

        public_budget.register(public_budget_summary)
        from civhub.core import public_cache
        from civhub.grants.models import BudgetLine, BudgetVersion

        public_cache.watch(BudgetVersion, BudgetLine)
        # The inbox (accounts, below us) lists what waits for a person: we hand it ours (core/inbox.py).
        from civhub.core import inbox
        from civhub.grants import inbox as grants_inbox

        inbox.register(inbox.Source(name="grants.report", items=grants_inbox.reports_due, order=60))
        # A confirmed expenditure import runs in the ledger's import task (queued, with its progress), like theirs.
        from civhub.grants.imports import import_confirmed
        from civhub.ledger.models import ImportBatch
        from civhub.ledger.services import import_batches

        import_batches.register_importer(ImportBatch.Kind.EXPENDITURE, import_confirmed)
