from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HcaConfig(AppConfig):
    name = "civhub.hca"
    label = "hca"
    verbose_name = _("Human Capital Agenda")

    def ready(self):
        # The partner portal belongs to `partners`, below us: we hand it the school's section instead.
        from civhub.core import portal
        from civhub.core.dashboard import Panel
        from civhub.hca.views.schools import portal_section

        portal.register(Panel(order=20, template="hca/_portal_school.html", context=portal_section))
