"""The yearly workforce survey: opening a round, saving a partner's answer (figures and skill ratings), and
importing a checked survey file.

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
from civhub.core.formatting import format_date
from civhub.hca.errors import HcaError
from civhub.hca.models import AGE_BANDS, Occupation, SkillRating, SurveyRound, WorkforceAnswer
from civhub.hca.permissions import answers_for, ensure_may_answer, ensure_may_manage, may_manage
from civhub.learning.models import Skill
from civhub.partners.models import Partnership


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


# skill id -> (importance now, importance in five years), each 1 to 5.
Ratings = dict[int, tuple[int, int]]


@dataclass(frozen=True)
class ImportedAnswer:
    """One checked row of a survey file (hca/survey_file.py): whose answer, for which occupation, and what."""

    partnership: Partnership
    occupation: Occupation
    figures: AnswerFigures
    ratings: Ratings


@dataclass(frozen=True)
class ImportOutcome:
    """What an import wrote: answers added or changed, and answers that were already exactly so."""

    imported: int
    unchanged: int


def save_answer(*, actor, survey_round: SurveyRound, partnership, occupation: Occupation,
                figures: AnswerFigures, ratings: Ratings | None = None) -> WorkforceAnswer:
    """Save (or replace) the partner's figures for one occupation; refused with the field that is wrong.

    `ratings` replaces the answer's skill ratings (an empty dict removes them); None leaves them as they are.
    Saving exactly what is stored writes nothing and records no event.
    """
    ensure_may_answer(actor, partnership)
    _ensure_open_for(actor, survey_round)
    _ensure_same_centre(survey_round, partnership, occupation)
    _check(figures)
    skills = _rated_skills(survey_round.centre_id, ratings)
    with transaction.atomic():
        answer, _changed = _store(actor, survey_round, partnership, occupation, figures, ratings, skills)
    return answer


def import_answers(*, actor, survey_round: SurveyRound, rows: list[ImportedAnswer]) -> ImportOutcome:
    """Write every row of a checked survey file in one transaction (all or nothing, docs/formats.md §8).

    Each row replaces that partner's answer for the occupation, audited as a change; a row equal to what is stored
    changes nothing, so the same file twice writes nothing the second time. The file was checked by
    hca/survey_file.py; a rule broken here still refuses the whole file.
    """
    _ensure_open_for(actor, survey_round)
    for row in rows:
        ensure_may_answer(actor, row.partnership)
        _ensure_same_centre(survey_round, row.partnership, row.occupation)
        _check(row.figures)
    skills = _rated_skills(survey_round.centre_id, {key: value for row in rows for key, value in row.ratings.items()})
    imported = 0
    with transaction.atomic():
        for row in rows:
            _answer, changed = _store(actor, survey_round, row.partnership, row.occupation, row.figures, row.ratings,
                                      skills)
            imported += changed
    return ImportOutcome(imported=imported, unchanged=len(rows) - imported)


def closed_message(survey_round: SurveyRound) -> str:
    """What a partner reads when it tries to change an answer after the round's closing date."""
    return (_("The round closed on %(day)s; ask the programme office to correct an answer.")
            % {"day": format_date(survey_round.closes_on)})


def _ensure_open_for(actor, survey_round: SurveyRound) -> None:
    if timezone.localdate() > survey_round.closes_on and not may_manage(actor, survey_round.centre):
        raise HcaError(closed_message(survey_round))


def _ensure_same_centre(survey_round: SurveyRound, partnership, occupation: Occupation) -> None:
    if partnership.centre_id != survey_round.centre_id or occupation.centre_id != survey_round.centre_id:
        raise HcaError(_("This partner or occupation is not of the round's centre."))


def _rated_skills(centre_id: int, ratings: Ratings | None) -> dict[int, Skill]:
    """The rated skills by id, each checked: of the centre, both importances 1 to 5."""
    if not ratings:
        return {}
    skills = Skill.objects.in_bulk([int(key) for key in ratings])
    for skill_id, pair in ratings.items():
        skill = skills.get(int(skill_id))
        if skill is None or skill.centre_id != centre_id:
            raise HcaError(_("This skill is not one of the centre's."), field=f"skill_{skill_id}")
        if len(pair) != 2 or not all(isinstance(value, int) and 1 <= value <= 5 for value in pair):
            raise HcaError(_("Rate %(skill)s from 1 to 5, now and in five years.") % {"skill": skill.name},
                           field=f"skill_{skill_id}")
    return skills


def _store(actor, survey_round, partnership, occupation, figures: AnswerFigures, ratings: Ratings | None,
           skills: dict[int, Skill]) -> tuple[WorkforceAnswer, bool]:
    """Write one answer and its ratings unless they are exactly what is stored; the audit event with it."""
    values = asdict(figures)
    answer = (WorkforceAnswer.objects.select_for_update()
              .filter(survey_round=survey_round, partnership=partnership, occupation=occupation).first())
    stored = {} if answer is None else {rating.skill_id: (rating.importance_now, rating.importance_later)
                                        for rating in answer.skill_ratings.all()}
    wanted = stored if ratings is None else {int(key): tuple(pair) for key, pair in ratings.items()}
    if answer is not None and wanted == stored and all(getattr(answer, key) == value
                                                       for key, value in values.items()):
        return answer, False
    created = answer is None
    answer = answer or WorkforceAnswer(survey_round=survey_round, partnership=partnership, occupation=occupation)
    for key, value in values.items():
        setattr(answer, key, value)
    answer.updated_by = actor
    answer.save()
    if wanted != stored:
        _replace_ratings(answer, stored, wanted)
    changes = {key: "" if value is None else str(value) for key, value in values.items()}
    if ratings is not None:
        changes["ratings"] = {skills[skill_id].name: f"{now}/{later}" for skill_id, (now, later) in wanted.items()}
    record_event(answer, actor=actor, action="workforce_answer_saved" if created else "workforce_answer_changed",
                 centre=survey_round.centre, summary=f"{survey_round} {occupation}",
                 changes={**changes, "by_partner": answers_for(actor, partnership)})
    return answer, True


def _replace_ratings(answer: WorkforceAnswer, stored: Ratings, wanted: Ratings) -> None:
    answer.skill_ratings.exclude(skill_id__in=wanted).delete()
    for skill_id, (now, later) in wanted.items():
        if stored.get(skill_id) != (now, later):
            SkillRating.objects.update_or_create(answer=answer, skill_id=skill_id,
                                                 defaults={"importance_now": now, "importance_later": later})


def _check(figures: AnswerFigures) -> None:
    for name, value in asdict(figures).items():
        if value is not None and value < 0:
            raise HcaError(_("This cannot be negative."), field=name)
    if sum(getattr(figures, band) for band in AGE_BANDS) != figures.persons:
        raise HcaError(_("The age bands must add up to the number of persons (%(persons)s).")
                       % {"persons": figures.persons}, field="persons")
    if Decimal(figures.fte) != Decimal(figures.fte).quantize(Decimal("0.1")):
        raise HcaError(_("Give the FTE with at most 1 decimal."), field="fte")
    if figures.hard_to_fill > figures.open_vacancies:
        raise HcaError(_("Hard-to-fill vacancies cannot outnumber the open vacancies."), field="hard_to_fill")
