from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "civhub.partners"
    label = "partners"
    verbose_name = _("Partners")

    def ready(self):
        # The inbox (accounts, below us) lists what waits for a person: we hand it ours (core/inbox.py).
        from civhub.core import inbox
        from civhub.partners import inbox as partners_inbox

        inbox.register(inbox.Source(name="partners.application", items=partners_inbox.applications_to_handle, order=30))
