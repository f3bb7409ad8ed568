"""Read queries of the workforce survey: a partner's own rounds and answers, the office's rounds and who answered.

A partner's page reads only that partner's answers (hca/permissions.py); the office's pages read every employer
partner's. Each selector is a constant number of queries however many partners, occupations and rounds there are.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Count, Q
from django.utils import timezone

from civhub.hca.models import Occupation, SkillRating, SurveyRound, WorkforceAnswer
from civhub.learning.models import Skill
from civhub.partners.models import CofinancingGroup, Partnership


def is_open(survey_round: SurveyRound, today: date | None = None) -> bool:
    """Whether partners may still answer: until and including the closing date."""
    return (today or timezone.localdate()) <= survey_round.closes_on


def employer_partners(centre, survey_round: SurveyRound | None = None):
    """The partners asked to answer: the centre's active employer partners, and any that answered `survey_round`."""
    wanted = Q(status=Partnership.Status.ACTIVE)
    if survey_round is not None:
        wanted |= Q(workforce_answers__survey_round=survey_round)
    return (Partnership.objects.filter(wanted, centre=centre, cofinancing_group=CofinancingGroup.EMPLOYER)
            .select_related("organisation").distinct().order_by("organisation__name"))


@dataclass(frozen=True)
class OccupationStatus:
    """One occupation in a partner's round: its answer (None: not answered yet)."""

    occupation: Occupation
    answer: WorkforceAnswer | None


@dataclass(frozen=True)
class PartnerRound:
    """A round as one partner sees it: open or closed, and per occupation whether it answered."""

    survey_round: SurveyRound
    open: bool
    occupations: list[OccupationStatus]

    @property
    def answered(self) -> int:
        return sum(status.answer is not None for status in self.occupations)

    @property
    def complete(self) -> bool:
        return self.answered == len(self.occupations)


def partner_rounds(partnership: Partnership) -> list[PartnerRound]:
    """Every survey round of the partner's centre, newest first, with the partner's own answers (three queries)."""
    rounds = list(SurveyRound.objects.filter(centre_id=partnership.centre_id))
    occupations = list(Occupation.objects.filter(centre_id=partnership.centre_id))
    answers = {(answer.survey_round_id, answer.occupation_id): answer
               for answer in WorkforceAnswer.objects.filter(partnership=partnership, survey_round__in=rounds)}
    today = timezone.localdate()
    return [PartnerRound(survey_round, is_open(survey_round, today),
                         [OccupationStatus(occupation, answers.get((survey_round.pk, occupation.pk)))
                          for occupation in occupations])
            for survey_round in rounds]


@dataclass(frozen=True)
class OpenRound:
    """The round a partner can answer now, and how many of the centre's occupations it answered in it."""

    survey_round: SurveyRound
    answered: int
    occupations: int


def open_round_of(partnership: Partnership) -> OpenRound | None:
    """The newest round of the partner's centre still open today, with the partner's progress (three queries);
    None when no round is open."""
    survey_round = (SurveyRound.objects.filter(centre_id=partnership.centre_id, closes_on__gte=timezone.localdate())
                    .order_by("-reference_date").first())
    if survey_round is None:
        return None
    answered = (WorkforceAnswer.objects.filter(survey_round=survey_round, partnership=partnership)
                .values("occupation_id").distinct().count())
    return OpenRound(survey_round, answered, Occupation.objects.filter(centre_id=partnership.centre_id).count())


def centre_skills(centre_id: int) -> list[Skill]:
    return list(Skill.objects.filter(centre_id=centre_id))


def stored_ratings(answer: WorkforceAnswer | None) -> dict[int, tuple[int, int]]:
    """An answer's skill ratings as skill id → (now, in five years)."""
    if answer is None:
        return {}
    return {rating.skill_id: (rating.importance_now, rating.importance_later)
            for rating in SkillRating.objects.filter(answer=answer)}


def rounds_overview(centre) -> list[SurveyRound]:
    """The centre's rounds, newest first, each with how many partners answered and how many answers (one query)."""
    return list(SurveyRound.objects.filter(centre=centre).select_related("opened_by")
                .annotate(partner_count=Count("answers__partnership", distinct=True),
                          answer_count=Count("answers")))


@dataclass(frozen=True)
class AnswerCell:
    """Whether one partner answered one occupation: when it was last saved and by whom."""

    occupation: Occupation
    answer: WorkforceAnswer | None


@dataclass
class PartnerRow:
    """One employer partner in the office's "who answered": a cell per occupation."""

    partnership: Partnership
    cells: list[AnswerCell]

    @property
    def answered(self) -> int:
        return sum(cell.answer is not None for cell in self.cells)

    @property
    def last_saved(self) -> datetime | None:
        moments = [cell.answer.updated_at for cell in self.cells if cell.answer is not None]
        return max(moments) if moments else None

    @property
    def last_saved_by(self):
        latest = max((cell.answer for cell in self.cells if cell.answer is not None),
                     key=lambda answer: answer.updated_at, default=None)
        return latest.updated_by if latest else None


@dataclass
class WhoAnswered:
    """The office's view of a round: every employer partner, per occupation answered or not, and the counts."""

    survey_round: SurveyRound
    occupations: list[Occupation]
    partners: list[PartnerRow]
    answers_per_occupation: list[int] = field(default_factory=list)

    @property
    def complete_partners(self) -> int:
        return sum(row.answered == len(self.occupations) and bool(self.occupations) for row in self.partners)

    @property
    def answering_partners(self) -> int:
        return sum(row.answered > 0 for row in self.partners)


def who_answered(survey_round: SurveyRound) -> WhoAnswered:
    """Every employer partner × occupation of the round: answered or not, last saved and by whom (three queries)."""
    partners = list(employer_partners(survey_round.centre, survey_round))
    occupations = list(Occupation.objects.filter(centre_id=survey_round.centre_id))
    answers = {(answer.partnership_id, answer.occupation_id): answer
               for answer in WorkforceAnswer.objects.filter(survey_round=survey_round).select_related("updated_by")}
    rows = [PartnerRow(partnership, [AnswerCell(occupation, answers.get((partnership.pk, occupation.pk)))
                                     for occupation in occupations])
            for partnership in partners]
    per_occupation = [sum(row.cells[index].answer is not None for row in rows) for index in range(len(occupations))]
    return WhoAnswered(survey_round, occupations, rows, per_occupation)


def partners_still_to_answer(survey_round: SurveyRound) -> list[tuple[Partnership, list[Occupation]]]:
    """The employer partners that have not answered every occupation of the round, with the occupations missing."""
    overview = who_answered(survey_round)
    return [(row.partnership, [cell.occupation for cell in row.cells if cell.answer is None])
            for row in overview.partners
            if row.partnership.status == Partnership.Status.ACTIVE and row.answered < len(overview.occupations)]
