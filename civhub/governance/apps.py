from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "civhub.governance"
    label = "governance"
    verbose_name = _("Governance")

    def ready(self):
        # The dashboard belongs to `partners`, below us: we hand it our card instead of it importing us.
        from civhub.core import dashboard
        from civhub.governance.views.registers import dashboard_panel

        dashboard.register(dashboard.Panel(order=30, template="governance/_dashboard_panel.html",
                                           context=dashboard_panel))
        # The inbox (accounts, below us) lists what waits for a person: we hand it ours (core/inbox.py).
        from civhub.core import inbox
        from civhub.governance import inbox as governance_inbox

        inbox.register(inbox.Source(name="governance.action", items=governance_inbox.actions_owned, order=50))
        # The search (accounts, below us) finds what a person may open: we hand it meetings and decisions.
        from civhub.core import search
        from civhub.governance import search as governance_search

        search.register(search.Source(name="governance.meeting", label=_("Meetings"),
                                      search=governance_search.meetings, order=50))
        search.register(search.Source(name="governance.decision", label=_("Decisions"),
                                      search=governance_search.decisions, order=60))
        # A large meeting pack is made by the worker (core/requested_files.py).
        from civhub.core import requested_files
        from civhub.governance.pack import MEETING_PACK

        requested_files.register(MEETING_PACK)
