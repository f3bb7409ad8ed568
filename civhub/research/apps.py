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
