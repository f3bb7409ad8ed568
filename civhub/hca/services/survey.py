"""The yearly workforce survey: opening a round and saving a partner's answer.

Each service is keyword-only, takes the acting user, runs in one transaction and records an
audit event in it (architecture.md). A partner's answer can be saved again until the round
closes (save and resume); after that only the office corrects it.
"""

from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civhub.core.audit import record_event
from civhub.hca.errors import HcaError
from civhub.hca.models import AGE_BANDS, Occupation, SurveyRound, WorkforceAnswer
from civhub.hca.permissions import answers_for, ensure_may_answer, ensure_may_manage, may_manage


@dataclass(frozen=True)
class AnswerFigures:
    """What a partner says of one occupation (see WorkforceAnswer); `retirements`/`other_leavers` None: unknown."""

    persons: int
    fte: Decimal
    age_under_25: int
    age_25_34: int
    age_35_44: int
    age_45_54: int
    age_55_59: int
    age_60_plus: int
    expected_headcount: int
    open_vacancies: int = 0
    hard_to_fill: int = 0
    retirements: int | None = None
    other_leavers: int | None = None


def open_round(*, actor, centre, reference_date: date, closes_on: date, horizon_years: int = 6,
               outflow_rate: Decimal = Decimal("0.030")) -> SurveyRound:
    """Open the yearly survey: the office only, one round per reference date, closing on or after it."""
    ensure_may_manage(actor, centre)
    if closes_on < reference_date:
        raise HcaError(_("A round closes on or after its reference date."), field="closes_on")
    if not 1 <= horizon_years <= 10:
        raise HcaError(_("The horizon is 1 to 10 years."), field="horizon_years")
    with transaction.atomic():
        if SurveyRound.objects.filter(centre=centre, reference_date=reference_date).exists():
            raise HcaError(_("There is a round with this reference date already."), field="reference_date")
        survey_round = SurveyRound.objects.create(centre=centre, reference_date=reference_date, closes_on=closes_on,
                                                  horizon_years=horizon_years, outflow_rate=outflow_rate,
                                                  opened_by=actor)
        record_event(survey_round, actor=actor, action="survey_round_opened", centre=centre,
                     summary=str(survey_round), changes={"reference_date": reference_date.isoformat(),
                                                         "closes_on": closes_on.isoformat(),
                                                         "horizon_years": horizon_years})
    return survey_round


def save_answer(*, actor, survey_round: SurveyRound, partnership, occupation: Occupation,
                figures: AnswerFigures) -> WorkforceAnswer:
    """Save (or replace) the partner's figures for one occupation; refused with the field that is wrong."""
    ensure_may_answer(actor, partnership)
    if partnership.centre_id != survey_round.centre_id or occupation.centre_id != survey_round.centre_id:
        raise HcaError(_("This partner or occupation is not of the round's centre."))
    if timezone.localdate() > survey_round.closes_on and not may_manage(actor, survey_round.centre):
        raise HcaError(_("The round closed on %(day)s; ask the programme office to correct an answer.")
                       % {"day": survey_round.closes_on.strftime("%d-%m-%Y")})
    _check(figures)
    values = asdict(figures)
    with transaction.atomic():
        answer, created = WorkforceAnswer.objects.select_for_update().update_or_create(
            survey_round=survey_round, partnership=partnership, occupation=occupation,
            defaults={**values, "updated_by": actor})
        record_event(answer, actor=actor, action="workforce_answer_saved" if created else "workforce_answer_changed",
                     centre=survey_round.centre, summary=f"{survey_round} {occupation}",
                     changes={**{key: str(value) for key, value in values.items()},
                              "by_partner": answers_for(actor, partnership)})
    return answer


def _check(figures: AnswerFigures) -> None:
    for name, value in asdict(figures).items():
        if value is not None and value < 0:
            raise HcaError(_("This cannot be negative."), field=name)
    if sum(getattr(figures, band) for band in AGE_BANDS) != figures.persons:
        raise HcaError(_("The age bands must add up to the number of persons (%(persons)s).")
                       % {"persons": figures.persons}, field="persons")
    if figures.hard_to_fill > figures.open_vacancies:
        raise HcaError(_("Hard-to-fill vacancies cannot outnumber the open vacancies."), field="hard_to_fill")
