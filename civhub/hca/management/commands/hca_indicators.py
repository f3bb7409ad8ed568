"""`manage.py hca_indicators FILE [--output PATH]`: the labour-market indicators of docs/formats.md §7 as CSV.

One output row per input row, in the file's order. A file with any bad row writes nothing:
every error goes to stderr and the exit status is 1.
"""

from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civhub.core.commands import CivhubCommand, open_or_fail, report_or_fail
from civhub.core.exports.csv import iter_csv, write_csv
from civhub.core.exports.tables import Table
from civhub.hca.forecast_file import read_forecasts
from civhub.hca.indicators import indicators

HEADER = ["beroep", "baanopeningen", "uitbreidingsvraag_pct", "vervangingsvraag_pct", "baanopeningen_pct",
          "uitbreidingsvraag_per_jaar_pct", "vervangingsvraag_per_jaar_pct", "baanopeningen_per_jaar_pct",
          "belang_vervangingsvraag_pct", "ita", "typering"]


class Command(CivhubCommand):
    help = gettext_lazy("Compute the labour-market indicators (job openings, shares, yearly rates, ITA) of a file "
                        "of forecasts per occupation, as CSV.")

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("the CSV or XLSX file of forecasts"))
        parser.add_argument("--output", help=_("the CSV file to write (default: standard output)"))

    def handle(self, *args, file: str, output: str | None, **options):
        with open_or_fail(file) as handle:
            result = read_forecasts(handle, Path(file).name)
        if not result.ok:
            report_or_fail(self, result)
        table = Table.from_rows([HEADER, *(_row(indicators(forecast)) for forecast in result.forecasts)],
                                sheet="indicatoren")
        if output is None:
            self.stdout.write(b"".join(iter_csv(table, excel=False)).decode(), ending="")
            return
        try:
            with Path(output).open("wb") as target:
                write_csv(table, target, excel=False)
        except OSError as error:
            raise CommandError(_("%(path)s cannot be written: %(error)s") % {"path": output, "error": error},
                               returncode=1) from None


def _row(figures) -> list:
    return [figures.occupation, figures.openings, figures.expansion_pct, figures.replacement_pct, figures.openings_pct,
            figures.expansion_per_year_pct, figures.replacement_per_year_pct, figures.openings_per_year_pct,
            figures.replacement_importance_pct, figures.ita, figures.typology]
