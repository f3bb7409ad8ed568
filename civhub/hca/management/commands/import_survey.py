"""`manage.py import_survey FILE --centre SLUG --round YYYY-MM-DD --as EMAIL [--partner CODE]` (docs/formats.md §8).

A large employer's answers to a survey round, one row per occupation; all or nothing. With `--partner` the
answers are that partner's (the file's `partner` column may be left out); without it every row names its partner.
Success prints `imported N answers (M unchanged) for round YYYY`; a file with any bad row writes nothing, prints
every error to stderr and exits 1.
"""

from datetime import date
from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civhub.core.commands import CivhubCommand, centre_or_fail, open_or_fail, report_or_fail, user_or_fail
from civhub.hca.errors import HcaError
from civhub.hca.models import SurveyRound
from civhub.hca.permissions import ensure_may_answer
from civhub.hca.survey_file import import_survey
from civhub.partners.models import CofinancingGroup, Partnership


class Command(CivhubCommand):
    help = gettext_lazy("Import employers' answers to a workforce survey round from a CSV or XLSX file.")

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("the CSV or XLSX file of answers"))
        parser.add_argument("--centre", required=True, help=_("the centre's slug"))
        parser.add_argument("--round", required=True, dest="reference_date",
                            help=_("the round's reference date, YYYY-MM-DD"))
        parser.add_argument("--as", required=True, dest="email", help=_("the e-mail address of the user importing"))
        parser.add_argument("--partner", help=_("the employer partner's short code, when the file is one partner's"))

    def handle(self, *args, file: str, centre: str, reference_date: str, email: str, partner: str | None,
               **options):
        found = centre_or_fail(centre)
        actor = user_or_fail(email)
        survey_round = _round_or_fail(found, reference_date)
        partnership = _partner_or_fail(found, partner, actor) if partner else None
        with open_or_fail(file) as handle:
            result = import_survey(handle, Path(file).name, actor=actor, survey_round=survey_round,
                                   partnership=partnership)
        report_or_fail(self, result)


def _round_or_fail(centre, text: str) -> SurveyRound:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise CommandError(_("“%(value)s” is not a date; write it as YYYY-MM-DD.") % {"value": text},
                           returncode=1) from None
    found = SurveyRound.objects.filter(centre=centre, reference_date=day).first()
    if found is None:
        raise CommandError(_("The centre has no survey round with reference date %(day)s.") % {"day": text},
                           returncode=1)
    return found


def _partner_or_fail(centre, code: str, actor) -> Partnership:
    found = (Partnership.objects.filter(centre=centre, short_code=code, cofinancing_group=CofinancingGroup.EMPLOYER)
             .select_related("organisation").first())
    if found is None:
        raise CommandError(_("The centre has no employer partner “%(code)s”.") % {"code": code}, returncode=1)
    try:
        ensure_may_answer(actor, found)
    except HcaError as error:
        raise CommandError(str(error), returncode=1) from None
    return found
