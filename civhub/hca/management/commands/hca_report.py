"""`manage.py hca_report --centre SLUG --format xlsx|pdf --output PATH [--round YYYY-MM-DD]`.

The HCA report (hca/report.py) of a survey round, by its reference date (default: the newest): the
labour-market part of a funding application, published cells only. The output path is checked before any
work starts, and the file is written beside it and renamed into place, so a failed run leaves nothing behind.
"""

from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civhub.core.commands import CivhubCommand, centre_or_fail, date_or_fail, writable_or_fail, write_atomically
from civhub.hca.errors import HcaError
from civhub.hca.report import build_report, render_report_pdf, write_report_xlsx


class Command(CivhubCommand):
    help = gettext_lazy("Write a centre's HCA report (the labour-market forecast, published cells only) as XLSX "
                        "or PDF.")

    def add_arguments(self, parser):
        parser.add_argument("--centre", required=True, help=_("the centre's slug"))
        parser.add_argument("--format", dest="output_format", required=True, choices=["xlsx", "pdf"])
        parser.add_argument("--output", required=True, help=_("the file to write"))
        parser.add_argument("--round", dest="reference_date",
                            help=_("the survey round's reference date YYYY-MM-DD (default: the newest round)"))

    def handle(self, *args, centre: str, output_format: str, output: str, reference_date: str | None, **options):
        reference = date_or_fail(reference_date)
        target = writable_or_fail(Path(output))
        centre = centre_or_fail(centre)
        try:
            report = build_report(centre, reference_date=reference)
        except HcaError as error:
            raise CommandError(str(error), returncode=1) from None
        write_atomically(target, lambda handle: _write(report, output_format, handle))
        self.stdout.write(_("wrote the HCA report of %(centre)s (%(format)s, round %(date)s) to %(path)s") % {
            "centre": centre.slug, "format": output_format.upper(),
            "date": report.survey_round.reference_date.isoformat(), "path": target})



def _write(report, output_format: str, handle) -> None:
    if output_format == "xlsx":
        write_report_xlsx(report, handle)
    else:
        handle.write(render_report_pdf(report))
