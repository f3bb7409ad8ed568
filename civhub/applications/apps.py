from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "civhub.applications"
    label = "applications"
    verbose_name = _("Funding applications")

    def ready(self):
        from civhub.applications.monitor import SECTION
        from civhub.grants.sections import register

        register(SECTION)
