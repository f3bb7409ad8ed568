"""`manage.py import_contributions FILE --centre SLUG --as EMAIL [--accepted --reference TEXT] [--dry-run]`
(docs/formats.md §2)."""

from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civhub.core.commands import CivhubCommand, centre_or_fail, open_or_fail, report_or_fail, user_or_fail
from civhub.ledger.errors import LedgerError
from civhub.ledger.imports import import_contributions


class Command(CivhubCommand):
    help = gettext_lazy("Import contributions from a CSV or XLSX file, all or nothing. "
                        "Importing a file twice adds nothing the second time.")

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("the CSV or XLSX file"))
        parser.add_argument("--centre", required=True, help=_("the centre's slug"))
        parser.add_argument("--as", dest="email", required=True, help=_("the e-mail address of the acting user"))
        parser.add_argument("--accepted", action="store_true",
                            help=_("import the rows as accepted (finance controller only; for entries approved "
                                   "before the centre used civhub): a migration, which needs --reference"))
        parser.add_argument("--reference", default="",
                            help=_("with --accepted: the evidence the entries were approved on, e.g. “getekende "
                                   "partnerverklaringen 2022-2023”"))
        parser.add_argument("--dry-run", action="store_true", help=_("check the file and write nothing"))

    def handle(self, *args, file: str, centre: str, email: str, accepted: bool, reference: str, dry_run: bool,
               **options):
        if accepted and not reference.strip():
            raise CommandError(_("--accepted is a migration: name the evidence with --reference, e.g. --reference "
                                 "\"getekende partnerverklaringen 2022-2023\"."), returncode=1)
        if reference and not accepted:
            raise CommandError(_("--reference goes with --accepted only."), returncode=1)
        centre, actor = centre_or_fail(centre), user_or_fail(email)
        self.verbosity = options["verbosity"]
        with open_or_fail(file) as handle:
            try:
                report = import_contributions(centre=centre, actor=actor, file=handle, file_name=Path(file).name,
                                              as_accepted=accepted, reference=reference, dry_run=dry_run,
                                              progress=self._progress)
            except LedgerError as error:
                raise CommandError(str(error), returncode=1) from None
        report_or_fail(self, report)

    def _progress(self, done: int, total: int) -> None:
        if self.verbosity > 1:  # -v 2 shows progress on a large file
            self.stderr.write(f"{done}/{total or '?'}")
