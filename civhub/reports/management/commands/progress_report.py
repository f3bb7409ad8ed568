"""`manage.py progress_report --centre SLUG [--from YYYY-MM-DD] [--to YYYY-MM-DD] --format xlsx|pdf --output PATH`.

The progress report of reports/selectors/progress.py for a period (default: the latest grant year that
has ended). Errors as in funder_report: the output path is checked before any work starts,
and the file is written beside it and renamed into place, so a failed run leaves nothing behind.
"""

from pathlib import Path

from django.core.management.base import CommandError
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civhub.core.commands import CivhubCommand, centre_or_fail, date_or_fail, writable_or_fail, write_atomically
from civhub.grants.errors import GrantError
from civhub.reports.pdf import PDF_LANGUAGE, render_progress_pdf, write_progress_xlsx
from civhub.reports.selectors import grant_or_error
from civhub.reports.selectors.progress import Period, build_report, default_period


class Command(CivhubCommand):
    help = gettext_lazy("Write a centre's progress report (activities, milestones, KPIs per line) as XLSX or PDF.")

    def add_arguments(self, parser):
        parser.add_argument("--centre", required=True, help=_("the centre's slug"))
        parser.add_argument("--from", dest="start", help=_("first day YYYY-MM-DD"))
        parser.add_argument("--to", dest="end", help=_("last day YYYY-MM-DD"))
        parser.add_argument("--format", dest="output_format", required=True, choices=["xlsx", "pdf"])
        parser.add_argument("--output", required=True, help=_("the file to write"))

    def handle(self, *args, centre: str, start: str | None, end: str | None, output_format: str, output: str,
               **options):
        first, last = date_or_fail(start), date_or_fail(end)
        target = writable_or_fail(Path(output))
        centre = centre_or_fail(centre)
        try:
            grant = grant_or_error(centre)
        except GrantError as error:
            raise CommandError(str(error), returncode=1) from None
        default = default_period(grant, today=timezone.localdate())
        period = Period(first or default.start, last or default.end)
        if period.end < period.start:
            raise CommandError(_("The last day lies before the first day."), returncode=1)
        with translation.override(PDF_LANGUAGE):  # line names and labels are texts in the file
            report = build_report(centre, period)
            write_atomically(target, lambda handle: _write(report, output_format, handle))
        self.stdout.write(_("wrote the progress report of %(centre)s (%(format)s, %(start)s to %(end)s) to %(path)s")
                          % {"centre": centre.slug, "format": output_format.upper(), "start": period.start.isoformat(),
                             "end": period.end.isoformat(), "path": target})



def _write(report, output_format: str, handle) -> None:
    if output_format == "xlsx":
        write_progress_xlsx(report, handle)
    else:
        handle.write(render_progress_pdf(report))
