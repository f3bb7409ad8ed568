from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    name = "civhub.webhooks"
    label = "webhooks"
    verbose_name = _("Webhooks")

    def ready(self):
        from civhub.core import hooks
        from civhub.webhooks.models import SUBSCRIBABLE
        from civhub.webhooks.services import dispatch

        for event_name in SUBSCRIBABLE:
            hooks.subscribe(event_name, dispatch)
