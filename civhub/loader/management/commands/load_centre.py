"""`manage.py load_centre FILE`: create or update a centre from its definition file (docs/formats.md §1)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civhub.core.commands import CivhubCommand
from civhub.loader.management.commands._common import load_or_fail, read_or_fail


class Command(CivhubCommand):
    help = gettext_lazy("Create or update a centre from its definition file (YAML). Running it twice changes nothing.")

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("the centre definition file (YAML)"))

    def handle(self, *args, file: str, **options):
        result = load_or_fail(read_or_fail(self, file))
        self.stdout.write(result.summary())
