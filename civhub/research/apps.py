from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResearchConfig(AppConfig):
    name = "civhub.research"
    label = "research"
    verbose_name = _("Practorate")

    def ready(self):
        # The dashboard belongs to `partners`, below us: we hand it our card instead of it importing us.
        from civhub.core import dashboard
        from civhub.research.views.questions import dashboard_panel

        dashboard.register(dashboard.Panel(order=30, template="research/_dashboard_panel.html",
                                           context=dashboard_panel))
        # The inbox (accounts, below us) lists what waits for a person: we hand it ours (core/inbox.py).
        from civhub.core import inbox
        from civhub.research import inbox as research_inbox

        inbox.register(inbox.Source(name="research.triage", items=research_inbox.questions_to_triage, order=40))
