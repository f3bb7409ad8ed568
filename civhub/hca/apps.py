from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HcaConfig(AppConfig):
    name = "civhub.hca"
    label = "hca"
    verbose_name = _("Human Capital Agenda")

    def ready(self):
        # The partner portal and the office dashboard belong to `partners`, below us: we hand them the employer's
        # and the school's sections and our card instead of them importing us.
        from civhub.core import dashboard, portal
        from civhub.hca.views import schools, survey
        from civhub.hca.views.outputs import dashboard_panel

        portal.register(dashboard.Panel(order=15, template="hca/_portal_survey.html", context=survey.portal_section))
        portal.register(dashboard.Panel(order=20, template="hca/_portal_school.html", context=schools.portal_section))
        dashboard.register(dashboard.Panel(order=25, template="hca/_dashboard_panel.html", context=dashboard_panel))
        # The inbox (accounts, below us) lists what waits for a person: we hand it ours (core/inbox.py).
        from civhub.core import inbox
        from civhub.hca import inbox as hca_inbox

        inbox.register(inbox.Source(name="hca.survey", items=hca_inbox.rounds_to_answer, order=70))
