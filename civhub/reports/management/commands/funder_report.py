"""`manage.py funder_report --centre SLUG [--year YYYY] [--as-of YYYY-MM-DD] --format xlsx|pdf --output PATH`.

The funder pack of docs/formats.md §6: the monitor's figures as of a date (default today), for
the whole grant or one year. The output path is checked before any work starts, and the
pack is written to a temporary file beside it that is renamed into place at the end, so a
failed run never leaves half a file behind.
"""

from pathlib import Path

from django.core.management.base import CommandError
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civhub.core.commands import CivhubCommand, centre_or_fail, date_or_fail, writable_or_fail, write_atomically
from civhub.grants.errors import GrantError
from civhub.grants.selectors.monitor import monitor
from civhub.reports.funder import write_funder_xlsx
from civhub.reports.pdf import PDF_LANGUAGE, render_funder_pdf
from civhub.reports.selectors import check_year, grant_or_error


class Command(CivhubCommand):
    help = gettext_lazy("Write a centre's funder pack (the monitor's figures) as XLSX or PDF.")

    def add_arguments(self, parser):
        parser.add_argument("--centre", required=True, help=_("the centre's slug"))
        parser.add_argument("--year", type=int, help=_("only this year of the grant"))
        parser.add_argument("--as-of", dest="as_of", help=_("reference date YYYY-MM-DD (default: today)"))
        parser.add_argument("--format", dest="output_format", required=True, choices=["xlsx", "pdf"])
        parser.add_argument("--output", required=True, help=_("the file to write"))

    def handle(self, *args, centre: str, year: int | None, as_of: str | None, output_format: str, output: str,
               **options):
        reference_date = date_or_fail(as_of) or timezone.localdate()
        target = writable_or_fail(Path(output))
        centre = centre_or_fail(centre)
        try:
            grant = grant_or_error(centre)
            check_year(grant, year)
        except GrantError as error:
            raise CommandError(str(error), returncode=1) from None
        with translation.override(PDF_LANGUAGE):  # the monitor's warnings and line names are texts in the PDF
            figures = monitor(grant, as_of=reference_date, year=year)
        write_atomically(target, lambda handle: _write(figures, output_format, handle))
        self.stdout.write(_("wrote the funder pack of %(centre)s (%(format)s, %(scope)s, as of %(date)s) to %(path)s")
                          % {"centre": centre.slug, "format": output_format.upper(), "date": reference_date.isoformat(),
                             "scope": year if year is not None else _("whole grant"), "path": target})



def _write(figures, output_format: str, handle) -> None:
    if output_format == "xlsx":
        write_funder_xlsx(figures, handle)
    else:
        handle.write(render_funder_pdf(figures))
