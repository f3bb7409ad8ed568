from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HcaConfig(AppConfig):
    name = "civhub.hca"
    label = "hca"
    verbose_name = _("Human Capital Agenda")
