from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HcaConfig(AppConfig):
    name = "civhub.hca"
    label = "hca"
    verbose_name = _("Human Capital Agenda")

    def ready(self):
        # The dashboard belongs to `partners`, below us: we hand it our card instead of it importing us.
        from civhub.core import dashboard
        from civhub.hca.views.outputs import dashboard_panel

        dashboard.register(dashboard.Panel(order=25, template="hca/_dashboard_panel.html", context=dashboard_panel))
