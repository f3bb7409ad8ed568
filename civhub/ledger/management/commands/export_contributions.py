"""`manage.py export_contributions --centre SLUG --format csv|xlsx --output PATH` (docs/formats.md §5)."""

import sys
from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civhub.core.commands import CivhubCommand, centre_or_fail, user_or_fail
from civhub.core.exports.csv import write_csv
from civhub.core.exports.xlsx import write_xlsx
from civhub.ledger.exports import LEDGER_FORMATS, ledger_table
from civhub.ledger.models import Contribution
from civhub.ledger.permissions import contributions_visible_to


class Command(CivhubCommand):
    help = gettext_lazy("Export a centre's contributions as CSV or XLSX, one row per contribution.")

    def add_arguments(self, parser):
        parser.add_argument("--centre", required=True, help=_("the centre's slug"))
        parser.add_argument("--format", dest="output_format", required=True, choices=["csv", "xlsx"])
        parser.add_argument("--output", required=True, help=_("the file to write (- for stdout, CSV)"))
        parser.add_argument("--as", dest="email",
                            help=_("export only what this user may see (default: the whole centre)"))

    def handle(self, *args, centre: str, output_format: str, output: str, email: str | None, **options):
        centre = centre_or_fail(centre)
        entries = (contributions_visible_to(user_or_fail(email), centre) if email
                   else Contribution.objects.filter(centre=centre))
        if output == "-":
            if output_format == "xlsx":
                raise CommandError(_("Write an XLSX export to a file, not to stdout."), returncode=1)
            _write(entries, output_format, sys.stdout.buffer)
            return
        try:
            with Path(output).open("wb") as handle:
                _write(entries, output_format, handle)
        except OSError as error:
            raise CommandError(_("%(path)s cannot be written: %(error)s") % {"path": output, "error": error.strerror},
                               returncode=1) from None


def _write(entries, output_format: str, handle) -> None:
    if output_format == "xlsx":
        write_xlsx([ledger_table(entries)], handle, formats=LEDGER_FORMATS)
    else:
        write_csv(ledger_table(entries), handle, excel=False)
