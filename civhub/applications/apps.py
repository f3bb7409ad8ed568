from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "civhub.applications"
    label = "applications"
    verbose_name = _("Funding applications")

    def ready(self):
        # The partner portal and the inbox belong to apps below us: we hand them the partner's pledge tables
        # (core/portal.py, core/inbox.py) instead of them importing us.
        # The office dashboard shows the open application's readiness and confirmations (core/dashboard.py).
        # The grant monitor, too, shows our continuation forecast through its own registry (grants/sections.py).
        from civhub.applications import inbox as applications_inbox
        from civhub.applications.dashboard import TEMPLATE, dashboard_panel
        from civhub.applications.monitor import SECTION
        from civhub.applications.views.commitments import portal_section
        from civhub.core import dashboard, inbox, portal
        from civhub.grants import sections

        portal.register(dashboard.Panel(order=10, template="applications/commitments/_portal_section.html",
                                        context=portal_section))
        inbox.register(inbox.Source(name="applications.pledges", items=applications_inbox.pledges_to_confirm,
                                    order=25))
        sections.register(SECTION)
        dashboard.register(dashboard.Panel(order=15, template=TEMPLATE, context=dashboard_panel))
