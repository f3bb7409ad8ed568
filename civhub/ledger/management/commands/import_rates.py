"""`manage.py import_rates FILE --centre SLUG --as EMAIL` (docs/formats.md §3)."""

from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civhub.core.commands import CivhubCommand, centre_or_fail, open_or_fail, report_or_fail, user_or_fail
from civhub.ledger.errors import LedgerError
from civhub.ledger.imports import import_rates


class Command(CivhubCommand):
    help = gettext_lazy("Import partners' hourly rates per staff category from a CSV or XLSX file, all or nothing.")

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("the CSV or XLSX file"))
        parser.add_argument("--centre", required=True, help=_("the centre's slug"))
        parser.add_argument("--as", dest="email", required=True, help=_("the e-mail address of the acting user"))
        parser.add_argument("--dry-run", action="store_true", help=_("check the file and write nothing"))

    def handle(self, *args, file: str, centre: str, email: str, dry_run: bool, **options):
        centre, actor = centre_or_fail(centre), user_or_fail(email)
        with open_or_fail(file) as handle:
            try:
                report = import_rates(centre=centre, actor=actor, file=handle, file_name=Path(file).name,
                                      dry_run=dry_run)
            except LedgerError as error:
                raise CommandError(str(error), returncode=1) from None
        report_or_fail(self, report)
