"""URLs of the Human Capital Agenda under /c/<slug>/arbeidsmarkt/."""

from django.urls import path

from civhub.hca.views import outputs, overview, published, schools, setup, skills, survey

app_name = "hca"
urlpatterns = [
    # The HCA page (office, steering group, practor): the chosen round (?ronde=<pk>), its charts, the ITA KPIs.
    path("", overview.overview, name="overview"),
    path("grafiek/<slug:chart>.svg", overview.overview_chart, name="overview_chart"),
    path("ronde/<int:pk>/kpis/", overview.record_kpis, name="record_kpis"),
    # Beyond the HCA page: the public page (open to all) and the report (the HCA page's readers).
    path("openbaar/", outputs.public, name="public"),
    path("rapport/xlsx/", outputs.report_xlsx, name="report_xlsx"),
    path("rapport/pdf/", outputs.report_pdf, name="report_pdf"),
    # The office's lists: occupations and programmes, skills and their coverage, published forecasts.
    path("beroepen-en-opleidingen/", setup.setup, name="setup"),
    path("beroep/nieuw/", setup.occupation_new, name="occupation_new"),
    path("beroep/<int:pk>/", setup.occupation_edit, name="occupation_edit"),
    path("opleiding/nieuw/", setup.programme_new, name="programme_new"),
    path("opleiding/<int:pk>/", setup.programme_edit, name="programme_edit"),
    path("vaardigheden/", skills.skills, name="skills"),
    path("vaardigheden/nieuw/", skills.skill_new, name="skill_new"),
    path("vaardigheden/<int:pk>/", skills.skill_edit, name="skill_edit"),
    path("dekking/", skills.coverage, name="coverage"),
    path("prognoses/", published.published, name="published"),
    path("prognoses/<int:pk>/verwijderen/", published.published_delete, name="published_delete"),
    # A school keeps its own programmes.
    path("school/<slug:code>/opleidingen/", schools.programmes, name="school_programmes"),
    path("school/<slug:code>/opleidingen/nieuw/", schools.programme_new, name="school_programme_new"),
    path("school/<slug:code>/opleidingen/<int:pk>/", schools.programme_edit, name="school_programme_edit"),
    # The workforce survey: the employer partner's pages, then the office's rounds.
    path("enquete/", survey.survey, name="survey"),
    path("enquete/sjabloon/", survey.survey_template, name="survey_template"),
    path("enquete/<slug:code>/<int:round_pk>/beroep/<int:occupation_pk>/", survey.answer, name="answer"),
    path("enquete/<slug:code>/<int:round_pk>/importeren/", survey.survey_import, name="survey_import"),
    path("rondes/", survey.rounds, name="rounds"),
    path("rondes/<int:pk>/", survey.survey_round, name="round"),
    path("rondes/<int:pk>/importeren/", survey.round_import, name="round_import"),
    path("rondes/<int:pk>/<slug:code>/beroep/<int:occupation_pk>/", survey.round_answer, name="round_answer"),
]
