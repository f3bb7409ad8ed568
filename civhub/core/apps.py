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
        # The public pages show these: a change to one makes the cached pages of visitors stale (public_cache.py).
        from civhub.core import public_cache
        from civhub.core.models import Centre, Grant, KeyDate, ProgrammeLine, PublicContact

        public_cache.watch(Centre, ProgrammeLine, Grant, KeyDate, PublicContact)
        # A page reads each centre's revision token once per request, not once per cached figure (revisions.py).
        from django.core.signals import request_finished, request_started

        from civhub.core import revisions

        request_started.connect(revisions.begin_request, dispatch_uid="civhub.revisions.begin")
        request_finished.connect(revisions.end_request, dispatch_uid="civhub.revisions.end")
