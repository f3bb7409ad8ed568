from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "civhub.core"
    label = "core"
    verbose_name = _("Centres")

    def ready(self):
        # Django 6.1's empty choice of a select ("- Select an option -") is new and not yet in its Dutch
        # catalogue; naming it here puts it in ours (locale/nl), so a select says "- Kies een optie -".
        from django.db.models import fields

        from civhub.core import checks, logs  # noqa: F401 - registers the deploy checks and the task log line

        fields.BLANK_CHOICE_LABEL = _("- Select an option -")
