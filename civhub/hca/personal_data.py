"""The Human Capital Agenda's personal data (see core/personal_data.py): the survey's answers and who gave them
(the respondent is the user who saved the answer: erasing the user row erases the respondent's identity, the
answer stays as the employer's figures), the rounds opened and the forecasts imported."""

from django.utils.translation import gettext_lazy as _

from civhub.core import personal_data
from civhub.core.personal_data import Source, entered_by


def _hca(identity) -> list[dict]:
    return (entered_by("hca.WorkforceAnswer", ("updated_by",), "survey_round__reference_date",
                       "partnership__organisation__name", "occupation__name", "persons", "fte", "expected_headcount",
                       "open_vacancies", "hard_to_fill", "retirements", "other_leavers", "updated_at")(identity)
            + entered_by("hca.SurveyRound", ("opened_by",), "centre__slug", "reference_date", "opened_at")(identity)
            + entered_by("hca.PublishedForecast", ("imported_by",), "centre__slug", "publisher", "edition",
                         "imported_at")(identity))


personal_data.register(Source(
    name="hca.survey_answers",
    fields={"hca.WorkforceAnswer": ("updated_by",), "hca.SurveyRound": ("opened_by",),
            "hca.PublishedForecast": ("imported_by",)},
    export=_hca,
    description=_("Answers to the labour-market survey you gave, rounds you opened and forecasts you imported.")))
personal_data.impersonal("hca.Occupation", "name", reason="the name of an occupation")
personal_data.impersonal("hca.EducationProgramme", "name", reason="the name of an education programme")
personal_data.impersonal("hca.PublishedForecastRow", "name", reason="an occupation or education as published")
