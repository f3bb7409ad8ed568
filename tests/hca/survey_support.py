"""What the survey's tests share: a round open today, occupations, skills and a partner's figures."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from civhub.hca.models import Occupation, SurveyRound
from civhub.hca.services.survey import AnswerFigures
from civhub.learning.models import Skill

HEADER = ("partner;beroep;personen;fte;tot_25;25_34;35_44;45_54;55_59;60_plus;verwacht;vacatures;"
          "moeilijk_vervulbaar;pensioen;overige_uitstroom;nu: Pipetteren;over 5 jaar: Pipetteren")


def today():
    return timezone.localdate()


def make_round(centre, opened_by, *, closes_in=20, **fields) -> SurveyRound:
    return SurveyRound.objects.create(centre=centre, reference_date=fields.pop("reference_date", today()
                                                                               - timedelta(days=10)),
                                      closes_on=today() + timedelta(days=closes_in), opened_by=opened_by, **fields)


def make_occupations(centre, *names):
    return [Occupation.objects.create(centre=centre, name=name, order=index) for index, name in enumerate(names)]


def make_skills(centre, *names):
    return [Skill.objects.create(centre=centre, name=name, position=index) for index, name in enumerate(names)]


def figures(**changes) -> AnswerFigures:
    values = dict(persons=10, fte=Decimal("8.5"), age_under_25=2, age_25_34=3, age_35_44=2, age_45_54=1,
                  age_55_59=1, age_60_plus=1, expected_headcount=12, open_vacancies=2, hard_to_fill=1)
    return AnswerFigures(**(values | changes))


def csv_file(*lines: str, header: str = HEADER) -> bytes:
    return ("\n".join([header, *lines]) + "\n").encode()
