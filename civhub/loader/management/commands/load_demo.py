"""`manage.py load_demo`: the demo centre CIV Bio Sciences, with fictitious activity on top."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from civhub.loader.demo_activity import DEMO_DEFINITION, add_demo_activity, describe_activity
from civhub.loader.demo_ledger import add_demo_ledger
from civhub.loader.management.commands._common import load_or_fail, read_or_fail


class Command(BaseCommand):
    help = _("Load the demo centre (CIV Bio Sciences) and its fictitious activity. Running it twice changes "
             "nothing.")

    def handle(self, *args, **options):
        with transaction.atomic():
            result = load_or_fail(read_or_fail(self, DEMO_DEFINITION))
            done = add_demo_activity(centre=result.centre)
            entries = add_demo_ledger(centre=result.centre)
        self.stdout.write(result.summary())
        self.stdout.write(describe_activity(done))
        self.stdout.write(_("demo ledger: %(count)d contributions added") % {"count": entries})
