"""`manage.py import_published_forecast FILE --centre SLUG --as EMAIL --publisher TEXT --edition TEXT --region TEXT
--years YYYY-YYYY [--source URL] [--typology SPEC]`: a published regional forecast as its publisher printed it
(docs/formats.md §9).

All or nothing: a file with any bad row writes nothing, every error goes to stderr and the exit status is 1.
Importing an edition and region again replaces its rows. Success prints `imported N rows of EDITION (REGION)`.
"""

import re
from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civhub.core.commands import CivhubCommand, centre_or_fail, open_or_fail, report_or_fail, user_or_fail
from civhub.hca.errors import HcaError
from civhub.hca.published_file import parse_typology
from civhub.hca.services.published import PublishedImportError, import_published_forecast

YEARS = re.compile(r"(\d{4})-(\d{4})")


class Command(CivhubCommand):
    help = gettext_lazy("Import a published regional forecast (per occupation or education) as its publisher "
                        "printed it; importing an edition and region again replaces its rows.")

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("the CSV or XLSX file of the published forecast"))
        parser.add_argument("--centre", required=True, help=_("the centre's slug"))
        parser.add_argument("--as", dest="actor", required=True, help=_("the e-mail address of the acting user"))
        parser.add_argument("--publisher", required=True, help=_("who published it, e.g. ROA"))
        parser.add_argument("--edition", required=True, help=_("the edition's title"))
        parser.add_argument("--region", required=True, help=_("the region it covers"))
        parser.add_argument("--years", required=True, help=_("the forecast's period, YYYY-YYYY"))
        parser.add_argument("--source", default="", help=_("the web address of the publication"))
        parser.add_argument("--typology", help=_("the edition's ITA typology, e.g. "
                                                 "0.85:zeer goed,1.00:goed,1.05:redelijk,1.15:matig,slecht"))

    def handle(self, *args, file: str, centre: str, actor: str, years: str, typology: str | None, **options):
        centre, user = centre_or_fail(centre), user_or_fail(actor)
        first_year, last_year = _years(years)
        try:
            stored_typology = parse_typology(typology) if typology is not None else None
        except ValueError as error:
            raise CommandError(str(error), returncode=1) from None
        with open_or_fail(file) as handle:
            content = handle.read()
        try:
            forecast = import_published_forecast(
                actor=user, centre=centre, file_name=Path(file).name, content=content,
                publisher=options["publisher"], edition=options["edition"], region=options["region"],
                first_year=first_year, last_year=last_year, source_url=options["source"], typology=stored_typology)
        except PublishedImportError as error:
            report_or_fail(self, error.report)
        except HcaError as error:
            raise CommandError(str(error), returncode=1) from None
        else:
            # Fixed English: scripts read this line (docs/formats.md §9).
            self.stdout.write(f"imported {forecast.rows.count()} rows of {forecast.edition} ({forecast.region})")


def _years(text: str) -> tuple[int, int]:
    match = YEARS.fullmatch(text.strip())
    if not match or int(match.group(1)) > int(match.group(2)):
        raise CommandError(_("--years is the period as YYYY-YYYY, the first year not after the last."),
                           returncode=1)
    return int(match.group(1)), int(match.group(2))
