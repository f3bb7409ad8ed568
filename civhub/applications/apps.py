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
        # The grant monitor, too, shows our continuation forecast through its own registry (grants/sections.py),
        # and the funder's final report how the centre lives on after the subsidy (reports/sections.py).
        from civhub.applications import inbox as applications_inbox
        from civhub.applications.dashboard import TEMPLATE, dashboard_panel
        from civhub.applications.monitor import SECTION
        from civhub.applications.report import SECTION as REPORT_SECTION
        from civhub.applications.views.commitments import portal_section
        from civhub.core import dashboard, inbox, portal
        from civhub.grants import sections
        from civhub.reports import sections as report_sections

        portal.register(dashboard.Panel(order=10, template="applications/commitments/_portal_section.html",
                                        context=portal_section))
        inbox.register(inbox.Source(name="applications.pledges", items=applications_inbox.pledges_to_confirm,
                                    order=25))
        inbox.register(inbox.Source(name="applications.continuation",
                                    items=applications_inbox.commitments_after_subsidy_to_confirm, order=26))
        inbox.register(inbox.Source(name="applications.continuation_ask",
                                    items=applications_inbox.commitments_after_subsidy_to_ask, order=27))
        sections.register(SECTION)
        report_sections.register(REPORT_SECTION)
        dashboard.register(dashboard.Panel(order=15, template=TEMPLATE, context=dashboard_panel))
