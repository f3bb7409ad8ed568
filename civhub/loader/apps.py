from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LoaderConfig(AppConfig):
    name = "civhub.loader"
    label = "loader"
    verbose_name = _("Centre definitions")
