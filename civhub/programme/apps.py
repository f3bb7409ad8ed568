from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    name = "civhub.programme"
    label = "programme"
    verbose_name = _("Programme lines")

    def ready(self):
        # The dashboard belongs to `partners`, below us: we hand it our card instead of it importing us.
        from civhub.core import dashboard
        from civhub.programme.views.pages import dashboard_panel

        dashboard.register(dashboard.Panel(order=20, template="programme/_dashboard_panel.html",
                                           context=dashboard_panel))
