"""`manage.py import_expenditure FILE --centre SLUG --as EMAIL [--dry-run]` (docs/formats.md §4)."""

from pathlib import Path

from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civhub.core.commands import CivhubCommand, centre_or_fail, open_or_fail, report_or_fail, user_or_fail
from civhub.grants.errors import GrantError
from civhub.grants.imports import import_expenditure
from civhub.grants.selectors.monitor import current_grant


class Command(CivhubCommand):
    help = gettext_lazy("Import the lead applicant's subsidy expenditure from a CSV or XLSX file, all or nothing. "
                        "Importing a file twice adds nothing the second time.")

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("the CSV or XLSX file"))
        parser.add_argument("--centre", required=True, help=_("the centre's slug"))
        parser.add_argument("--as", dest="email", required=True,
                            help=_("the e-mail address of the acting user (the finance controller)"))
        parser.add_argument("--dry-run", action="store_true", help=_("check the file and write nothing"))

    def handle(self, *args, file: str, centre: str, email: str, dry_run: bool, **options):
        centre, actor = centre_or_fail(centre), user_or_fail(email)
        grant = current_grant(centre, today=timezone.localdate())
        if grant is None:
            raise CommandError(_("The centre “%(slug)s” has no grant.") % {"slug": centre.slug}, returncode=1)
        with open_or_fail(file) as handle:
            try:
                report = import_expenditure(grant=grant, actor=actor, file=handle, file_name=Path(file).name,
                                            dry_run=dry_run)
            except GrantError as error:
                raise CommandError(str(error), returncode=1) from None
        report_or_fail(self, report)
